//! Apache Flink as the simulator's engine (`server simulate --flink-rest URL --obs-root DIR`): where
//! OBS lives on disk, the run request a job's settings make, Flink's REST API, and what Flink says
//! in DLI's words. Nothing here knows the simulator's jobs; `sim::engine` drives the runs.

mod outcome;
mod paths;
mod request;
mod rest;

pub use outcome::{Progress, progress};
pub use paths::ObsRoot;
pub use request::plan;
pub use rest::{FlinkRest, RestError};

/// A real Flink that runs the simulator's jobs, and the folder that plays OBS for it.
#[derive(Debug, Clone)]
pub struct FlinkBackend {
    /// Flink's REST endpoint, e.g. `http://127.0.0.1:8081`; its web dashboard is there too.
    pub rest_url: String,
    pub obs: ObsRoot,
}

impl FlinkBackend {
    /// The job `flink_job_id` in Flink's dashboard: under running or completed jobs.
    pub fn dashboard_url(&self, flink_job_id: &str, running: bool) -> String {
        let list = if running { "running" } else { "completed" };
        let base = self.rest_url.trim_end_matches('/');
        format!("{base}/#/job/{list}/{flink_job_id}/overview")
    }
}

//! Runs on a real Flink (`SimConfig::flink`): a run of a simulated job is planned, uploaded and
//! run there, then watched until it ends; a stop cancels it or stops it with a savepoint. Each
//! step is written to the job under the lock (never held across a call to Flink), tagged with
//! the run it belongs to, so a late answer about an earlier run changes nothing.

use super::{
    flink::{self, FlinkBackend, FlinkRest, Progress},
    job::SimJob,
    state::{Sim, now_ms},
};
use std::{path::Path, time::Duration};

/// How often a running job's state is read from Flink.
const WATCH_INTERVAL: Duration = Duration::from_millis(250);
/// Reads of a job's state that may fail in a row (Flink restarting, a slow answer) before the
/// job counts as lost.
const WATCH_FAILURES: u32 = 40;

/// Submits the latest run of job `job_id` to Flink and watches it, in the background.
pub fn run(sim: &Sim, job_id: i64) {
    if sim.flink().is_some() {
        tokio::spawn(submit_and_watch(sim.clone(), job_id));
    }
}

/// Carries out the stop just made of job `job_id` on Flink, in the background.
pub fn stop(sim: &Sim, job_id: i64, savepoint: bool) {
    if sim.flink().is_some() {
        tokio::spawn(stop_on_flink(sim.clone(), job_id, savepoint));
    }
}

/// What a task needs to know of the job: its run, settings and the savepoint to start from.
struct RunOrder {
    run: u64,
    settings: crate::CreateFlinkJarJobRequest,
    savepoint: Option<String>,
}

async fn submit_and_watch(sim: Sim, job_id: i64) {
    let Some((backend, rest)) = sim.flink() else {
        return;
    };
    let (backend, rest) = (backend.clone(), rest.clone());
    let order = {
        let jobs = sim.jobs();
        let Some(job) = jobs.get(job_id) else { return };
        RunOrder {
            run: job.lifecycle.run_number(),
            settings: job.settings.clone(),
            savepoint: job
                .lifecycle
                .savepoints()
                .resumed_from()
                .and_then(|saved| saved.location.clone()),
        }
    };
    let flink_job_id = match submit(&backend, &rest, &order).await {
        Ok(flink_job_id) => flink_job_id,
        Err(reason) => {
            tracing::info!(job_id, %reason, "simulator: Flink did not take the run");
            return ended(&sim, job_id, order.run, "job_submit_fail", reason);
        }
    };
    tracing::info!(job_id, flink_job_id, "simulator: the run is on Flink");
    let stopping = {
        let mut jobs = sim.jobs();
        match jobs.get_mut(job_id) {
            Some(job) if job.lifecycle.run_number() == order.run => {
                job.flink_job_id = Some(flink_job_id.clone());
                job.status(now_ms()).name == "job_canceling"
            }
            // Deleted, or run again meanwhile: this Flink job belongs to nobody.
            _ => true,
        }
    };
    // A stop that came while Flink was taking the run could not cancel it then.
    if stopping && let Err(error) = rest.cancel(&flink_job_id).await {
        tracing::warn!(job_id, %error, "simulator: cannot cancel a run stopped while submitting");
    }
    watch(&sim, &rest, job_id, order.run, &flink_job_id).await;
}

/// Uploads the job's JAR and runs it; Flink's job id, or why DLI would call it `job_submit_fail`.
async fn submit(
    backend: &FlinkBackend,
    rest: &FlinkRest,
    order: &RunOrder,
) -> Result<String, String> {
    let savepoint = match &order.savepoint {
        Some(location) => Some(backend.obs.local(location)?),
        None => None,
    };
    let plan = flink::plan(&order.settings, &backend.obs, savepoint)?;
    let jar_id = rest.upload(&plan.jar).await.map_err(|e| e.0)?;
    let ran = rest.run(&jar_id, &plan.run).await;
    // The job keeps its own copy; the upload folder should not fill up with one per run.
    if let Err(error) = rest.delete_jar(&jar_id).await {
        tracing::debug!(%error, "simulator: cannot delete an uploaded JAR");
    }
    ran.map_err(|e| e.0)
}

/// Follows the Flink job until it ends (or the run is no longer the job's latest).
async fn watch(sim: &Sim, rest: &FlinkRest, job_id: i64, run: u64, flink_job_id: &str) {
    let mut failures = 0;
    loop {
        let progress = match rest.state(flink_job_id).await {
            Ok((state, tasks_running)) => flink::progress(&state, tasks_running),
            Err(error) if failures < WATCH_FAILURES => {
                failures += 1;
                tracing::debug!(job_id, %error, "simulator: cannot read the Flink job's state");
                tokio::time::sleep(WATCH_INTERVAL).await;
                continue;
            }
            Err(error) => return ended(sim, job_id, run, "job_running_exception", error.0),
        };
        failures = 0;
        let status = {
            let mut jobs = sim.jobs();
            let Some(job) = jobs
                .get_mut(job_id)
                .filter(|job| job.lifecycle.run_number() == run)
            else {
                return;
            };
            if progress == Progress::Running {
                job.lifecycle.flink_running(run, now_ms());
            }
            job.status(now_ms()).name
        };
        match progress {
            // A stop with a savepoint ends the job; `stop_on_flink` records where it saved.
            Progress::Ended(_) if status == "job_savepointing" => return,
            Progress::Ended(name) => {
                let desc = match name {
                    "job_running_exception" => rest.root_exception(flink_job_id).await,
                    _ => Ok(None),
                };
                let desc = desc.ok().flatten().unwrap_or_default();
                return ended(sim, job_id, run, name, desc);
            }
            Progress::Submitting | Progress::Running => tokio::time::sleep(WATCH_INTERVAL).await,
        }
    }
}

/// Cancels the Flink job of a job deleted while it ran, in the background.
pub fn deleted(sim: &Sim, job: &SimJob) {
    let (Some((_, rest)), Some(flink_job_id)) = (sim.flink(), job.flink_job_id.clone()) else {
        return;
    };
    if job.is_running(now_ms()) {
        let rest = rest.clone();
        tokio::spawn(async move {
            if let Err(error) = rest.cancel(&flink_job_id).await {
                tracing::warn!(%error, "simulator: cannot cancel the Flink job of a deleted job");
            }
        });
    }
}

fn ended(sim: &Sim, job_id: i64, run: u64, name: &'static str, desc: String) {
    if let Some(job) = sim.jobs().get_mut(job_id) {
        job.lifecycle.flink_ended(run, now_ms(), name, desc);
    }
}

async fn stop_on_flink(sim: Sim, job_id: i64, savepoint: bool) {
    let Some((backend, rest)) = sim.flink() else {
        return;
    };
    let (backend, rest) = (backend.clone(), rest.clone());
    let (run, flink_job_id) = {
        let jobs = sim.jobs();
        let Some(job) = jobs.get(job_id) else { return };
        // Still submitting: `submit_and_watch` cancels the job once Flink has taken it.
        let Some(flink_job_id) = job.flink_job_id.clone() else {
            return;
        };
        (job.lifecycle.run_number(), flink_job_id)
    };
    let project_id = &sim.config().project_id;
    let outcome = if savepoint {
        let directory = backend.obs.dir().join("savepoints").join(project_id);
        let directory = directory.join(job_id.to_string());
        rest.stop_with_savepoint(&flink_job_id, &directory)
            .await
            .map(|location| {
                Some(
                    backend
                        .obs
                        .obs_path(Path::new(&location))
                        .unwrap_or(location),
                )
            })
    } else {
        // The watcher sees CANCELED and ends the stop.
        rest.cancel(&flink_job_id).await.map(|()| None)
    };
    let still_running = match &outcome {
        Ok(_) => false,
        Err(error) => {
            tracing::warn!(job_id, %error, "simulator: Flink did not stop the job");
            let (state, running) = rest.state(&flink_job_id).await.unwrap_or_default();
            !matches!(flink::progress(&state, running), Progress::Ended(_))
        }
    };
    let mut jobs = sim.jobs();
    let Some(job) = jobs.get_mut(job_id) else {
        return;
    };
    match outcome {
        Ok(None) => {}
        Ok(Some(location)) => job.lifecycle.flink_stopped(run, now_ms(), Some(location)),
        Err(_) if still_running => job.lifecycle.flink_stop_refused(run, now_ms()),
        Err(_) => job.lifecycle.flink_stopped(run, now_ms(), None),
    }
}

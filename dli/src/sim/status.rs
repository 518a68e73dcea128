//! The words of a simulated job's status: the status at one moment, the statuses DLI reaches on
//! its own (which `/_sim` can put a job into) with the status each follows, and those a run can
//! start from.

use serde::Deserialize;

/// The status at one moment, with when it began and when the job last reached `job_running`.
#[derive(Debug, PartialEq)]
pub struct Status {
    pub name: &'static str,
    pub since_ms: i64,
    pub started_ms: Option<i64>,
}

/// The statuses DLI reaches on its own, which `/_sim` can put a job into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ForcedStatus {
    #[serde(rename = "job_submit_fail")]
    SubmitFail,
    #[serde(rename = "job_running_exception")]
    RunningException,
    #[serde(rename = "job_finish")]
    Finish,
}

impl ForcedStatus {
    pub fn name(self) -> &'static str {
        match self {
            Self::SubmitFail => "job_submit_fail",
            Self::RunningException => "job_running_exception",
            Self::Finish => "job_finish",
        }
    }

    /// A submission fails while the job is submitted; a job fails or finishes while it runs.
    pub fn follows(self) -> &'static str {
        match self {
            Self::SubmitFail => "job_submitting",
            Self::RunningException | Self::Finish => "job_running",
        }
    }
}

/// Where a run can start from: a draft, and every status in which nothing runs.
pub const STARTABLE: [&str; 5] = [
    "job_init",
    "job_cancel_success",
    "job_submit_fail",
    "job_running_exception",
    "job_finish",
];

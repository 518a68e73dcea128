//! A job's life after its create as the pages, the REST API and the services exchange it: its
//! updates and their steps, its versions, the audit trail's events and a batch's results.

use crate::domain::FieldChange;
use serde::{Deserialize, Serialize};

/// An update of a job: what it changes, how it reaches a running job, and where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpdateView {
    pub id: i64,
    pub job_id: i64,
    /// `update` or `rollback`.
    pub action: String,
    pub actor: String,
    pub created_at_ms: i64,
    /// `direct` (one update call), `restart` or `restart_from_savepoint` (stop, update, start).
    pub mode: String,
    /// `stop`, `update`, `start` (under way), `done` or `failed`.
    pub step: String,
    /// The DLI fields it changes.
    pub changed: Vec<String>,
    /// The version it was made over, and the one it made once DLI accepted it.
    pub base_version: i64,
    pub version: Option<i64>,
    /// Where it is and, when it failed, where it stopped, what state the job is in and why.
    pub message: Option<String>,
    pub updated_at_ms: i64,
}

impl UpdateView {
    pub fn is_over(&self) -> bool {
        matches!(self.step.as_str(), "done" | "failed")
    }
}

/// One version of a job's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionView {
    pub version: i64,
    pub at_ms: i64,
    pub actor: String,
    /// `create`, `update` or `rollback`.
    pub action: String,
    /// The job's settings from this version on, as DLI's create body.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub settings: serde_json::Value,
    /// The exact bytes sent to DLI.
    pub request_body: String,
    pub dli_request_id: Option<String>,
    pub message: Option<String>,
}

/// What changed between two versions, field by field in the form's labels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from: i64,
    pub to: i64,
    pub changes: Vec<FieldChange>,
}

/// One action on a job, as the audit trail keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventView {
    pub job_id: i64,
    /// The job's name (in the team's activity log).
    pub job_name: Option<String>,
    pub at_ms: i64,
    pub actor: String,
    /// `create`, `update`, `rollback`, `start`, `stop`, `delete`, `reconcile`.
    pub action: String,
    /// What was asked beyond the action itself.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub detail: Option<serde_json::Value>,
    /// `ok`, `failed` or `unknown` (DLI's answer never came).
    pub outcome: String,
    pub dli_request_id: Option<String>,
    pub error_kind: Option<String>,
    pub error_code: Option<String>,
    pub message: Option<String>,
}

/// One page of the team's activity, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventPage {
    pub events: Vec<EventView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// The filters of the activity log, as its URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityFilters {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub job: Option<i64>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// How one job of a batch went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchResult {
    pub id: i64,
    pub ok: bool,
    /// Why not, when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A batch's results, one per job asked, in the order asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchResults {
    pub results: Vec<BatchResult>,
}

/// What to do when the job runs and a change needs a restart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum WhenRunning {
    /// Change nothing: a 409 names the fields that need a restart.
    #[default]
    Refuse,
    /// Stop the job, update it, start it again from scratch.
    Restart,
    /// Stop the job with a savepoint, update it, start it from that savepoint.
    RestartFromSavepoint,
}

impl WhenRunning {
    /// Its name on the wire and in a form's `<select>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Refuse => "refuse",
            Self::Restart => "restart",
            Self::RestartFromSavepoint => "restart_from_savepoint",
        }
    }
}

/// What one batch does to every job it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum BatchAction {
    Start,
    Stop,
    Delete,
}

impl BatchAction {
    pub const ALL: [BatchAction; 3] = [Self::Start, Self::Stop, Self::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Stop => "stop",
            Self::Delete => "delete",
        }
    }

    pub fn parse(text: &str) -> Option<BatchAction> {
        Self::ALL.into_iter().find(|action| action.as_str() == text)
    }
}

/// A job's versions and events for its page, and the key its next update or rollback is sent
/// under (a fresh one each time the page reads it, so a repeat of one click stays one request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobLife {
    /// Oldest first.
    pub versions: Vec<VersionView>,
    /// Oldest first.
    pub events: Vec<EventView>,
    pub next_key: String,
}

/// The job an edit form updates: the version it starts from, whose settings the update body is
/// computed against, and whether the job runs (a change may then need a restart).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditTarget {
    pub job_id: i64,
    pub version: i64,
    /// That version's settings, as DLI's create body.
    pub settings: String,
    pub running: bool,
}

/// A batch as its page shows it: the jobs it names (to confirm), and once done how each went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchDraft {
    pub action: BatchAction,
    /// The jobs asked for that the history holds, in the order asked.
    pub jobs: Vec<super::JobSummary>,
    pub trigger_savepoint: bool,
    pub resume_savepoint: bool,
    /// Set once the batch ran.
    pub results: Option<BatchResults>,
    /// Why the batch as a whole was refused.
    pub problem: Option<crate::error::AppError>,
}

#[cfg(test)]
mod tests {
    use super::WhenRunning;

    #[test]
    fn a_when_running_choice_is_named_in_a_select_as_on_the_wire() {
        for choice in [
            WhenRunning::Refuse,
            WhenRunning::Restart,
            WhenRunning::RestartFromSavepoint,
        ] {
            let wire = serde_json::to_string(&choice).expect("an enum serializes");
            assert_eq!(wire, format!("\"{}\"", choice.as_str()));
        }
    }
}

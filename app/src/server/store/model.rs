//! The history's records as the rest of the server sees them: a create attempt, its outcome,
//! its last error and status changes, the shapes of a list query and its page, and the events
//! of the audit trail.

use std::{fmt, str::FromStr};

/// What became of a create attempt. Allowed moves: `pending` to any other; `unknown` (DLI's
/// answer never came) to `created` or `failed` once reconciled; `failed` back to `pending` when a
/// repeat of the same request tries again (the earlier try provably made nothing); `created` is
/// final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Written before DLI is called.
    Pending,
    /// DLI answered with a job id.
    Created,
    /// DLI refused the job; nothing was created.
    Failed,
    /// No answer (timeout, dropped connection, crash): DLI may or may not have the job.
    Unknown,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Self::Pending, Self::Created, Self::Failed, Self::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Created => "created",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not an outcome")]
pub struct NotAnOutcome(String);

impl FromStr for Outcome {
    type Err = NotAnOutcome;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == text)
            .ok_or_else(|| NotAnOutcome(text.to_owned()))
    }
}

impl TryFrom<String> for Outcome {
    type Error = NotAnOutcome;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// An error kept with a record: the kind the service chose, DLI's code if any, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedError {
    pub kind: String,
    pub code: Option<String>,
    pub message: String,
}

/// A create attempt as it is written before DLI is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttempt {
    /// From the form; a repeated submission with the same key finds the first record.
    pub idempotency_key: String,
    pub created_at_ms: i64,
    /// The person's identity, or "anonymous".
    pub created_by: String,
    pub name: String,
    pub queue_name: Option<String>,
    pub start_requested: bool,
    /// The exact bytes sent to DLI.
    pub request_body: String,
    /// From when the attempt may be reconciled if it is still pending (its instance died).
    pub reconcile_after_ms: i64,
}

/// One job of the history. Times are milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub id: i64,
    pub created_at_ms: i64,
    pub created_by: String,
    pub idempotency_key: String,
    pub name: String,
    pub queue_name: Option<String>,
    pub start_requested: bool,
    pub request_body: String,
    pub dli_job_id: Option<i64>,
    /// DLI's status name, e.g. `job_running`.
    pub status: Option<String>,
    pub status_desc: Option<String>,
    pub outcome: Outcome,
    /// The error of the create, or of the last action (start, stop, delete) that failed.
    pub last_error: Option<RecordedError>,
    /// Last change of the outcome or of DLI's status.
    pub updated_at_ms: i64,
    /// When the job was deleted on DLI through the portal.
    pub deleted_at_ms: Option<i64>,
    /// When the poller should look at the job next; none means as soon as it can.
    pub next_poll_at_ms: Option<i64>,
    /// When the create was last sent to DLI (a retried attempt is sent again).
    pub attempted_at_ms: i64,
    /// While pending or unknown: from when reconciliation may decide the outcome.
    pub reconcile_after_ms: Option<i64>,
    /// Whether DLI last said the job has a savepoint to start from.
    pub has_savepoint: Option<bool>,
}

/// What `insert_attempt` found: a new record, or the one an earlier use of the key made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    New(JobRecord),
    Existing(JobRecord),
}

/// One entry of a job's status timeline.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatusChange {
    pub status: String,
    pub status_desc: Option<String>,
    pub changed_at_ms: i64,
}

/// The status filter of the history page: one of DLI's statuses, or one of our outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusFilter {
    Dli(String),
    Outcome(Outcome),
    /// The statuses of a group, and the outcomes of creates without a status that count in it.
    Group(crate::domain::StatusGroup),
}

/// The history's jobs counted by what its summary groups them on.
pub struct StatusCounts {
    /// `(status, count)` for jobs with a DLI status.
    pub by_status: Vec<(String, i64)>,
    /// `(outcome, count)` for jobs without one.
    pub by_outcome: Vec<(String, i64)>,
}

/// A request for one page of the history, newest first. Blank filters are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub status: Option<StatusFilter>,
    pub queue_name: Option<String>,
    pub created_by: Option<String>,
    /// Case-insensitive substring of the job name.
    pub name_contains: Option<String>,
    /// `Page::next_cursor` of the previous page; none for the first page.
    pub cursor: Option<String>,
    pub page_size: u32,
}

impl ListQuery {
    pub const DEFAULT_PAGE_SIZE: u32 = 50;
    pub const MAX_PAGE_SIZE: u32 = 500;
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            status: None,
            queue_name: None,
            created_by: None,
            name_contains: None,
            cursor: None,
            page_size: Self::DEFAULT_PAGE_SIZE,
        }
    }
}

/// One page of the history; `next_cursor` is safe to put in a URL and is none on the last page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub records: Vec<JobRecord>,
    pub next_cursor: Option<String>,
}

/// The `jobs` table's row; the three error columns become `JobRecord::last_error`.
#[derive(sqlx::FromRow)]
pub(super) struct JobRow {
    id: i64,
    created_at_ms: i64,
    created_by: String,
    idempotency_key: String,
    name: String,
    queue_name: Option<String>,
    start_requested: bool,
    request_body: String,
    dli_job_id: Option<i64>,
    status: Option<String>,
    status_desc: Option<String>,
    #[sqlx(try_from = "String")]
    outcome: Outcome,
    error_kind: Option<String>,
    error_code: Option<String>,
    error_message: Option<String>,
    updated_at_ms: i64,
    deleted_at_ms: Option<i64>,
    next_poll_at_ms: Option<i64>,
    attempted_at_ms: i64,
    reconcile_after_ms: Option<i64>,
    has_savepoint: Option<bool>,
}

impl From<JobRow> for JobRecord {
    fn from(row: JobRow) -> Self {
        let last_error = row.error_kind.map(|kind| RecordedError {
            kind,
            code: row.error_code,
            message: row.error_message.unwrap_or_default(),
        });
        Self {
            id: row.id,
            created_at_ms: row.created_at_ms,
            created_by: row.created_by,
            idempotency_key: row.idempotency_key,
            name: row.name,
            queue_name: row.queue_name,
            start_requested: row.start_requested,
            request_body: row.request_body,
            dli_job_id: row.dli_job_id,
            status: row.status,
            status_desc: row.status_desc,
            outcome: row.outcome,
            last_error,
            updated_at_ms: row.updated_at_ms,
            deleted_at_ms: row.deleted_at_ms,
            next_poll_at_ms: row.next_poll_at_ms,
            attempted_at_ms: row.attempted_at_ms,
            reconcile_after_ms: row.reconcile_after_ms,
            has_savepoint: row.has_savepoint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_reads_back_from_its_name() {
        for outcome in Outcome::ALL {
            assert_eq!(outcome.as_str().parse::<Outcome>().unwrap(), outcome);
        }
    }

    #[test]
    fn a_dli_status_is_not_an_outcome() {
        assert!("job_running".parse::<Outcome>().is_err());
    }
}

/// How an action ended, as far as the portal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOutcome {
    Ok,
    Failed,
    /// DLI's answer never came (the create's may still be reconciled).
    Unknown,
}

impl EventOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }
}

impl TryFrom<String> for EventOutcome {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        [Self::Ok, Self::Failed, Self::Unknown]
            .into_iter()
            .find(|outcome| outcome.as_str() == text)
            .ok_or(text)
    }
}

/// One event, as written and as read back.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobEvent {
    pub job_id: i64,
    pub at_ms: i64,
    pub actor: String,
    /// `create`, `start`, `stop`, `delete`, `update`, `rollback`.
    pub action: String,
    /// What was asked beyond the action itself, as a JSON object.
    pub detail: Option<String>,
    #[sqlx(try_from = "String")]
    pub outcome: EventOutcome,
    pub dli_request_id: Option<String>,
    /// For a failure: the kind the service chose and DLI's code.
    pub error_kind: Option<String>,
    pub error_code: Option<String>,
    /// DLI's message, or what went wrong.
    pub message: Option<String>,
}

/// An event read back for the activity log: its id (the page's order) and its job's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredEvent {
    pub id: i64,
    pub job_name: String,
    #[sqlx(flatten)]
    pub event: JobEvent,
}

/// A request for one page of the activity log, newest first. Blank filters are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub job_id: Option<i64>,
    /// `EventPage::next_cursor` of the previous page.
    pub cursor: Option<String>,
    pub page_size: u32,
}

impl EventQuery {
    pub const MAX_PAGE_SIZE: u32 = 500;
}

/// One page of the activity log; `next_cursor` is none on the last page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPage {
    pub events: Vec<StoredEvent>,
    pub next_cursor: Option<String>,
}

//! The audit trail: every action on a job (create, start, stop, delete, update, rollback) is an
//! event with who, when, what was asked, and DLI's answer. Written once, never changed.

use super::{Store, StoreError};

const INSERT_EVENT: &str = "INSERT INTO job_events (job_id, at_ms, actor, action, detail, \
     outcome, dli_request_id, error_kind, error_code, message) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const EVENTS_OF_JOB: &str = "SELECT * FROM job_events WHERE job_id = $1 ORDER BY at_ms, id";

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

impl Store {
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "record_event", id = event.job_id))]
    pub async fn record_event(&self, event: &JobEvent) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(INSERT_EVENT)
                .bind(event.job_id)
                .bind(event.at_ms)
                .bind(&event.actor)
                .bind(&event.action)
                .bind(event.detail.as_deref())
                .bind(event.outcome.as_str())
                .bind(event.dli_request_id.as_deref())
                .bind(event.error_kind.as_deref())
                .bind(event.error_code.as_deref())
                .bind(event.message.as_deref())
                .execute(pool)
                .await
                .map(drop)?
        });
        Ok(())
    }

    /// A job's events, oldest first.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "events_of", id = id))]
    pub async fn events_of(&self, id: i64) -> Result<Vec<JobEvent>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(EVENTS_OF_JOB).bind(id).fetch_all(pool).await?))
    }
}

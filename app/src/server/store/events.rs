//! The audit trail: every action on a job (create, start, stop, delete, update, rollback) is an
//! event with who, when, what was asked, and DLI's answer. Written once, never changed.

use super::{JobEvent, Store, StoreError};

const INSERT_EVENT: &str = "INSERT INTO job_events (job_id, at_ms, actor, action, detail, \
     outcome, dli_request_id, error_kind, error_code, message) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const EVENTS_OF_JOB: &str = "SELECT * FROM job_events WHERE job_id = $1 ORDER BY at_ms, id";

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

//! A created job's later life: DLI's status and its timeline, the error of the last action,
//! deletion on DLI, and when the poller looks next.

use super::{RecordedError, StatusChange, Store, StoreError};

/// Only a different status moves the job; `status_desc` alone is refreshed by the next query.
const CHANGE_STATUS: &str = "UPDATE jobs SET status = $2, status_desc = $3, updated_at_ms = $4 \
     WHERE id = $1 AND status IS DISTINCT FROM $2 RETURNING id";
const REFRESH_STATUS_DESC: &str = "UPDATE jobs SET status_desc = $2 WHERE id = $1 RETURNING id";
/// Shared with `mark_created`, which starts the timeline.
pub(super) const APPEND_STATUS_CHANGE: &str = "INSERT INTO job_status_changes \
     (job_id, status, status_desc, changed_at_ms) VALUES ($1, $2, $3, $4)";

impl Store {
    /// Records DLI's status; returns whether it changed, in which case the timeline grows.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "record_status", id = id))]
    pub async fn record_status(
        &self,
        id: i64,
        status: &str,
        status_desc: Option<&str>,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let changed: Option<i64> = sqlx::query_scalar(CHANGE_STATUS)
                .bind(id)
                .bind(status)
                .bind(status_desc)
                .bind(at_ms)
                .fetch_optional(&mut *tx)
                .await?;
            if changed.is_some() {
                sqlx::query(APPEND_STATUS_CHANGE)
                    .bind(id)
                    .bind(status)
                    .bind(status_desc)
                    .bind(at_ms)
                    .execute(&mut *tx)
                    .await?;
            } else {
                let found: Option<i64> = sqlx::query_scalar(REFRESH_STATUS_DESC)
                    .bind(id)
                    .bind(status_desc)
                    .fetch_optional(&mut *tx)
                    .await?;
                found.ok_or(StoreError::NotFound(id))?;
            }
            tx.commit().await?;
            Ok(changed.is_some())
        })
    }

    /// Keeps (or, with none, clears) the error of the last action such as start or stop.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "record_error", id = id))]
    pub async fn record_error(
        &self,
        id: i64,
        error: Option<&RecordedError>,
    ) -> Result<(), StoreError> {
        let sql =
            "UPDATE jobs SET error_kind = $2, error_code = $3, error_message = $4 WHERE id = $1";
        let touched = on_pool!(self, pool => {
            sqlx::query(sql)
                .bind(id)
                .bind(error.map(|e| e.kind.as_str()))
                .bind(error.and_then(|e| e.code.as_deref()))
                .bind(error.map(|e| e.message.as_str()))
                .execute(pool)
                .await?
                .rows_affected()
        });
        found_one(id, touched)
    }

    /// The job was deleted on DLI. The first deletion time stays; polling stops.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "mark_deleted", id = id))]
    pub async fn mark_deleted(&self, id: i64, at_ms: i64) -> Result<(), StoreError> {
        let sql = "UPDATE jobs SET deleted_at_ms = COALESCE(deleted_at_ms, $2), \
                   next_poll_at_ms = NULL WHERE id = $1";
        let touched = on_pool!(self, pool => {
            sqlx::query(sql).bind(id).bind(at_ms).execute(pool).await?.rows_affected()
        });
        found_one(id, touched)
    }

    /// Whether DLI says the job has a savepoint; written only when it changes.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "record_savepoint", id = id))]
    pub async fn record_savepoint(&self, id: i64, has_savepoint: bool) -> Result<(), StoreError> {
        let sql = "UPDATE jobs SET has_savepoint = $2 WHERE id = $1 \
                   AND has_savepoint IS DISTINCT FROM $2";
        on_pool!(self, pool => {
            sqlx::query(sql).bind(id).bind(has_savepoint).execute(pool).await.map(drop)?
        });
        Ok(())
    }

    /// When the poller should look at the job next; none means at its next round.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "schedule_poll", id = id))]
    pub async fn schedule_poll(&self, id: i64, next_at_ms: Option<i64>) -> Result<(), StoreError> {
        let sql = "UPDATE jobs SET next_poll_at_ms = $2 WHERE id = $1";
        let touched = on_pool!(self, pool => {
            sqlx::query(sql).bind(id).bind(next_at_ms).execute(pool).await?.rows_affected()
        });
        found_one(id, touched)
    }

    /// The job's status timeline, oldest first.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "status_history", id = id))]
    pub async fn status_history(&self, id: i64) -> Result<Vec<StatusChange>, StoreError> {
        let sql = "SELECT status, status_desc, changed_at_ms FROM job_status_changes \
                   WHERE job_id = $1 ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(id).fetch_all(pool).await?))
    }
}

fn found_one(id: i64, rows_affected: u64) -> Result<(), StoreError> {
    match rows_affected {
        0 => Err(StoreError::NotFound(id)),
        _ => Ok(()),
    }
}

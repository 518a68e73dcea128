//! The create attempt: written before DLI is called, settled once DLI answers (or does not),
//! tried again after a failure that made nothing, and read back by id or by its person's key.

use super::lifecycle::APPEND_STATUS_CHANGE;
use super::model::JobRow;
use super::versions::FIRST_VERSION;
use super::{Inserted, JobRecord, NewAttempt, Outcome, RecordedError, Store, StoreError};

const INSERT_ATTEMPT: &str = "INSERT INTO jobs (idempotency_key, created_at_ms, created_by, name, \
     queue_name, start_requested, request_body, outcome, updated_at_ms, attempted_at_ms, \
     reconcile_after_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $2, $2, $8) \
     ON CONFLICT (created_by, idempotency_key) DO NOTHING RETURNING *";
const MARK_CREATED: &str = "UPDATE jobs SET outcome = 'created', dli_job_id = $2, status = $3, \
     status_desc = $4, updated_at_ms = $5, error_kind = NULL, error_code = NULL, \
     error_message = NULL, reconcile_after_ms = NULL \
     WHERE id = $1 AND outcome IN ('pending', 'unknown') RETURNING *";
/// A failed attempt sent again: pending once more, from the earlier try's error to none.
const TRY_AGAIN: &str = "UPDATE jobs SET outcome = 'pending', attempted_at_ms = $2, \
     reconcile_after_ms = $3, updated_at_ms = $2, error_kind = NULL, error_code = NULL, \
     error_message = NULL WHERE id = $1 AND outcome = 'failed' RETURNING *";

/// The update of an attempt that ends with an error, allowed from the outcomes listed. An
/// unknown outcome keeps when it may be reconciled; a failure needs no reconciling.
macro_rules! settle_with_error {
    ($allowed_from:literal) => {
        concat!(
            "UPDATE jobs SET outcome = $2, error_kind = $3, error_code = $4, error_message = $5, ",
            "updated_at_ms = $6, reconcile_after_ms = $7 WHERE id = $1 AND outcome IN (",
            $allowed_from,
            ") RETURNING *"
        )
    };
}
const MARK_FAILED: &str = settle_with_error!("'pending', 'unknown'");
const MARK_UNKNOWN: &str = settle_with_error!("'pending'");

impl Store {
    /// Writes the attempt, or finds the record an earlier use of its idempotency key made. The
    /// unique key decides, so concurrent submissions of one key leave exactly one row.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "insert_attempt", key = %attempt.idempotency_key))]
    pub async fn insert_attempt(&self, attempt: &NewAttempt) -> Result<Inserted, StoreError> {
        let inserted: Option<JobRow> = on_pool!(self, pool => {
            sqlx::query_as(INSERT_ATTEMPT)
                .bind(&attempt.idempotency_key)
                .bind(attempt.created_at_ms)
                .bind(&attempt.created_by)
                .bind(&attempt.name)
                .bind(attempt.queue_name.as_deref())
                .bind(attempt.start_requested)
                .bind(&attempt.request_body)
                .bind(attempt.reconcile_after_ms)
                .fetch_optional(pool)
                .await?
        });
        if let Some(row) = inserted {
            return Ok(Inserted::New(row.into()));
        }
        // Records are never deleted, so the row that won the key is there to read.
        let existing = self
            .get_by_idempotency_key(&attempt.created_by, &attempt.idempotency_key)
            .await?;
        existing
            .map(Inserted::Existing)
            .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// DLI created the job: keeps its id and first status, and clears any earlier error. A DLI
    /// job already linked to another record is refused (`DliJobTaken`): one job, one record.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "mark_created", id = id))]
    pub async fn mark_created(
        &self,
        id: i64,
        dli_job_id: i64,
        status: Option<&str>,
        status_desc: Option<&str>,
        at_ms: i64,
    ) -> Result<JobRecord, StoreError> {
        let updated: Option<JobRow> = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let updated: Option<JobRow> = sqlx::query_as(MARK_CREATED)
                .bind(id)
                .bind(dli_job_id)
                .bind(status)
                .bind(status_desc)
                .bind(at_ms)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|error| StoreError::linking(error, dli_job_id))?;
            if updated.is_some() {
                sqlx::query(FIRST_VERSION).bind(id).bind(at_ms).execute(&mut *tx).await?;
            }
            if updated.is_some() && let Some(status) = status {
                sqlx::query(APPEND_STATUS_CHANGE)
                    .bind(id)
                    .bind(status)
                    .bind(status_desc)
                    .bind(at_ms)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            updated
        });
        self.settled(id, Outcome::Created, updated).await
    }

    /// DLI refused the job (or reconciliation found none): nothing exists on DLI.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "mark_failed", id = id))]
    pub async fn mark_failed(
        &self,
        id: i64,
        error: &RecordedError,
        at_ms: i64,
    ) -> Result<JobRecord, StoreError> {
        self.settle_with_error(MARK_FAILED, id, Outcome::Failed, error, at_ms, None)
            .await
    }

    /// DLI's answer never came; reconciliation will decide, from `reconcile_after_ms` on.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "mark_unknown", id = id))]
    pub async fn mark_unknown(
        &self,
        id: i64,
        error: &RecordedError,
        at_ms: i64,
        reconcile_after_ms: i64,
    ) -> Result<JobRecord, StoreError> {
        let after = Some(reconcile_after_ms);
        self.settle_with_error(MARK_UNKNOWN, id, Outcome::Unknown, error, at_ms, after)
            .await
    }

    /// Makes a failed attempt pending again, to be sent once more. Of several repeats racing,
    /// one gets the record back; the others get `InvalidTransition` (it is pending already).
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "try_again", id = id))]
    pub async fn try_again(
        &self,
        id: i64,
        at_ms: i64,
        reconcile_after_ms: i64,
    ) -> Result<JobRecord, StoreError> {
        let updated: Option<JobRow> = on_pool!(self, pool => {
            sqlx::query_as(TRY_AGAIN)
                .bind(id)
                .bind(at_ms)
                .bind(reconcile_after_ms)
                .fetch_optional(pool)
                .await?
        });
        self.settled(id, Outcome::Pending, updated).await
    }

    async fn settle_with_error(
        &self,
        sql: &'static str,
        id: i64,
        to: Outcome,
        error: &RecordedError,
        at_ms: i64,
        reconcile_after_ms: Option<i64>,
    ) -> Result<JobRecord, StoreError> {
        let updated: Option<JobRow> = on_pool!(self, pool => {
            sqlx::query_as(sql)
                .bind(id)
                .bind(to.as_str())
                .bind(&error.kind)
                .bind(error.code.as_deref())
                .bind(&error.message)
                .bind(at_ms)
                .bind(reconcile_after_ms)
                .fetch_optional(pool)
                .await?
        });
        self.settled(id, to, updated).await
    }

    /// The record an outcome update returned, or why it returned none.
    async fn settled(
        &self,
        id: i64,
        to: Outcome,
        updated: Option<JobRow>,
    ) -> Result<JobRecord, StoreError> {
        if let Some(row) = updated {
            return Ok(row.into());
        }
        match self.get(id).await? {
            Some(current) => Err(StoreError::InvalidTransition {
                id,
                from: current.outcome,
                to,
            }),
            None => Err(StoreError::NotFound(id)),
        }
    }

    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "get", id = id))]

    pub async fn get(&self, id: i64) -> Result<Option<JobRecord>, StoreError> {
        let row: Option<JobRow> = on_pool!(self, pool => {
            sqlx::query_as("SELECT * FROM jobs WHERE id = $1").bind(id).fetch_optional(pool).await?
        });
        Ok(row.map(JobRecord::from))
    }

    #[tracing::instrument(
        name = "store",
        level = "debug",
        skip_all,
        fields(op = "get_by_idempotency_key")
    )]

    /// The record `person` made with `key`: keys are scoped to the person who sent them.
    pub async fn get_by_idempotency_key(
        &self,
        person: &str,
        key: &str,
    ) -> Result<Option<JobRecord>, StoreError> {
        let row: Option<JobRow> = on_pool!(self, pool => {
            sqlx::query_as("SELECT * FROM jobs WHERE created_by = $1 AND idempotency_key = $2")
                .bind(person)
                .bind(key)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(JobRecord::from))
    }
}

//! The updates the portal carries out: written before DLI is called, moved step by step (stop,
//! update, start) by whichever instance claims them, and read back by id, by key or by job.

use super::versions::NEXT_VERSION;
use super::{AcceptedUpdate, JobUpdate, NewUpdate, StepChange, Store, StoreError, UpdateInserted};

const INSERT_UPDATE: &str = "INSERT INTO job_updates (job_id, created_at_ms, actor, action, \
     idempotency_key, base_version, settings, request_body, changed, mode, step, next_at_ms, \
     updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $2, $2) \
     ON CONFLICT DO NOTHING RETURNING *";
const BY_KEY: &str =
    "SELECT * FROM job_updates WHERE job_id = $1 AND actor = $2 AND idempotency_key = $3";
const UNDER_WAY: &str =
    "SELECT * FROM job_updates WHERE job_id = $1 AND step NOT IN ('done', 'failed')";
const LATEST_OF_JOB: &str = "SELECT * FROM job_updates WHERE job_id = $1 ORDER BY id DESC LIMIT 1";
/// The conditions are the partial index `job_updates_due`'s.
const DUE: &str = "SELECT id FROM job_updates WHERE step NOT IN ('done', 'failed') \
     AND next_at_ms <= $1 ORDER BY next_at_ms, id LIMIT $2";
/// One instance at a time carries an update on: it holds the claim until `$3`.
const CLAIM: &str = "UPDATE job_updates SET claimed_until_ms = $3 WHERE id = $1 \
     AND step NOT IN ('done', 'failed') \
     AND (claimed_until_ms IS NULL OR claimed_until_ms <= $2) RETURNING *";
const RELEASE: &str = "UPDATE job_updates SET claimed_until_ms = NULL WHERE id = $1";
const MOVE: &str = "UPDATE job_updates SET step = $2, sent_at_ms = $3, tries = $4, \
     next_at_ms = $5, message = $6, updated_at_ms = $7 WHERE id = $1 RETURNING *";
const SET_VERSION: &str = "UPDATE job_updates SET version = $2 WHERE id = $1";

impl Store {
    /// Writes the update, or finds the one an earlier use of its key made. The unique indexes
    /// decide, so of concurrent requests exactly one makes an update.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "insert_update", id = update.job_id))]
    pub async fn insert_update(&self, update: &NewUpdate) -> Result<UpdateInserted, StoreError> {
        let inserted: Option<JobUpdate> = on_pool!(self, pool => {
            sqlx::query_as(INSERT_UPDATE)
                .bind(update.job_id)
                .bind(update.at_ms)
                .bind(&update.actor)
                .bind(update.action)
                .bind(&update.idempotency_key)
                .bind(update.base_version)
                .bind(&update.settings)
                .bind(&update.request_body)
                .bind(&update.changed)
                .bind(update.mode.as_str())
                .bind(update.first_step.as_str())
                .fetch_optional(pool)
                .await?
        });
        if let Some(inserted) = inserted {
            return Ok(UpdateInserted::New(inserted));
        }
        let same_key = self
            .update_by_key(update.job_id, &update.actor, &update.idempotency_key)
            .await?;
        Ok(same_key.map_or(UpdateInserted::OtherUnderWay, UpdateInserted::SameKey))
    }

    /// The update `actor` asked for under `key`.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "update_by_key", id = job_id))]
    pub async fn update_by_key(
        &self,
        job_id: i64,
        actor: &str,
        key: &str,
    ) -> Result<Option<JobUpdate>, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(BY_KEY).bind(job_id).bind(actor).bind(key).fetch_optional(pool).await?
        }))
    }

    /// The update of the job still under way, if one is.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "update_under_way", id = job_id))]
    pub async fn update_under_way(&self, job_id: i64) -> Result<Option<JobUpdate>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_as(UNDER_WAY).bind(job_id).fetch_optional(pool).await?),
        )
    }

    /// The job's latest update, under way or over.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "latest_update", id = job_id))]
    pub async fn latest_update(&self, job_id: i64) -> Result<Option<JobUpdate>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_as(LATEST_OF_JOB).bind(job_id).fetch_optional(pool).await?),
        )
    }

    /// Updates under way whose next look is due by `now_ms`, longest waiting first.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "updates_due"))]
    pub async fn updates_due(&self, now_ms: i64, limit: u32) -> Result<Vec<i64>, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar(DUE).bind(now_ms).bind(i64::from(limit)).fetch_all(pool).await?
        }))
    }

    /// Claims the update until `until_ms` unless another instance holds it; the update as it
    /// is now when the claim is this caller's.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "claim_update", id = id))]
    pub async fn claim_update(
        &self,
        id: i64,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<Option<JobUpdate>, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(CLAIM).bind(id).bind(now_ms).bind(until_ms).fetch_optional(pool).await?
        }))
    }

    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "release_update", id = id))]
    pub async fn release_update(&self, id: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(RELEASE).bind(id).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Moves the update on; with `accepted`, DLI took it, and the job's next version is
    /// written in the same transaction.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "move_update", id = update.id))]
    pub async fn move_update(
        &self,
        update: &JobUpdate,
        to: &StepChange,
        accepted: Option<AcceptedUpdate<'_>>,
        at_ms: i64,
    ) -> Result<JobUpdate, StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            if let Some(accepted) = accepted {
                let version: i64 = sqlx::query_scalar(NEXT_VERSION)
                    .bind(update.job_id)
                    .bind(at_ms)
                    .bind(&update.actor)
                    .bind(&update.action)
                    .bind(&update.settings)
                    .bind(accepted.request_body)
                    .bind(accepted.dli_request_id)
                    .bind(accepted.message)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(SET_VERSION).bind(update.id).bind(version).execute(&mut *tx).await?;
            }
            let moved: JobUpdate = sqlx::query_as(MOVE)
                .bind(update.id)
                .bind(to.step.as_str())
                .bind(to.sent_at_ms)
                .bind(to.tries)
                .bind(to.next_at_ms)
                .bind(to.message.as_deref())
                .bind(at_ms)
                .fetch_one(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(moved)
        })
    }
}

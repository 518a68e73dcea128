//! Every version of a job's settings: version 1 is the create (written with `mark_created`),
//! each update DLI accepted adds the next, never changed afterwards.

use super::{JobVersion, Store, StoreError};

/// Version 1 from the record itself, in `mark_created`'s transaction: a created job always has
/// its first version. A job created again (never: `created` is final) keeps the first one.
pub(super) const FIRST_VERSION: &str = "INSERT INTO job_versions \
     (job_id, version, at_ms, actor, action, settings, request_body) \
     SELECT id, 1, $2, created_by, 'create', request_body, request_body FROM jobs WHERE id = $1 \
     ON CONFLICT (job_id, version) DO NOTHING";
/// The next version after the job's latest, in `record_version`'s transaction.
pub(super) const NEXT_VERSION: &str = "INSERT INTO job_versions \
     (job_id, version, at_ms, actor, action, settings, request_body, dli_request_id, message) \
     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 \
     FROM job_versions WHERE job_id = $1 RETURNING version";
const VERSIONS_OF_JOB: &str = "SELECT job_id, version, at_ms, actor, action, settings, \
     request_body, dli_request_id, message FROM job_versions WHERE job_id = $1 ORDER BY version";
const LATEST_VERSION: &str = "SELECT job_id, version, at_ms, actor, action, settings, \
     request_body, dli_request_id, message FROM job_versions WHERE job_id = $1 \
     ORDER BY version DESC LIMIT 1";

impl Store {
    /// A job's versions, oldest first; none for a job DLI never created.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "versions_of", id = id))]
    pub async fn versions_of(&self, id: i64) -> Result<Vec<JobVersion>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(VERSIONS_OF_JOB).bind(id).fetch_all(pool).await?))
    }

    /// The job's current settings: its latest version.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "latest_version", id = id))]
    pub async fn latest_version(&self, id: i64) -> Result<Option<JobVersion>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_as(LATEST_VERSION).bind(id).fetch_optional(pool).await?),
        )
    }
}

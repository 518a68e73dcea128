//! What the status poller and the reconciler read, and the lease that lets one portal instance
//! at a time poll DLI.
//!
//! Final statuses (docs/dli-api.md §2): `job_submit_fail`, `job_cancel_success` and `job_finish`
//! do not change unless someone acts on the job, and the portal's own actions record their
//! status, so the poller leaves them be. `job_cancel_fail` is not final: a stop that failed
//! leaves the job running. Nor are `job_init` (a draft can be started elsewhere) or the arrears
//! states (DLI recovers them). The same list is in the `jobs_to_poll` index of the migrations.

use super::model::JobRow;
use super::{JobRecord, Store, StoreError};

/// The conditions must match the partial index `jobs_to_poll` word for word to use it.
const DUE_FOR_POLL: &str = "SELECT * FROM jobs \
     WHERE outcome = 'created' AND deleted_at_ms IS NULL \
       AND COALESCE(status, '') NOT IN ('job_submit_fail', 'job_cancel_success', 'job_finish') \
       AND (next_poll_at_ms IS NULL OR next_poll_at_ms <= $1) \
     ORDER BY next_poll_at_ms ASC NULLS FIRST, id LIMIT $2";
/// The conditions are the partial index `jobs_unresolved`'s.
const UNRESOLVED: &str = "SELECT * FROM jobs \
     WHERE outcome IN ('pending', 'unknown') AND reconcile_after_ms <= $1 \
     ORDER BY reconcile_after_ms, id LIMIT $2";

/// Takes the lease when nobody holds it, when it expired, or renews it for its holder. In
/// PostgreSQL the conflicting row is locked and the WHERE re-checked on its latest version, so
/// of two instances racing for an expired lease exactly one gets a row back.
const TAKE_LEASE: &str = "INSERT INTO leases (name, holder, expires_at_ms) \
     VALUES ('status-poller', $1, $2) \
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
       expires_at_ms = excluded.expires_at_ms \
     WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= $3 \
     RETURNING holder";
const RELEASE_LEASE: &str = "DELETE FROM leases WHERE name = 'status-poller' AND holder = $1";

impl Store {
    /// Created jobs, not deleted, not in a final status, whose poll time has come (or was never
    /// set), those waiting longest first.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "due_for_poll"))]
    pub async fn due_for_poll(
        &self,
        now_ms: i64,
        limit: u32,
    ) -> Result<Vec<JobRecord>, StoreError> {
        let rows: Vec<JobRow> = on_pool!(self, pool => {
            sqlx::query_as(DUE_FOR_POLL)
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(JobRecord::from).collect())
    }

    /// Up to `limit` attempts still `pending` or `unknown` whose time to be reconciled has come
    /// by `now_ms`, longest waiting first: the ones to settle against DLI's job list.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "unresolved"))]
    pub async fn unresolved(&self, now_ms: i64, limit: u32) -> Result<Vec<JobRecord>, StoreError> {
        let rows: Vec<JobRow> = on_pool!(self, pool => {
            sqlx::query_as(UNRESOLVED)
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(JobRecord::from).collect())
    }

    /// Whether `holder` leads the poller until `now_ms + ttl_ms`: true when it took the lease
    /// or renewed its own, false while another holder's lease runs.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "try_lead"))]
    pub async fn try_lead(
        &self,
        holder: &str,
        now_ms: i64,
        ttl_ms: i64,
    ) -> Result<bool, StoreError> {
        let taken: Option<String> = on_pool!(self, pool => {
            sqlx::query_scalar(TAKE_LEASE)
                .bind(holder)
                .bind(now_ms + ttl_ms)
                .bind(now_ms)
                .fetch_optional(pool)
                .await?
        });
        Ok(taken.is_some())
    }

    /// Gives the lease up at shutdown, so that another instance need not wait for it to expire.
    /// Does nothing if `holder` no longer holds it.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "release_lead"))]
    pub async fn release_lead(&self, holder: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(RELEASE_LEASE).bind(holder).execute(pool).await.map(drop))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::DUE_FOR_POLL;
    use crate::domain::DliStatus;

    /// The partial index `jobs_to_poll` as each backend's migrations create it.
    const MIGRATIONS: [(&str, &str); 2] = [
        (
            "sqlite",
            include_str!("../../../../migrations/sqlite/0001_history.sql"),
        ),
        (
            "postgres",
            include_str!("../../../../migrations/postgres/0001_history.sql"),
        ),
    ];

    /// The statuses a SQL text names as quoted literals.
    fn named_in(sql: &str) -> Vec<DliStatus> {
        DliStatus::ALL
            .into_iter()
            .filter(|status| sql.contains(&format!("'{}'", status.as_str())))
            .collect()
    }

    fn final_statuses() -> Vec<DliStatus> {
        DliStatus::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect()
    }

    /// A status the page thinks final but the poller does not skip would be polled without
    /// end; the other way round, a job would never be followed.
    #[test]
    fn the_poller_skips_exactly_the_statuses_the_portal_calls_final() {
        assert_eq!(named_in(DUE_FOR_POLL), final_statuses());
    }

    /// The query uses the index only if its conditions are the index's, word for word.
    #[test]
    fn the_jobs_to_poll_index_names_the_same_statuses_as_the_query() {
        let condition = |sql: &str| {
            let from = sql.find("outcome = 'created'").expect("the poll condition");
            let to = sql[from..].find(')').expect("the status list ends") + from;
            sql[from..=to]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (backend, migration) in MIGRATIONS {
            let index = &migration[migration.find("CREATE INDEX jobs_to_poll").expect(backend)..];
            assert_eq!(condition(index), condition(DUE_FOR_POLL), "{backend}");
            assert_eq!(named_in(index), final_statuses(), "{backend}");
        }
    }
}

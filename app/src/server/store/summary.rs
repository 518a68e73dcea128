//! How many jobs the history holds per DLI status, and per outcome for creates without one:
//! the history's summary, read through the status index rather than the records.

use super::{Store, StoreError};

/// The history's jobs counted by what the summary groups them on.
pub struct StatusCounts {
    /// `(status, count)` for jobs with a DLI status.
    pub by_status: Vec<(String, i64)>,
    /// `(outcome, count)` for jobs without one.
    pub by_outcome: Vec<(String, i64)>,
}

impl Store {
    #[tracing::instrument(
        name = "store",
        level = "debug",
        skip_all,
        fields(op = "status_counts")
    )]
    pub async fn status_counts(&self) -> Result<StatusCounts, StoreError> {
        let by_status =
            "SELECT status, COUNT(*) FROM jobs WHERE status IS NOT NULL GROUP BY status";
        let by_outcome = "SELECT outcome, COUNT(*) FROM jobs WHERE status IS NULL GROUP BY outcome";
        Ok(on_pool!(self, pool => StatusCounts {
            by_status: sqlx::query_as(by_status).fetch_all(pool).await?,
            by_outcome: sqlx::query_as(by_outcome).fetch_all(pool).await?,
        }))
    }
}

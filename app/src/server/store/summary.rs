//! How many jobs the history holds per DLI status, and per outcome for creates without one:
//! the history's summary, read through the status index rather than the records.

use super::{StatusCounts, Store, StoreError};

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

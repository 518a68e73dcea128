//! The job history store: SQLite by default, PostgreSQL when the URL says so, schema migrated
//! at connect. The rest of the server sees one `Store` with async methods and plain records.
//!
//! Shape: `Store` wraps an enum of the two sqlx pools. Every method is written once; `on_pool!`
//! expands its body for each pool type, so both backends run the same SQL text (`$n`
//! placeholders, `ON CONFLICT`, `RETURNING`, row values and `IS DISTINCT FROM` mean the same in
//! SQLite ≥ 3.39 and PostgreSQL). The real dialect differences live in `connect.rs` (connection
//! settings), `search.rs` (what makes the name search fast) and the two migrations folders.

/// Runs `$body` with `$pool` bound to whichever sqlx pool `$store` holds.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::server::store::Backend::Sqlite($pool) => $body,
            $crate::server::store::Backend::Postgres($pool) => $body,
        }
    };
}

mod attempts;
mod connect;
mod error;
mod events;
mod lifecycle;
mod list;
mod model;
mod poll;
mod search;
mod summary;
mod update_records;
mod updates;
mod versions;

pub use error::StoreError;
pub use model::{
    EventOutcome, EventPage, EventQuery, Inserted, JobEvent, JobRecord, ListQuery, NewAttempt,
    NotAnOutcome, Outcome, Page, RecordedError, StatusChange, StatusCounts, StatusFilter,
    StoredEvent,
};
pub use update_records::{
    AcceptedUpdate, JobUpdate, JobVersion, NewUpdate, Step, StepChange, UpdateInserted, UpdateMode,
};

use sqlx::{PgPool, SqlitePool};
use std::fmt;

/// Where the history lives when no `DATABASE_URL` is given.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portal.db";

/// The history store. Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Connects by URL scheme (`sqlite:`, `postgres:` or `postgresql:`) and brings the schema
    /// up to date. A SQLite file and its folder are created if missing.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "connect"))]
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let backend = match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Backend::Sqlite(connect::sqlite(url).await?),
            Some("postgres" | "postgresql") => Backend::Postgres(connect::postgres(url).await?),
            _ => return Err(StoreError::UnsupportedScheme),
        };
        Ok(Store { backend })
    }

    /// Whether the database answers, for the readiness probe.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "ping"))]
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))?;
        Ok(())
    }

    /// `sqlite` or `postgres`, for logs.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// Only the backend's name: the pools' own `Debug` would print connection options.
impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend_name())
            .finish()
    }
}

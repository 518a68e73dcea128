//! The history store, every behaviour on SQLite and on PostgreSQL: each scenario is written once
//! as `async fn(&TestDb)` and `on_both_backends!` runs it on a fresh database of each kind.

use crate::pg;
use app::server::store::{NewAttempt, RecordedError, Store};
use tempfile::TempDir;

/// Turns each named scenario into `<scenario>::on_sqlite` and `<scenario>::on_postgres` tests.
macro_rules! on_both_backends {
    ($($scenario:ident),+ $(,)?) => {$(
        mod $scenario {
            use crate::store::TestDb;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                TestDb::sqlite().await.run(super::$scenario).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                TestDb::postgres().await.run(super::$scenario).await;
            }
        }
    )+};
}

mod listing;
mod migrations;
mod outcomes;
mod polling;
mod records;

/// A store on an empty, migrated database that belongs to one scenario.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    place: Place,
}

enum Place {
    SqliteFile(TempDir),
    Postgres(pg::FreshDatabase),
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let folder = tempfile::tempdir().expect("a temporary folder");
        // A folder that does not exist yet: connect must create it.
        let url = format!("sqlite://{}/data/portal.db", folder.path().display());
        TestDb::open(url, Place::SqliteFile(folder)).await
    }

    pub async fn postgres() -> TestDb {
        let database = pg::server("TEST_DATABASE_URL").create_database().await;
        TestDb::open(database.url.clone(), Place::Postgres(database)).await
    }

    async fn open(url: String, place: Place) -> TestDb {
        let store = Store::connect(&url)
            .await
            .expect("the store connects and migrates");
        TestDb { store, url, place }
    }

    /// Runs the scenario, then drops a PostgreSQL database (a failed one stays to be looked at).
    pub async fn run(self, scenario: impl AsyncFnOnce(&TestDb)) {
        scenario(&self).await;
        let TestDb { store, place, .. } = self;
        drop(store);
        match place {
            Place::SqliteFile(folder) => drop(folder),
            Place::Postgres(database) => database.drop_database().await,
        }
    }
}

/// How long after its writing a test attempt may be reconciled, if still pending.
pub const IN_FLIGHT_MS: i64 = 1_000;

/// An attempt by alice at `created_at_ms`, its key and name derived from `tag`.
pub fn attempt(tag: &str, created_at_ms: i64) -> NewAttempt {
    NewAttempt {
        idempotency_key: format!("key-{tag}"),
        created_at_ms,
        created_by: "alice".to_owned(),
        name: format!("job_{tag}"),
        queue_name: Some("flink_queue".to_owned()),
        start_requested: false,
        request_body: format!(r#"{{"name":"job_{tag}","queue_name":"flink_queue"}}"#),
        reconcile_after_ms: created_at_ms + IN_FLIGHT_MS,
    }
}

/// What DLI's gateway says when a call times out.
pub fn timeout_error() -> RecordedError {
    RecordedError {
        kind: "timeout".to_owned(),
        code: None,
        message: "DLI did not answer within 30 s".to_owned(),
    }
}

/// The record a fresh insert made; panics if the key was used before.
pub async fn insert_new(store: &Store, attempt: &NewAttempt) -> app::server::store::JobRecord {
    match store
        .insert_attempt(attempt)
        .await
        .expect("the attempt is written")
    {
        app::server::store::Inserted::New(record) => record,
        other => panic!("{:?} was used before: {other:?}", attempt.idempotency_key),
    }
}

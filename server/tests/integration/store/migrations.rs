//! A history written before the retry contract (migrations 1 and 2) brought up to date: every
//! record, timeline and id kept, keys scoped to their person, and the creates in the activity.

use super::{attempt, insert_new};
use crate::pg;
use app::server::store::{EventOutcome, Outcome, Store};
use sqlx::{Connection, Executor, PgConnection, SqliteConnection, migrate::Migrator};
use std::borrow::Cow;

/// The records an older portal left: a job with a timeline, and an attempt whose answer was lost.
const OLD_HISTORY: [&str; 4] = [
    "INSERT INTO jobs (created_at_ms, created_by, idempotency_key, name, queue_name, \
       start_requested, request_body, dli_job_id, status, outcome, updated_at_ms) \
     VALUES (1000, 'alice', 'k-1', 'old_job', 'flink_queue', TRUE, '{\"name\":\"old_job\"}', \
       4242, 'job_running', 'created', 1500)",
    "INSERT INTO jobs (created_at_ms, created_by, idempotency_key, name, queue_name, \
       start_requested, request_body, outcome, error_kind, error_message, updated_at_ms) \
     VALUES (2000, 'bob', 'k-2', 'lost_job', 'flink_queue', FALSE, '{\"name\":\"lost_job\"}', \
       'unknown', 'timeout', 'DLI did not answer', 2100)",
    "INSERT INTO job_status_changes (job_id, status, changed_at_ms) VALUES (1, 'job_init', 1200)",
    "INSERT INTO job_status_changes (job_id, status, changed_at_ms) VALUES (1, 'job_running', 1400)",
];

/// Writes `OLD_HISTORY` into the database at `$url` after migrating it as older portals did.
macro_rules! write_old_history {
    ($connection:ty, $url:expr, $migrations:expr) => {{
        let migrations: Migrator = $migrations;
        let older = Migrator {
            migrations: Cow::Owned(
                migrations
                    .iter()
                    .filter(|m| m.version < 3)
                    .cloned()
                    .collect(),
            ),
            ..migrations
        };
        let mut connection = <$connection>::connect($url).await.unwrap();
        older.run(&mut connection).await.unwrap();
        for statement in OLD_HISTORY {
            connection.execute(statement).await.unwrap();
        }
        connection.close().await.unwrap();
    }};
}

async fn the_older_history_is_kept(url: &str) {
    let store = Store::connect(url).await.expect("the history migrates");

    let kept = store.get(1).await.unwrap().unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.dli_job_id, kept.outcome),
        ("old_job", Some(4242), Outcome::Created)
    );
    assert_eq!(
        (kept.attempted_at_ms, kept.reconcile_after_ms),
        (1000, None)
    );
    let timeline: Vec<_> = store
        .status_history(1)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(timeline, ["job_init", "job_running"]);
    let lost = store.get(2).await.unwrap().unwrap();
    assert_eq!(lost.outcome, Outcome::Unknown);
    assert!(
        lost.reconcile_after_ms.is_some(),
        "an unknown attempt gets its time to be reconciled"
    );
    let events = store.events_of(2).await.unwrap();
    assert_eq!(
        (events.len(), events[0].action.as_str(), events[0].outcome),
        (1, "create", EventOutcome::Unknown)
    );

    // Keys are now per person, and ids keep counting up from the old ones.
    let mut same_key = attempt("again", 3000);
    same_key.idempotency_key = "k-1".into();
    same_key.created_by = "carol".into();
    assert!(insert_new(&store, &same_key).await.id > 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_sqlite_history_is_migrated_without_losing_anything() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portal.db?mode=rwc", folder.path().display());
    write_old_history!(
        SqliteConnection,
        &url,
        sqlx::migrate!("../migrations/sqlite")
    );
    the_older_history_is_kept(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_postgres_history_is_migrated_without_losing_anything() {
    let database = pg::server("TEST_DATABASE_URL").create_database().await;
    write_old_history!(
        PgConnection,
        &database.url,
        sqlx::migrate!("../migrations/postgres")
    );
    the_older_history_is_kept(&database.url).await;
    database.drop_database().await;
}

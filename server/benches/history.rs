//! The history page's speed with 1,000,000 records on SQLite and on PostgreSQL (the throwaway
//! cluster of the tests, or `BENCH_DATABASE_URL`): fills each, then prints p50 and p95 of each
//! page query the portal makes. `HISTORY_BENCH_RECORDS` sets another size for a quick run.

#[path = "../tests/integration/pg.rs"]
mod pg;

use app::server::store::{ListQuery, Outcome, StatusFilter, Store};
use sqlx::{Connection, Executor, PgConnection, SqliteConnection};
use std::time::{Duration, Instant};

const DEFAULT_RECORDS: i64 = 1_000_000;
const BATCH: i64 = 100_000;
const RUNS: usize = 200;
const WARM_UP_RUNS: usize = 10;

/// One batch of records, ids `$first..=$last`, in SQL both backends read alike. A minute
/// apart; 50 creators, 8 queues, 4 name families, 6 statuses, 1 % failed creates.
const FILL: &str = "WITH RECURSIVE n (i) AS ( \
       SELECT CAST({first} AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {last}), \
     seeds AS (SELECT i, \
       CASE i % 4 WHEN 0 THEN 'nightly_etl_' WHEN 1 THEN 'stream_join_' \
         WHEN 2 THEN 'report_' ELSE 'ingest_' END || i AS name, \
       'queue_' || (i % 8) AS queue_name FROM n) \
     INSERT INTO jobs (created_at_ms, created_by, idempotency_key, name, queue_name, \
       start_requested, request_body, dli_job_id, status, outcome, updated_at_ms, \
       attempted_at_ms) \
     SELECT 1700000000000 + i * 60000, 'user_' || (i % 50), 'bench-' || i, name, queue_name, \
       (i % 2 = 0), \
       '{\"name\":\"' || name || '\",\"queue_name\":\"' || queue_name || '\",\"cu_number\":2,' \
         || '\"manager_cu_number\":1,\"parallel_number\":1,\"entrypoint\":\"obs://bucket/jars/' \
         || name || '.jar\",\"main_class\":\"com.example.Main\",\"feature\":\"basic\",' \
         || '\"flink_version\":\"1.15\"}', \
       CASE WHEN i % 100 = 0 THEN NULL ELSE i END, \
       CASE WHEN i % 100 = 0 THEN NULL ELSE \
         CASE i % 10 WHEN 0 THEN 'job_running' WHEN 1 THEN 'job_running' WHEN 2 THEN 'job_init' \
           WHEN 3 THEN 'job_cancel_success' WHEN 4 THEN 'job_submit_fail' ELSE 'job_finish' END \
       END, \
       CASE WHEN i % 100 = 0 THEN 'failed' ELSE 'created' END, \
       1700000000000 + i * 60000, 1700000000000 + i * 60000 \
     FROM seeds";

fn main() {
    let records = std::env::var("HISTORY_BENCH_RECORDS")
        .ok()
        .map(|text| text.parse().expect("HISTORY_BENCH_RECORDS is a number"))
        .unwrap_or(DEFAULT_RECORDS);
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let sqlite_url = format!("sqlite://{}/history.db", folder.path().display());
        let store = Store::connect(&sqlite_url).await.expect("SQLite store");
        let mut connection = SqliteConnection::connect(&sqlite_url).await.unwrap();
        fill(&mut connection, records).await;
        measure("sqlite", &store).await;

        let database = pg::server("BENCH_DATABASE_URL").create_database().await;
        let store = Store::connect(&database.url)
            .await
            .expect("PostgreSQL store");
        let mut connection = PgConnection::connect(&database.url).await.unwrap();
        fill(&mut connection, records).await;
        measure("postgres", &store).await;
        drop((store, connection));
        database.drop_database().await;
    });
}

/// Inserts `records` records in batches (one transaction each), then refreshes the planner's
/// statistics as PostgreSQL's autovacuum and SQLite's `PRAGMA optimize` would.
async fn fill<C>(connection: &mut C, records: i64)
where
    for<'c> &'c mut C: Executor<'c>,
{
    let started = Instant::now();
    for first in (1..=records).step_by(BATCH as usize) {
        let last = (first + BATCH - 1).min(records);
        let batch = FILL
            .replace("{first}", &first.to_string())
            .replace("{last}", &last.to_string());
        connection
            .execute(batch.as_str())
            .await
            .expect("a batch of records");
    }
    connection.execute("ANALYZE").await.expect("ANALYZE");
    println!(
        "filled {records} records in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn measure(backend: &str, store: &Store) {
    let base = ListQuery::default();
    let second_page_cursor = store.list(&base).await.unwrap().next_cursor;
    let cases = [
        ("first page", base.clone()),
        (
            "second page",
            ListQuery {
                cursor: second_page_cursor,
                ..base.clone()
            },
        ),
        (
            "status + queue",
            ListQuery {
                status: Some(StatusFilter::Dli("job_running".into())),
                queue_name: Some("queue_3".into()),
                ..base.clone()
            },
        ),
        (
            "created by me",
            ListQuery {
                created_by: Some("user_7".into()),
                ..base.clone()
            },
        ),
        (
            "outcome failed",
            ListQuery {
                status: Some(StatusFilter::Outcome(Outcome::Failed)),
                ..base.clone()
            },
        ),
        (
            "name, common",
            ListQuery {
                name_contains: Some("ETL".into()),
                ..base.clone()
            },
        ),
        (
            // Thousands of matches spread over the history: beyond the candidate list.
            "name, middling",
            ListQuery {
                name_contains: Some("777".into()),
                ..base.clone()
            },
        ),
        (
            "name, rare",
            ListQuery {
                name_contains: Some("123456".into()),
                ..base.clone()
            },
        ),
    ];
    for (label, query) in cases {
        let timings = time(|| async { drop(store.list(&query).await.expect("a page")) }).await;
        report(backend, label, timings);
    }
    let timings = time(|| async { drop(store.distinct_queues().await.expect("queues")) }).await;
    report(backend, "queue list", timings);
}

async fn time<F: Future<Output = ()>>(run: impl Fn() -> F) -> Vec<Duration> {
    for _ in 0..WARM_UP_RUNS {
        run().await;
    }
    let mut timings = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        run().await;
        timings.push(started.elapsed());
    }
    timings.sort();
    timings
}

fn report(backend: &str, label: &str, sorted: Vec<Duration>) {
    let at = |share: f64| sorted[((sorted.len() as f64 * share) as usize).min(sorted.len() - 1)];
    let ms = |duration: Duration| duration.as_secs_f64() * 1_000.0;
    println!(
        "{backend:<8} {label:<15} p50 {:>8.2} ms   p95 {:>8.2} ms",
        ms(at(0.50)),
        ms(at(0.95))
    );
}

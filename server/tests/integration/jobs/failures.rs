//! Nothing is lost when DLI fails: every failure ends with one record in the right outcome and
//! at most one DLI job, reconciled against DLI's job list when the answer never came. (What a
//! client is told, and how its repeats end, is `retry_contract`'s.)

use super::{job_request, record_id_of};
use crate::helpers::{
    TestApp, client_for, fail_always, set_faults, sim_count, sim_jobs, spawn_app_for,
    spawn_app_for_with, spawn_app_with, spawn_sim,
};
use crate::store::insert_new;
use app::server::{
    jobs::{now_ms, reconcile},
    store::NewAttempt,
};
use dli::sim::SimConfig;
use serde_json::{Value, json};

const HOUR_MS: i64 = 3_600_000;

/// A time by which the test's unanswered attempts are due to be reconciled.
pub fn later() -> i64 {
    now_ms() + 2 * HOUR_MS
}

/// An attempt written now whose answer from DLI was never recorded. Reconciliation finds
/// its job by this name and time.
fn unanswered_attempt(name: &str) -> NewAttempt {
    NewAttempt {
        idempotency_key: format!("unanswered-{name}"),
        created_at_ms: now_ms(),
        created_by: "anonymous".into(),
        name: name.into(),
        queue_name: Some("flink_queue".into()),
        start_requested: false,
        request_body: job_request(name).to_string(),
        // Due only at a time the test names, so that the portal's own poller leaves it alone.
        reconcile_after_ms: now_ms() + HOUR_MS,
    }
}

async fn outcome(app: &TestApp, record: i64) -> String {
    app.job(record).await["summary"]["outcome"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_dli_503_is_a_failed_create_with_nothing_on_dli() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    fail_always(&sim, "create", 503).await;

    let response = app.post_job(&job_request("hit_a_503"), None).await;

    assert_eq!(response.status(), 502);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("DLI is unavailable"),
        "{body}"
    );
    let history = app.call_json("list_jobs", &json!({"filters": {}})).await;
    let history: Value = history.json().await.unwrap();
    assert_eq!(history["jobs"][0]["outcome"], "failed");
    assert!(sim_jobs(&sim).await.is_empty());
}

#[tokio::test]
async fn a_crash_between_the_two_writes_is_reconciled_either_way() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let store = &app.portal.state.store;
    // What a crash leaves: attempts written, DLI called (or not), the answer never recorded.
    let reached = insert_new(store, &unanswered_attempt("reached_dli"))
        .await
        .id;
    let never_sent = insert_new(store, &unanswered_attempt("never_sent"))
        .await
        .id;
    let made = client_for(&sim)
        .create_flink_jar_job(&job_request("reached_dli").to_string())
        .await
        .unwrap();

    reconcile(&app.portal.state, later()).await;

    let reached = app.job(reached).await;
    assert_eq!(reached["summary"]["outcome"], "created");
    assert_eq!(reached["summary"]["dli_job_id"], made.job_id);
    assert_eq!(outcome(&app, never_sent).await, "failed");
    assert_eq!(sim_jobs(&sim).await.len(), 1);
}

#[tokio::test]
async fn dli_refusing_connections_is_answered_503_and_a_repeat_makes_the_job_once_it_is_back() {
    // An address where nothing listens yet; the simulator starts there later.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let config = SimConfig::with_fresh_credentials();
    let app = spawn_app_with(|portal| {
        portal.dli.endpoint = Some(format!("http://{address}"));
        portal.dli.project_id = Some(config.project_id.clone());
        portal.dli.access_key = Some(config.credentials.access_key().to_owned().into());
        portal.dli.secret_key = Some(config.credentials.secret_key().clone());
    })
    .await;
    let request = job_request("dli_down");

    let refused = app.post_job(&request, Some("while-down")).await;
    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));

    let sim = dli::sim::start_on(address, config)
        .await
        .expect("DLI is back");
    let created = record_id_of(app.post_job(&request, Some("while-down")).await, 201).await;
    assert_eq!(outcome(&app, created).await, "created");
    assert_eq!(sim_jobs(&sim).await.len(), 1);
}

#[tokio::test]
async fn throttling_by_dli_is_answered_429_with_a_retry_after() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    fail_always(&sim, "create", 429).await;

    let response = app.post_job(&job_request("throttled"), None).await;

    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    assert!(sim_jobs(&sim).await.is_empty());
}

#[tokio::test]
async fn while_dli_s_job_list_fails_a_reconciliation_round_asks_it_once() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let store = &app.portal.state.store;
    let mut waiting = Vec::new();
    for name in ["lost_first", "lost_second"] {
        waiting.push(insert_new(store, &unanswered_attempt(name)).await.id);
    }
    fail_always(&sim, "list", 503).await;
    let asked_before = sim_count(&sim, "list").await;

    reconcile(&app.portal.state, later()).await;

    // One record's call, retried as reads are (3 attempts); the second record waits its turn.
    assert_eq!(sim_count(&sim, "list").await - asked_before, 3);
    for record in waiting {
        assert_eq!(outcome(&app, record).await, "pending");
    }
}

#[tokio::test]
async fn while_dli_hangs_the_job_form_renders_at_once_with_a_queue_to_type() {
    let sim = spawn_sim().await;
    set_faults(&sim, json!({"queues": {"latency_ms": 600_000}})).await;
    // Were the page to wait for DLI, it would wait its 5 s timeout (and retries): longer than
    // this client waits for the page.
    let app = spawn_app_for_with(&sim, |config| config.dli.timeout_secs = 5).await;
    let impatient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap();

    for _ in 0..3 {
        let page = impatient
            .get(app.url("/"))
            .send()
            .await
            .expect("the form comes at once");
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(
            !html.contains("Choose a queue"),
            "no list to choose from yet"
        );
        assert!(
            html.contains("type the queue"),
            "the page says why the queue is typed"
        );
    }
    assert!(
        sim_count(&sim, "queues").await <= 1,
        "one background call, not one per page"
    );
}

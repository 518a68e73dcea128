//! Nothing is lost when DLI fails: every failure ends with one record in the right outcome and
//! at most one DLI job, reconciled against DLI's job list when the answer never came.

use super::{job_request, record_id_of};
use crate::helpers::{
    TestApp, client_for, fail_always, set_faults, sim_count, sim_jobs, spawn_app_for, spawn_sim,
};
use crate::store::insert_new;
use app::server::{
    jobs::{now_ms, reconcile},
    store::NewAttempt,
};
use serde_json::{Value, json};

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
    }
}

async fn outcome(app: &TestApp, record: i64) -> String {
    app.job(record).await["summary"]["outcome"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_dli_500_leaves_an_unknown_record_that_reconciles_to_failed_when_dli_has_no_job() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    fail_always(&sim, "create", 500).await;

    let record = record_id_of(app.post_job(&job_request("hit_a_500"), None).await, 504).await;

    assert_eq!(outcome(&app, record).await, "unknown");
    reconcile(&app.portal.state, 0).await;
    assert_eq!(outcome(&app, record).await, "failed");
    assert!(sim_jobs(&sim).await.is_empty());
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
        body["error"]
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
async fn a_dropped_connection_after_dli_acted_reconciles_to_the_job_dli_made() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    set_faults(&sim, json!({"create": {"drop_share": 1.0, "times": 1}})).await;

    let record = record_id_of(app.post_job(&job_request("answer_lost"), None).await, 504).await;

    assert_eq!(outcome(&app, record).await, "unknown");
    reconcile(&app.portal.state, 0).await;
    let job = app.job(record).await;
    assert_eq!(job["summary"]["outcome"], "created");
    let dli_jobs = sim_jobs(&sim).await;
    assert_eq!(dli_jobs.len(), 1);
    assert_eq!(job["summary"]["dli_job_id"].as_i64(), dli_jobs[0].job_id);
}

#[tokio::test]
async fn a_timeout_leaves_an_unknown_record_that_reconciles_to_what_dli_did() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    // The portal gives up after 2 s; the simulator, like a gateway whose client went away,
    // drops the request it was still holding, so DLI never acts on it. (Were it to act, it
    // could not before this test ends: the latency is far beyond it.)
    set_faults(&sim, json!({"create": {"latency_ms": 600_000, "times": 1}})).await;

    let record = record_id_of(app.post_job(&job_request("slow_create"), None).await, 504).await;

    assert_eq!(outcome(&app, record).await, "unknown");
    assert_eq!(sim_count(&sim, "create").await, 1, "the create reached DLI");
    reconcile(&app.portal.state, 0).await;
    assert_eq!(outcome(&app, record).await, "failed");
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

    reconcile(&app.portal.state, 0).await;

    let reached = app.job(reached).await;
    assert_eq!(reached["summary"]["outcome"], "created");
    assert_eq!(reached["summary"]["dli_job_id"], made.job_id);
    assert_eq!(outcome(&app, never_sent).await, "failed");
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

    reconcile(&app.portal.state, 0).await;

    // One record's call, retried as reads are (3 attempts); the second record waits its turn.
    assert_eq!(sim_count(&sim, "list").await - asked_before, 3);
    for record in waiting {
        assert_eq!(outcome(&app, record).await, "pending");
    }
}

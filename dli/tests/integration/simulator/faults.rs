//! The simulator's faults as the client meets them: reads retried through 5xx and throttling,
//! a create never sent twice, timeouts, and run, stop, update and batch delete retried only when
//! DLI did nothing.

use crate::support::{
    client_for, job_body, put_faults, set_faults, sim_count, sim_jobs, sim_settings, spawn_sim,
};
use dli::{DliClient, DliErrorKind, ListJobsQuery, QueueType};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn reads_are_retried_through_5xx_and_throttling_up_to_three_attempts() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    set_faults(
        &sim,
        json!({"list": {"status": 503, "status_share": 1.0, "times": 2}}),
    )
    .await;
    client.list_jobs(&ListJobsQuery::default()).await.unwrap();
    assert_eq!(sim_count(&sim, "list").await, 3);

    set_faults(&sim, json!({"show": {"status": 500, "status_share": 1.0}, "queues": {"status": 429, "status_share": 1.0}})).await;
    let failed = client.show_job(1).await.unwrap_err();
    assert_eq!(
        (failed.kind(), failed.code()),
        (DliErrorKind::Upstream, Some("DLI.0999"))
    );
    let throttled = client.list_queues(QueueType::General).await.unwrap_err();
    assert_eq!(
        (throttled.kind(), throttled.code()),
        (DliErrorKind::Throttled, Some("APIGW.0308"))
    );
    assert_eq!(
        (
            sim_count(&sim, "show").await,
            sim_count(&sim, "queues").await
        ),
        (3, 3)
    );
}

#[tokio::test]
async fn a_create_is_sent_exactly_once_whatever_goes_wrong() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    for (fault, kind, processed) in [
        (
            json!({"status": 503, "status_share": 1.0}),
            DliErrorKind::Upstream,
            false,
        ),
        (
            json!({"status": 502, "status_share": 1.0}),
            DliErrorKind::Upstream,
            true,
        ),
        (
            json!({"status": 429, "status_share": 1.0}),
            DliErrorKind::Throttled,
            false,
        ),
        (
            json!({"malformed_share": 1.0}),
            DliErrorKind::Upstream,
            true,
        ),
        (json!({"drop_share": 1.0}), DliErrorKind::Unreachable, true),
    ] {
        set_faults(&sim, json!({ "create": fault })).await;
        let before = sim_count(&sim, "create").await;
        let error = client
            .create_flink_jar_job(&job_body("once"))
            .await
            .unwrap_err();
        assert_eq!(
            (error.kind(), error.may_have_been_processed()),
            (kind, processed),
            "{fault}: {error}"
        );
        assert_eq!(
            sim_count(&sim, "create").await,
            before + 1,
            "{fault} was sent once"
        );
    }
    assert_eq!(
        sim_jobs(&sim).await.len(),
        2,
        "the malformed and the dropped answers hid created jobs"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_that_may_have_been_processed() {
    let sim = spawn_sim().await;
    let mut settings = sim_settings(&sim);
    settings.timeout = Duration::from_millis(300);
    let client = DliClient::new(settings).unwrap();
    set_faults(
        &sim,
        json!({"create": {"latency_ms": 1500}, "queues": {"latency_ms": 1500}}),
    )
    .await;
    let error = client
        .create_flink_jar_job(&job_body("slow"))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.may_have_been_processed()),
        (DliErrorKind::Timeout, true)
    );
    assert_eq!(
        client
            .list_queues(QueueType::General)
            .await
            .unwrap_err()
            .kind(),
        DliErrorKind::Timeout
    );
    assert_eq!(
        (
            sim_count(&sim, "create").await,
            sim_count(&sim, "queues").await
        ),
        (1, 3)
    );
}

#[tokio::test]
async fn run_and_stop_are_retried_only_when_dli_surely_did_nothing() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = client
        .create_flink_jar_job(&job_body("commands"))
        .await
        .unwrap()
        .job_id;
    set_faults(
        &sim,
        json!({"run": {"status": 503, "status_share": 1.0, "times": 1}}),
    )
    .await;
    assert_eq!(
        client.run_jobs(&[job], false).await.unwrap()[0].is_success,
        Some(true)
    );
    assert_eq!(sim_count(&sim, "run").await, 2);

    set_faults(&sim, json!({"stop": {"drop_share": 1.0}})).await;
    let error = client.stop_jobs(&[job], false).await.unwrap_err();
    assert!(error.may_have_been_processed());
    assert_eq!(sim_count(&sim, "stop").await, 1);
    let status = client.show_job(job).await.unwrap().status.unwrap();
    assert!(
        status.starts_with("job_cancel"),
        "the stop took effect: {status}"
    );
}

#[tokio::test]
async fn the_fault_plan_refuses_statuses_dli_would_not_send() {
    let sim = spawn_sim().await;
    let plan = json!({"create": {"status": 418, "status_share": 1.0}});
    let response = put_faults(&sim, &plan).await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("418"));
}

#[tokio::test]
async fn an_update_is_retried_only_when_dli_surely_did_nothing() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = client
        .create_flink_jar_job(&job_body("updated"))
        .await
        .unwrap()
        .job_id;
    let body = |desc: &str| json!({"job_type": "flink_jar_job", "desc": desc}).to_string();
    set_faults(
        &sim,
        json!({"update": {"status": 503, "status_share": 1.0, "times": 1}}),
    )
    .await;
    client
        .update_flink_jar_job(job, &body("first"))
        .await
        .unwrap();
    assert_eq!(sim_count(&sim, "update").await, 2, "a 503 is sent again");

    set_faults(&sim, json!({"update": {"drop_share": 1.0}})).await;
    let error = client
        .update_flink_jar_job(job, &body("second"))
        .await
        .unwrap_err();
    assert!(error.may_have_been_processed(), "{error}");
    assert_eq!(sim_count(&sim, "update").await, 3, "a lost answer is not");
    let shown = client.show_job(job).await.unwrap();
    assert_eq!(
        shown.desc.as_deref(),
        Some("second"),
        "the update took effect"
    );
}

#[tokio::test]
async fn a_batch_delete_is_retried_only_when_dli_surely_did_nothing() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let mut jobs = Vec::new();
    for name in ["first", "second"] {
        jobs.push(
            client
                .create_flink_jar_job(&job_body(name))
                .await
                .unwrap()
                .job_id,
        );
    }
    set_faults(
        &sim,
        json!({"batch_delete": {"status": 502, "status_share": 1.0, "times": 1}}),
    )
    .await;
    let error = client.delete_jobs(&jobs[..1]).await.unwrap_err();
    assert_eq!(
        (error.kind(), error.may_have_been_processed()),
        (DliErrorKind::Upstream, true)
    );
    assert_eq!(sim_count(&sim, "batch_delete").await, 1);

    set_faults(
        &sim,
        json!({"batch_delete": {"status": 429, "status_share": 1.0, "times": 2}}),
    )
    .await;
    let outcomes = client.delete_jobs(&jobs).await.unwrap();
    assert!(
        outcomes
            .iter()
            .all(|outcome| outcome.failure_message().is_none())
    );
    assert_eq!(
        sim_count(&sim, "batch_delete").await,
        4,
        "throttled twice, then done"
    );
    assert!(sim_jobs(&sim).await.is_empty());
}

//! Start, stop and delete from the history, and the status poller that keeps records in step
//! with DLI without anyone asking.

use super::{job_request, record_id_of, status_is};
use crate::helpers::{sim_jobs, spawn_app_for, spawn_sim};
use serde_json::{Value, json};

#[tokio::test]
async fn start_then_stop_moves_the_job_through_dli_s_lifecycle() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let record = app.create_job("lifecycle").await;
    let id = record.to_string();

    let started = app.call_form("start_job", &[("id", &id)]).await;
    assert_eq!(started.status(), 200, "{}", started.text().await.unwrap());
    app.job_when(record, status_is("job_running")).await;

    let stopped = app
        .call_form("stop_job", &[("id", &id), ("savepoint", "true")])
        .await;
    assert_eq!(stopped.status(), 200);
    let job = app.job_when(record, status_is("job_cancel_success")).await;

    let timeline: Vec<&str> = job["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["status"].as_str().unwrap())
        .collect();
    assert_eq!(timeline.first(), Some(&"job_init"));
    assert_eq!(timeline.last(), Some(&"job_cancel_success"));
    assert!(timeline.contains(&"job_running"), "{timeline:?}");
}

#[tokio::test]
async fn delete_removes_the_job_from_dli_and_keeps_its_history() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let record = app.create_job("to_delete").await;

    let deleted = app
        .call_form("delete_job", &[("id", &record.to_string())])
        .await;

    assert_eq!(deleted.status(), 200);
    assert!(sim_jobs(&sim).await.is_empty());
    let job = app.job(record).await;
    assert_eq!(job["summary"]["deleted"], true);
    let again = app
        .call_form("start_job", &[("id", &record.to_string())])
        .await;
    assert!(!again.status().is_success());
    let refusal: Value = again.json().await.unwrap();
    assert_eq!(
        refusal["Rejected"]["code"], "deleted",
        "a deleted job cannot be started: {refusal}"
    );
}

#[tokio::test]
async fn the_history_lists_newest_first_and_filters_by_queue_name_and_status() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let first = app.create_job("alpha_job").await;
    let mut second = job_request("beta_job");
    second["queue_name"] = json!("flink_queue_2");
    assert_eq!(app.post_job(&second, None).await.status(), 201);
    app.call_form("start_job", &[("id", &first.to_string())])
        .await;

    let app = &app;
    let list = |filters: Value| async move {
        let page: Value = app
            .call_json("list_jobs", &json!({"filters": filters}))
            .await
            .json()
            .await
            .unwrap();
        page["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|job| job["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(list(json!({})).await, ["beta_job", "alpha_job"]);
    assert_eq!(list(json!({"queue": "flink_queue_2"})).await, ["beta_job"]);
    assert_eq!(list(json!({"name": "ALPHA"})).await, ["alpha_job"]);
    assert_eq!(list(json!({"status": "job_init"})).await, ["beta_job"]);
    assert_eq!(list(json!({"status": "created"})).await.len(), 2);
}

#[tokio::test]
async fn the_history_counts_its_jobs_per_status_group_and_filters_by_group() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let started = app.create_job("started_job").await;
    app.create_job("resting_job").await;
    app.call_form("start_job", &[("id", &started.to_string())])
        .await;

    let page: Value = app
        .call_json("list_jobs", &json!({"filters": {}}))
        .await
        .json()
        .await
        .unwrap();
    let count = |group: &str| {
        page["summary"]
            .as_array()
            .unwrap()
            .iter()
            .find(|count| count["group"] == group)
            .unwrap_or_else(|| panic!("no {group} in {page}"))["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count("stopped"), 1, "job_init rests: {page}");
    assert_eq!(count("running") + count("changing"), 1, "{page}");
    assert_eq!(count("failed") + count("unknown"), 0, "{page}");

    let stopped: Value = app
        .call_json("list_jobs", &json!({"filters": {"group": "stopped"}}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stopped["jobs"].as_array().unwrap().len(), 1);
    assert_eq!(stopped["jobs"][0]["name"], "resting_job");

    let html = app.get("/jobs").await.text().await.unwrap();
    assert!(html.contains(r#"href="/jobs?group=stopped""#), "{html}");
    assert!(html.contains(r#"aria-label="Jobs by status""#));
    let filtered = app.get("/jobs?group=stopped").await.text().await.unwrap();
    assert!(filtered.contains("resting_job") && !filtered.contains("started_job"));
    assert!(
        filtered.contains(r#"aria-current="true""#),
        "the chosen group is marked"
    );
}

#[tokio::test]
async fn the_poller_follows_a_started_job_to_running_without_anyone_asking() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut request = job_request("followed");
    request["start"] = json!(true);
    let record = record_id_of(app.post_job(&request, None).await, 201).await;

    // Reading the job back asks only the store: the poller alone can move the record on.
    app.job_when(record, status_is("job_running")).await;
}

#[tokio::test]
async fn a_history_link_with_a_tampered_page_cursor_is_answered_422_saying_why() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;

    let page = app.get("/jobs?cursor=not-a-cursor").await;

    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"<span translate="no">cursor</span>: <!>This page link is broken"#),
        "{html}"
    );
}

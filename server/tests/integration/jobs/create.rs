//! Creating jobs: what reaches DLI, what the history keeps, and what each caller is told.

use super::{job_request, status_is};
use crate::helpers::{
    sim_count, sim_jobs, spawn_app, spawn_app_for, spawn_app_for_with, spawn_sim,
};
use serde_json::{Value, json};

#[tokio::test]
async fn a_valid_request_creates_the_job_on_dli_and_records_it() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;

    let response = app.post_job(&job_request("orders_enricher"), None).await;

    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/jobs/{}", created["record_id"]));
    let dli_jobs = sim_jobs(&sim).await;
    assert_eq!(dli_jobs.len(), 1);
    assert_eq!(dli_jobs[0].job_id, created["dli_job_id"].as_i64());
    assert_eq!(created["status"], "job_init");

    let job = app.job(created["record_id"].as_i64().unwrap()).await;
    assert_eq!(job["summary"]["outcome"], "created");
    assert_eq!(job["summary"]["created_by"], "anonymous");
    assert_eq!(job["summary"]["dli_job_id"], created["dli_job_id"]);
    let sent: Value = serde_json::from_str(job["request_json"].as_str().unwrap()).unwrap();
    assert_eq!(
        sent,
        job_request("orders_enricher"),
        "the history keeps the exact request"
    );
}

#[tokio::test]
async fn an_invalid_request_gets_422_with_an_error_per_field_and_never_reaches_dli() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut request = job_request(&"n".repeat(58));
    request["cu_number"] = json!(1);
    request["tags"] = json!([{"key": "_sys_owner", "value": "me"}]);

    let response = app.post_job(&request, None).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let errors = body["errors"].as_object().unwrap();
    assert!(errors.contains_key("name"), "{body}");
    assert!(errors.contains_key("cu_number"), "{body}");
    assert!(errors.contains_key("tags.0.key"), "{body}");
    assert_eq!(sim_count(&sim, "create").await, 0);
}

#[tokio::test]
async fn a_field_of_the_wrong_json_type_gets_422_on_that_field() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut request = job_request("typed_wrong");
    request["cu_number"] = json!("two");

    let response = app.post_job(&request, None).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert!(body["errors"]["cu_number"].is_string(), "{body}");
    assert_eq!(sim_count(&sim, "create").await, 0);
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_400_saying_so() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let response = app
        .client
        .post(app.url("/api/v1/jobs"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().contains("not JSON"),
        "{body}"
    );
    assert_eq!(body["type"], "urn:dli-portal:problem:unreadable-request");
}

#[tokio::test]
async fn a_server_function_answers_a_body_it_cannot_read_with_400_and_a_message() {
    let app = spawn_app().await;
    for (content_type, body) in [
        ("application/json", "{\"filters\": "),
        ("application/json", "[1, 2]"),
        ("application/x-www-form-urlencoded", "form=%ZZ"),
    ] {
        let response = app
            .client
            .post(app.url("/api/list_jobs"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert!(error["BadRequest"].is_string(), "{body}: {error}");
    }
}

#[tokio::test]
async fn a_queue_dli_does_not_know_is_shown_on_the_queue_field() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut request = job_request("no_such_queue_job");
    request["queue_name"] = json!("no_such_queue");

    let response = app.post_job(&request, None).await;

    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let message = body["errors"]["queue_name"].as_str().unwrap();
    assert!(
        message.contains("There is no queue named no_such_queue"),
        "{message}"
    );
    assert!(message.contains("DLI.0002"), "{message}");
}

#[tokio::test]
async fn the_same_idempotency_key_twice_returns_the_first_job_and_creates_one() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let request = job_request("submitted_twice");

    let first = app.post_job(&request, Some("run-42")).await;
    let second = app.post_job(&request, Some("run-42")).await;

    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 201);
    let (first, second): (Value, Value) =
        (first.json().await.unwrap(), second.json().await.unwrap());
    assert_eq!(first["record_id"], second["record_id"]);
    assert_eq!(first["dli_job_id"], second["dli_job_id"]);
    assert_eq!(sim_jobs(&sim).await.len(), 1);
}

#[tokio::test]
async fn a_malformed_idempotency_key_is_refused_rather_than_replaced() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let long = "k".repeat(129);
    for key in ["has space", long.as_str(), "tab\there"] {
        let response = app.post_job(&job_request("badly_keyed"), Some(key)).await;
        assert_eq!(response.status(), 422, "{key:?}");
        let body: Value = response.json().await.unwrap();
        assert!(body["errors"]["idempotency_key"].is_string(), "{body}");
    }
    assert!(sim_jobs(&sim).await.is_empty(), "nothing reached DLI");
}

#[tokio::test]
async fn two_submissions_at_once_with_one_key_make_one_record_and_at_most_one_dli_job() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let request = job_request("double_clicked");

    let (first, second) = tokio::join!(
        app.post_job(&request, Some("click-1")),
        app.post_job(&request, Some("click-1"))
    );

    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort();
    // One creates; the other finds the first attempt, done (201) or still under way (409).
    assert!(
        statuses == [201, 201] || statuses == [201, 409],
        "{statuses:?}"
    );
    let (first, second): (Value, Value) =
        (first.json().await.unwrap(), second.json().await.unwrap());
    assert_eq!(first["record_id"], second["record_id"], "{first} {second}");
    assert_eq!(sim_jobs(&sim).await.len(), 1);
}

#[tokio::test]
async fn start_true_runs_the_job_after_creating_it() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut request = job_request("started_at_once");
    request["start"] = json!(true);

    let response = app.post_job(&request, None).await;

    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["start_problem"], Value::Null);
    assert_eq!(sim_count(&sim, "run").await, 1);
    let record = created["record_id"].as_i64().unwrap();
    let running = app.job_when(record, status_is("job_running")).await;
    assert!(
        running["timeline"].as_array().unwrap().len() >= 2,
        "{running}"
    );
}

#[tokio::test]
async fn the_job_and_its_page_link_to_it_in_the_dli_console() {
    let sim = spawn_sim().await;
    let app = spawn_app_for_with(&sim, |config| {
        config.dli_console_url = Some("https://console.example/dli/#/flink/{job_id}".into());
    })
    .await;
    let created: Value = app
        .post_job(&job_request("console_linked"), None)
        .await
        .json()
        .await
        .unwrap();
    let record = created["record_id"].as_i64().unwrap();
    let console = format!(
        "https://console.example/dli/#/flink/{}",
        created["dli_job_id"].as_i64().unwrap()
    );
    assert_eq!(app.job(record).await["console_url"], console.as_str());
    let page = app
        .get(&format!("/jobs/{record}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!(
            r#"<a href="{console}" target="_blank" rel="noopener" class="console-link">"#
        )),
        "{page}"
    );
}

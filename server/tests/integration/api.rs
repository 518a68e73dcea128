//! The JSON API for automation: the history in pages, the actions with the buttons' rules, one
//! problem shape for every error (also the refusals made before a handler runs), and the
//! OpenAPI document that describes all of it.

use crate::helpers::{TestApp, sim_jobs, spawn_app_for, spawn_app_for_with, spawn_sim};
use crate::jobs::{job_request, status_is};
use serde_json::{Value, json};

impl TestApp {
    /// `POST /api/v1/jobs/{id}/{action}` with an optional JSON body.
    async fn act(&self, record: i64, action: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(&format!("/api/v1/jobs/{record}/{action}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("the portal answers")
    }
}

/// A problem's status, type and the answer's content type, checked together.
async fn problem_of(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["status"], status, "{problem}");
    let kind = problem["type"].as_str().unwrap();
    assert!(kind.starts_with("urn:dli-portal:problem:"), "{problem}");
    assert!(!problem["detail"].as_str().unwrap().is_empty(), "{problem}");
    problem
}

#[tokio::test]
async fn the_history_comes_in_pages_of_the_asked_size_with_a_cursor_to_the_next() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut made = Vec::new();
    for name in ["first_job", "second_job", "third_job"] {
        made.push(app.create_job(name).await);
    }

    let page: Value = app.get("/api/v1/jobs?limit=2").await.json().await.unwrap();
    let ids = |page: &Value| -> Vec<i64> {
        page["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|job| job["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&page), [made[2], made[1]], "newest first: {page}");
    let cursor = page["next_cursor"].as_str().expect("a next page");
    let rest: Value = app
        .get(&format!("/api/v1/jobs?limit=2&cursor={cursor}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ids(&rest), [made[0]]);
    assert_eq!(rest["next_cursor"], Value::Null);

    let named: Value = app
        .get("/api/v1/jobs?name=SECOND")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ids(&named), [made[1]]);
}

#[tokio::test]
async fn a_limit_out_of_range_or_a_broken_cursor_is_a_problem_on_that_parameter() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    for limit in ["0", "201"] {
        let problem = problem_of(app.get(&format!("/api/v1/jobs?limit={limit}")).await, 422).await;
        assert!(problem["errors"]["limit"].is_string(), "{problem}");
    }
    problem_of(app.get("/api/v1/jobs?limit=many").await, 400).await;
    problem_of(app.get("/api/v1/jobs?cursor=not-a-cursor").await, 422).await;
}

#[tokio::test]
async fn start_stop_and_delete_answer_the_job_as_it_stands_after_each() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let record = app.create_job("scripted").await;

    let no_savepoint = problem_of(
        app.act(record, "start", Some(json!({"resume_savepoint": true})))
            .await,
        422,
    )
    .await;
    assert!(
        no_savepoint["detail"]
            .as_str()
            .unwrap()
            .contains("savepoint"),
        "{no_savepoint}"
    );
    let started = app.act(record, "start", None).await;
    assert_eq!(started.status(), 200);
    let summary: Value = started.json().await.unwrap();
    assert_eq!(summary["id"], record);
    app.job_when(record, status_is("job_running")).await;

    let problem = problem_of(
        app.act(record, "stop", Some(json!({"savepoint": 1}))).await,
        422,
    )
    .await;
    assert!(
        problem["errors"]["body"].is_string(),
        "an unknown field: {problem}"
    );
    let stopped = app
        .act(record, "stop", Some(json!({"trigger_savepoint": true})))
        .await;
    assert_eq!(stopped.status(), 200);
    app.job_when(record, status_is("job_cancel_success")).await;
    let resumed = app
        .act(record, "start", Some(json!({"resume_savepoint": true})))
        .await;
    assert_eq!(resumed.status(), 200);
    app.job_when(record, status_is("job_running")).await;

    let deleted = app
        .client
        .delete(app.url(&format!("/api/v1/jobs/{record}")))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    let summary: Value = deleted.json().await.unwrap();
    assert_eq!(summary["deleted"], true);
    assert!(sim_jobs(&sim).await.is_empty());
    let again = problem_of(app.act(record, "start", None).await, 422).await;
    assert!(
        again["detail"].as_str().unwrap().contains("deleted"),
        "{again}"
    );

    // Each action is an event of the job, with what was asked and how it ended.
    let events = app.portal.state.store.events_of(record).await.unwrap();
    let trail: Vec<(&str, Option<&str>, &str)> = events
        .iter()
        .map(|event| {
            let detail = event.detail.as_deref();
            (event.action.as_str(), detail, event.outcome.as_str())
        })
        .collect();
    assert_eq!(
        trail,
        [
            ("create", None, "ok"),
            ("start", Some(r#"{"resume_savepoint":true}"#), "failed"),
            ("start", Some(r#"{"resume_savepoint":false}"#), "ok"),
            ("stop", Some(r#"{"trigger_savepoint":true}"#), "ok"),
            ("start", Some(r#"{"resume_savepoint":true}"#), "ok"),
            ("delete", None, "ok"),
        ]
    );
    assert!(events.iter().all(|event| event.actor == events[0].actor));
}

#[tokio::test]
async fn an_unknown_job_a_path_that_is_no_id_and_an_unknown_path_are_problems() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    problem_of(app.get("/api/v1/jobs/999").await, 404).await;
    problem_of(app.act(999, "start", None).await, 404).await;
    problem_of(app.get("/api/v1/jobs/not-an-id").await, 400).await;
    problem_of(app.get("/api/v1/no/such/thing").await, 404).await;
}

#[tokio::test]
async fn refusals_made_before_any_handler_are_problems_too() {
    let sim = spawn_sim().await;
    let app = spawn_app_for_with(&sim, |config| {
        config.access.actor_groups = vec!["flink-admins".into()];
    })
    .await;
    let url = app.url("/api/v1/jobs");

    let cross_site = app
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .json(&job_request("x"));
    let problem = problem_of(cross_site.send().await.unwrap(), 403).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("another site"),
        "{problem}"
    );
    let spoofed = app.client.get(&url).header("x-forwarded-user", "mallory");
    problem_of(spoofed.send().await.unwrap(), 403).await;
    let oversized = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(vec![b' '; 300 * 1024]);
    problem_of(oversized.send().await.unwrap(), 413).await;
    let wrong_method = app.client.patch(&url).json(&json!({}));
    problem_of(wrong_method.send().await.unwrap(), 405).await;
    let reader = app.client.post(&url).json(&job_request("not_allowed"));
    let problem = problem_of(reader.send().await.unwrap(), 403).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("flink-admins"),
        "{problem}"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_operation_its_answers_and_the_retry_contract() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let document: Value = response.json().await.unwrap();

    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1"),
        "{document}"
    );
    let contract = document["info"]["description"].as_str().unwrap();
    assert!(contract.contains("Idempotency-Key") && contract.contains("Retry-After"));
    let expected = [
        ("/api/v1/jobs", "get"),
        ("/api/v1/jobs", "post"),
        ("/api/v1/jobs/{id}", "get"),
        ("/api/v1/jobs/{id}", "delete"),
        ("/api/v1/jobs/{id}/start", "post"),
        ("/api/v1/jobs/{id}/stop", "post"),
    ];
    for (path, method) in expected {
        let operation = &document["paths"][path][method];
        let responses = operation["responses"]
            .as_object()
            .unwrap_or_else(|| panic!("{method} {path}"));
        for shared in ["400", "401", "403", "413", "503"] {
            assert!(
                responses.contains_key(shared),
                "{method} {path} lacks {shared}"
            );
        }
        for (status, answer) in responses {
            let says_repeat = matches!(status.as_str(), "409" | "429" | "502" | "503" | "504");
            let has_retry_after = answer["headers"].get("Retry-After").is_some();
            assert_eq!(says_repeat, has_retry_after, "{method} {path} {status}");
        }
    }
}

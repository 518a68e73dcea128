//! The job service end to end, through its three front doors (the REST API, the server
//! functions, the form posted without JavaScript) against a simulator the test steers.

mod actions;
mod batch;
mod create;
mod failures;
mod form_post;
mod life_pages;
mod retry_contract;
mod updates;

use crate::helpers::{TestApp, eventually};
use serde_json::{Value, json};
use std::time::Duration;

/// The record id in a create's answer, which must have `status`.
pub async fn record_id_of(response: reqwest::Response, status: u16) -> i64 {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.unwrap();
    body["record_id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no record id in {body}"))
}

/// Whether a job read by `TestApp::job` has DLI's `status`.
pub fn status_is(status: &'static str) -> impl Fn(&Value) -> bool {
    move |job| job["summary"]["status"] == status
}

/// DLI's request JSON for a job that passes every rule, named `name`.
pub fn job_request(name: &str) -> Value {
    json!({
        "name": name,
        "queue_name": "flink_queue",
        "entrypoint": "obs://jobs-bucket/jars/app.jar",
        "main_class": "com.example.Main",
        "cu_number": 2,
        "parallel_number": 1
    })
}

impl TestApp {
    /// `POST /api/v1/jobs`, with an idempotency key when given.
    pub async fn post_job(&self, body: &Value, key: Option<&str>) -> reqwest::Response {
        let mut request = self.client.post(self.url("/api/v1/jobs")).json(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.expect("request reaches the portal")
    }

    /// Creates a job that passes every rule through the REST API; its record id.
    pub async fn create_job(&self, name: &str) -> i64 {
        record_id_of(self.post_job(&job_request(name), None).await, 201).await
    }

    /// Calls a server function that takes its arguments as JSON.
    pub async fn call_json(&self, endpoint: &str, arguments: &Value) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .json(arguments)
            .send()
            .await
            .expect("request reaches the portal")
    }

    /// Calls a server function that takes its arguments as a URL-encoded form.
    pub async fn call_form(&self, endpoint: &str, arguments: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .form(arguments)
            .send()
            .await
            .expect("request reaches the portal")
    }

    /// `GET /api/v1/jobs/{id}` as JSON.
    pub async fn job(&self, record_id: i64) -> Value {
        let response = self.get(&format!("/api/v1/jobs/{record_id}")).await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Waits (up to 10 s) until the job's record satisfies `done`, and returns it.
    pub async fn job_when(&self, record_id: i64, done: impl Fn(&Value) -> bool) -> Value {
        let what = format!("job {record_id} getting there");
        eventually(&what, Duration::from_secs(10), async || {
            let job = self.job(record_id).await;
            done(&job).then_some(job)
        })
        .await
    }
}

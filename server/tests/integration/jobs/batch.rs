//! Acting on several jobs at once (`POST /api/v1/jobs/batch`) and reading the audit trail back
//! (`GET /api/v1/events`): one DLI call for the batch, a result and an event per job, and the
//! activity log filtered by person, action and job, page by page.

use super::{job_request, record_id_of, status_is};
use crate::helpers::{TestApp, sim_count, sim_jobs, spawn_app_for_with, spawn_sim};
use serde_json::{Value, json};

/// A portal that believes the identity its loopback proxy sends.
async fn behind_proxy(sim: &dli::sim::RunningSim) -> TestApp {
    spawn_app_for_with(sim, |config| {
        config.access.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
}

async fn as_user(user: &str, request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request
        .header("x-forwarded-user", user)
        .send()
        .await
        .expect("request reaches the portal");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn running_job(app: &TestApp, user: &str, name: &str) -> i64 {
    let mut request = job_request(name);
    request["start"] = json!(true);
    let post = app.client.post(app.url("/api/v1/jobs")).json(&request);
    let (status, created) = as_user(user, post).await;
    assert_eq!(status, 201, "{created}");
    let record = created["record_id"].as_i64().unwrap();
    app.job_when(record, status_is("job_running")).await;
    record
}

async fn batch(app: &TestApp, user: &str, body: Value) -> (u16, Value) {
    let post = app.client.post(app.url("/api/v1/jobs/batch")).json(&body);
    as_user(user, post).await
}

#[tokio::test]
async fn a_batch_stop_is_one_dli_call_with_a_result_and_an_event_per_job() {
    let sim = spawn_sim().await;
    let app = behind_proxy(&sim).await;
    let mut jobs = Vec::new();
    for name in ["first", "second", "third"] {
        jobs.push(running_job(&app, "alice", name).await);
    }
    let stops_before = sim_count(&sim, "stop").await;

    let mut ids = jobs.clone();
    ids.push(999_999);
    let (status, answer) = batch(
        &app,
        "bob",
        json!({"action": "stop", "ids": ids, "trigger_savepoint": true}),
    )
    .await;

    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        sim_count(&sim, "stop").await - stops_before,
        1,
        "one DLI call"
    );
    let results = answer["results"].as_array().unwrap();
    let oks: Vec<bool> = results.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, true, true, false]);
    assert_eq!(results[3]["id"], 999_999);
    assert!(
        results[3]["error"]
            .as_str()
            .unwrap()
            .contains("no such job")
    );
    for &job in &jobs {
        app.job_when(job, status_is("job_cancel_success")).await;
        let response = app.get(&format!("/api/v1/jobs/{job}/events")).await;
        let events: Vec<Value> = response.json().await.unwrap();
        let stop = events.last().unwrap();
        assert_eq!(
            (stop["action"].as_str(), stop["actor"].as_str()),
            (Some("stop"), Some("bob"))
        );
        assert_eq!(
            stop["detail"],
            json!({"batch": true, "trigger_savepoint": true})
        );
    }

    // Started again in one call, and deleted in DLI's batch delete.
    let (status, answer) = batch(&app, "bob", json!({"action": "start", "ids": jobs})).await;
    assert_eq!(status, 200, "{answer}");
    for &job in &jobs {
        app.job_when(job, status_is("job_running")).await;
    }
    let (status, answer) = batch(&app, "carol", json!({"action": "delete", "ids": jobs})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(sim_count(&sim, "batch_delete").await, 1);
    assert!(sim_jobs(&sim).await.is_empty());
    assert_eq!(app.job(jobs[0]).await["summary"]["deleted"], true);

    // The activity log: newest first, by person, by action, by job, page by page.
    let page = |query: &'static str| {
        let app = &app;
        async move {
            let response = app.get(&format!("/api/v1/events?{query}")).await;
            assert_eq!(response.status(), 200, "{query}");
            response.json::<Value>().await.unwrap()
        }
    };
    let carols = page("actor=carol").await;
    let carols = carols["events"].as_array().unwrap();
    assert_eq!(carols.len(), 3);
    assert!(carols.iter().all(|event| event["action"] == "delete"));
    assert_eq!(carols[0]["job_name"], "third", "newest first");
    let stops = page("action=stop").await;
    assert_eq!(stops["events"].as_array().unwrap().len(), 3);
    let first_job = format!("job={}&limit=2", jobs[0]);
    let response = app.get(&format!("/api/v1/events?{first_job}")).await;
    let first_page: Value = response.json().await.unwrap();
    let cursor = first_page["next_cursor"].as_str().expect("a second page");
    let response = app
        .get(&format!("/api/v1/events?{first_job}&cursor={cursor}"))
        .await;
    let second_page: Value = response.json().await.unwrap();
    let actions: Vec<&str> = [&first_page, &second_page]
        .iter()
        .flat_map(|page| page["events"].as_array().unwrap())
        .map(|event| event["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "start", "stop", "start"]);
}

#[tokio::test]
async fn a_batch_names_each_job_once_and_holds_at_most_a_page() {
    let sim = spawn_sim().await;
    let app = behind_proxy(&sim).await;
    let record = record_id_of(app.post_job(&job_request("once"), None).await, 201).await;

    for ids in [
        json!([]),
        json!([record, record]),
        json!((1..=51).collect::<Vec<i64>>()),
    ] {
        let (status, problem) = batch(&app, "alice", json!({"action": "stop", "ids": ids})).await;
        assert_eq!(status, 422, "{problem}");
        assert!(problem["errors"]["ids"].is_string(), "{problem}");
    }
    let (status, problem) = batch(&app, "alice", json!({"action": "pause", "ids": [record]})).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(sim_count(&sim, "stop").await, 0);
}

//! Behind the team's proxy: identity believed only from a trusted proxy, sign-in required when
//! configured, readers who may not change anything, and the team's guardrails.

use crate::helpers::{TestApp, sim_count, spawn_app, spawn_app_with};
use crate::jobs::job_request;
use app::server::config::Config;
use serde_json::{Value, json};

/// A portal whose proxy is this test (it connects from 127.0.0.1), adjusted by `extra`.
async fn behind_proxy(extra: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_with(|config| {
        config.access.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        extra(config);
    })
    .await
}

async fn create_as(app: &TestApp, user: &str, groups: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/jobs"))
        .header("x-forwarded-user", user)
        .header("x-forwarded-groups", groups)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_identity_header_from_an_untrusted_peer_is_refused_with_403() {
    let app = spawn_app().await;
    let response = app.get_with("/", &[("x-forwarded-user", "mallory")]).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("only from the portal's reverse proxy")
    );
}

#[tokio::test]
async fn the_trusted_proxy_s_identity_is_shown_recorded_and_filters_created_by_me() {
    let app = behind_proxy(|_| {}).await;
    assert_eq!(
        create_as(&app, "alice", "", &job_request("alices_job"))
            .await
            .status(),
        201
    );
    assert_eq!(
        create_as(&app, "bob", "", &job_request("bobs_job"))
            .await
            .status(),
        201
    );

    let page = app
        .get_with("/jobs", &[("x-forwarded-user", "alice")])
        .await;
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"Signed in as <strong translate="no">alice</strong>"#),
        "the header shows who is signed in"
    );

    let mine: Value = app
        .client
        .post(app.url("/api/list_jobs"))
        .header("x-forwarded-user", "alice")
        .json(&json!({"filters": {"mine": true}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jobs = mine["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 1, "{mine}");
    assert_eq!(jobs[0]["created_by"], "alice");
}

#[tokio::test]
async fn with_require_user_a_request_without_identity_gets_the_sign_in_page() {
    let app = behind_proxy(|config| config.access.require_user = true).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 401);
    assert!(response.text().await.unwrap().contains("Sign in"));
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "probes need no identity"
    );
    let signed_in = app.get_with("/", &[("x-forwarded-user", "alice")]).await;
    assert_eq!(signed_in.status(), 200);
}

#[tokio::test]
async fn only_the_actor_groups_may_create_and_everyone_else_may_read() {
    let app = behind_proxy(|config| config.access.actor_groups = vec!["flink-admins".into()]).await;
    let simulator = app.portal.simulator.as_ref().unwrap();

    let refused = create_as(&app, "rita", "viewers", &job_request("not_allowed")).await;
    assert_eq!(refused.status(), 403);
    let body: Value = refused.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().contains("flink-admins"),
        "{body}"
    );
    assert_eq!(sim_count(simulator, "create").await, 0);
    let page = app.get_with("/", &[("x-forwarded-user", "rita")]).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("You may look at jobs but not create them")
    );

    let allowed = create_as(&app, "ada", "data,flink-admins", &job_request("allowed")).await;
    assert_eq!(allowed.status(), 201);
}

#[tokio::test]
async fn the_queue_allowlist_is_offered_and_enforced() {
    let app =
        behind_proxy(|config| config.access.allowed_queues = vec!["flink_queue_2".into()]).await;
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains(r#"<option value="flink_queue_2""#));
    assert!(
        !page.contains(r#"<option value="flink_queue""#),
        "only allowed queues are offered"
    );

    let response = create_as(&app, "alice", "", &job_request("wrong_queue")).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["errors"]["queue_name"]
            .as_str()
            .unwrap()
            .contains("flink_queue_2"),
        "{body}"
    );
}

#[tokio::test]
async fn the_cu_cap_is_enforced() {
    let app = behind_proxy(|config| config.access.max_cu_per_job = Some(4)).await;
    let mut request = job_request("too_big");
    request["cu_number"] = json!(8);
    let response = create_as(&app, "alice", "", &request).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["errors"]["cu_number"],
        "This portal allows at most 4 CUs per job."
    );
}

#[tokio::test]
async fn the_create_rate_limit_answers_429_and_says_when_to_retry() {
    let app = behind_proxy(|config| config.access.creates_per_minute = 2).await;
    for name in ["first", "second"] {
        assert_eq!(
            create_as(&app, "alice", "", &job_request(name))
                .await
                .status(),
            201
        );
    }
    let third = create_as(&app, "alice", "", &job_request("third")).await;
    assert_eq!(third.status(), 429);
    let wait: u64 = third.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
    let body: Value = third.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("Try again in {wait} s")),
        "{body}"
    );
    assert_eq!(
        create_as(&app, "bob", "", &job_request("bobs"))
            .await
            .status(),
        201,
        "per person"
    );
}

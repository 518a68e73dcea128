//! Running the portal: request ids, the readiness probe (database and DLI configuration) and
//! the Prometheus metrics for HTTP requests, DLI calls and created jobs.

use crate::helpers::{TestApp, fail_always, spawn_app, spawn_app_for, spawn_app_with, spawn_sim};
use crate::jobs::job_request;
use crate::pg;
use serde_json::{Value, json};

#[tokio::test]
async fn a_request_id_given_by_the_proxy_is_echoed_back() {
    let app = spawn_app().await;
    let response = app
        .get_with("/healthz", &[("x-request-id", "nginx-5f2c9a")])
        .await;
    assert_eq!(response.headers()["x-request-id"], "nginx-5f2c9a");
}

#[tokio::test]
async fn a_request_without_an_id_gets_a_new_uuid_each_time() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for path in ["/", "/api/v1/jobs/1"] {
        let response = app.get(path).await;
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{path}: {id}");
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);
}

async fn readiness(app: &TestApp) -> (u16, Value) {
    let response = app.get("/readyz").await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn readyz_is_200_when_the_database_answers_and_dli_is_configured() {
    let app = spawn_app().await;
    let (status, body) = readiness(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"ready": true, "checks": {"database": "ok", "dli": "ok"}})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_naming_the_database_once_it_is_gone_while_healthz_stays_alive() {
    let database = pg::server("TEST_DATABASE_URL").create_database().await;
    let url = database.url.clone();
    let app = spawn_app_with(|config| config.database_url = Some(url.into())).await;
    assert_eq!(readiness(&app).await.0, 200);

    database.drop_database().await;

    let (status, body) = readiness(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["ready"], false);
    assert_eq!(body["not_ready"], json!(["database"]));
    assert_eq!(body["checks"]["dli"], "ok");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn readyz_is_503_naming_dli_when_its_project_id_cannot_be_looked_up() {
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(|config| {
        config.dli.endpoint = Some(format!("http://127.0.0.1:{closed_port}"));
        config.dli.iam_endpoint = Some(format!("http://127.0.0.1:{closed_port}"));
        config.dli.region = Some("cn-north-4".into());
        config.dli.access_key = Some("AK".to_owned().into());
        config.dli.secret_key = Some("SK".to_owned().into());
    })
    .await;

    let (status, body) = readiness(&app).await;

    assert_eq!(status, 503, "{body}");
    assert_eq!(body["not_ready"], json!(["dli"]));
    assert_eq!(body["checks"]["database"], "ok");
}

/// The value of the series named exactly `series` (name and labels), 0 when absent.
fn value_of(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.parse().unwrap())
}

async fn scrape(app: &TestApp) -> String {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    response.text().await.unwrap()
}

/// A recorder of this test's own: the process's is shared with the tests running beside it. On
/// the current-thread runtime `#[tokio::test]` gives, the portal's tasks run on this thread, so
/// everything it records lands here.
#[tokio::test(flavor = "current_thread")]
async fn metrics_count_http_requests_by_route_dli_calls_by_outcome_and_created_jobs() {
    let recorder = server::middleware::new_recorder();
    let local = recorder.handle();
    let _on_this_thread = metrics::set_default_local_recorder(&recorder);
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    scrape(&app).await;
    let created_series = "dli_portal_jobs_created_total";
    let create_ok = r#"dli_portal_dli_calls_total{operation="create",outcome="ok"}"#;
    let create_failed = r#"dli_portal_dli_calls_total{operation="create",outcome="upstream"}"#;
    let posted =
        r#"dli_portal_http_requests_total{route="/api/v1/jobs",method="POST",status="201"}"#;

    let record = app.create_job("counted").await;
    app.job(record).await;
    fail_always(&sim, "create", 503).await;
    let refused = app.post_job(&job_request("not_counted"), None).await;
    assert_eq!(refused.status(), 502);

    local.run_upkeep();
    let after = local.render();
    for series in [created_series, create_ok, create_failed, posted] {
        assert_eq!(value_of(&after, series), 1.0, "{series}:\n{after}");
    }
    let latency =
        r#"dli_portal_dli_call_duration_seconds_bucket{operation="create",outcome="ok",le="30"}"#;
    assert_eq!(value_of(&after, latency), 1.0, "{after}");
    assert!(
        after.contains(r#"route="/api/v1/jobs/{id}",method="GET",status="200""#),
        "a read is counted under its route pattern:\n{after}"
    );
    assert!(
        !after.contains("route=\"/api/v1/jobs/1\""),
        "no raw id in a label"
    );
}

//! Security at the edge: every response's headers, the per-request CSP nonce on pages, the
//! refusal of cross-site requests that could change something, and the request size limit.

use crate::helpers::{TestApp, sim_count, spawn_app, spawn_app_for, spawn_sim};
use crate::jobs::job_request;
use reqwest::{RequestBuilder, Response};
use serde_json::Value;

/// The `'nonce-…'` source of the response's script-src, after checking the page policy's
/// other rules.
fn page_nonce(response: &Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("script-src "))
        .unwrap_or_else(|| panic!("no script-src in {policy}"));
    assert!(!script_src.contains("unsafe-inline"), "{policy}");
    assert!(script_src.contains("'wasm-unsafe-eval'"), "{policy}");
    for rule in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(rule), "{rule} missing from {policy}");
    }
    let nonce = script_src
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("no nonce in {policy}"));
    assert!(
        nonce.len() >= 16,
        "a nonce too short to be unguessable: {nonce}"
    );
    nonce.to_owned()
}

/// Asserts that every `<script>` of `html` carries `nonce` (none could run without it).
fn every_script_carries(html: &str, nonce: &str) {
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap()])
        .collect();
    assert!(!scripts.is_empty(), "the page has its hydration script");
    for script in scripts {
        assert!(script.contains(&format!(r#"nonce="{nonce}""#)), "{script}");
    }
}

#[tokio::test]
async fn a_page_has_a_csp_whose_fresh_nonce_is_the_one_on_its_hydration_script() {
    let app = spawn_app().await;

    let first = app.get("/").await;
    assert_eq!(first.status(), 200);
    let nonce = page_nonce(&first);
    every_script_carries(&first.text().await.unwrap(), &nonce);

    let second = app.get("/jobs").await;
    let second_nonce = page_nonce(&second);
    assert_ne!(nonce, second_nonce, "each response has its own nonce");
    every_script_carries(&second.text().await.unwrap(), &second_nonce);
}

#[tokio::test]
async fn the_404_page_has_the_page_policy_too() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let nonce = page_nonce(&response);
    every_script_carries(&response.text().await.unwrap(), &nonce);
}

#[tokio::test]
async fn pages_json_and_plain_answers_carry_the_protective_headers() {
    let app = spawn_app().await;
    for path in ["/", "/healthz", "/api/v1/jobs/1", "/readyz"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            headers.get_all("content-security-policy").iter().count(),
            1,
            "{path}"
        );
    }
}

#[tokio::test]
async fn answers_that_are_not_pages_get_a_policy_that_allows_nothing() {
    let app = spawn_app().await;
    for path in ["/healthz", "/api/v1/jobs/1", "/metrics"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["content-security-policy"],
            "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
    }
}

/// The two doors that create a job (REST, and the form, which the browser posts itself with
/// or without JavaScript), each posted with `headers` added, with what each answers on success.
fn create_requests(
    app: &TestApp,
    headers: &[(&str, &str)],
) -> Vec<(&'static str, RequestBuilder, u16)> {
    let form = [
        ("name", "form_door"),
        ("queue_name", "flink_queue"),
        ("entrypoint", "group/app.jar"),
        ("idempotency_key", "k-form-door"),
    ];
    let requests = vec![
        (
            "REST",
            app.client
                .post(app.url("/api/v1/jobs"))
                .json(&job_request("rest_door")),
            201,
        ),
        ("form post", app.client.post(app.url("/")).form(&form), 303),
    ];
    requests
        .into_iter()
        .map(|(door, request, created)| {
            let request = headers.iter().fold(request, |request, (name, value)| {
                request.header(*name, *value)
            });
            (door, request, created)
        })
        .collect()
}

async fn assert_refused(response: Response, door: &str) {
    assert_eq!(response.status(), 403, "{door}");
    let body: Value = response.json().await.unwrap();
    // The JSON API answers a problem; the other doors, their own `{"error": ...}`.
    let message = body["detail"]
        .as_str()
        .or(body["error"].as_str())
        .unwrap_or_default();
    assert!(message.contains("another site"), "{door}: {body}");
}

#[tokio::test]
async fn a_post_from_another_origin_is_refused_at_every_door_and_creates_nothing() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;

    for (door, request, _) in create_requests(&app, &[("origin", "http://evil.example")]) {
        assert_refused(request.send().await.unwrap(), door).await;
    }

    assert_eq!(sim_count(&sim, "create").await, 0);
    assert_eq!(
        app.get("/api/v1/jobs/1").await.status(),
        404,
        "nothing recorded"
    );
}

#[tokio::test]
async fn a_post_the_browser_marks_cross_site_is_refused_even_with_a_matching_origin() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let own_origin = app.base_url.clone();
    let headers = [
        ("sec-fetch-site", "cross-site"),
        ("origin", own_origin.as_str()),
    ];

    for (door, request, _) in create_requests(&app, &headers) {
        assert_refused(request.send().await.unwrap(), door).await;
    }

    assert_eq!(sim_count(&sim, "create").await, 0);
}

#[tokio::test]
async fn a_post_from_the_portals_own_pages_goes_through_every_door() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let own_origin = app.base_url.clone();
    let headers = [
        ("sec-fetch-site", "same-origin"),
        ("origin", own_origin.as_str()),
    ];

    let doors = create_requests(&app, &headers);
    let count = doors.len() as u64;
    for (door, request, created) in doors {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), created, "{door}");
    }

    assert_eq!(sim_count(&sim, "create").await, count, "one job per door");
}

#[tokio::test]
async fn a_post_from_an_older_browser_with_only_a_matching_origin_goes_through() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let own_origin = app.base_url.clone();

    let (_, rest, created) = create_requests(&app, &[("origin", own_origin.as_str())]).remove(0);
    assert_eq!(rest.send().await.unwrap().status(), created);
    assert_eq!(sim_count(&sim, "create").await, 1);
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_at_every_door() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let huge = "x".repeat(app.portal.state.body_limit + 1);

    let oversized = [
        ("REST", "/api/v1/jobs", "application/json"),
        ("server function", "/api/list_jobs", "application/json"),
        ("form post", "/", "application/x-www-form-urlencoded"),
    ];
    for (door, path, content_type) in oversized {
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", content_type)
            .body(huge.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413, "{door}");
    }

    assert_eq!(sim_count(&sim, "create").await, 0);
}

//! A portal mounted under a sub-path (`--base-path /flink`), as behind a reverse proxy: pages,
//! links, assets, server functions and the REST API all live under it, and nothing at the root.

use crate::helpers::{TestApp, spawn_app_with};
use serde_json::{Value, json};

async fn spawn_under_flink() -> TestApp {
    spawn_app_with(|config| config.base_path = "/flink".into()).await
}

#[tokio::test]
async fn every_page_is_served_under_the_base_path_and_links_within_it() {
    let app = spawn_under_flink().await;
    for (path, bundle) in [
        ("/flink/", "dli-portal"),
        ("/flink/jobs", "dli-portal-history"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(r#"href="/flink/jobs""#),
            "{path} links the history under /flink"
        );
        assert!(
            html.contains(&format!("/flink/pkg/{bundle}.js")),
            "{path} loads its wasm under /flink"
        );
        assert!(
            html.contains(r#"href="/flink/pkg/dli-portal.css""#),
            "{path} styles"
        );
        assert!(
            html.contains(r#"base_path&quot;:&quot;/flink"#),
            "{path} tells the browser the base"
        );
    }
}

#[tokio::test]
async fn nothing_is_served_at_the_root() {
    let app = spawn_under_flink().await;
    assert_eq!(app.get("/jobs").await.status(), 404);
    assert_eq!(app.get("/healthz").await.status(), 404);
    assert_eq!(app.get("/flink/healthz").await.status(), 200);
    assert_eq!(app.get("/flink/no/such/page").await.status(), 404);
}

#[tokio::test]
async fn server_functions_and_the_rest_api_answer_under_the_base_path() {
    let app = spawn_under_flink().await;
    let listed = app
        .client
        .post(app.url("/flink/api/list_jobs"))
        .json(&json!({"filters": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    let page: Value = listed.json().await.unwrap();
    assert_eq!(page["jobs"], json!([]));

    let refused = app
        .client
        .post(app.url("/flink/api/v1/jobs"))
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422, "the REST API is there and validates");
}

#[tokio::test]
async fn the_form_posts_and_redirects_under_the_base_path() {
    let app = spawn_under_flink().await;
    let page = app.get("/flink/").await.text().await.unwrap();
    assert!(
        page.contains(r#"action="/flink/""#),
        "the form posts under the base"
    );

    let response = app
        .client
        .post(app.url("/flink/"))
        .form(&[("idempotency_key", "k"), ("name", "no queue")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("fields need attention")
    );
}

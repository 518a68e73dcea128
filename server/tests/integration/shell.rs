//! The app shell: health check, pages, the 404 page and compression.

use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn every_page_renders_the_header_and_its_own_heading() {
    let app = spawn_app().await;
    for (path, heading, bundle) in [
        ("/", "New Flink Jar job", "dli-portal"),
        ("/jobs", "History", "dli-portal-history"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(r#"<nav aria-label="Main">"#),
            "{path} has the navigation"
        );
        assert!(html.contains(heading), "{path} shows {heading:?}");
        assert!(
            html.contains(&format!("/pkg/{bundle}.js")),
            "{path} loads its bundle's wasm glue"
        );
    }
}

#[tokio::test]
async fn an_unknown_url_gets_the_404_page_with_status_404() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page not found"));
    assert!(html.contains(r#"href="/""#), "links home");
}

#[tokio::test]
async fn html_is_compressed_with_brotli_or_gzip_as_the_client_asks() {
    let app = spawn_app().await;
    for encoding in ["br", "gzip"] {
        let response = app.get_with("/", &[("accept-encoding", encoding)]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
    }
}

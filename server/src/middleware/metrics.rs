//! Prometheus metrics: the process-wide recorder (installed once however many portals a test
//! process starts) and the count and latency of HTTP requests by route, method and status.
//! The DLI client and the job service record their own series through the `metrics` facade.

use axum::{
    extract::{MatchedPath, Request},
    http::Method,
    middleware::Next,
    response::Response,
};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};
use std::{
    sync::OnceLock,
    time::{Duration, Instant},
};

/// Upper bounds of the latency buckets, in seconds: a page in milliseconds up to a DLI call
/// that times out after half a minute.
const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How often histogram samples are folded into their buckets between scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// A Prometheus recorder with the portal's latency buckets: the process's (below), or a test's
/// own, installed on its thread with `metrics::set_default_local_recorder`.
pub fn new_recorder() -> PrometheusRecorder {
    PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
        .expect("the bucket list is not empty")
        .build_recorder()
}

/// The handle `/metrics` renders, installing the recorder on the first call.
pub fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = new_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics shows nothing");
        }
        // Without upkeep, samples pile up in memory until someone scrapes.
        let upkeep = handle.clone();
        std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(UPKEEP_EVERY);
                    upkeep.run_upkeep();
                }
            })
            .expect("a thread for metrics upkeep");
        handle
    })
}

/// Counts and times each request under its route pattern (`/api/v1/jobs/{id}`), so that ids in
/// paths do not make a series each; requests no route matched share `unmatched`.
pub async fn count_http_request(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_str().to_owned();
    metrics::histogram!(
        "dli_portal_http_request_duration_seconds",
        "route" => route.clone(),
        "method" => method,
    )
    .record(started.elapsed());
    metrics::counter!(
        "dli_portal_http_requests_total",
        "route" => route,
        "method" => method,
        "status" => status,
    )
    .increment(1);
    response
}

/// The method as a label; made-up methods share one, since anyone can send them.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{Router, body::Body, middleware::from_fn, routing::get};
    use tower::ServiceExt;

    #[test]
    fn requests_are_counted_by_route_pattern_and_unknown_paths_share_one_series() {
        let recorder = PrometheusBuilder::new().build_recorder();
        let router = Router::new()
            .route("/jobs/{id}", get(|| async { "a job" }))
            .layer(from_fn(count_http_request));
        metrics::with_local_recorder(&recorder, || {
            futures::executor::block_on(async {
                for path in ["/jobs/1", "/jobs/2", "/nowhere/3"] {
                    let request = Request::get(path).body(Body::empty()).unwrap();
                    router.clone().oneshot(request).await.unwrap();
                }
            })
        });
        let text = recorder.handle().render();
        let series =
            r#"dli_portal_http_requests_total{route="/jobs/{id}",method="GET",status="200"} 2"#;
        assert!(text.contains(series), "{text}");
        let unmatched = r#"{route="unmatched",method="GET",status="404"} 1"#;
        assert!(text.contains(unmatched), "{text}");
        assert!(!text.contains("/jobs/1"), "no raw path becomes a label");
    }

    #[test]
    fn a_made_up_method_shares_one_label_and_known_ones_keep_their_name() {
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "other");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
    }
}

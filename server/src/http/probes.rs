//! The operator's probes: `/healthz` (alive), `/readyz`, whether this instance can do its work
//! (the database answers, the DLI configuration is complete), and `/metrics`.

use crate::middleware::prometheus;
use app::server::state::AppState;
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value, json};
use std::{future::Future, time::Duration};

/// A probe must answer before the orchestrator gives up on it; a check slower than this fails.
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// 200 `{"ready": true, "checks": {...}}` when every check passes, else 503 with `not_ready`
/// naming the failed checks. The causes go to the log, not to the (unauthenticated) answer.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let (database, dli) = tokio::join!(
        check("database", "the database does not answer", async {
            state.store.ping().await.map_err(|error| error.to_string())
        }),
        // Known once configured or looked up; a region-only set-up asks IAM the first time.
        check("dli", "the DLI project id is not known", async {
            state
                .dli
                .project_id()
                .await
                .map(drop)
                .map_err(|error| error.to_string())
        }),
    );
    let results = [database, dli];
    let not_ready: Vec<&str> = results
        .iter()
        .filter(|(_, problem)| problem.is_some())
        .map(|(name, _)| *name)
        .collect();
    let checks: Map<String, Value> = results
        .iter()
        .map(|(name, problem)| (name.to_string(), json!(problem.unwrap_or("ok"))))
        .collect();
    let status = if not_ready.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut body = json!({ "ready": not_ready.is_empty(), "checks": checks });
    if !not_ready.is_empty() {
        body["not_ready"] = json!(not_ready);
    }
    (status, Json(body)).into_response()
}

/// Runs one readiness check within [`CHECK_TIMEOUT`]: its name, and `problem` if it failed.
async fn check(
    name: &'static str,
    problem: &'static str,
    probe: impl Future<Output = Result<(), String>>,
) -> (&'static str, Option<&'static str>) {
    let cause = match tokio::time::timeout(CHECK_TIMEOUT, probe).await {
        Ok(Ok(())) => return (name, None),
        Ok(Err(cause)) => cause,
        Err(_) => format!("no answer within {CHECK_TIMEOUT:?}"),
    };
    tracing::warn!(check = name, %cause, "not ready: {problem}");
    (name, Some(problem))
}

/// Prometheus' text format.
pub async fn metrics() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        prometheus().render(),
    )
}

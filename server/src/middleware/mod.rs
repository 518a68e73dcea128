//! The layers every response goes through, outermost first: request ids and the request's log
//! span, security headers, HTTP metrics, the JSON API's refusals as problems, the refusal of
//! cross-site requests and the body limit.

mod metrics;
mod request_id;
mod same_origin;
mod security_headers;

pub use metrics::{new_recorder, prometheus};

use crate::http::api::refusals_as_problems;
use app::server::state::AppState;
use axum::{
    Router,
    middleware::{from_fn, from_fn_with_state},
};
use tower_http::limit::RequestBodyLimitLayer;

/// Wraps every route of `router` (and its fallback) in the portal's layers. Installs the
/// process-wide metrics recorder on first use, before any request is served.
pub fn apply(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    prometheus();
    // Each `layer` wraps what is already there, so the last one added runs first.
    let router = router
        // Server functions read their body themselves, past axum's DefaultBodyLimit.
        .layer(RequestBodyLimitLayer::new(state.body_limit))
        .layer(from_fn(same_origin::refuse_cross_site))
        .layer(from_fn_with_state(
            format!("{}/api/v1/", state.base_path).into(),
            refusals_as_problems,
        ))
        .layer(from_fn(metrics::count_http_request));
    let router = security_headers::layer_onto(router);
    request_id::layer_onto(router)
}

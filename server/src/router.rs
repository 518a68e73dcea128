//! The axum router: health check, Leptos pages and server functions, static files, and the
//! layers every response goes through (compression, request logs).

use app::{
    App,
    server::{form_post::post_new_job, rest, state::AppState},
    shell,
};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use tower_http::{
    compression::CompressionLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/jobs", post(rest::create_job))
        .route("/api/v1/jobs/{id}", get(rest::get_job))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        // The job form posted without JavaScript (the page itself is GET, from the routes).
        .route("/", post(post_new_job))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(DefaultBodyLimit::max(state.body_limit))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

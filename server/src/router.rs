//! The axum router: health check, Leptos pages and server functions, the REST API, static
//! files, and the layers every response goes through. Everything is mounted under the base
//! path (`--base-path`), so that a reverse proxy can serve the portal at a sub-path unchanged.

use crate::{identity::identify, middleware, ops};
use app::{
    server::{form_post::post_new_job, rest, state::AppState},
    shell,
};
use axum::{
    Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
    routing::{any, get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{
    file_and_error_handler, handle_server_fns_with_context, render_app_async_with_context,
};
use std::path::Path;
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

/// The pages of `App`'s routes. Every page renders whole (`SsrMode::Async`), so they share
/// one handler; registering them here rather than with `generate_route_list` keeps route
/// generation (which stops every resource in the process from loading while it runs) out of
/// start-up, where it raced pages being served by other portals in the same process. The
/// third page, `/`, is routed with the form post it also answers.
const PAGES: [&str; 2] = ["/jobs", "/jobs/{id}"];

pub fn build(state: AppState) -> Router {
    // Server functions spawn their work on Leptos' executor: tokio's, here.
    let _ = any_spawner::Executor::init_tokio();
    let base = state.base_path.clone();
    let at = |path: &str| format!("{base}{path}");
    let options = state.leptos_options.clone();
    let site_root = Path::new(&*options.site_root).to_owned();
    let page = render_app_async_with_context(
        {
            let state = state.clone();
            move || provide_context(state.clone())
        },
        move || shell(options.clone()),
    );
    // Probes and metrics scrapers have no identity: these answer outside the identity check.
    let probes = Router::new()
        .route(&at("/healthz"), get(|| async { "ok" }))
        .route(&at("/readyz"), get(ops::readyz))
        .route(&at("/metrics"), get(ops::metrics));
    let mut router = Router::new()
        .route(&at("/api/v1/jobs"), post(rest::create_job))
        .route(&at("/api/v1/jobs/{id}"), get(rest::get_job))
        .route(&at("/api/{*function}"), any(server_function))
        // The job form posts to its own page when the browser runs no JavaScript.
        .route(&at("/"), get(page.clone()).post(post_new_job))
        .nest_service(
            &at("/pkg"),
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route_service(
            &at("/favicon.ico"),
            ServeFile::new(site_root.join("favicon.ico")),
        );
    for path in PAGES {
        router = router.route(&at(path), get(page.clone()));
    }
    if !base.is_empty() {
        // The mount point itself, without the trailing slash.
        router = router.route(&base, get(page));
    }
    let router = router
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            identify,
        ))
        .merge(probes)
        .layer(CompressionLayer::new());
    middleware::apply(router, &state).with_state(state)
}

/// A server-function call, handed to Leptos at the path it registered (`/api/...`, without
/// the base path the browser calls it under).
async fn server_function(State(state): State<AppState>, mut request: Request) -> Response {
    let uri = request.uri();
    let path = uri
        .path()
        .strip_prefix(&state.base_path)
        .unwrap_or(uri.path());
    let query = uri
        .query()
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    match format!("{path}{query}").parse() {
        Ok(inner) => *request.uri_mut() = inner,
        Err(_) => return axum::http::StatusCode::BAD_REQUEST.into_response(),
    }
    handle_server_fns_with_context(move || provide_context(state.clone()), request)
        .await
        .into_response()
}

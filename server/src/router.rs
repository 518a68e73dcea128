//! The axum router: health check, Leptos pages and server functions, the REST API, static
//! files, and the layers every response goes through. Everything is mounted under the base
//! path (`--base-path`), so that a reverse proxy can serve the portal at a sub-path unchanged.

use crate::{identity::identify, middleware, ops};
use app::{
    App,
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
    LeptosRoutes, file_and_error_handler, generate_route_list_with_exclusions_and_ssg_and_context,
    handle_server_fns_with_context, render_app_async_with_context,
};
use std::path::Path;
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

pub fn build(state: AppState) -> Router {
    let base = state.base_path.clone();
    let at = |path: &str| format!("{base}{path}");
    // The app reads the base path from the state, so the page routes it lists carry it.
    let (routes, _) = generate_route_list_with_exclusions_and_ssg_and_context(App, None, {
        let state = state.clone();
        move || provide_context(state.clone())
    });
    let options = state.leptos_options.clone();
    let site_root = Path::new(&*options.site_root).to_owned();
    let mut router = Router::new()
        .route(&at("/healthz"), get(|| async { "ok" }))
        .route(&at("/readyz"), get(ops::readyz))
        .route(&at("/metrics"), get(ops::metrics))
        .route(&at("/api/v1/jobs"), post(rest::create_job))
        .route(&at("/api/v1/jobs/{id}"), get(rest::get_job))
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
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
    if base.is_empty() {
        // The job form posted without JavaScript (the page itself is GET, from the routes).
        router = router.route("/", post(post_new_job));
    } else {
        // Leptos registers server functions at /api/...; the browser calls them under the base.
        router = router.route(&at("/api/{*function}"), any(server_fn_under_base));
        // Leptos lists the home page as "/flink"; proxies link "/flink/", so render it there too.
        let home = render_app_async_with_context(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || shell(options.clone()),
        );
        router = router.route(&at("/"), get(home).post(post_new_job));
    }
    let router = router
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            identify,
        ))
        .layer(CompressionLayer::new());
    middleware::apply(router, &state).with_state(state)
}

/// A server-function call under the base path, handed to Leptos at the path it registered.
async fn server_fn_under_base(State(state): State<AppState>, mut request: Request) -> Response {
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

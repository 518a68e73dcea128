//! The axum router: health check, Leptos pages and server functions, the REST API, static
//! files, and the layers every response goes through. Everything is mounted under the base
//! path (`--base-path`), so that a reverse proxy can serve the portal at a sub-path unchanged.

use crate::{
    assets,
    http::{
        api,
        batch_post::post_batch,
        form_post::{post_edit_job, post_new_job},
        preference_post::post_preference,
        probes,
    },
    middleware,
    status::status_and_retry,
};
use app::{
    PAGES,
    error::AppError,
    i18n::Lang,
    model::{Preference, Theme},
    server::{access::identify, state::AppState},
    shell,
};
use axum::http::{HeaderValue, StatusCode, header::CACHE_CONTROL};
use axum::{
    Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
    routing::{any, get, post},
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{
    file_and_error_handler_with_context, handle_server_fns_with_context,
    render_app_async_with_context,
};
use std::path::Path;
use tower_http::{compression::CompressionLayer, set_header::SetResponseHeaderLayer};

pub fn build(state: AppState) -> Router {
    // Server functions spawn their work on Leptos' executor: tokio's, here.
    let _ = any_spawner::Executor::init_tokio();
    let base = state.base_path.clone();
    let at = |path: &str| format!("{base}{path}");
    let options = state.leptos_options.clone();
    let site_root = Path::new(&*options.site_root).to_owned();
    let hashed_names = options.hash_files;
    let page_context = {
        let state = state.clone();
        move || state.provide_page_context()
    };
    // `app::PAGES` are `App`'s routes, registered here rather than with `generate_route_list`:
    // route generation stops every resource in the process from loading while it runs, which
    // raced pages being served by other portals in the same process (the tests' case). Every
    // page renders whole (`SsrMode::Async`), so they share one handler.
    let page = render_app_async_with_context(page_context.clone(), move || shell(options.clone()));
    // Probes and metrics scrapers have no identity: these answer outside the identity check.
    let probes = Router::new()
        .route(&at("/healthz"), get(|| async { "ok" }))
        .route(&at("/readyz"), get(probes::readyz))
        .route(&at("/metrics"), get(probes::metrics));
    let mut router = Router::new()
        .merge(api::routes(&base))
        .route(&at("/api/{*function}"), any(server_function))
        .route(&at(Theme::PATH), post(post_preference::<Theme>))
        .route(&at(Lang::PATH), post(post_preference::<Lang>))
        .nest_service(
            &at("/pkg"),
            assets::service(&site_root.join("pkg"), hashed_names),
        )
        .nest_service(
            &at("/favicon.ico"),
            assets::favicon(&site_root.join("favicon.ico")),
        );
    for path in PAGES {
        let handler = get(page.clone());
        // Forms post to their own page when the browser runs no JavaScript.
        let handler = match path {
            "/" => handler.post(post_new_job),
            "/jobs/{id}/edit" => handler.post(post_edit_job),
            "/jobs/batch" => handler.post(post_batch),
            _ => handler,
        };
        router = router.route(&at(path), handler);
    }
    if !base.is_empty() {
        // The mount point itself, without the trailing slash.
        router = router.route(&base, get(page));
    }
    let router = router
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            page_context,
            shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.access.clone(),
            identify,
        ))
        .merge(probes)
        // Leaves alone what is already compressed: the assets' precompressed twins.
        .layer(CompressionLayer::new())
        // Pages show live data and who is signed in: a browser must ask again every time.
        // The assets say for themselves how long they keep.
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
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
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    }
    let response = handle_server_fns_with_context(move || state.provide_page_context(), request)
        .await
        .into_response();
    with_the_errors_status(response).await
}

/// Leptos answers every server-function error with 500. The error is an `AppError`, which
/// knows its status: a body the function cannot read is the caller's fault (400), a refusal is
/// 422, and so on, each with `Retry-After` where repeating is the answer.
async fn with_the_errors_status(response: Response) -> Response {
    let is_error = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if !is_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        let (status, retry) = status_and_retry(&error);
        parts.status = status;
        parts.headers.extend(retry);
    }
    Response::from_parts(parts, bytes.into())
}

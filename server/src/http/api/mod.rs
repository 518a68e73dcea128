//! The JSON API for automation under `/api/v1`: the jobs and their life, the OpenAPI document, and a problem
//! (not an HTML page) for any other path under it.

mod jobs;
mod life;
pub mod openapi;
mod problem;
mod schema;

pub use problem::refusals_as_problems;

use app::{error::AppError, server::state::AppState};
use axum::{
    Router,
    http::header,
    response::IntoResponse,
    routing::{any, get, post},
};

/// The API's routes, each at `base_path` + its path.
pub fn routes(base_path: &str) -> Router<AppState> {
    let at = |path: &str| format!("{base_path}/api/v1{path}");
    let document = openapi::document(base_path);
    Router::new()
        .route(&at("/jobs"), get(jobs::list_jobs).post(jobs::create_job))
        .route(&at("/jobs/batch"), post(life::batch))
        .route(
            &at("/jobs/{id}"),
            get(jobs::get_job)
                .put(life::update_job)
                .delete(jobs::delete_job),
        )
        .route(&at("/jobs/{id}/start"), post(jobs::start_job))
        .route(&at("/jobs/{id}/stop"), post(jobs::stop_job))
        .route(&at("/jobs/{id}/rollback"), post(life::roll_back_job))
        .route(&at("/jobs/{id}/versions"), get(life::versions))
        .route(&at("/jobs/{id}/events"), get(life::job_events))
        .route(&at("/events"), get(life::events))
        .route(
            &at("/openapi.json"),
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
        )
        .route(
            &at("/{*unknown}"),
            any(|| async { problem::problem(&AppError::NotFound).into_response() }),
        )
}

//! The jobs of the JSON API: list, read, create, start, stop and delete, each a thin door to the
//! same service the pages use. The `#[utoipa::path]` on each is its OpenAPI description.

use super::problem::{Problem, problem};
use super::schema::{CreateJobRequest, ListParams, StartRequest, StopRequest};
use app::domain::{FieldErrors, JobForm};
use app::error::AppError;
use app::model::{CreatedJob, HistoryFilters, JobDetails, JobPage, JobSummary};
use app::server::{jobs, request::Caller, state::AppState};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, Query, State, rejection::PathRejection, rejection::QueryRejection},
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;

/// The most jobs one page of the API holds.
const MOST_PER_PAGE: i64 = 200;

#[utoipa::path(
    get, path = "/api/v1/jobs", operation_id = "listJobs", tag = "jobs",
    params(ListParams),
    responses(
        (status = 200, description = "One page of the history, newest first.", body = JobPage),
        (status = 422, description = "A filter or the cursor is not valid.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_jobs(
    State(state): State<AppState>,
    parts: Parts,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Response {
    let Query(params) = match params {
        Ok(params) => params,
        Err(rejection) => return problem(&AppError::BadRequest(rejection.body_text())),
    };
    let limit = params.limit.unwrap_or(50);
    if !(1..=MOST_PER_PAGE).contains(&limit) {
        let mut errors = FieldErrors::default();
        errors.insert(
            "limit",
            format!("Ask for 1 to {MOST_PER_PAGE} jobs a page."),
        );
        return problem(&AppError::Invalid(errors));
    }
    let filters = HistoryFilters {
        status: params.status,
        // The history page's summary groups are a page's affair, not the API's.
        group: None,
        queue: params.queue,
        mine: params.mine.unwrap_or(false),
        name: params.name,
        cursor: params.cursor,
        limit: Some(limit as u32),
    };
    answer(jobs::page(&Caller::from_parts(state, &parts), &filters).await)
}

#[utoipa::path(
    get, path = "/api/v1/jobs/{id}", operation_id = "getJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id.")),
    responses(
        (status = 200, description = "Everything about the job.", body = JobDetails),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    answer(jobs::details(&Caller::from_parts(state, &parts), id).await)
}

#[utoipa::path(
    post, path = "/api/v1/jobs", operation_id = "createJob", tag = "jobs",
    params(("Idempotency-Key" = Option<String>, Header, nullable = false,
        min_length = 1, max_length = 128, pattern = "^[!-~]+$",
        description = "Names this request: repeating it with the same key and body never makes a second job, and answers with the first request's outcome. Keys are the caller's own; a key used before with another body is refused (422).")),
    request_body(content = CreateJobRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "DLI created the job (and started it, if asked; `start_problem` says why not).", body = CreatedJob,
            headers(("Location" = String, description = "The job in the JSON API.")),
            links(
                ("GetJob" = (operation_id = "getJob", parameters(("id" = "$response.body#/record_id")))),
                ("StartJob" = (operation_id = "startJob", parameters(("id" = "$response.body#/record_id")))),
                ("StopJob" = (operation_id = "stopJob", parameters(("id" = "$response.body#/record_id")))),
                ("DeleteJob" = (operation_id = "deleteJob", parameters(("id" = "$response.body#/record_id")))),
            )),
        (status = 409, description = "The same request (same key) is still being created: repeat it after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to fix (under `errors`), a refusal by DLI, or the key reused with another body: repeating will not help.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many creates: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI's answer was lost; the portal is finding out whether the job exists. Repeat after `Retry-After` to get the outcome.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_job(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let request: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return problem(&AppError::BadRequest(format!(
                "the body is not JSON: {error}"
            )));
        }
    };
    let (form, start) = match JobForm::from_request_json(&request) {
        Ok(parsed) => parsed,
        Err(errors) => return problem(&AppError::Invalid(errors)),
    };
    let key = idempotency_key(&parts.headers).unwrap_or_else(jobs::new_idempotency_key);
    let base = state.base_path.clone();
    let caller = Caller::from_parts(state, &parts);
    match jobs::create(&caller, &form, &key, start).await {
        Ok(created) => {
            let location = format!("{base}/api/v1/jobs/{}", created.record_id);
            (
                StatusCode::CREATED,
                [(header::LOCATION, location)],
                Json(created),
            )
                .into_response()
        }
        Err(error) => problem(&error),
    }
}

#[utoipa::path(
    post, path = "/api/v1/jobs/{id}/start", operation_id = "startJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id.")),
    request_body(content = Option<StartRequest>, content_type = "application/json"),
    responses(
        (status = 200, description = "DLI is starting the job; its status as DLI reports it now.", body = JobSummary),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "DLI refused (the job runs already, was deleted, or has no savepoint to resume from), or the body is not a start request.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "DLI is throttling: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI did not answer: look at the job, then repeat if need be.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn start_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
    body: Bytes,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    let start: StartRequest = match optional_body(&body) {
        Ok(start) => start,
        Err(error) => return problem(&error),
    };
    let caller = Caller::from_parts(state, &parts);
    let started = jobs::start(&caller, id, start.resume_savepoint).await;
    after_action(&caller, id, started).await
}

#[utoipa::path(
    post, path = "/api/v1/jobs/{id}/stop", operation_id = "stopJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id.")),
    request_body(content = Option<StopRequest>, content_type = "application/json"),
    responses(
        (status = 200, description = "DLI is stopping the job; its status as DLI reports it now.", body = JobSummary),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "DLI refused, or the body is not a stop request.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "DLI is throttling: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI did not answer: look at the job, then repeat if need be.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn stop_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
    body: Bytes,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    let stop: StopRequest = match optional_body(&body) {
        Ok(stop) => stop,
        Err(error) => return problem(&error),
    };
    let caller = Caller::from_parts(state, &parts);
    let stopped = jobs::stop(&caller, id, stop.trigger_savepoint).await;
    after_action(&caller, id, stopped).await
}

#[utoipa::path(
    delete, path = "/api/v1/jobs/{id}", operation_id = "deleteJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id.")),
    responses(
        (status = 200, description = "DLI deleted the job; the history keeps it, marked deleted.", body = JobSummary),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The job was deleted already, or DLI never had it.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "DLI is throttling: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI did not answer: look at the job, then repeat if need be.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    let caller = Caller::from_parts(state, &parts);
    after_action(&caller, id, jobs::delete(&caller, id).await).await
}

/// The job as it stands after an action that went through, or the action's problem.
async fn after_action(caller: &Caller, id: i64, done: Result<(), AppError>) -> Response {
    match done {
        Ok(()) => answer(jobs::details(caller, id).await.map(|job| job.summary)),
        Err(error) => problem(&error),
    }
}

pub(super) fn answer<T: serde::Serialize>(result: Result<T, AppError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => problem(&error),
    }
}

/// The `{id}` of the path; a path that is not an id is a problem, not axum's plain text.
pub(super) fn job_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    id.map(|Path(id)| id)
        .map_err(|rejection| AppError::BadRequest(rejection.body_text()))
}

/// A JSON body that may be left out, or be `null` (then every field takes its default).
fn optional_body<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, AppError> {
    let text = body.trim_ascii();
    if text.is_empty() || text == b"null" {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|error| body_error(&error))
}

/// A body that is JSON but not the request's shape: a 422 on `body`.
pub(super) fn body_error(error: &serde_json::Error) -> AppError {
    let mut errors = FieldErrors::default();
    errors.insert("body", format!("{error}."));
    AppError::Invalid(errors)
}

/// The key as sent, unreadable bytes included, so that a malformed key is refused (422) rather
/// than replaced by a fresh one, which would lose the idempotency the client asked for.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

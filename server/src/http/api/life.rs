//! A job's life in the JSON API: update in place, roll back to a version, act on several jobs
//! at once, and read the versions and the audit trail. Each a thin door to the job service.

use super::jobs::{answer, body_error, idempotency_key, job_id};
use super::problem::{Problem, problem};
use super::schema::{BatchRequest, EventParams, RollbackRequest, UpdateJobRequest};
use app::domain::{FieldErrors, JobForm};
use app::error::AppError;
use app::model::{
    ActivityFilters, BatchResults, EventPage, EventView, UpdateView, VersionView, WhenRunning,
};
use app::server::jobs::{self, BatchOptions};
use app::server::{request::Caller, state::AppState};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, Query, State, rejection::PathRejection, rejection::QueryRejection},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde_json::Value;

#[utoipa::path(
    put, path = "/api/v1/jobs/{id}", operation_id = "updateJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id."),
        ("Idempotency-Key" = Option<String>, Header, nullable = false,
        min_length = 1, max_length = 128, pattern = "^[!-~]+$",
        description = "Names this request: repeating it with the same key and body answers with the first request's update and never updates twice.")),
    request_body(content = UpdateJobRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "DLI took the update (in one call: the job was not running, or every change is one DLI makes live).", body = UpdateView),
        (status = 202, description = "The update is under way (stop, update, start): `step` says where; the job's `update` follows it.", body = UpdateView,
            headers(("Location" = String, description = "The job in the JSON API."))),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The job runs and `fields` need a restart, which `when_running` did not ask for; or another update of the job is under way.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to fix, a change of tags, nothing to change, a refusal by DLI, or an update that stopped at a step (`detail` says where and in what state it left the job).", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI did not answer: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
    body: Bytes,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    let (form, when_running) = match update_request(&body) {
        Ok(request) => request,
        Err(error) => return problem(&error),
    };
    let key = idempotency_key(&parts.headers).unwrap_or_else(jobs::new_idempotency_key);
    let caller = Caller::from_parts(state, &parts);
    updated(
        &caller,
        jobs::update(&caller, id, &form, when_running, &key).await,
    )
}

#[utoipa::path(
    post, path = "/api/v1/jobs/{id}/rollback", operation_id = "rollBackJob", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id."),
        ("Idempotency-Key" = Option<String>, Header, nullable = false,
        min_length = 1, max_length = 128, pattern = "^[!-~]+$",
        description = "As for an update.")),
    request_body(content = RollbackRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "DLI took the update back to the version's settings.", body = UpdateView),
        (status = 202, description = "The rollback is under way (stop, update, start).", body = UpdateView,
            headers(("Location" = String, description = "The job in the JSON API."))),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "As for an update.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such version, nothing to change, or as for an update.", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "DLI failed: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
        (status = 504, description = "DLI did not answer: repeat after `Retry-After`.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn roll_back_job(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
    body: Bytes,
) -> Response {
    let id = match job_id(id) {
        Ok(id) => id,
        Err(error) => return problem(&error),
    };
    let request: RollbackRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return problem(&body_error(&error)),
    };
    let key = idempotency_key(&parts.headers).unwrap_or_else(jobs::new_idempotency_key);
    let caller = Caller::from_parts(state, &parts);
    let rolled_back =
        jobs::rollback(&caller, id, request.version, request.when_running, &key).await;
    updated(&caller, rolled_back)
}

#[utoipa::path(
    post, path = "/api/v1/jobs/batch", operation_id = "batchJobs", tag = "jobs",
    request_body(content = BatchRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "One result per job asked, in the order asked: DLI answers per job.", body = BatchResults),
        (status = 422, description = "No ids, more than 50, an id twice, or not a batch request.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn batch(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let request: BatchRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return problem(&body_error(&error)),
    };
    let options = BatchOptions {
        trigger_savepoint: request.trigger_savepoint,
        resume_savepoint: request.resume_savepoint,
    };
    let caller = Caller::from_parts(state, &parts);
    answer(jobs::batch(&caller, request.action, &request.ids, options).await)
}

#[utoipa::path(
    get, path = "/api/v1/jobs/{id}/versions", operation_id = "listJobVersions", tag = "jobs",
    params(("id" = i64, Path, description = "The job's history id.")),
    responses(
        (status = 200, description = "Every version of the job's settings, oldest first: version 1 is the create.", body = Vec<VersionView>),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn versions(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    match job_id(id) {
        Ok(id) => answer(jobs::versions(&Caller::from_parts(state, &parts), id).await),
        Err(error) => problem(&error),
    }
}

#[utoipa::path(
    get, path = "/api/v1/jobs/{id}/events", operation_id = "listJobEvents", tag = "events",
    params(("id" = i64, Path, description = "The job's history id.")),
    responses(
        (status = 200, description = "Every action on the job, oldest first.", body = Vec<EventView>),
        (status = 404, description = "There is no such job.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn job_events(
    State(state): State<AppState>,
    parts: Parts,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    match job_id(id) {
        Ok(id) => answer(jobs::events_of(&Caller::from_parts(state, &parts), id).await),
        Err(error) => problem(&error),
    }
}

#[utoipa::path(
    get, path = "/api/v1/events", operation_id = "listEvents", tag = "events",
    params(EventParams),
    responses(
        (status = 200, description = "One page of the team's actions, newest first.", body = EventPage),
        (status = 422, description = "A filter or the cursor is not valid.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    parts: Parts,
    params: Result<Query<EventParams>, QueryRejection>,
) -> Response {
    let Query(params) = match params {
        Ok(params) => params,
        Err(rejection) => return problem(&AppError::BadRequest(rejection.body_text())),
    };
    let limit = match params.limit {
        None => None,
        Some(limit @ 1..=200) => Some(limit as u32),
        Some(_) => {
            let mut errors = FieldErrors::default();
            errors.insert("limit", "Ask for 1 to 200 events a page.");
            return problem(&AppError::Invalid(errors));
        }
    };
    let filters = ActivityFilters {
        actor: params.actor,
        action: params.action,
        job: params.job,
        cursor: params.cursor,
        limit,
    };
    answer(jobs::activity(&Caller::from_parts(state, &parts), &filters).await)
}

/// DLI's create body with `when_running` beside it, read as the create's is.
fn update_request(body: &[u8]) -> Result<(JobForm, WhenRunning), AppError> {
    let mut request: Value = serde_json::from_slice(body)
        .map_err(|error| AppError::BadRequest(format!("the body is not JSON: {error}")))?;
    let mut errors = FieldErrors::default();
    let when_running = match request
        .as_object_mut()
        .and_then(|o| o.remove("when_running"))
    {
        None | Some(Value::Null) => WhenRunning::default(),
        Some(value) => serde_json::from_value(value).unwrap_or_else(|_| {
            errors.insert(
                "when_running",
                "Use refuse, restart or restart_from_savepoint.",
            );
            WhenRunning::default()
        }),
    };
    if request.get("start").is_some() {
        errors.insert(
            "start",
            "An update does not start a job: start it on its own.",
        );
    }
    match JobForm::from_request_json(&request) {
        Ok((form, _)) if errors.is_empty() => Ok((form, when_running)),
        Ok(_) => Err(AppError::Invalid(errors)),
        Err(mut more) => {
            for (path, message) in errors.in_form_order() {
                more.insert(path, message);
            }
            Err(AppError::Invalid(more))
        }
    }
}

/// 200 when the update is done, 202 while its steps go on.
fn updated(caller: &Caller, result: Result<UpdateView, AppError>) -> Response {
    match result {
        Ok(update) if update.is_over() => Json(update).into_response(),
        Ok(update) => {
            let location = format!("{}/api/v1/jobs/{}", caller.state.base_path, update.job_id);
            (
                StatusCode::ACCEPTED,
                [(header::LOCATION, location)],
                Json(update),
            )
                .into_response()
        }
        Err(error) => problem(&error),
    }
}

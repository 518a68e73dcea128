//! The JSON API for automation. `POST /api/v1/jobs` takes DLI's own create request (plus an
//! optional `"start": true`) and an optional `Idempotency-Key` header, and goes through the
//! same service as the form; `GET /api/v1/jobs/{id}` reads one job back.

use super::status_and_retry;
use app::domain::{FieldErrors, JobForm};
use app::error::AppError;
use app::server::{jobs, request::Caller, state::AppState};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

pub async fn create_job(
    State(state): State<AppState>,
    parts: axum::http::request::Parts,
    body: Bytes,
) -> Response {
    let caller = Caller::from_parts(state.clone(), &parts);
    let request: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            let mut errors = FieldErrors::default();
            errors.insert("body", format!("The body is not JSON: {error}."));
            return error_response(&AppError::Invalid(errors));
        }
    };
    let (form, start) = match JobForm::from_request_json(&request) {
        Ok(parsed) => parsed,
        Err(errors) => return error_response(&AppError::Invalid(errors)),
    };
    let key = idempotency_key(&parts.headers).unwrap_or_else(jobs::new_idempotency_key);
    match jobs::create(&caller, &form, &key, start).await {
        Ok(created) => {
            let location = format!("{}/api/v1/jobs/{}", state.base_path, created.record_id);
            (
                StatusCode::CREATED,
                [(header::LOCATION, location)],
                Json(created),
            )
                .into_response()
        }
        Err(error) => error_response(&error),
    }
}

pub async fn get_job(
    State(state): State<AppState>,
    parts: axum::http::request::Parts,
    Path(id): Path<i64>,
) -> Response {
    let caller = Caller::from_parts(state, &parts);
    match jobs::details(&caller, id).await {
        Ok(details) => Json(details).into_response(),
        Err(error) => error_response(&error),
    }
}

/// The key as sent, unreadable bytes included, so that a malformed key is refused (422) rather
/// than replaced by a fresh one, which would lose the idempotency the client asked for.
fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// `{"error": "...", "errors": {field: message}}`, with the status that fits.
fn error_response(error: &AppError) -> Response {
    let mut body = json!({ "error": error.to_string() });
    match error {
        AppError::Invalid(errors) => body["errors"] = json!(errors),
        AppError::Rejected { code, message } => {
            body["errors"] = json!({ "request": format!("{message} ({code})") });
        }
        AppError::OutcomeUnknown { record_id } | AppError::InProgress { record_id } => {
            body["record_id"] = json!(record_id)
        }
        _ => {}
    }
    let (status, retry) = status_and_retry(error);
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().extend(retry);
    response
}

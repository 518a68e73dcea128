//! RFC 9457 problem details: the one shape of every error the JSON API answers, sent as
//! `application/problem+json` with the status (and `Retry-After`) the `AppError` calls for, and
//! the layer that gives the same shape to the refusals made before a handler runs. A struct of
//! our own: the crate there is ties its schema to an older utoipa.

use crate::status::status_and_retry;
use app::error::AppError;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// What went wrong. `type` names the kind of problem (one URN per kind, stable for scripts to
/// match on), `title` says it in words, `detail` says it for this request. Field errors are
/// under `errors`, keyed by the field's path (`cu_number`, `tags.0.key`).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(example = "urn:dli-portal:problem:invalid-request")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Field path to what is wrong with it (422).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
    /// The DLI fields a conflict is about (409: those that need a restart).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The history record the problem is about (409 in progress, 504 outcome unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
}

impl Problem {
    pub fn from_error(error: &AppError) -> Self {
        let (slug, title) = kind_of(error);
        let mut errors = BTreeMap::new();
        let mut record_id = None;
        let mut conflicting = Vec::new();
        match error {
            AppError::Conflict { fields, .. } => conflicting.clone_from(fields),
            AppError::Invalid(fields) => {
                errors.extend(
                    fields
                        .in_form_order()
                        .map(|(path, message)| (path.to_owned(), message.to_owned())),
                );
            }
            AppError::OutcomeUnknown { record_id: id, .. }
            | AppError::InProgress { record_id: id } => {
                record_id = Some(*id);
            }
            _ => {}
        }
        Problem {
            kind: format!("urn:dli-portal:problem:{slug}"),
            title: title.to_owned(),
            status: error.http_status(),
            detail: error.to_string(),
            errors,
            fields: conflicting,
            record_id,
        }
    }
}

impl Problem {
    /// A refusal made before any handler ran, by its status and what the refusing layer said.
    fn from_status(status: StatusCode, said: &str) -> Self {
        let (slug, title) = match status.as_u16() {
            400 => ("unreadable-request", "The request cannot be read"),
            401 => ("sign-in-required", "Sign in through the team's proxy"),
            403 => ("forbidden", "Not allowed"),
            404 => ("not-found", "No such resource"),
            405 => ("method-not-allowed", "The method is not allowed here"),
            413 => ("body-too-large", "The request body is too large"),
            415 => (
                "unsupported-media-type",
                "The body's media type is not accepted",
            ),
            _ => ("http-error", status.canonical_reason().unwrap_or("Error")),
        };
        Problem {
            kind: format!("urn:dli-portal:problem:{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: if said.trim().is_empty() {
                title.to_owned()
            } else {
                said.trim().to_owned()
            },
            errors: BTreeMap::new(),
            fields: Vec::new(),
            record_id: None,
        }
    }
}

/// The most of a refusal's own body read to put into its problem's `detail`.
const MOST_DETAIL_BYTES: usize = 16 * 1024;

/// A layer over the whole portal: an error answered under `api_prefix` that is not a problem
/// yet (a cross-site refusal, a spoofed identity, a body over the limit, a wrong method) becomes
/// one, with its status and headers kept, so that scripts parse one shape.
pub async fn refusals_as_problems(
    State(api_prefix): State<std::sync::Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let under_api = request.uri().path().starts_with(&*api_prefix);
    let response = next.run(request).await;
    let is_error = response.status().is_client_error() || response.status().is_server_error();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes() == PROBLEM_JSON.as_bytes());
    if !under_api || !is_error || is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let said = axum::body::to_bytes(body, MOST_DETAIL_BYTES)
        .await
        .map(|bytes| said_in(&bytes))
        .unwrap_or_default();
    let problem = Problem::from_status(parts.status, &said);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}

/// What a refusal's body says: its `error` when it is JSON, else its text.
fn said_in(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|json| {
            json.get("error")
                .and_then(|error| error.as_str().map(str::to_owned))
        })
        .unwrap_or_else(|| text.into_owned())
}

/// Each `AppError` as a problem type (its URN's last part) and title.
fn kind_of(error: &AppError) -> (&'static str, &'static str) {
    match error {
        AppError::Invalid(_) => ("invalid-request", "The request has fields to fix"),
        AppError::BadRequest(_) => ("unreadable-request", "The request cannot be read"),
        AppError::Rejected { .. } => ("refused-by-dli", "DLI refused the request"),
        AppError::DliAuth => ("dli-access", "DLI refused the portal's credentials"),
        AppError::Throttled { .. } => ("throttled", "Too many requests"),
        AppError::DliUnavailable { .. } => ("dli-unavailable", "DLI is unavailable"),
        AppError::OutcomeUnknown { .. } => ("outcome-unknown", "The outcome is not known yet"),
        AppError::InProgress { .. } => ("in-progress", "The same request is in progress"),
        AppError::Conflict { .. } => ("conflict", "The job's state stands in the way"),
        AppError::NotFound => ("not-found", "No such job"),
        AppError::Forbidden(_) => ("forbidden", "Not allowed"),
        AppError::StoreUnavailable => ("history-unavailable", "The history is unavailable"),
        AppError::Transport(_) => ("portal", "The portal failed"),
    }
}

/// The error as a problem response, with its status and `Retry-After`.
pub fn problem(error: &AppError) -> Response {
    let (status, retry) = status_and_retry(error);
    let body = serde_json::to_vec(&Problem::from_error(error)).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    headers.extend(retry);
    response
}

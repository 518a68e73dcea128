//! RFC 9457 problem details: the one shape of every error the JSON API answers, sent as
//! `application/problem+json` with the status (and `Retry-After`) the `AppError` calls for. A
//! struct of our own: the crate there is ties its schema to an older utoipa.

use super::super::status_and_retry;
use app::error::AppError;
use axum::{
    http::{HeaderValue, header},
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
    /// The history record the problem is about (409 in progress, 504 outcome unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<i64>,
}

impl Problem {
    pub fn from_error(error: &AppError) -> Self {
        let (slug, title) = kind_of(error);
        let mut errors = BTreeMap::new();
        let mut record_id = None;
        match error {
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
            record_id,
        }
    }
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

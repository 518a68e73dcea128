//! The HTTP status that fits each `AppError`, and the header that goes with it, for the REST
//! API and for pages rendered after a post or with an error.

use crate::error::{AppError, Upstream};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};

/// `Retry-After`, when the error is throttling: when to send the request again.
pub fn retry_after(error: &AppError) -> Option<(HeaderName, HeaderValue)> {
    match error {
        AppError::Throttled { retry_after_secs } => {
            Some((header::RETRY_AFTER, HeaderValue::from(*retry_after_secs)))
        }
        _ => None,
    }
}

pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Invalid(_) | AppError::Rejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::InProgress { .. } => StatusCode::CONFLICT,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::DliAuth => StatusCode::BAD_GATEWAY,
        AppError::DliUnavailable {
            upstream: Upstream::Failed,
            ..
        } => StatusCode::BAD_GATEWAY,
        AppError::DliUnavailable {
            upstream: Upstream::Unreachable,
            ..
        }
        | AppError::StoreUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        AppError::DliUnavailable {
            upstream: Upstream::Timeout,
            ..
        }
        | AppError::OutcomeUnknown { .. } => StatusCode::GATEWAY_TIMEOUT,
        AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

//! The HTTP status and `Retry-After` an `AppError` calls for, the same at every front door
//! (pages, server functions, the JSON API, the no-JS form post).

use app::error::AppError;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};

/// The status that fits `error`, and its `Retry-After` when waiting is the answer.
pub fn status_and_retry(error: &AppError) -> (StatusCode, Option<(HeaderName, HeaderValue)>) {
    let status =
        StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry = error
        .retry_after_secs()
        .map(|secs| (header::RETRY_AFTER, HeaderValue::from(secs)));
    (status, retry)
}

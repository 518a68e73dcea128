//! The portal's HTTP front doors besides the pages and server functions: the JSON API for
//! automation, the job form as a browser without JavaScript posts it, and the operator's probes.
//! Each is thin: it reads the request and hands the work to a service in `app::server`.

pub mod api;
pub mod form_post;
pub mod probes;

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

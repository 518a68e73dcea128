//! `AppError`: what went wrong, in terms a person can act on. It crosses the network boundary
//! (server functions, the REST API) and so never carries a database message, a DLI credential or
//! a stack of causes; the server logs the detailed cause (`DliError`, `StoreError`) before
//! converting.

use crate::domain::FieldErrors;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Fields to fix, each shown next to its input.
    #[error("{} field(s) need attention.", .0.len())]
    Invalid(FieldErrors),
    /// DLI refused the request for a reason no single field explains.
    #[error("DLI refused the request{}: {message}", in_brackets(code))]
    Rejected { code: String, message: String },
    /// DLI refused the portal's own credentials or permissions: an operator must act.
    #[error(
        "DLI refused the portal's credentials or permissions. Nothing was created; ask the portal's operator to check its DLI access."
    )]
    DliAuth,
    /// DLI or this portal is rate-limiting; `retry_after_secs` says when to try again.
    #[error("Too many requests. Try again in {retry_after_secs} s.")]
    Throttled { retry_after_secs: u64 },
    /// DLI failed, could not be reached or did not answer; the action did not happen.
    #[error("DLI is unavailable right now: {reason}. Try again shortly.")]
    DliUnavailable { upstream: Upstream, reason: String },
    /// The request may have reached DLI but no answer came back. The history keeps the attempt
    /// and finds out what happened by itself.
    #[error(
        "DLI did not answer in time. The job may or may not exist; its history entry will show which within a minute."
    )]
    OutcomeUnknown { record_id: i64 },
    /// The same submission (same idempotency key) is still being created.
    #[error("This submission is already being created; its history entry shows the outcome.")]
    InProgress { record_id: i64 },
    #[error("There is no such job.")]
    NotFound,
    /// A rule of this team's portal (queue allowlist, CU cap, permissions).
    #[error("{0}")]
    Forbidden(String),
    /// The history database is unavailable; nothing was sent to DLI.
    #[error(
        "The job history is unavailable right now, so nothing was sent to DLI. Try again shortly."
    )]
    StoreUnavailable,
    /// The browser could not talk to the portal itself.
    #[error("The portal could not be reached: {0}")]
    Transport(String),
}

/// How DLI let us down, for the HTTP status of the REST API (502, 503, 504).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Upstream {
    /// DLI answered with a failure (5xx) or with something that is not DLI's answer.
    Failed,
    /// No connection could be made.
    Unreachable,
    /// No answer in time.
    Timeout,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    /// The HTTP status that fits: the REST API answers with it, and so does a page the server
    /// renders with this error on it.
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::Rejected { .. } => 422,
            AppError::Throttled { .. } => 429,
            AppError::NotFound => 404,
            AppError::InProgress { .. } => 409,
            AppError::Forbidden(_) => 403,
            AppError::DliAuth
            | AppError::DliUnavailable {
                upstream: Upstream::Failed,
                ..
            } => 502,
            AppError::DliUnavailable {
                upstream: Upstream::Unreachable,
                ..
            }
            | AppError::StoreUnavailable => 503,
            AppError::DliUnavailable {
                upstream: Upstream::Timeout,
                ..
            }
            | AppError::OutcomeUnknown { .. } => 504,
            AppError::Transport(_) => 500,
        }
    }

    /// For `Retry-After`: when to send the request again, if waiting is the answer.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::Throttled { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The field errors to show next to inputs, if that is what this error is.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

/// ` (code)`, or nothing for a refusal without a code (one the history reconciled, say).
fn in_brackets(code: &str) -> String {
    if code.is_empty() {
        String::new()
    } else {
        format!(" ({code})")
    }
}

#[cfg(test)]
mod tests {
    use super::AppError;

    #[test]
    fn a_refusal_names_its_code_only_when_it_has_one() {
        let rejected = |code: &str| AppError::Rejected {
            code: code.into(),
            message: "No such queue.".into(),
        };
        assert_eq!(
            rejected("DLI.0002").to_string(),
            "DLI refused the request (DLI.0002): No such queue."
        );
        assert_eq!(
            rejected("").to_string(),
            "DLI refused the request: No such queue."
        );
    }
}

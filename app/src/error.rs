//! `AppError`: what went wrong, in terms a person can act on. It crosses the network boundary
//! (server functions, the REST API) and so never carries a database message, a DLI credential or
//! a stack of causes; the server logs the detailed cause (`DliError`, `StoreError`) before
//! converting.

use crate::codec::JsonTextEncoding;
use crate::domain::FieldErrors;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
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
    /// The request may have reached DLI but its answer was lost. The history keeps the attempt
    /// and finds out what happened; repeating the request with the same key gets the outcome.
    #[error(
        "DLI's answer was lost, so the job may or may not exist. The portal is finding out: send the same request again in {retry_after_secs} s, or watch its history entry."
    )]
    OutcomeUnknown {
        record_id: i64,
        retry_after_secs: u64,
    },
    /// The job's state stands in the way: a running job whose changes need a restart, or an
    /// update already under way. `fields` names the DLI fields concerned, if any.
    #[error("{message}")]
    Conflict {
        code: String,
        message: String,
        fields: Vec<String>,
    },
    /// The same submission (same idempotency key) is still being created.
    #[error("This submission is already being created; its history entry shows the outcome.")]
    InProgress { record_id: i64 },
    /// A request the portal cannot read at all (not JSON, a path that is not an id).
    #[error("The request cannot be read: {0}")]
    BadRequest(String),
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

/// When to repeat a request that DLI or the history failed: a blip passes in seconds.
const RETRY_SOON_SECS: u64 = 2;
/// When to repeat a request that DLI refused the portal's credentials for: an operator must act.
const RETRY_AFTER_OPERATOR_SECS: u64 = 60;

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
    /// As the answers are: one deserializer for the error and the props that hold one.
    type Encoder = JsonTextEncoding;

    /// Arguments the server cannot read are the caller's fault (400); anything else is a
    /// failure to talk to the portal at all.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::BadRequest(value.to_string())
            }
            // On the server this is an argument body that is not JSON; in the browser an answer
            // it cannot read, which is the portal's failure, not the person's.
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => {
                AppError::BadRequest(value.to_string())
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status that fits: the REST API answers with it, and so does a page the server
    /// renders with this error on it.
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::BadRequest(_) => 400,
            AppError::Invalid(_) | AppError::Rejected { .. } => 422,
            AppError::Throttled { .. } => 429,
            AppError::NotFound => 404,
            AppError::InProgress { .. } | AppError::Conflict { .. } => 409,
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

    /// For `Retry-After`: when to send the same request again. Every answer that means "repeat
    /// it" (409, 429, 502, 503, 504) has one; the others mean that repeating will not help.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::Throttled { retry_after_secs }
            | AppError::OutcomeUnknown {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            AppError::InProgress { .. } => Some(1),
            AppError::DliUnavailable { .. } | AppError::StoreUnavailable => Some(RETRY_SOON_SECS),
            AppError::DliAuth => Some(RETRY_AFTER_OPERATOR_SECS),
            _ => None,
        }
    }

    /// Whether the caller should repeat the same request (with the same key): true for exactly
    /// the answers that carry `Retry-After`.
    pub fn is_retryable(&self) -> bool {
        self.retry_after_secs().is_some()
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

//! Turning detailed server errors into what a person can act on. The cause is logged here,
//! once, with the detail an operator needs; the `AppError` that leaves carries none of it.

use super::store::{RecordedError, StoreError};
use crate::domain::FieldErrors;
use crate::error::{AppError, Upstream};
use dli::DliError;

/// How long a throttled person should wait when DLI does not say.
const THROTTLE_RETRY_SECS: u64 = 30;

pub fn from_store(error: StoreError) -> AppError {
    tracing::error!(error = %dli::chain(&error), "history store failed");
    AppError::StoreUnavailable
}

/// The error as the history keeps it with a record.
pub fn recorded(error: &DliError) -> RecordedError {
    RecordedError {
        kind: error.kind().as_str().to_string(),
        code: error.code().map(str::to_owned),
        message: error
            .dli_message()
            .map(str::to_owned)
            .unwrap_or_else(|| error.to_string()),
    }
}

pub fn from_dli(error: &DliError) -> AppError {
    tracing::warn!(error = %dli::chain(error), kind = ?error.kind(), request_id = error.request_id(), "DLI call failed");
    from_recorded(&recorded(error))
}

/// The same error a live call gave, rebuilt from the history (a repeated submission).
pub fn from_recorded(error: &RecordedError) -> AppError {
    let code = error.code.clone().unwrap_or_default();
    match error.kind.as_str() {
        "invalid_request" | "not_found" => match field_named_in(&error.message) {
            Some(field) => {
                let mut errors = FieldErrors::default();
                errors.insert(field, format!("DLI refused it: {} ({code})", error.message));
                AppError::Invalid(errors)
            }
            None => AppError::Rejected {
                code,
                message: error.message.clone(),
            },
        },
        "auth" => AppError::DliAuth,
        "throttled" => AppError::Throttled {
            retry_after_secs: THROTTLE_RETRY_SECS,
        },
        "timeout" => AppError::DliUnavailable {
            upstream: Upstream::Timeout,
            reason: "it did not answer in time".into(),
        },
        "unreachable" => AppError::DliUnavailable {
            upstream: Upstream::Unreachable,
            reason: "it cannot be reached".into(),
        },
        "upstream" => AppError::DliUnavailable {
            upstream: Upstream::Failed,
            reason: format!("it failed ({})", error.message),
        },
        // Reconciliation found that DLI made nothing: its failure came before it acted, so the
        // same request may simply be sent again.
        "not_created" => AppError::DliUnavailable {
            upstream: Upstream::Failed,
            reason: "it failed before creating the job".into(),
        },
        _ => AppError::Rejected {
            code,
            message: error.message.clone(),
        },
    }
}

/// The form field a DLI message is about, so its refusal shows next to that input: DLI's
/// messages name the wire field (`queue_name ...`), and "no queue named" is about the queue.
fn field_named_in(message: &str) -> Option<&'static str> {
    if message.contains("no queue named") {
        return Some("queue_name");
    }
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find_map(|word| crate::domain::field(word).map(|info| info.name))
}

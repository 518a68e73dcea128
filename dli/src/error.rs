//! `DliError`: every way a call to DLI (or to IAM, for tokens and the project id) can fail, with
//! the kind the UI acts on and whether the request may have taken effect anyway.

use std::{fmt, time::Duration};

/// What the user can do about an error; [`DliError::kind`] sorts every error into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DliErrorKind {
    /// DLI refused the request as it stands (DLI.0001 and other 4xx): fix and resend.
    InvalidRequest,
    /// Credentials or token refused, or not allowed (APIGW.0301/0307, DLI.0013/0014, 401/403).
    Auth,
    /// The job or queue does not exist (DLI.16001, DLI.0002, DLI.0023).
    NotFound,
    /// Too many requests (HTTP 429, APIGW.0308): try again later.
    Throttled,
    /// DLI failed or answered nonsense (5xx, a malformed body, `is_success: false`).
    Upstream,
    /// No answer in time after the request was sent.
    Timeout,
    /// No connection, or the connection broke before the answer was complete.
    Unreachable,
}

/// Which service gave the error answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Dli,
    Iam,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Dli => "DLI",
            Self::Iam => "IAM",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DliError {
    /// An error status with DLI's (or the gateway's, or IAM's) code and message.
    #[error("{service} answered HTTP {status}{}: {message}", .code.as_ref().map(|code| format!(" {code}")).unwrap_or_default())]
    Api {
        service: Service,
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
    },
    /// HTTP 200 with `is_success: false`.
    #[error("DLI reported a failure: {message}")]
    Unsuccessful { message: String },
    /// A success status whose body is not what DLI sends.
    #[error("{service} answered HTTP {status} with an unexpected body: {detail}")]
    Malformed {
        service: Service,
        status: u16,
        detail: String,
    },
    #[error("no answer within {after:?} after the request was sent")]
    Timeout { after: Duration },
    #[error("cannot connect to {endpoint}: {source}")]
    Unreachable {
        endpoint: String,
        source: reqwest::Error,
    },
    #[error("the connection broke before the answer was complete: {source}")]
    ConnectionLost { source: reqwest::Error },
    #[error("IAM knows no project named {region:?}: set HUAWEICLOUD_SDK_PROJECT_ID")]
    NoProject { region: String },
}

impl DliErrorKind {
    /// The kind in snake_case, as the logs, the metrics and the history record it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::Auth => "auth",
            Self::NotFound => "not_found",
            Self::Throttled => "throttled",
            Self::Upstream => "upstream",
            Self::Timeout => "timeout",
            Self::Unreachable => "unreachable",
        }
    }
}

impl DliError {
    pub fn kind(&self) -> DliErrorKind {
        match self {
            Self::Api { status, code, .. } => classify(*status, code.as_deref()),
            Self::Unsuccessful { .. } | Self::Malformed { .. } => DliErrorKind::Upstream,
            Self::Timeout { .. } => DliErrorKind::Timeout,
            Self::Unreachable { .. } | Self::ConnectionLost { .. } => DliErrorKind::Unreachable,
            Self::NoProject { .. } => DliErrorKind::NotFound,
        }
    }

    /// Whether DLI may have acted on the request although the caller got this error, so a
    /// create must be reconciled rather than reported as failed: true after a timeout, a
    /// broken connection, an unreadable success answer and 5xx other than 503; false when
    /// nothing was sent or DLI answered that it refused.
    pub fn may_have_been_processed(&self) -> bool {
        match self {
            Self::Api { status, .. } => *status >= 500 && *status != 503,
            Self::Malformed { .. } | Self::Timeout { .. } | Self::ConnectionLost { .. } => true,
            Self::Unsuccessful { .. } | Self::Unreachable { .. } | Self::NoProject { .. } => false,
        }
    }

    /// DLI's (or the gateway's) error code, e.g. `DLI.0001`.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// DLI's own message, for errors that carry one.
    pub fn dli_message(&self) -> Option<&str> {
        match self {
            Self::Api { message, .. } | Self::Unsuccessful { message } => Some(message),
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Worth another try for a call that is safe to repeat.
    pub(super) fn is_transient(&self) -> bool {
        match self {
            Self::Api { status, .. } => *status >= 500 || self.kind() == DliErrorKind::Throttled,
            Self::Timeout { .. } | Self::Unreachable { .. } | Self::ConnectionLost { .. } => true,
            Self::Unsuccessful { .. } | Self::Malformed { .. } | Self::NoProject { .. } => false,
        }
    }

    /// The gateway (in front of DLI or IAM) refused an IAM token because it expired (docs/dli-api.md §4b).
    pub(super) fn is_expired_token(&self) -> bool {
        let Self::Api {
            code: Some(code),
            message,
            ..
        } = self
        else {
            return false;
        };
        match code_number(code) {
            Some("0307") => true,
            Some("0301") => message.to_ascii_lowercase().contains("token expire"),
            _ => false,
        }
    }
}

/// The gateway's codes are spelled `APIGW.0301` or, on older products, `APIG.0301`.
fn code_number(code: &str) -> Option<&str> {
    code.strip_prefix("APIGW.")
        .or_else(|| code.strip_prefix("APIG."))
}

/// Keyed on the code first and the HTTP status second, since gateway tables disagree on statuses.
fn classify(status: u16, code: Option<&str>) -> DliErrorKind {
    match (code.and_then(code_number), code) {
        (Some("0301" | "0302" | "0306" | "0307"), _) => return DliErrorKind::Auth,
        (Some("0308"), _) => return DliErrorKind::Throttled,
        (Some("0101"), _) => return DliErrorKind::Upstream,
        (_, Some("DLI.0013" | "DLI.0014")) => return DliErrorKind::Auth,
        (_, Some("DLI.16001" | "DLI.0002" | "DLI.0023")) => return DliErrorKind::NotFound,
        (_, Some("DLI.0999")) => return DliErrorKind::Upstream,
        _ => {}
    }
    match status {
        401 | 403 => DliErrorKind::Auth,
        408 => DliErrorKind::Timeout,
        429 => DliErrorKind::Throttled,
        400..=499 => DliErrorKind::InvalidRequest,
        _ => DliErrorKind::Upstream,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str, message: &str) -> DliError {
        let code = (!code.is_empty()).then(|| code.to_string());
        DliError::Api {
            service: Service::Dli,
            status,
            code,
            message: message.into(),
            request_id: None,
        }
    }

    #[test]
    fn dli_and_gateway_codes_map_to_the_kinds_the_ui_needs() {
        for (status, code, kind) in [
            (400, "DLI.0001", DliErrorKind::InvalidRequest),
            (401, "APIGW.0301", DliErrorKind::Auth),
            (401, "APIG.0307", DliErrorKind::Auth),
            (401, "DLI.0013", DliErrorKind::Auth),
            (403, "", DliErrorKind::Auth),
            (400, "DLI.16001", DliErrorKind::NotFound),
            (400, "DLI.0002", DliErrorKind::NotFound),
            (429, "APIGW.0308", DliErrorKind::Throttled),
            (429, "", DliErrorKind::Throttled),
            (500, "APIGW.0308", DliErrorKind::Throttled),
            (404, "APIGW.0101", DliErrorKind::Upstream),
            (400, "DLI.0999", DliErrorKind::Upstream),
            (502, "APIGW.0201", DliErrorKind::Upstream),
            (503, "", DliErrorKind::Upstream),
        ] {
            assert_eq!(api(status, code, "m").kind(), kind, "{status} {code}");
        }
    }

    #[test]
    fn only_answers_that_prove_nothing_happened_are_not_processed() {
        assert!(!api(400, "DLI.0001", "bad").may_have_been_processed());
        assert!(!api(429, "APIGW.0308", "slow down").may_have_been_processed());
        assert!(!api(503, "", "unavailable").may_have_been_processed());
        assert!(api(500, "", "boom").may_have_been_processed());
        assert!(api(504, "APIGW.0201", "backend timeout").may_have_been_processed());
        assert!(
            DliError::Timeout {
                after: Duration::from_secs(30)
            }
            .may_have_been_processed()
        );
        assert!(
            !DliError::Unsuccessful {
                message: "no".into()
            }
            .may_have_been_processed()
        );
    }

    #[test]
    fn an_expired_token_is_told_apart_from_a_bad_signature() {
        assert!(api(401, "APIGW.0307", "The token must be updated.").is_expired_token());
        assert!(
            api(
                401,
                "APIGW.0301",
                "Incorrect IAM authentication information: token expires"
            )
            .is_expired_token()
        );
        assert!(!api(401, "APIGW.0301", "verify aksk signature fail").is_expired_token());
        assert!(!api(400, "DLI.0001", "token expires").is_expired_token());
    }

    #[test]
    fn transient_errors_are_5xx_throttling_and_network_failures() {
        assert!(api(502, "", "").is_transient());
        assert!(api(429, "", "").is_transient());
        assert!(!api(400, "DLI.0001", "").is_transient());
        assert!(!api(401, "APIGW.0301", "").is_transient());
    }

    #[test]
    fn the_message_names_the_service_status_code_and_dli_text() {
        assert_eq!(
            api(400, "DLI.0002", "There is no queue named q").to_string(),
            "DLI answered HTTP 400 DLI.0002: There is no queue named q"
        );
        assert_eq!(
            api(502, "", "<html>").to_string(),
            "DLI answered HTTP 502: <html>"
        );
    }
}

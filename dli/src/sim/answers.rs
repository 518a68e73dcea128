//! The simulator's refusals, with the bodies and statuses DLI and its API gateway send (docs/dli-api.md §3):
//! `{"error_code","error_msg"}` from DLI, plus a `request_id` from the gateway; and reading a
//! body or a job id as DLI does, refusing what it refuses.

use axum::{
    Json,
    body::Bytes,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;
use serde_json::json;

/// What a DLI endpoint answers: its JSON, or DLI's refusal.
pub type Answer<T> = Result<Json<T>, Refusal>;

/// DLI reads bodies itself, so a bad one is a DLI.0001, not the web framework's own answer.
pub fn parse_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(Refusal::invalid_body)
}

pub fn parse_job_id(text: &str) -> Result<i64, Refusal> {
    text.parse()
        .map_err(|_| Refusal::invalid(format!("job_id {text:?} is not a number")))
}

/// An error answer; `Err(Refusal)` from a handler becomes the response.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
    from_gateway: bool,
}

impl Refusal {
    /// DLI's own refusal: HTTP 400 whatever the code (DLI.16001 included).
    pub fn dli(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
            from_gateway: false,
        }
    }

    /// DLI.0001, the parameter check.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::dli("DLI.0001", message)
    }

    /// A body of the wrong shape or types, with serde's account of what is wrong.
    pub fn invalid_body(error: serde_json::Error) -> Self {
        Self::invalid(format!("The request body is invalid: {error}"))
    }

    pub fn no_such_job(job_id: i64) -> Self {
        Self::dli(
            "DLI.16001",
            format!("The Flink job {job_id} does not exist."),
        )
    }

    pub fn gateway(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            from_gateway: true,
        }
    }

    /// APIGW.0301 with one of its variants ("verify aksk signature fail", ...).
    pub fn unauthenticated(variant: &str) -> Self {
        Self::gateway(
            StatusCode::UNAUTHORIZED,
            "APIGW.0301",
            format!("Incorrect IAM authentication information: {variant}"),
        )
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let request_id = uuid::Uuid::new_v4().simple().to_string();
        let body = if self.from_gateway {
            json!({ "error_code": self.code, "error_msg": self.message, "request_id": request_id })
        } else {
            json!({ "error_code": self.code, "error_msg": self.message })
        };
        (self.status, [("x-request-id", request_id)], Json(body)).into_response()
    }
}

/// Any path or method the simulator does not serve, as the gateway answers it.
pub async fn no_such_api() -> Refusal {
    Refusal::gateway(
        StatusCode::NOT_FOUND,
        "APIGW.0101",
        "The API does not exist or has not been published in the environment",
    )
}

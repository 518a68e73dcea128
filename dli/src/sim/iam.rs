//! The two IAM endpoints the client uses: password tokens (`POST /v3/auth/tokens`, answered with
//! `X-Subject-Token` and 201) and the project lookup by region name (`GET /v3/projects`).

use super::state::{Sim, now_ms};
use crate::{IamProject, IamProjectList, IamTokenBody, IamTokenResponse};
use axum::{
    Json,
    body::Bytes,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;
use serde::Deserialize;
use serde_json::{Value, json};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

/// IAM's own error shape, one level down: `{"error":{"code","message","title"}}`.
fn iam_error(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or_default();
    (
        status,
        Json(json!({ "error": { "code": status.as_u16(), "message": message, "title": title } })),
    )
        .into_response()
}

fn rfc3339(epoch_ms: i64) -> String {
    let time = OffsetDateTime::from_unix_timestamp_nanos(i128::from(epoch_ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    time.format(&Rfc3339).unwrap_or_default()
}

pub async fn issue_token(State(sim): State<Sim>, body: Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return iam_error(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        );
    };
    let text = |pointer: &str| body.pointer(pointer).and_then(Value::as_str);
    let user = text("/auth/identity/password/user/name");
    let password = text("/auth/identity/password/user/password");
    let domain = text("/auth/identity/password/user/domain/name");
    let password_method = body
        .pointer("/auth/identity/methods")
        .and_then(Value::as_array)
        .is_some_and(|methods| methods.iter().any(|method| method == "password"));
    let Some(login) = &sim.config().iam_user else {
        return iam_error(
            StatusCode::UNAUTHORIZED,
            "The username or password is wrong.",
        );
    };
    let matches = user == Some(login.user.as_str())
        && password == Some(login.password.expose_secret())
        && domain == Some(login.domain.as_str());
    if !password_method || !matches {
        return iam_error(
            StatusCode::UNAUTHORIZED,
            "The username or password is wrong.",
        );
    }
    let config = sim.config();
    let scope_id = text("/auth/scope/project/id");
    let scope_name = text("/auth/scope/project/name");
    if scope_id.is_some_and(|id| id != config.project_id)
        || scope_name.is_some_and(|name| name != config.region)
    {
        return iam_error(
            StatusCode::BAD_REQUEST,
            "The project in the scope does not exist.",
        );
    }
    let issued_ms = now_ms();
    let expires_ms =
        issued_ms + i64::try_from(config.token_lifetime.as_millis()).unwrap_or(i64::MAX / 2);
    let token = format!(
        "MIIsim{}",
        (0..4)
            .map(|_| uuid::Uuid::new_v4().simple().to_string())
            .collect::<String>()
    );
    sim.issue_token(token.clone(), login.user.clone(), expires_ms);
    let answer = IamTokenResponse {
        token: Some(IamTokenBody {
            issued_at: Some(rfc3339(issued_ms)),
            expires_at: Some(rfc3339(expires_ms)),
        }),
    };
    (
        StatusCode::CREATED,
        [("x-subject-token", token)],
        Json(answer),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct ProjectQuery {
    name: Option<String>,
}

pub async fn projects(
    State(sim): State<Sim>,
    Query(query): Query<ProjectQuery>,
) -> Json<IamProjectList> {
    let config = sim.config();
    let project = IamProject {
        id: Some(config.project_id.clone()),
        name: Some(config.region.clone()),
    };
    let listed = query
        .name
        .is_none_or(|name| name == config.region)
        .then_some(project);
    Json(IamProjectList {
        projects: Some(listed.into_iter().collect()),
    })
}

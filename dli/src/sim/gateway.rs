//! The API gateway in front of the simulated DLI and IAM: checks the AK/SK signature (with the
//! client's own canonicalisation code), the `X-Sdk-Date` skew, or an IAM token, and the project
//! in the path; refuses with the gateway's APIGW bodies.

use super::{
    answers::Refusal,
    state::{Identity, Sim, TokenCheck},
};
use crate::{
    AuthorizationHeader, CanonicalRequest, SDK_DATE, SECURITY_TOKEN, decode_query, parse_sdk_date,
    signature_matches, string_to_sign,
};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{StatusCode, header::AUTHORIZATION, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;
use time::{Duration, OffsetDateTime};

/// The gateway's limit for a signed body.
const MAX_BODY: usize = 12 * 1024 * 1024;
const MAX_SKEW: Duration = Duration::minutes(15);

pub async fn authenticate(State(sim): State<Sim>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return Refusal::gateway(
            StatusCode::PAYLOAD_TOO_LARGE,
            "APIGW.0201",
            "Request entity too large",
        )
        .into_response();
    };
    let identity = match identify(&sim, &parts, &body)
        .and_then(|identity| project_matches(&sim, &parts).map(|()| identity))
    {
        Ok(identity) => identity,
        Err(refusal) => {
            tracing::debug!(
                path = parts.uri.path(),
                ?refusal,
                "simulator: gateway refused a request"
            );
            return refusal.into_response();
        }
    };
    parts.extensions.insert(identity);
    next.run(Request::from_parts(parts, Body::from(body))).await
}

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn identify(sim: &Sim, parts: &Parts, body: &Bytes) -> Result<Identity, Refusal> {
    if let Some(token) = header(parts, "x-auth-token") {
        return match sim.check_token(token) {
            TokenCheck::Valid(identity) => Ok(identity),
            TokenCheck::Expired => Err(Refusal::gateway(
                StatusCode::UNAUTHORIZED,
                "APIGW.0307",
                "The token must be updated.",
            )),
            TokenCheck::Unknown => Err(Refusal::unauthenticated("decrypt token fail")),
        };
    }
    let authorization = header(parts, AUTHORIZATION.as_str())
        .ok_or_else(|| Refusal::unauthenticated("x-auth-token not found"))?;
    let authorization = AuthorizationHeader::parse(authorization)
        .ok_or_else(|| Refusal::unauthenticated("verify aksk signature fail"))?;
    let credentials = &sim.config().credentials;
    if authorization.access_key != credentials.access_key() {
        return Err(Refusal::unauthenticated(
            "Get secretKey failed, ak not exist",
        ));
    }
    let sdk_date = header(parts, SDK_DATE)
        .ok_or_else(|| Refusal::unauthenticated("verify aksk signature fail"))?;
    let signed_at = parse_sdk_date(sdk_date)
        .ok_or_else(|| Refusal::unauthenticated("verify aksk signature fail"))?;
    if (OffsetDateTime::now_utc() - signed_at).abs() > MAX_SKEW {
        return Err(Refusal::unauthenticated(
            "verify aksk signature fail, the X-Sdk-Date is more than 15 minutes away from the server time",
        ));
    }
    if let Some(expected) = credentials.security_token() {
        let signed = authorization.signed_headers.contains(&SECURITY_TOKEN);
        if !signed || header(parts, SECURITY_TOKEN) != Some(expected.expose_secret()) {
            return Err(Refusal::unauthenticated("verify security token fail"));
        }
    }
    if !authorization.signed_headers.contains(&SDK_DATE) {
        return Err(Refusal::unauthenticated("verify aksk signature fail"));
    }
    // Headers named in SignedHeaders but not received sign as empty, and so fail the check.
    let signed: Vec<(&str, &str)> = authorization
        .signed_headers
        .iter()
        .map(|name| (*name, header(parts, name).unwrap_or_default()))
        .collect();
    let query = decode_query(parts.uri.query().unwrap_or_default());
    let canonical = CanonicalRequest::new(
        parts.method.as_str(),
        parts.uri.path(),
        &query,
        &signed,
        body,
    );
    if !signature_matches(
        credentials.secret_key(),
        &string_to_sign(sdk_date, &canonical),
        authorization.signature,
    ) {
        return Err(Refusal::unauthenticated("verify aksk signature fail"));
    }
    Ok(Identity {
        user_name: sim.config().user_name.clone(),
    })
}

/// `/v1.0/{project_id}/...` must name the simulator's project.
fn project_matches(sim: &Sim, parts: &Parts) -> Result<(), Refusal> {
    let mut segments = parts.uri.path().trim_start_matches('/').split('/');
    match (segments.next(), segments.next()) {
        (Some("v1.0"), Some(project_id)) if project_id != sim.config().project_id => {
            Err(Refusal::gateway(
                StatusCode::UNAUTHORIZED,
                "DLI.0013",
                format!("Failed to authenticate the user: no access to project {project_id}"),
            ))
        }
        _ => Ok(()),
    }
}

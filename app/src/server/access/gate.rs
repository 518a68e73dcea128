//! The identity check every request except the probes goes through. The proxy's identity headers
//! are believed only when the TCP peer is a trusted proxy; the same headers from anyone else are
//! refused with 403 and logged. With `--require-user`, a request without an identity gets 401 and
//! a page saying to sign in through the proxy. The client address for logs comes from
//! X-Forwarded-For only through a trusted proxy.

use super::identity::{forwarded_client, identity_from};
use super::rules::Access;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use std::net::SocketAddr;

/// The middleware: refuses spoofed identities, requires one when configured, and otherwise
/// records the person (if any) on the request and in its log span.
pub async fn identify(
    State(access): State<Access>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let trusted = access.is_trusted(peer.ip());
    let headers = request.headers();
    let presented = access
        .header_names
        .iter()
        .find(|name| headers.contains_key(**name));
    if let Some(name) = presented
        && !trusted
    {
        tracing::warn!(%peer, header = name, "identity header from an untrusted peer refused");
        return (
            StatusCode::FORBIDDEN,
            "Identity headers are accepted only from the portal's reverse proxy.",
        )
            .into_response();
    }
    let client = if trusted {
        forwarded_client(headers, |hop| access.is_trusted(hop)).unwrap_or(peer.ip())
    } else {
        peer.ip()
    };
    let identity = if trusted {
        identity_from(headers, access.header_names)
    } else {
        None
    };
    let path = request.uri().path();
    if identity.is_none() && access.require_user {
        tracing::info!(%client, path, "request without an identity refused");
        return sign_in_page();
    }
    // Every log line of the request names the person's address and, when known, the person.
    let span = tracing::Span::current();
    span.record("client", tracing::field::display(client));
    if let Some(identity) = &identity {
        span.record("user", identity.user.as_str());
    }
    if let Some(identity) = identity {
        request.extensions_mut().insert(identity);
    }
    next.run(request).await
}

fn sign_in_page() -> Response {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · 登录 · DLI portal</title></head>\
        <body><main><h1>Sign in to use the DLI portal</h1><p>This portal knows who you are only through the team's \
        sign-in proxy. Open it through the address your team uses (which asks you to sign in), not directly.</p>\
        <section lang=\"zh-CN\"><h2>请登录后使用 DLI 作业门户</h2><p>本门户只通过团队的登录代理识别您的身份。\
        请通过团队使用的地址（会要求您登录）打开，不要直接访问。</p></section></main></body></html>";
    let mut response = (StatusCode::UNAUTHORIZED, Html(page)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        "no-store".parse().expect("a header value"),
    );
    response
}

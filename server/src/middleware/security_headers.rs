//! Headers on every response: no MIME sniffing, no framing, referrers only within the portal,
//! and a Content-Security-Policy. Pages set their own policy (with the request's script nonce,
//! in `app::shell`); every other response gets one that allows nothing.

use axum::{
    Router,
    http::{
        HeaderValue,
        header::{
            CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
        },
    },
};
use tower_http::set_header::SetResponseHeaderLayer;

/// For JSON, files and errors: nothing may load from them, and nothing may frame them.
const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

pub fn layer_onto<S>(router: Router<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // The no-JavaScript form post is sent back to its page by its Referer: same-origin
        // keeps that working while no other site learns the portal's URLs.
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // For browsers that predate CSP's frame-ancestors.
        .layer(SetResponseHeaderLayer::overriding(
            X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, http::Request, response::IntoResponse, routing::get};
    use tower::ServiceExt;

    async fn headers_of(router: Router) -> axum::http::HeaderMap {
        let request = Request::get("/").body(Body::empty()).unwrap();
        let response = layer_onto(router).oneshot(request).await.unwrap();
        response.headers().clone()
    }

    #[tokio::test]
    async fn a_response_without_a_policy_gets_the_strict_default_and_the_other_headers() {
        let headers = headers_of(Router::new().route("/", get(|| async { "{}" }))).await;
        assert_eq!(headers[CONTENT_SECURITY_POLICY], DEFAULT_POLICY);
        assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[REFERRER_POLICY], "same-origin");
        assert_eq!(headers[X_FRAME_OPTIONS], "DENY");
    }

    #[tokio::test]
    async fn a_policy_the_handler_set_is_kept() {
        let page = || async {
            ([(CONTENT_SECURITY_POLICY, "script-src 'self'")], "<html>").into_response()
        };
        let headers = headers_of(Router::new().route("/", get(page))).await;
        assert_eq!(headers[CONTENT_SECURITY_POLICY], "script-src 'self'");
        assert_eq!(headers.get_all(CONTENT_SECURITY_POLICY).iter().count(), 1);
    }

    #[tokio::test]
    async fn the_fallback_is_covered_too() {
        let headers = headers_of(Router::new().fallback(|| async { "not here" })).await;
        assert_eq!(headers[CONTENT_SECURITY_POLICY], DEFAULT_POLICY);
    }
}

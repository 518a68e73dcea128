//! Cross-site requests cannot change anything: a request whose method may change state is
//! refused when the browser says it comes from another site (`Sec-Fetch-Site`, or else `Origin`
//! against `Host`). Requests with neither header (curl, automation) carry no ambient browser
//! credentials and pass.

use axum::{
    Json,
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header, uri::Authority},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::json;

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let Some(reason) = cross_site_reason(request.method(), request.uri(), request.headers()) else {
        return next.run(request).await;
    };
    tracing::warn!(
        method = %request.method(),
        path = request.uri().path(),
        reason,
        "refused a cross-site request"
    );
    let message = "Refused: a request from another site may not change anything here. \
                   Use the portal's own pages, or call the API without a browser.";
    (StatusCode::FORBIDDEN, Json(json!({ "error": message }))).into_response()
}

/// Why this request counts as cross-site, or `None` when it may go on.
fn cross_site_reason(method: &Method, uri: &Uri, headers: &HeaderMap) -> Option<String> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    // Every current browser sends Sec-Fetch-Site; it also tells same-site from same-origin.
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => None,
            _ => Some(format!("Sec-Fetch-Site is {site:?}")),
        };
    }
    let origin = headers.get(header::ORIGIN)?;
    // HTTP/2 carries the host in the request's authority instead of a Host header.
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| uri.authority().map(Authority::as_str));
    if host.is_some_and(|host| same_host_and_port(origin, host)) {
        None
    } else {
        Some(format!("Origin {origin:?} is not the host {host:?}"))
    }
}

/// Whether the origin `scheme://host[:port]` names `host[:port]`, a missing port being the
/// scheme's default. An opaque origin (`null`) names no host.
fn same_host_and_port(origin: &HeaderValue, host: &str) -> bool {
    let Some(origin) = origin.to_str().ok().and_then(|o| o.parse::<Uri>().ok()) else {
        return false;
    };
    let (Some(scheme), Some(origin_authority)) = (origin.scheme_str(), origin.authority()) else {
        return false;
    };
    let Ok(host) = host.parse::<Authority>() else {
        return false;
    };
    let default_port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return false,
    };
    origin_authority.host().eq_ignore_ascii_case(host.host())
        && origin_authority.port_u16().unwrap_or(default_port)
            == host.port_u16().unwrap_or(default_port)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(method: Method, headers: &[(&'static str, &'static str)]) -> Option<String> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        cross_site_reason(&method, &Uri::from_static("/api/v1/jobs"), &map)
    }

    const EVIL: (&str, &str) = ("origin", "http://evil.example");
    const PORTAL_HOST: (&str, &str) = ("host", "portal.example:8080");

    #[test]
    fn reads_pass_whatever_site_they_come_from() {
        for method in [Method::GET, Method::HEAD, Method::OPTIONS] {
            let headers = [("sec-fetch-site", "cross-site"), EVIL, PORTAL_HOST];
            assert_eq!(reason(method, &headers), None);
        }
    }

    #[test]
    fn a_post_the_browser_marks_same_origin_or_user_initiated_passes() {
        for site in ["same-origin", "none"] {
            assert_eq!(reason(Method::POST, &[("sec-fetch-site", site)]), None);
        }
    }

    #[test]
    fn a_post_the_browser_marks_cross_site_or_same_site_is_refused() {
        for site in ["cross-site", "same-site"] {
            let headers = [
                ("sec-fetch-site", site),
                ("origin", "http://portal.example:8080"),
                PORTAL_HOST,
            ];
            assert!(reason(Method::POST, &headers).is_some(), "{site}");
        }
    }

    #[test]
    fn delete_put_and_patch_are_checked_like_post() {
        for method in [Method::DELETE, Method::PUT, Method::PATCH] {
            assert!(
                reason(method.clone(), &[EVIL, PORTAL_HOST]).is_some(),
                "{method}"
            );
        }
    }

    #[test]
    fn without_sec_fetch_site_an_origin_of_another_host_is_refused() {
        let refused = reason(Method::POST, &[EVIL, PORTAL_HOST]).expect("refused");
        assert!(refused.contains("evil.example"), "{refused}");
    }

    #[test]
    fn without_sec_fetch_site_an_origin_on_another_port_or_scheme_is_refused() {
        for origin in [
            "http://portal.example:9090",
            "https://portal.example:443",
            "null",
        ] {
            let headers = [("origin", origin), PORTAL_HOST];
            assert!(reason(Method::POST, &headers).is_some(), "{origin}");
        }
    }

    #[test]
    fn an_origin_naming_the_host_passes_with_the_default_port_implied() {
        let explicit = [("origin", "http://Portal.example:8080"), PORTAL_HOST];
        assert_eq!(reason(Method::POST, &explicit), None);
        let implied = [
            ("origin", "https://portal.example"),
            ("host", "portal.example:443"),
        ];
        assert_eq!(reason(Method::POST, &implied), None);
    }

    #[test]
    fn a_post_with_neither_header_passes_since_it_carries_no_browser_credentials() {
        assert_eq!(reason(Method::POST, &[PORTAL_HOST]), None);
    }

    #[test]
    fn an_origin_without_any_host_to_compare_is_refused() {
        assert!(reason(Method::POST, &[EVIL]).is_some());
    }
}

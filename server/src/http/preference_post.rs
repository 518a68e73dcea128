//! The header switches' posts (`POST {base}/theme`, `POST {base}/lang`): each remembers the
//! choice in its cookie for a year and sends the browser back (303) to the page it came from,
//! which must be a page of this portal: a return path elsewhere is refused, so the portal
//! redirects nowhere else.

use crate::http::form_post::form_bytes;
use app::model::Preference;
use app::server::state::AppState;
use axum::{
    body::Body,
    extract::State,
    http::{StatusCode, header::SET_COOKIE, uri::PathAndQuery},
    response::{IntoResponse, Redirect, Response},
};
use std::collections::HashMap;

const A_YEAR_IN_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The handler for the switch of `P`: its form holds the choice (under `P::COOKIE`) and
/// `return_to`, the page the switch was on, base path included (none means the home page).
pub async fn post_preference<P: Preference>(State(state): State<AppState>, body: Body) -> Response {
    let bytes = match form_bytes(&state, body).await {
        Ok(bytes) => bytes,
        Err(unreadable) => return unreadable.into_response(),
    };
    let Ok(mut form) = serde_html_form::from_bytes::<HashMap<String, String>>(&bytes) else {
        let message = "The form could not be read; reload the page.";
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    let choice = form.remove(P::COOKIE).unwrap_or_default();
    let Some(choice) = P::parse(&choice) else {
        let offered: Vec<&str> = P::ALL.iter().map(|choice| choice.as_str()).collect();
        let message = format!("Choose a {}: one of {}.", P::COOKIE, offered.join(", "));
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    let base = &state.base_path;
    let return_to = form.remove("return_to").unwrap_or_default();
    let back = match page_of_this_portal(base, &return_to) {
        Ok(back) => back,
        Err(message) => return (StatusCode::BAD_REQUEST, message).into_response(),
    };
    // The whole portal reads it, and only the portal: its base path, or the site's root.
    let path = if base.is_empty() { "/" } else { base };
    // HttpOnly: only the server reads it, to render the page with the choice.
    let cookie = format!(
        "{}={}; Path={path}; Max-Age={A_YEAR_IN_SECONDS}; SameSite=Lax; HttpOnly",
        P::COOKIE,
        choice.as_str(),
    );
    ([(SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

/// `return_to` as the redirect's target when it is a path under the base path, else why not.
/// Browsers read `//host`, `/\host` and tabs or newlines as a way to another site, and `..`
/// (also as `%2e`) as a way out of the base path, so none of them passes.
fn page_of_this_portal(base: &str, return_to: &str) -> Result<String, &'static str> {
    const ELSEWHERE: &str = "The page to return to must be a page of this portal.";
    if return_to.is_empty() {
        return Ok(format!("{base}/"));
    }
    let parsed: PathAndQuery = return_to.parse().map_err(|_| ELSEWHERE)?;
    let path = parsed.path();
    let under_base = path
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    let leaves = path.split('/').any(|segment| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    });
    let local = under_base
        && return_to.starts_with('/')
        && !return_to.starts_with("//")
        && !return_to.contains('\\')
        && !leaves;
    local.then(|| parsed.to_string()).ok_or(ELSEWHERE)
}

#[cfg(test)]
mod tests {
    use super::page_of_this_portal;

    #[test]
    fn a_page_of_the_portal_is_where_the_browser_goes_back_to() {
        for (base, page) in [
            ("", "/"),
            ("", "/jobs?status=RUNNING&mine=1"),
            ("", "/jobs/7"),
            ("/flink", "/flink"),
            ("/flink", "/flink/"),
            ("/flink", "/flink/jobs/7/edit?x=%2F"),
        ] {
            assert_eq!(
                page_of_this_portal(base, page).as_deref(),
                Ok(page),
                "{base} {page}"
            );
        }
    }

    #[test]
    fn without_a_page_to_return_to_the_browser_goes_home() {
        assert_eq!(page_of_this_portal("", "").as_deref(), Ok("/"));
        assert_eq!(page_of_this_portal("/flink", "").as_deref(), Ok("/flink/"));
    }

    #[test]
    fn another_site_or_a_path_outside_the_base_path_is_refused() {
        for (base, page) in [
            ("", "https://evil.example/"),
            ("", "//evil.example/"),
            ("", "/\\evil.example/"),
            ("", "\\\\evil.example/"),
            ("", "/\t/evil.example/"),
            ("", "/\n/evil.example/"),
            ("", "evil.example"),
            ("", "javascript:alert(1)"),
            ("/flink", "/"),
            ("/flink", "/flinkx/jobs"),
            ("/flink", "/other"),
            ("/flink", "/flink/../other"),
            ("/flink", "/flink/%2E%2e/other"),
            ("/flink", "//flink/"),
        ] {
            assert!(page_of_this_portal(base, page).is_err(), "{base} {page:?}");
        }
    }
}

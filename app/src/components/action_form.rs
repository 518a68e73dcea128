//! Forms for server actions that honour the portal's base path: a browser posts them to the
//! server function's URL under the base path, and the server sends it back to the page, with
//! the action's error in the URL if it failed. (Leptos' own `ActionForm` always posts to the
//! unprefixed URL, which a proxy at a sub-path does not serve.) A followed part of a page posts
//! the same forms in place (`follow`).

use crate::error::AppError;
use crate::model::use_portal_info;
use leptos::{
    prelude::*,
    server_fn::{ServerFn, error::ServerFnUrlError},
};
use leptos_router::hooks::use_query_map;

/// Where a form posts server action `S`: its URL under the base path.
pub fn action_url<S: ServerFn>() -> String {
    format!("{}{}", use_portal_info().base_path, S::url())
}

/// The error action `S` ended with when a browser without JavaScript posted it: server_fn sends
/// the browser back to the page with the error in its URL (`__path`, `__err`). Read from the URL,
/// it renders the same on the server and in the browser.
pub fn posted_error<S>() -> Option<AppError>
where
    S: ServerFn<Error = AppError>,
{
    use_query_map().with_untracked(|query| {
        (query.get_str("__path") == Some(S::PATH))
            .then(|| {
                query
                    .get_str("__err")
                    .map(ServerFnUrlError::<AppError>::decode_err)
            })
            .flatten()
    })
}

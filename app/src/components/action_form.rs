//! A form for a server action that honours the portal's base path: with the wasm loaded it
//! runs the action in place; without, the browser posts it to the server function's URL under
//! the base path, and the server sends the browser back to the page. (Leptos' own
//! `ActionForm` always posts to the unprefixed URL, which a proxy at a sub-path does not serve.)
//!
//! In place, the action's input comes from the island's own state (its inputs are bound to
//! signals), not from the submitted fields: reading those would link a query-string
//! deserializer (serde_qs) into every wasm that holds a form.

use crate::error::AppError;
use crate::model::use_portal_info;
use leptos::{
    prelude::*,
    server_fn::{Http, ServerFn, codec::PostUrl, error::ServerFnUrlError},
};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ActionFormAt<S, Output, Input>(
    action: ServerAction<S>,
    /// What the form asks for, as its fields stand when it is submitted.
    input: Input,
    #[prop(optional, into)] class: String,
    /// For buttons elsewhere on the page that submit this form (`<button form=…>`).
    #[prop(optional, into)]
    id: Option<String>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn<Protocol = Http<PostUrl, Output>> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    Input: Fn() -> S + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(input());
    };
    let url = action_url::<S>();
    view! {
        <form method="post" action=url class=class id=id on:submit=on_submit>
            {children()}
        </form>
    }
}

/// Where a browser without JavaScript posts server action `S`: its URL under the base path.
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

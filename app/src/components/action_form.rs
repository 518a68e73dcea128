//! A form for a server action that honours the portal's base path: with the wasm loaded it
//! runs the action in place; without, the browser posts it to the server function's URL under
//! the base path, and the server sends the browser back to the page. (Leptos' own
//! `ActionForm` always posts to the unprefixed URL, which a proxy at a sub-path does not serve.)

use crate::error::AppError;
use crate::model::use_portal_info;
use leptos::{
    form::FromFormData,
    prelude::*,
    server_fn::{Http, ServerFn, codec::PostUrl, error::ServerFnUrlError},
};
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;

#[component]
pub fn ActionFormAt<S, Output>(
    action: ServerAction<S>,
    #[prop(optional, into)] class: String,
    /// For buttons elsewhere on the page that submit this form (`<button form=…>`).
    #[prop(optional, into)]
    id: Option<String>,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, Output>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let base = use_portal_info().base_path;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // Fields that do not make the action's input fall back to the plain post.
        if let Ok(input) = S::from_event(&ev) {
            ev.prevent_default();
            action.dispatch(input);
        }
    };
    view! {
        <form method="post" action=format!("{base}{}", S::url()) class=class id=id on:submit=on_submit>
            {children()}
        </form>
    }
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

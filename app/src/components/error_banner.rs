//! The error that keeps a page from showing what it should: said in a banner, and answered
//! with the HTTP status that fits it when the server renders the page.

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn ErrorBanner(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.http_status())
    {
        response.set_status(status);
    }
    view! {
        <p class="banner banner-error" role="alert">
            <ErrorText error />
        </p>
    }
}

/// An error's message in the page's language. A refusal ends with DLI's own words: they stay as
/// DLI wrote them, marked so that no translator rewrites them.
///
/// Field errors shown away from their inputs say which fields, as `FieldErrors` does ("path:
/// message; path: message"): "1 field(s) need attention" helps nobody there.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    let lang = Lang::for_this_page();
    if let Some(errors) = error.field_errors() {
        return errors
            .in_form_order()
            .enumerate()
            .map(|(index, (path, message))| {
                view! {
                    {(index > 0).then_some(lang.pick("; ", "；"))}
                    <span translate="no">{path.to_owned()}</span>
                    {lang.pick(": ", "：")}
                    {lang.text(message).into_owned()}
                }
            })
            .collect_view()
            .into_any();
    }
    let text = lang.text(&error.to_string()).into_owned();
    let ours = match &error {
        AppError::Rejected { message, .. } if !message.is_empty() => {
            text.strip_suffix(message.as_str())
        }
        _ => None,
    };
    match ours {
        Some(ours) => {
            let dli = text[ours.len()..].to_owned();
            view! { {ours.to_owned()} <span translate="no">{dli}</span> }.into_any()
        }
        None => text.into_any(),
    }
}

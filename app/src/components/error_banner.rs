//! The error that keeps a page from showing what it should: said in a banner, and answered
//! with the HTTP status that fits it when the server renders the page.

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ErrorBanner(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.http_status())
    {
        response.set_status(status);
    }
    // "1 field(s) need attention" helps nobody on a page without those fields: say which.
    let text = match error.field_errors() {
        Some(errors) => errors.to_string(),
        None => error.to_string(),
    };
    view! { <p class="banner banner-error" role="alert">{text}</p> }
}

//! The Light / Dark / System switch in the site header: a plain form that posts the choice to
//! `/theme`, which remembers it in a cookie and sends the reader back to this page. It works the
//! same with or without JavaScript and adds nothing to the wasm.

use crate::model::{Theme, use_portal_info};
use leptos::prelude::*;
use leptos_router::hooks::use_url;

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let action = format!("{}{}", use_portal_info().base_path, Theme::PATH);
    let current = Theme::for_this_page();
    // This page, base path included, to come back to.
    let here = use_url().with_untracked(|url| match url.search() {
        "" => url.path().to_owned(),
        search => format!("{}?{search}", url.path()),
    });
    let buttons = Theme::ALL.map(|theme| {
        view! {
            <button
                type="submit"
                name="theme"
                value=theme.as_str()
                aria-pressed=(theme == current).to_string()
            >
                {theme.label()}
            </button>
        }
    });
    view! {
        <form class="theme-toggle" method="post" action=action>
            <input type="hidden" name="return_to" value=here />
            <span id="theme-label">"Theme"</span>
            <div role="group" aria-labelledby="theme-label">
                {buttons}
            </div>
        </form>
    }
}

//! A button that puts a text (the request's JSON) on the clipboard and says so. It exists only
//! once the island has hydrated: without JavaScript nothing could copy, so nothing is offered.

use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn CopyButton(text: String) -> impl IntoView {
    let lang = Lang::for_this_page();
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser: the server renders the button hidden.
    Effect::new(move || hydrated.set(true));
    let copied = RwSignal::new(false);
    let copy = move |_| copied.set(write_to_clipboard(&text));
    view! {
        <button type="button" class="secondary copy" hidden=move || !hydrated.get() on:click=copy>
            {move || if copied.get() { lang.pick("Copied", "已复制") } else { lang.pick("Copy", "复制") }}
        </button>
        <span class="visually-hidden" role="status">
            {move || copied.get().then(|| lang.pick("Copied to the clipboard.", "已复制到剪贴板。"))}
        </span>
    }
}

/// Starts writing `text` to the clipboard (the promise settles later; its feedback would come
/// too late to matter); false where there is no browser window.
#[cfg(feature = "hydrate")]
fn write_to_clipboard(text: &str) -> bool {
    web_sys::window()
        .map(|window| {
            let _ = window.navigator().clipboard().write_text(text);
        })
        .is_some()
}

/// The server renders the button; only the browser ever clicks it.
#[cfg(not(feature = "hydrate"))]
fn write_to_clipboard(_: &str) -> bool {
    false
}

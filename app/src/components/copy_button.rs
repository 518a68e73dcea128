//! A button that puts the text of an element on the page (the request's JSON) on the clipboard
//! and says so: an island of its own, which the page around it does not need to be. It exists
//! only once the island has hydrated: without JavaScript nothing could copy, so nothing is
//! offered.

use crate::i18n::Lang;
use leptos::prelude::*;

#[cfg_attr(feature = "job-islands", island)]
#[cfg_attr(not(feature = "job-islands"), component)]
pub fn CopyButton(
    /// The id of the element whose text is copied: read when clicked, so the island carries no
    /// copy of it.
    of: String,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser: the server renders the button hidden.
    Effect::new(move || hydrated.set(true));
    let copied = RwSignal::new(false);
    let copy = move |_| copied.set(write_to_clipboard(&of));
    view! {
        <button type="button" class="secondary copy" hidden=move || !hydrated.get() on:click=copy>
            {move || if copied.get() { lang.pick("Copied", "已复制") } else { lang.pick("Copy", "复制") }}
        </button>
        <span class="visually-hidden" role="status">
            {move || copied.get().then(|| lang.pick("Copied to the clipboard.", "已复制到剪贴板。"))}
        </span>
    }
}

/// Starts writing the text of element `id` to the clipboard (the promise settles later; its
/// feedback would come too late to matter); false where there is no such element.
#[cfg(feature = "hydrate")]
fn write_to_clipboard(id: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let text = window
        .document()
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.text_content());
    text.map(|text| {
        let _ = window.navigator().clipboard().write_text(&text);
    })
    .is_some()
}

/// The server renders the button; only the browser ever clicks it.
#[cfg(not(feature = "hydrate"))]
fn write_to_clipboard(_: &str) -> bool {
    false
}

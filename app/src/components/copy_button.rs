//! A button that puts the text of an element on the page (the request's JSON) on the clipboard
//! and says so. The server renders it hidden, with its words in the page's language; the
//! browser shows it and makes it copy once the wasm starts ([`start`]). Without JavaScript
//! nothing could copy, so nothing is offered.

use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn CopyButton(
    /// The id of the element whose text is copied: read when clicked, so the page carries no
    /// second copy of it.
    of: String,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    view! {
        <button
            type="button"
            class="secondary copy"
            hidden
            data-copy=of
            data-copied=lang.pick("Copied", "已复制")
        >
            {lang.pick("Copy", "复制")}
        </button>
        <span
            class="visually-hidden"
            role="status"
            data-copied=lang.pick("Copied to the clipboard.", "已复制到剪贴板。")
        ></span>
    }
}

/// Shows every copy button on the page and makes it copy: called once, when the wasm starts.
#[cfg(feature = "hydrate")]
pub fn start() {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use leptos::web_sys::Element;

    let Ok(buttons) = document().query_selector_all("button[data-copy]") else {
        return;
    };
    for button in (0..buttons.length()).filter_map(|index| buttons.item(index)) {
        let Ok(button) = button.dyn_into::<Element>() else {
            continue;
        };
        let on_click = {
            let button = button.clone();
            Closure::<dyn Fn()>::new(move || copy(&button))
        };
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        // Listens for as long as the page is open.
        on_click.forget();
        let _ = button.remove_attribute("hidden");
    }
}

/// Starts writing the text the button names to the clipboard (the promise settles later; its
/// feedback would come too late to matter), then says so on the button and to a screen reader.
#[cfg(feature = "hydrate")]
fn copy(button: &leptos::web_sys::Element) {
    let text = button
        .get_attribute("data-copy")
        .and_then(|id| document().get_element_by_id(&id))
        .and_then(|element| element.text_content());
    let Some(text) = text else {
        return;
    };
    let _ = window().navigator().clipboard().write_text(&text);
    for said in [Some(button.clone()), button.next_element_sibling()]
        .into_iter()
        .flatten()
    {
        said.set_text_content(said.get_attribute("data-copied").as_deref());
    }
}

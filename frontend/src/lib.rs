//! The browser entry point: hydrates the server-rendered page with the `App` component.
#![cfg(target_arch = "wasm32")]
// The pages' view types nest deeply; the release build needs room to lay them out.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Browser tests wait for this marker: it proves the wasm ran, not just the SSR page.
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

//! The browser entry point: hydrates the server-rendered page with the `App` component.
#![cfg(target_arch = "wasm32")]
// The pages' view types nest deeply; the release build needs room to lay them out.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Behind a proxy at a sub-path, server functions live under it too. The URL must be
    // 'static; it is set once per page load.
    let base_path = app::model::PortalInfo::for_this_request().base_path;
    if !base_path.is_empty() {
        leptos::server_fn::client::set_server_url(base_path.leak());
    }
    leptos::mount::hydrate_body(app::App);
    // Browser tests wait for this marker: it proves the wasm ran, not just the SSR page.
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

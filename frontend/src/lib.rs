//! The browser entry point. The page arrives whole from the server; its script calls `hydrate`
//! once the wasm is loaded (Leptos' plain hydration script, or on the batch page its islands'
//! script, which then hydrates the islands). Each build holds what one kind of page does in the
//! browser (`app::wasm_bundle`): the job form's script, the batch page's islands, or the
//! history's and a job page's followed part. Only the batch page's are islands, and only its
//! bundle holds Leptos' views.
#![cfg(target_arch = "wasm32")]
// The islands' view types nest deeply; the release build needs room to lay them out.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::components::local_time::localize_all();
    #[cfg(feature = "form")]
    app::pages::new_job::browser::start();
    // The history and a job's page: what they do in the browser is not an island; the page
    // they enhance is the server's alone.
    #[cfg(any(feature = "history", feature = "job"))]
    app::components::follow::start();
    #[cfg(feature = "job")]
    app::components::copy_button::start();
    #[cfg(feature = "batch")]
    {
        // Behind a proxy at a sub-path, server functions live under it too. The URL must be
        // 'static; it is set once per page load.
        let base_path = app::model::PortalInfo::for_this_request().base_path;
        if !base_path.is_empty() {
            leptos::server_fn::client::set_server_url(base_path.leak());
        }
        leptos::mount::hydrate_islands();
        // The island script hydrates the islands right after this returns, in the same task;
        // a zero timeout runs after them.
        leptos::prelude::set_timeout(mark_hydrated, std::time::Duration::ZERO);
    }
    #[cfg(not(feature = "batch"))]
    mark_hydrated();
}

/// Browser tests wait for this marker: it proves the wasm ran and did what the page needs.
fn mark_hydrated() {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

//! The HTML shell, the top-level `App` component and its routes.

use crate::components::header::Header;
use crate::i18n::Lang;
use crate::model::PortalInfo;
use crate::pages::{
    activity::ActivityPage,
    batch::BatchPage,
    history::HistoryPage,
    job_detail::JobDetailPage,
    new_job::{EditJobPage, NewJobPage},
    not_found::NotFound,
};
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The whole document, rendered on the server around [`App`].
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::model::{Preference, Theme};
    use crate::wasm_bundle::WasmBundle;
    use leptos_meta::{HashedStylesheet, MetaTags};

    let info = PortalInfo::for_this_request();
    // The reader's theme, rendered here so that the first paint has it (`style/main.css`).
    let theme = Theme::for_this_page();
    let lang = Lang::for_this_page();
    let bundle = WasmBundle::for_this_request(&info.base_path);
    // Only scripts carrying this response's nonce run (Leptos puts it on the hydration script),
    // plus the wasm; responses that are not pages get a stricter policy from the server.
    if let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        response.insert_header(
            http::header::CONTENT_SECURITY_POLICY,
            http::HeaderValue::try_from(policy).expect("a nonce is URL-safe base64"),
        );
    }
    // Only the batch page has an island. The other bundles' `hydrate` runs their scripts as
    // soon as the wasm is ready: the islands' loader would first wait for an idle moment and
    // then walk the whole page for islands it would not find. The islands' loader also tells
    // the render that the page outside islands is not hydrated; the plain one does not, so
    // that is said here, and the server renders these pages as it did under the islands'.
    let islands = bundle == WasmBundle::Batch;
    if !islands && let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.html_tag() data-theme=theme.as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name=PortalInfo::META_NAME content=info.to_meta() />
                <link rel="icon" href=format!("{}/favicon.ico", info.base_path) />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" root=info.base_path.clone() />
                <HydrationScripts options=bundle.options(&options) islands=islands root=info.base_path.clone() />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The paths of `App`'s routes, in axum's syntax, for the server to route to the page handler.
/// A test below fails when they and the `<Routes>` disagree.
pub const PAGES: [&str; 6] = [
    "/",
    "/jobs",
    "/jobs/batch",
    "/jobs/{id}",
    "/jobs/{id}/edit",
    "/activity",
];

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let info = PortalInfo::provide();
    let lang = Lang::for_this_page();
    let brand = lang.pick("DLI portal", "DLI 作业门户");
    view! {
        <Title formatter=move |page: String| format!("{page} · {brand}") />
        <Router base=info.base_path.clone()>
            <a class="skip-link" href="#main">
                {lang.pick("Skip to content", "跳到正文")}
            </a>
            <Header />
            <main id="main" tabindex="-1">
                // Async: each page is sent whole, data included, so it works before (or without)
                // the wasm; streaming would need JavaScript to put the data in place.
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=NewJobPage ssr=SsrMode::Async />
                    <Route path=path!("/jobs") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/jobs/batch") view=BatchPage ssr=SsrMode::Async />
                    <Route path=path!("/jobs/:id") view=JobDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/jobs/:id/edit") view=EditJobPage ssr=SsrMode::Async />
                    <Route path=path!("/activity") view=ActivityPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::{App, PAGES};

    #[test]
    fn the_server_routes_exactly_the_pages_app_declares() {
        let mut declared: Vec<String> = leptos_axum::generate_route_list(App)
            .iter()
            .map(|route| route.path().to_string())
            .collect();
        declared.sort();
        let mut routed = PAGES.map(String::from).to_vec();
        routed.sort();
        assert_eq!(declared, routed);
    }
}

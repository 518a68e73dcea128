//! A part of a page that the server renders and the browser keeps current without rendering
//! it: while the part says it may still change, the browser asks the server for the page again
//! and brings the part's new HTML into the old one in place; and the part's forms run in place,
//! posted as the browser would post them, the part taken from the page the server answers with.
//! The wasm therefore holds no view, type or wire format of what it follows
//! (`docs/page-weight.md`, "Followed parts").
//!
//! Without JavaScript the part is the same page, its forms plain posts that come back to it.

use crate::i18n::Lang;
use leptos::prelude::*;

/// The part of the page that follows. It must hold no island: what it holds is replaced by
/// the server's HTML, which an island's state would not survive.
#[component]
pub fn Followed(
    /// How often to ask for the page while `changing`.
    every_ms: u32,
    /// Whether what the part shows may still change without anyone acting (a job starting or
    /// stopping, an update under way). Each answer from the server says it again.
    changing: bool,
    /// What the part says while a form in it is posted (the page's word for "Working…").
    working: &'static str,
    children: Children,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    view! {
        <div
            data-follow=""
            data-every=every_ms
            data-changing=changing.then_some("")
            data-working=working
            data-failed=lang.pick(
                "The action did not go through. Reload the page to see where the job stands.",
                "操作未能完成。请刷新页面查看作业的当前状态。",
            )
        >
            {children()}
        </div>
    }
}

/// Where the followed part says that a form is being posted, or that the post failed: an
/// element with `data-progress` inside it, a polite live region.
#[component]
pub fn Progress() -> impl IntoView {
    view! { <p class="progress" role="status" aria-live="polite" data-progress=""></p> }
}

/// Starts following the page's part, if it has one: called once, when the wasm starts.
#[cfg(feature = "hydrate")]
pub fn start() {
    browser::start();
}

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod morph;

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
                "The portal did not answer. Reload the page to see where the job stands.",
                "门户没有响应。请刷新页面查看作业的当前状态。",
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
mod browser {
    use leptos::prelude::{document, set_interval, window};
    use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use leptos::web_sys::{
        DomParser, Element, FormData, Headers, HtmlFormElement, Node, RequestInit, Response,
        SubmitEvent, SupportedType, Url, UrlSearchParams,
    };
    use std::cell::Cell;
    use std::time::Duration;
    use wasm_bindgen_futures::JsFuture;

    /// The attribute that marks the followed part; there is at most one per page.
    const MARK: &str = "data-follow";

    thread_local! {
        /// Counts the requests for the page; only the latest one's answer is brought in, so a
        /// slow refresh never undoes what a form's answer showed.
        static LATEST: Cell<u32> = const { Cell::new(0) };
    }

    pub(super) fn start() {
        let Some(part) = followed(&document()) else {
            return;
        };
        let every = part
            .get_attribute("data-every")
            .and_then(|ms| ms.parse().ok())
            .unwrap_or(2000);
        let on_submit = Closure::<dyn Fn(SubmitEvent)>::new(on_submit);
        let _ = document()
            .add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        // Listens for as long as the page is open.
        on_submit.forget();
        set_interval(refresh, Duration::from_millis(every));
    }

    fn followed(document: &leptos::web_sys::Document) -> Option<Element> {
        document.query_selector(&format!("[{MARK}]")).ok().flatten()
    }

    /// Asks for the page again while the part may change and the tab is seen; a refresh that
    /// fails is simply tried again at the next tick.
    fn refresh() {
        let changing =
            followed(&document()).is_some_and(|part| part.has_attribute("data-changing"));
        if !changing || document().hidden() {
            return;
        }
        let init = RequestInit::new();
        init.set_headers(&accept_html());
        leptos::task::spawn_local(async move {
            let _ = bring_in(&page_url(), &init).await;
        });
    }

    /// A post of a form in the followed part, in place: the same fields to the same URL, and the
    /// page the server sends the browser back to (with the action's error, if any) brought in.
    fn on_submit(event: SubmitEvent) {
        let Some(form) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(part) = followed(&document()) else {
            return;
        };
        if !form.method().eq_ignore_ascii_case("post") || !part.contains(Some(&form)) {
            return;
        }
        let Ok(fields) = FormData::new_with_form(&form) else {
            return;
        };
        event.prevent_default();
        let submitter = event.submitter();
        if let Some(submitter) = &submitter {
            if let Some(name) = submitter.get_attribute("name") {
                let value = submitter.get_attribute("value").unwrap_or_default();
                let _ = fields.append_with_str(&name, &value);
            }
            let _ = submitter.set_attribute("disabled", "");
        }
        let _ = part.set_attribute("aria-busy", "true");
        say(&part, "data-working");
        let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&fields) else {
            return;
        };
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&accept_html());
        init.set_body(&body);
        // Where the server sends the browser back to: this page, without an earlier error.
        init.set_referrer(&page_url());
        leptos::task::spawn_local(async move {
            if bring_in(&form.action(), &init).await.is_err() {
                let _ = part.remove_attribute("aria-busy");
                if let Some(submitter) = submitter {
                    let _ = submitter.remove_attribute("disabled");
                }
                say(&part, "data-failed");
            }
        });
    }

    /// Writes the part's message `which` (its text is an attribute of the part) where the part
    /// says how a post goes.
    fn say(part: &Element, which: &str) {
        if let Ok(Some(line)) = part.query_selector("[data-progress]") {
            line.set_text_content(part.get_attribute(which).as_deref());
        }
    }

    /// What the server renders for a browser: a page, and for a form's post, the page it sends
    /// the browser back to rather than the action's own answer.
    fn accept_html() -> Headers {
        let headers = Headers::new().expect("a browser makes headers");
        let _ = headers.set("Accept", "text/html");
        headers
    }

    /// This page's URL without the error a post without JavaScript came back with: the server
    /// would show it again on every refresh.
    fn page_url() -> String {
        let href = window().location().href().unwrap_or_default();
        let Ok(url) = Url::new(&href) else {
            return href;
        };
        url.search_params().delete("__path");
        url.search_params().delete("__err");
        url.href()
    }

    /// Fetches `url` and brings the followed part of the page it answers with into this one.
    /// A page without the part (another page the server sent the browser to) is shown whole.
    async fn bring_in(url: &str, init: &RequestInit) -> Result<(), JsValue> {
        let ticket = LATEST.with(|latest| {
            latest.set(latest.get().wrapping_add(1));
            latest.get()
        });
        let response: Response = JsFuture::from(window().fetch_with_str_and_init(url, init))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from(response.status()));
        }
        let html = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default();
        if LATEST.with(Cell::get) != ticket {
            return Ok(());
        }
        let answer = DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)?;
        match (followed(&document()), followed(&answer)) {
            (Some(part), Some(fresh)) => {
                morph(&part, &fresh);
                crate::components::local_time::localize_all();
                Ok(())
            }
            _ => window().location().assign(&response.url()),
        }
    }

    /// Makes `old` the same as `new`, changing only what differs, so that what the reader is
    /// in (focus, a field's value, a box ticked, a select's choice, a folded part opened)
    /// stays: those live in the elements, and a changed attribute only resets what the reader
    /// has not touched. Written here because no crate morphs the DOM from Rust.
    fn morph(old: &Element, new: &Element) {
        sync_attributes(old, new);
        let (old_nodes, new_nodes) = (children(old), children(new));
        for (index, new_node) in new_nodes.iter().enumerate() {
            match old_nodes.get(index) {
                Some(old_node) if same_kind(old_node, new_node) => {
                    match (old_node.dyn_ref::<Element>(), new_node.dyn_ref::<Element>()) {
                        (Some(old_element), Some(new_element)) => morph(old_element, new_element),
                        _ if old_node.node_value() != new_node.node_value() => {
                            old_node.set_node_value(new_node.node_value().as_deref());
                        }
                        _ => {}
                    }
                }
                Some(old_node) => {
                    let _ = old.replace_child(&adopted(new_node), old_node);
                }
                None => {
                    let _ = old.append_child(&adopted(new_node));
                }
            }
        }
        for extra in old_nodes.iter().skip(new_nodes.len()) {
            let _ = old.remove_child(extra);
        }
    }

    /// The reader's own state, which the server's HTML does not know: kept as it is.
    const THE_READERS: [&str; 1] = ["open"];

    fn sync_attributes(old: &Element, new: &Element) {
        let names = |element: &Element| -> Vec<String> {
            element
                .get_attribute_names()
                .iter()
                .filter_map(|name| name.as_string())
                .filter(|name| !THE_READERS.contains(&name.as_str()))
                .collect()
        };
        for name in names(old) {
            if !new.has_attribute(&name) {
                let _ = old.remove_attribute(&name);
            }
        }
        for name in names(new) {
            let value = new.get_attribute(&name).unwrap_or_default();
            if old.get_attribute(&name).as_deref() != Some(value.as_str()) {
                let _ = old.set_attribute(&name, &value);
            }
        }
    }

    fn children(element: &Element) -> Vec<Node> {
        let nodes = element.child_nodes();
        (0..nodes.length())
            .filter_map(|index| nodes.item(index))
            .collect()
    }

    fn same_kind(old: &Node, new: &Node) -> bool {
        old.node_type() == new.node_type() && old.node_name() == new.node_name()
    }

    fn adopted(node: &Node) -> Node {
        document()
            .import_node_with_deep(node, true)
            .unwrap_or_else(|_| node.clone())
    }
}

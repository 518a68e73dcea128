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
mod browser {
    use leptos::prelude::{document, set_interval, window};
    use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use leptos::web_sys::{
        Document, DomParser, Element, FormData, Headers, HtmlFormElement, Node, RequestInit,
        Response, SubmitEvent, SupportedType, Url, UrlSearchParams,
    };
    use std::cell::{Cell, RefCell};
    use std::time::Duration;
    use wasm_bindgen_futures::JsFuture;

    /// The attribute that marks the followed part; there is at most one per page.
    const MARK: &str = "data-follow";

    thread_local! {
        /// Counts the requests for the page; only the latest one's answer is brought in, so a
        /// refresh sent before a form's post never undoes what the post's answer shows.
        static LATEST: Cell<u32> = const { Cell::new(0) };
        /// A refresh or a post under way: no refresh starts meanwhile, so refreshes never
        /// pile up on a slow server, and a post's answer is the one brought in.
        static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
        /// The page that refreshes ask for: the one loaded, then the one the last post's answer
        /// came from, which names the action's error if it failed (so it stays shown, as it
        /// would without JavaScript, until the next action).
        static SHOWN: RefCell<String> = RefCell::new(window().location().href().unwrap_or_default());
        /// Whether the last post did not go through: the part keeps saying so through
        /// refreshes (whose pages know nothing of it) until the next post.
        static FAILED: Cell<bool> = const { Cell::new(false) };
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

    fn followed(document: &Document) -> Option<Element> {
        document.query_selector(&format!("[{MARK}]")).ok().flatten()
    }

    /// Asks for the page again while the part may change, the tab is seen and nothing else is
    /// under way; a refresh that fails is simply tried again at the next tick.
    fn refresh() {
        let changing =
            followed(&document()).is_some_and(|part| part.has_attribute("data-changing"));
        if !changing || document().hidden() || IN_FLIGHT.with(Cell::get) > 0 {
            return;
        }
        let init = RequestInit::new();
        init.set_headers(&accept_html());
        let url = SHOWN.with_borrow(String::clone);
        leptos::task::spawn_local(async move {
            let _ = in_flight(bring_in(&url, &init)).await;
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
        let submitter = event.submitter();
        let Some(body) = fields_of(&form, submitter.as_deref()) else {
            return;
        };
        event.prevent_default();
        if let Some(submitter) = &submitter {
            let _ = submitter.set_attribute("disabled", "");
        }
        // Busy is the form, not the part: the part's live line must still be read out.
        let _ = form.set_attribute("aria-busy", "true");
        FAILED.set(false);
        say(&part, "data-working");
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&accept_html());
        init.set_body(&body);
        // Where the server sends the browser back to: this page, without an earlier error.
        init.set_referrer(&without_error(
            &window().location().href().unwrap_or_default(),
        ));
        leptos::task::spawn_local(async move {
            if in_flight(bring_in(&form.action(), &init)).await.is_err() {
                let _ = form.remove_attribute("aria-busy");
                if let Some(submitter) = submitter {
                    let _ = submitter.remove_attribute("disabled");
                }
                FAILED.set(true);
                say(&part, "data-failed");
            }
        });
    }

    /// The form's fields as the browser would post them, with the button that submitted it.
    fn fields_of(form: &HtmlFormElement, submitter: Option<&Element>) -> Option<UrlSearchParams> {
        let fields = FormData::new_with_form(form).ok()?;
        if let Some(submitter) = submitter
            && let Some(name) = submitter.get_attribute("name")
        {
            let value = submitter.get_attribute("value").unwrap_or_default();
            fields.append_with_str(&name, &value).ok()?;
        }
        UrlSearchParams::new_with_str_sequence_sequence(&fields).ok()
    }

    /// Counts `request` as under way until it ends.
    async fn in_flight<T>(request: impl Future<Output = T>) -> T {
        IN_FLIGHT.with(|count| count.set(count.get() + 1));
        let result = request.await;
        IN_FLIGHT.with(|count| count.set(count.get() - 1));
        result
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

    /// `href` without the error a post came back with: server_fn would add a second one.
    fn without_error(href: &str) -> String {
        let Ok(url) = Url::new(href) else {
            return href.to_owned();
        };
        url.search_params().delete("__path");
        url.search_params().delete("__err");
        url.href()
    }

    /// Fetches `url` and brings the followed part of the page it answers with into this one.
    /// Another page the server sent the browser to is shown whole; an answer that is no page
    /// (a refusal before the server function, or a post nobody sent back) is an error.
    async fn bring_in(url: &str, init: &RequestInit) -> Result<(), JsValue> {
        let ticket = LATEST.with(|latest| {
            latest.set(latest.get().wrapping_add(1));
            latest.get()
        });
        let response: Response = JsFuture::from(window().fetch_with_str_and_init(url, init))
            .await?
            .dyn_into()?;
        let posted = init.get_method().is_some_and(|method| method == "POST");
        if !response.ok() || (posted && !response.redirected()) {
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
        let (Some(part), Some(fresh)) = (followed(&document()), followed(&answer)) else {
            return window().location().assign(&response.url());
        };
        if posted {
            SHOWN.set(response.url());
        }
        morph(&part, &fresh);
        if FAILED.get() {
            say(&part, "data-failed");
        }
        crate::components::local_time::localize_all();
        Ok(())
    }

    /// Makes `old` the same as `new`, changing only what differs, so that what the reader is
    /// in (focus, a field's value, a box ticked, a select's choice, a folded part opened)
    /// stays: those live in the elements, and a changed attribute only resets what the reader
    /// has not touched. Children with a `data-key` are matched by it, so a row that moves keeps
    /// its own state and never hands it to another row; a row that left is removed before the
    /// rows after it are looked at, so they need not move (a moved node loses focus). Written
    /// here because no crate morphs the DOM from Rust.
    fn morph(old: &Element, new: &Element) {
        sync_attributes(old, new);
        let new_nodes = children(new);
        // Vectors, not hash maps: a part has tens of rows, and hashbrown would add 3 KB of wasm.
        let mut keyed: Vec<(String, Node)> = children(old)
            .into_iter()
            .filter_map(|node| key(&node).map(|key| (key, node)))
            .collect();
        let wanted: Vec<String> = new_nodes.iter().filter_map(key).collect();
        let mut index = 0;
        for new_node in new_nodes {
            let mut at = old.child_nodes().item(index);
            while let Some(gone) = at
                .as_ref()
                .filter(|node| key(node).is_some_and(|key| !wanted.contains(&key)))
            {
                let _ = old.remove_child(gone);
                at = old.child_nodes().item(index);
            }
            let matched = match key(&new_node) {
                Some(wanted) => keyed
                    .iter()
                    .position(|(key, _)| *key == wanted)
                    .map(|found| keyed.swap_remove(found).1)
                    .filter(|node| same_kind(node, &new_node)),
                None => at
                    .clone()
                    .filter(|node| key(node).is_none() && same_kind(node, &new_node)),
            };
            match matched {
                Some(node) => {
                    if at.as_ref() != Some(&node) {
                        let _ = old.insert_before(&node, at.as_ref());
                    }
                    update(&node, &new_node);
                }
                None => {
                    let _ = old.insert_before(&adopted(&new_node), at.as_ref());
                }
            }
            index += 1;
        }
        while let Some(extra) = old.child_nodes().item(index) {
            let _ = old.remove_child(&extra);
        }
    }

    /// Brings `new` into `old`, a node of the same kind.
    fn update(old: &Node, new: &Node) {
        match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
            (Some(old), Some(new)) => morph(old, new),
            _ if old.node_value() != new.node_value() => {
                old.set_node_value(new.node_value().as_deref())
            }
            _ => {}
        }
    }

    fn key(node: &Node) -> Option<String> {
        node.dyn_ref::<Element>()?.get_attribute("data-key")
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

//! The browser's half of a followed part: the refreshes, the posts in place, and what the
//! part says while a post is under way or when it did not go through.

use super::morph::morph;
use crate::components::posting::{accept_html, fields_of};
use leptos::prelude::{document, set_interval, window};
use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
use leptos::web_sys::{
    Document, DomParser, Element, HtmlFormElement, RequestInit, Response, SubmitEvent,
    SupportedType, Url,
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
    let _ =
        document().add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
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
    let changing = followed(&document()).is_some_and(|part| part.has_attribute("data-changing"));
    if !changing || document().hidden() || IN_FLIGHT.with(Cell::get) > 0 {
        return;
    }
    let init = RequestInit::new();
    init.set_headers(&accept_html());
    let url = SHOWN.with_borrow(String::clone);
    wasm_bindgen_futures::spawn_local(async move {
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
    wasm_bindgen_futures::spawn_local(async move {
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

/// `href` without the error a post came back with (server_fn would add a second one), nor
/// the word of a create (`created`): the next page is about this action.
fn without_error(href: &str) -> String {
    let Ok(url) = Url::new(href) else {
        return href.to_owned();
    };
    url.search_params().delete("__path");
    url.search_params().delete("__err");
    url.search_params().delete("created");
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

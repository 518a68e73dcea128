//! The job form's browser half. The server renders the whole form (`super`) and this script holds
//! no view of it: as the person types, it reads the form as the browser would post it, runs the
//! shared rules and the team's guardrails on it, and writes what they say into the server's HTML
//! (`render`). Rows are added and removed by the server, in place (`rows`). A submit goes only
//! when the form is valid, as the browser's own post, which the server answers with the job's
//! page or with this page again, its errors shown.

mod render;
mod rows;

use super::PROBLEM_ID;
use super::summary::ERROR_SUMMARY_ID;
use crate::domain::{Guardrails, JobSpec, fields::split_row_path};
use crate::i18n::Lang;
use crate::model::PortalInfo;
use leptos::wasm_bindgen::{JsCast, closure::Closure};
use leptos::web_sys::{
    self, Element, Event, EventTarget, HtmlElement, HtmlFormElement, PageTransitionEvent,
    SubmitEvent,
};
use std::cell::{Cell, RefCell};

/// What the script knows of the form beyond its inputs.
struct Live {
    form: HtmlFormElement,
    lang: Lang,
    guardrails: Guardrails,
    /// On an edit: the version edited, which the preview and the restart hint compare with.
    before: Option<JobSpec>,
    running: bool,
    /// Paths the person has left at least once: their errors show from then on.
    touched: Vec<String>,
    /// Set by the first submit, or by the server's refusal of a post: every error shows.
    submitted: bool,
    /// The errors the server rendered, `(path, message)` in the page's language; each is
    /// dropped as soon as its field is edited.
    server_errors: Vec<(String, String)>,
    /// What the summary lists now, `(input id, line)`: it is written again only when that
    /// changes, since it is an alert that is read out whole.
    listed: Vec<(String, String)>,
}

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    /// Set while the browser posts the form itself: a row's button whose post in place failed.
    static NATIVE: Cell<bool> = const { Cell::new(false) };
    /// A post under way: the form's own (until this page is shown again) or a row's in place.
    /// Submits meanwhile are stopped: a second create would only be told the first is under way.
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Takes over the page's job form, if it has one: called once, when the wasm starts.
pub fn start() {
    let document = document();
    let Some(form) = document
        .query_selector("form.job-form")
        .ok()
        .flatten()
        .and_then(|form| form.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let submitted = document
        .get_element_by_id(ERROR_SUMMARY_ID)
        .is_some_and(|summary| !summary.has_attribute("hidden"));
    LIVE.set(Some(Live {
        lang: Lang::for_this_page(),
        guardrails: PortalInfo::for_this_request().guardrails,
        before: form
            .get_attribute("data-before")
            .and_then(|json| JobSpec::from_request_json(&json).ok()),
        running: form.has_attribute("data-running"),
        touched: Vec::new(),
        submitted,
        server_errors: Vec::new(),
        listed: render::listed(),
        form: form.clone(),
    }));
    with_live(|live| live.server_errors = render::server_errors(live));
    listen(&form, "input", |event| edited(&event, false));
    listen(&form, "change", |event| edited(&event, true));
    listen(&form, "focusout", |event| {
        if let Some(path) = field_of(&event) {
            with_live(|live| {
                if !live.touched.contains(&path) {
                    live.touched.push(path);
                    render::render(live);
                }
            });
        }
    });
    listen(&form, "submit", on_submit);
    listen(&form, "click", follow_summary_link);
    // Back to this page from the next one: the page as it was left, its submit no longer busy.
    listen(&window(), "pageshow", |event| {
        if event.unchecked_into::<PageTransitionEvent>().persisted() {
            SENDING.set(false);
            busy(false);
        }
    });
    // The browser may have put back values typed before a reload: say what they mean.
    with_live(render::render);
    // A post the server refused came back as this page: to what it says first.
    if !focus(PROBLEM_ID) && submitted {
        focus(ERROR_SUMMARY_ID);
    }
}

fn edited(event: &Event, leaves: bool) {
    let Some(path) = field_of(event) else {
        return;
    };
    // An edit while the post seemed under way (its page never came: the person stopped it)
    // makes a new submission, which may go.
    SENDING.set(false);
    busy(false);
    with_live(|live| {
        // A cell's edit may fix its list's error too (a key used twice, too many rows).
        let list = split_row_path(&path).map(|(list, _, _)| list.to_owned());
        live.server_errors
            .retain(|(shown, _)| *shown != path && Some(shown) != list.as_ref());
        if leaves && !live.touched.contains(&path) {
            live.touched.push(path);
        }
        render::render(live);
    });
}

/// A row's button is carried out in place; anything else submits the form, which goes only when
/// the rules find nothing to fix (the summary then lists what they found).
fn on_submit(event: Event) {
    if NATIVE.get() {
        return;
    }
    let event: SubmitEvent = event.unchecked_into();
    if SENDING.get() {
        event.prevent_default();
        return;
    }
    let submitter = event.submitter();
    if let Some(button) = submitter.filter(rows::is_row_button) {
        event.prevent_default();
        SENDING.set(true);
        rows::post(button);
        return;
    }
    let valid = with_live(|live| {
        live.submitted = true;
        render::render(live)
    });
    if valid != Some(false) {
        SENDING.set(true);
        busy(true);
        return;
    }
    event.prevent_default();
    focus(ERROR_SUMMARY_ID);
}

/// A link of the error summary moves focus to its input, not only the view.
fn follow_summary_link(event: Event) {
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|target| {
            target
                .closest(&format!("#{ERROR_SUMMARY_ID} a"))
                .ok()
                .flatten()
        });
    let Some(id) = link
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| href.strip_prefix('#').map(str::to_owned))
    else {
        return;
    };
    event.prevent_default();
    // A list's error links to the list: its first input is where to fix it.
    let list_input = document()
        .get_element_by_id(&id)
        .filter(|target| !is_control(target))
        .and_then(|list| list.query_selector("input, select").ok().flatten())
        .and_then(|input| input.get_attribute("id"));
    focus(&list_input.unwrap_or(id));
}

/// The form's main button says the post is under way (its `data-busy`), or is itself again.
fn busy(on: bool) {
    let Some(form) = with_live(|live| live.form.clone()) else {
        return;
    };
    let Ok(Some(button)) = form.query_selector("button[data-busy]") else {
        return;
    };
    match (on, button.get_attribute("data-idle")) {
        (true, None) => {
            let idle = button.text_content().unwrap_or_default();
            let _ = button.set_attribute("data-idle", &idle);
            button.set_text_content(button.get_attribute("data-busy").as_deref());
            let _ = form.set_attribute("aria-busy", "true");
        }
        (false, Some(idle)) => {
            button.set_text_content(Some(&idle));
            let _ = button.remove_attribute("data-idle");
            let _ = form.remove_attribute("aria-busy");
        }
        _ => {}
    }
}

/// The path (`data-path`) of the field whose input an event happened in: not a row's button.
fn field_of(event: &Event) -> Option<String> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    if !is_control(&target) {
        return None;
    }
    target
        .closest("[data-path]")
        .ok()??
        .get_attribute("data-path")
}

/// Whether `element` is an input a person fills (not a list's frame, not a button).
fn is_control(element: &Element) -> bool {
    matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
}

fn with_live<T>(act: impl FnOnce(&mut Live) -> T) -> Option<T> {
    LIVE.with_borrow_mut(|live| live.as_mut().map(act))
}

fn listen(target: &EventTarget, kind: &str, handle: impl Fn(Event) + 'static) {
    let handle = Closure::<dyn Fn(Event)>::new(handle);
    let _ = target.add_event_listener_with_callback(kind, handle.as_ref().unchecked_ref());
    // Listens for as long as the page is open.
    handle.forget();
}

/// Moves focus to the element with this id: false when there is none.
fn focus(id: &str) -> bool {
    let element = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = &element {
        let _ = element.focus();
    }
    element.is_some()
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a page has a window")
}

fn document() -> web_sys::Document {
    window().document().expect("a page has a document")
}

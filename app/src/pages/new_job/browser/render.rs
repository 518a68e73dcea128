//! What the rules say of the form, written into the HTML the server rendered: each field's error
//! (text, `has-error`, `aria-invalid`, `aria-describedby`), the summary after a submit, the folds
//! opened on an error, the sizing, the restart hint and the request preview. The words are the
//! ones the server renders with (`super::super`), so both halves say the same.

use super::super::summary::{ERROR_SUMMARY_ID, heading, item_text};
use super::super::{edit::restart_hint, preview, sections::sizing};
use super::{Live, document};
use crate::components::posting::fields_of;
use crate::domain::{FieldErrors, JobForm, field_id};
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlFormElement};

/// Writes what the rules say of the form as it stands: true when they find nothing to fix.
pub(super) fn render(live: &mut Live) -> bool {
    let Some(values) = read(&live.form) else {
        // Unreadable here is for the server to say: the post goes.
        return true;
    };
    let parsed = values.parse();
    let to_fix = live.guardrails.errors_with_rules(&values, &parsed);
    let mut listed = Vec::new();
    for frame in all(&live.form, "[data-path]") {
        let path = frame.get_attribute("data-path").unwrap_or_default();
        let message = live.message(&path, &to_fix);
        show(&frame, &path, message.as_deref());
        if let Some(message) = message.filter(|_| live.submitted) {
            listed.push((
                field_id(&path),
                item_text(live.lang, &label_of(&frame), &message),
            ));
        }
    }
    if listed != live.listed {
        summarize(live, &listed);
        live.listed = listed;
    }
    for fold in all(&live.form, "details.group") {
        // Opened on an error (a list's too, whose frame is not marked), never closed: not
        // under the cursor of someone fixing the last one.
        let shows_error = all(&fold, "p.error")
            .any(|line| line.text_content().is_some_and(|text| !text.is_empty()));
        if shows_error {
            let _ = fold.set_attribute("open", "");
        }
    }
    let (summary, warning) = sizing(live.lang, &values);
    set_text(&live.form, ".sizing p:not(.warning)", &summary);
    set_text(
        &live.form,
        ".sizing .warning",
        warning.as_deref().unwrap_or_default(),
    );
    if let Ok(Some(line)) = live.form.query_selector(".sizing .warning") {
        toggle(&line, "hidden", warning.is_none());
    }
    let hint = restart_hint(live.lang, live.running, live.before.as_ref(), &parsed);
    set_text(&live.form, ".restart-hint", &hint);
    show_request(live, preview::request_json(&parsed, live.before.as_ref()));
    to_fix.is_empty()
}

impl Live {
    /// The message to show by `path`: the server's until the field is edited, then the rules'
    /// once the person has left it or submitted.
    fn message(&self, path: &str, to_fix: &FieldErrors) -> Option<String> {
        if let Some((_, message)) = self.server_errors.iter().find(|(shown, _)| shown == path) {
            return Some(message.clone());
        }
        if !self.submitted && !self.touched.iter().any(|left| left == path) {
            return None;
        }
        to_fix
            .get(path)
            .map(|message| self.lang.text(message).into_owned())
    }
}

/// The errors the server rendered in the form that the rules do not say themselves (DLI's, a
/// guardrail's the page's script does not know): they stay until their field is edited. Those
/// the rules say come and go with the rules.
pub(super) fn server_errors(live: &Live) -> Vec<(String, String)> {
    let to_fix = read(&live.form)
        .map(|values| live.guardrails.errors_with_rules(&values, &values.parse()))
        .unwrap_or_default();
    all(&live.form, "[data-path]")
        .filter_map(|frame| {
            let path = frame.get_attribute("data-path")?;
            let error = document().get_element_by_id(&format!("{}-error", field_id(&path)))?;
            let message = error.text_content().filter(|message| !message.is_empty())?;
            let ours = to_fix.get(&path).map(|rule| live.lang.text(rule));
            (ours.as_deref() != Some(message.as_str())).then_some((path, message))
        })
        .collect()
}

/// What the summary the server rendered lists, as `render` would list it.
pub(super) fn listed() -> Vec<(String, String)> {
    let Some(summary) = document().get_element_by_id(ERROR_SUMMARY_ID) else {
        return Vec::new();
    };
    all(&summary, "a")
        .filter_map(|link| {
            let id = link.get_attribute("href")?.strip_prefix('#')?.to_owned();
            Some((id, link.text_content()?))
        })
        .collect()
}

/// The form's values, read from its fields as the browser would post them.
fn read(form: &HtmlFormElement) -> Option<JobForm> {
    let fields: String = fields_of(form, None)?.to_string().into();
    serde_html_form::from_str(&fields).ok()
}

/// One field's error: by the field, and on its control.
fn show(frame: &Element, path: &str, message: Option<&str>) {
    let id = field_id(path);
    let error_id = format!("{id}-error");
    // A list's frame is not marked, as the server does not mark it: every cell would look wrong.
    if frame.tag_name() != "FIELDSET" {
        toggle_class(frame, "has-error", message.is_some());
    }
    if let Some(line) = document().get_element_by_id(&error_id) {
        write(&line, message.unwrap_or_default());
    }
    let Some(control) = document().get_element_by_id(&id).filter(super::is_control) else {
        return;
    };
    if control.has_attribute("aria-invalid") {
        let _ = control.set_attribute("aria-invalid", &message.is_some().to_string());
    }
    if let Some(described) = control.get_attribute("aria-describedby") {
        let mut ids: Vec<&str> = described
            .split_whitespace()
            .filter(|described| *described != error_id)
            .collect();
        if message.is_some() {
            ids.push(&error_id);
        }
        let _ = control.set_attribute("aria-describedby", &ids.join(" "));
    }
}

/// The summary, written after a submit; hidden while there is nothing in it.
fn summarize(live: &Live, listed: &[(String, String)]) {
    let Some(summary) = document().get_element_by_id(ERROR_SUMMARY_ID) else {
        return;
    };
    toggle(&summary, "hidden", listed.is_empty());
    set_text(&summary, "h2", &heading(live.lang, listed.len()));
    let Ok(Some(list)) = summary.query_selector("ul") else {
        return;
    };
    list.set_text_content(None);
    for (id, text) in listed {
        let (Ok(item), Ok(link)) = (
            document().create_element("li"),
            document().create_element("a"),
        ) else {
            return;
        };
        let _ = link.set_attribute("href", &format!("#{id}"));
        link.set_text_content(Some(text));
        let _ = item.append_child(&link);
        let _ = list.append_child(&item);
    }
}

/// The preview: the request's JSON, or how many fields are still to fix.
fn show_request(live: &Live, request: Result<String, usize>) {
    let Ok(Some(shown)) = document().query_selector(".preview pre, .preview .preview-pending")
    else {
        return;
    };
    let (tag, class, text) = match request {
        Ok(json) => ("pre", "request-json", json),
        Err(count) => ("p", "preview-pending", preview::pending(live.lang, count)),
    };
    if shown.tag_name().eq_ignore_ascii_case(tag) {
        let inner = shown.query_selector("code").ok().flatten();
        inner.unwrap_or(shown).set_text_content(Some(&text));
        return;
    }
    let Ok(fresh) = document().create_element(tag) else {
        return;
    };
    let _ = fresh.set_attribute("class", class);
    if tag == "pre" {
        let _ = fresh.set_attribute("translate", "no");
        if let Ok(code) = document().create_element("code") {
            code.set_text_content(Some(&text));
            let _ = fresh.append_child(&code);
        }
    } else {
        fresh.set_text_content(Some(&text));
    }
    let _ = shown.replace_with_with_node_1(&fresh);
}

/// What a person calls the field in `frame`: its label, or its list's legend.
fn label_of(frame: &Element) -> String {
    frame
        .query_selector("label, legend")
        .ok()
        .flatten()
        .and_then(|label| label.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn all(root: &Element, selector: &str) -> impl Iterator<Item = Element> {
    let found = root.query_selector_all(selector).ok();
    let count = found.as_ref().map_or(0, |found| found.length());
    (0..count).filter_map(move |at| found.as_ref()?.item(at)?.dyn_into::<Element>().ok())
}

fn set_text(root: &Element, selector: &str, text: &str) {
    if let Ok(Some(element)) = root.query_selector(selector) {
        write(&element, text);
    }
}

/// Written only when it changes: some of these lines are live, and each write is read out.
fn write(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

fn toggle(element: &Element, attribute: &str, on: bool) {
    let _ = if on {
        element.set_attribute(attribute, "")
    } else {
        element.remove_attribute(attribute)
    };
}

fn toggle_class(element: &Element, class: &str, on: bool) {
    let _ = element.class_list().toggle_with_force(class, on);
}

//! Labelled inputs for one `JobForm` field by its DLI name, as the server renders them: the label
//! and help line come from the domain's field table, the error from the shared rules; both are
//! tied to the input with `aria-describedby` so a screen reader announces them. Each field's
//! frame carries its path (`data-path`), by which the browser's half of the form
//! (`pages::new_job::browser`) finds where to show the field's error as the person types.

use super::form_state::use_form_state;
use crate::domain::Lens;
use crate::domain::{self, field_id, fields::split_row_path};
use crate::i18n::Lang;
use leptos::prelude::*;

/// The ids a field's input refers to: `(input id, help id, error id)`.
pub(crate) fn ids(path: &str) -> (String, String, String) {
    let id = field_id(path);
    (id.clone(), format!("{id}-help"), format!("{id}-error"))
}

/// The label, help line and error around one control.
#[component]
fn Frame(
    path: String,
    #[prop(optional)] inline: bool,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let info = field_info(&path);
    let (id, help_id, error_id) = ids(&path);
    let label =
        move || view! { <label for=id.clone()>{lang.text(info.label).into_owned()}</label> };
    view! {
        <div
            class="field"
            data-path=path.clone()
            class=("field-inline", inline)
            class=("has-error", error.is_some())
        >
            {(!inline).then(label.clone())}
            {children()}
            {inline.then(label)}
            <p class="help" id=help_id>{lang.text(info.help).into_owned()}</p>
            <p class="error" id=error_id aria-live="polite">{error_text(lang, error.as_deref())}</p>
        </div>
    }
}

/// The error under an input, in the page's language (the rules write it in English).
pub(crate) fn error_text(lang: Lang, error: Option<&str>) -> Option<String> {
    error.map(|message| lang.text(message).into_owned())
}

/// What a person calls the input at `path`, in the page's language: its label, and the row for
/// a row's cell ("Tag key 3" for `tags.2.key`).
pub(crate) fn field_name(lang: Lang, path: &str) -> String {
    let label = lang.text(field_info(path).label);
    match split_row_path(path) {
        Some((_, row, _)) => format!("{label} {}", row + 1),
        None => label.into_owned(),
    }
}

/// `translate="no"` for a choice that shows its own value (a queue's name, a log level): it is
/// data, not words of ours.
pub(crate) fn shown_as_is(value: &str, text: &str) -> Option<&'static str> {
    (value == text).then_some("no")
}

/// The label and help of the input at `path`; every input the page renders is in the table.
pub(crate) fn field_info(path: &str) -> &'static domain::FieldInfo {
    domain::field_for_path(path).unwrap_or_else(|| panic!("{path} is missing from the field table"))
}

/// `aria-describedby` of the input at `path`: the help line (`help_id`) always, the error
/// while there is one.
pub(crate) fn described_by(path: &str, help_id: &str, error: Option<&str>) -> String {
    match error {
        Some(_) => format!("{help_id} {}", ids(path).2),
        None => help_id.to_owned(),
    }
}

/// A one-line text input. `numeric` asks phones for a number pad; the rules, not the browser,
/// decide what is valid, so every mistake gets the same clear message.
#[component]
pub fn TextField(
    name: &'static str,
    lens: Lens<String>,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let state = use_form_state();
    let error = state.error(name);
    let described_by = described_by(name, &ids(name).1, error.as_deref());
    view! {
        <Frame path=name.to_owned() error=error.clone()>
            // What a person types is theirs: no translator rewrites it.
            <input
            type="text"
            id=field_id(name)
            name=name
            translate="no"
            inputmode=numeric.then_some("numeric")
            placeholder=(!placeholder.is_empty()).then_some(placeholder)
            value=state.read(lens)
            aria-describedby=described_by
            aria-invalid=error.is_some().to_string()
            />
        </Frame>
    }
}

#[component]
pub fn TextArea(name: &'static str, lens: Lens<String>) -> impl IntoView {
    let state = use_form_state();
    let error = state.error(name);
    let described_by = described_by(name, &ids(name).1, error.as_deref());
    view! {
        <Frame path=name.to_owned() error=error.clone()>
            <textarea
                id=field_id(name)
                name=name
                translate="no"
                rows="3"
                aria-describedby=described_by
                aria-invalid=error.is_some().to_string()
            >
                // The parser drops one newline right after `<textarea>`: this one, not the value's.
                {format!("\n{}", state.read(lens))}
            </textarea>
        </Frame>
    }
}

/// A choice among fixed values: `(value, text)` pairs; the first is usually `("", "DLI default")`.
/// A value the choices lack (a copied job's queue that DLI no longer lists) is offered too, as it
/// is, so that the form posts it back rather than the first choice.
#[component]
pub fn SelectField(
    name: &'static str,
    lens: Lens<String>,
    mut options: Vec<(String, String)>,
) -> impl IntoView {
    let state = use_form_state();
    let error = state.error(name);
    let current = state.read(lens);
    if !options.iter().any(|(value, _)| *value == current) {
        options.push((current.clone(), current.clone()));
    }
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let translate = shown_as_is(&value, &text);
            let selected = value == current;
            view! { <option value=value selected=selected translate=translate>{text}</option> }
        })
        .collect_view();
    let described_by = described_by(name, &ids(name).1, error.as_deref());
    view! {
        <Frame path=name.to_owned() error=error.clone()>
            <select
                id=field_id(name)
                name=name
                aria-describedby=described_by
                aria-invalid=error.is_some().to_string()
            >
                {options}
            </select>
        </Frame>
    }
}

/// A checkbox that posts `true` when ticked and nothing otherwise, as `JobForm` expects.
#[component]
pub fn CheckboxField(name: &'static str, lens: Lens<bool>) -> impl IntoView {
    let state = use_form_state();
    let error = state.error(name);
    let described_by = described_by(name, &ids(name).1, error.as_deref());
    view! {
        <Frame path=name.to_owned() error inline=true>
            <input
                type="checkbox"
                id=field_id(name)
                name=name
                value="true"
                checked=state.read(lens)
                aria-describedby=described_by
            />
        </Frame>
    }
}

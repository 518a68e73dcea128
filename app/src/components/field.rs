//! Labelled inputs bound to one `JobForm` field by its DLI name: the label and help line come
//! from the domain's field table, the error from the shared rules; both are tied to the input
//! with `aria-describedby` so a screen reader announces them.

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
    error: Signal<Option<String>>,
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
            class=("field-inline", inline)
            class=("has-error", move || error.get().is_some())
        >
            {(!inline).then(label.clone())}
            {children()}
            {inline.then(label)}
            <p class="help" id=help_id>{lang.text(info.help).into_owned()}</p>
            <p class="error" id=error_id aria-live="polite">{error_text(lang, error)}</p>
        </div>
    }
}

/// The error under an input, in the page's language (the rules write it in English).
pub(crate) fn error_text(
    lang: Lang,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        error.with(|error| {
            error
                .as_deref()
                .map(|message| lang.text(message).into_owned())
        })
    }
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

/// `aria-describedby`: the help line always, the error while there is one.
pub(crate) fn described_by(
    path: &str,
    error: Signal<Option<String>>,
) -> impl Fn() -> String + Send + Sync + 'static {
    let (_, help_id, error_id) = ids(path);
    move || match error.get() {
        Some(_) => format!("{help_id} {error_id}"),
        None => help_id.clone(),
    }
}

pub(crate) fn error_signal(path: &str) -> Signal<Option<String>> {
    let state = use_form_state();
    let path = path.to_owned();
    Signal::derive(move || state.error(&path))
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
    let error = error_signal(name);
    let value = move || state.read(lens);
    view! {
        <Frame path=name.to_owned() error>
            // What a person types is theirs: no translator rewrites it.
            <input
                type="text"
                id=field_id(name)
                name=name
                translate="no"
                inputmode=numeric.then_some("numeric")
                placeholder=(!placeholder.is_empty()).then_some(placeholder)
                value=value
                prop:value=value
                aria-describedby=described_by(name, error)
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| state.write(name, lens, event_target_value(&ev))
                on:blur=move |_| state.touch(name)
            />
        </Frame>
    }
}

#[component]
pub fn TextArea(name: &'static str, lens: Lens<String>) -> impl IntoView {
    let state = use_form_state();
    let error = error_signal(name);
    view! {
        <Frame path=name.to_owned() error>
            <textarea
                id=field_id(name)
                name=name
                translate="no"
                rows="3"
                prop:value=move || state.read(lens)
                aria-describedby=described_by(name, error)
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| state.write(name, lens, event_target_value(&ev))
                on:blur=move |_| state.touch(name)
            >
                {state.form.with_untracked(|form| (lens.get)(form).clone())}
            </textarea>
        </Frame>
    }
}

/// A choice among fixed values: `(value, text)` pairs; the first is usually `("", "DLI default")`.
#[component]
pub fn SelectField(
    name: &'static str,
    lens: Lens<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let state = use_form_state();
    let error = error_signal(name);
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_current = {
                let value = value.clone();
                move || state.read(lens) == value
            };
            let translate = shown_as_is(&value, &text);
            view! {
                <option value=value selected=is_current.clone() prop:selected=is_current translate=translate>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <Frame path=name.to_owned() error>
            <select
                id=field_id(name)
                name=name
                aria-describedby=described_by(name, error)
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| {
                    state.write(name, lens, event_target_value(&ev));
                    state.touch(name);
                }
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
    let error = error_signal(name);
    let checked = move || state.read(lens);
    view! {
        <Frame path=name.to_owned() error inline=true>
            <input
                type="checkbox"
                id=field_id(name)
                name=name
                value="true"
                checked=checked
                prop:checked=checked
                aria-describedby=described_by(name, error)
                on:change=move |ev| {
                    state.write(name, lens, event_target_checked(&ev));
                    state.touch(name);
                }
            />
        </Frame>
    }
}

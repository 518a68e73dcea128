//! The error summary shown after a submit: every problem in form order, each a link to its
//! input, so a keyboard or screen-reader user reaches them one by one. The server renders it;
//! the form's script (`browser`) writes it anew when what it lists changes.

use crate::components::field::field_name;
use crate::components::form_state::use_form_state;
use crate::domain::field_id;
use crate::i18n::Lang;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The summary's heading: how many fields need attention.
pub(super) fn heading(lang: Lang, count: usize) -> String {
    match count {
        1 => lang
            .pick("1 field needs attention", "有 1 个字段需要修改")
            .to_owned(),
        count => crate::tr!(
            lang,
            "{} fields need attention",
            "有 {} 个字段需要修改",
            count
        ),
    }
}

/// The summary's line for one problem: the field's name, then what is wrong.
pub(super) fn item_text(lang: Lang, field: &str, message: &str) -> String {
    format!("{field}{}{message}", lang.pick(": ", "："))
}

/// Rendered even when empty (hidden), so that the form's script has it to fill.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let errors = state.visible_errors();
    let count = errors.len();
    let items = errors
        .into_iter()
        .map(|(path, message)| {
            let text = item_text(lang, &field_name(lang, &path), &lang.text(&message));
            view! {
                <li>
                    <a href=format!("#{}", field_id(&path))>{text}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div
            class="error-summary"
            id=ERROR_SUMMARY_ID
            role="alert"
            tabindex="-1"
            hidden=count == 0
        >
            <h2>{(count > 0).then(|| heading(lang, count))}</h2>
            <ul>{items}</ul>
        </div>
    }
}

//! The error summary shown after a submit: every problem in form order, each a link to its
//! input, so a keyboard or screen-reader user reaches them one by one.

use crate::components::field::field_name;
use crate::components::form_state::use_form_state;
use crate::components::rows_editor::focus_later;
use crate::domain::field_id;
use crate::i18n::Lang;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The summary's heading: how many fields need attention.
fn heading(lang: Lang, count: usize) -> String {
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

#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let errors = Memo::new(move |_| {
        if state.submitted.get() {
            state.visible_errors()
        } else {
            Vec::new()
        }
    });
    let items = move || {
        errors
            .get()
            .into_iter()
            .map(|(path, message)| {
                let id = field_id(&path);
                let focus = {
                    let id = id.clone();
                    move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        focus_later(id.clone());
                    }
                };
                view! {
                    <li>
                        <a href=format!("#{id}") on:click=focus>
                            {field_name(lang, &path)}
                            {lang.pick(": ", "：")}
                            {lang.text(&message).into_owned()}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || !errors.read().is_empty()>
            <div class="error-summary" id=ERROR_SUMMARY_ID role="alert" tabindex="-1">
                <h2>
                    {move || heading(lang, errors.read().len())}
                </h2>
                <ul>{items}</ul>
            </div>
        </Show>
    }
}

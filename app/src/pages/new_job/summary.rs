//! The error summary shown after a submit: every problem in form order, each a link to its
//! input, so a keyboard or screen-reader user reaches them one by one.

use crate::components::field::field_info;
use crate::components::form_state::use_form_state;
use crate::components::rows_editor::focus_later;
use crate::domain::{field_id, fields::split_row_path};
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// "Tag key 3" for `tags.2.key`: the label, and the row for a row field.
fn describe(path: &str) -> String {
    let label = field_info(path).label;
    match split_row_path(path) {
        Some((_, row, _)) => format!("{label} {}", row + 1),
        None => label.to_string(),
    }
}

#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_form_state();
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
                            {describe(&path)} ": " {message}
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
                    {move || match errors.read().len() {
                        1 => "1 field needs attention".to_string(),
                        count => format!("{count} fields need attention"),
                    }}
                </h2>
                <ul>{items}</ul>
            </div>
        </Show>
    }
}

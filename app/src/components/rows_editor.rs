//! An editor for the form's repeated rows (dependency JARs and files, tags, Flink options,
//! logger levels): one input per column, rows added and removed with buttons that also work as
//! plain form submits when the wasm has not loaded.

use super::field::{error_signal, error_text, field_info, field_name, ids, shown_as_is};
use super::form_state::use_form_state;
use crate::domain::{Column, RowList, field_id};
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn RowsEditor(rows: RowList) -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let info = field_info(rows.list);
    let (_, help_id, error_id) = ids(rows.list);
    let list_error = error_signal(rows.list);
    let count = Memo::new(move |_| state.form.with(|form| rows.rows(form)));
    let add = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        state.form.update(|form| rows.add_row(form));
        // Keyboard users continue in the row they just added.
        let first = rows.path(count.get_untracked() - 1, &rows.columns[0]);
        focus_later(field_id(&first));
    };
    view! {
        <fieldset class="rows-editor" id=field_id(rows.list) aria-describedby=help_id.clone()>
            <legend>{lang.text(info.label).into_owned()}</legend>
            <p class="help" id=help_id.clone()>{lang.text(info.help).into_owned()}</p>
            <p class="error" id=error_id aria-live="polite">{error_text(lang, list_error)}</p>
            <ol class="rows">
                {move || (0..count.get()).map(|row| view! { <Row rows row /> }).collect_view()}
            </ol>
            <button
                type="submit"
                class="secondary"
                name="_add"
                value=rows.list
                on:click=add
            >
                {crate::tr!(lang, "Add {}", "添加{}", lang.text(rows.noun))}
            </button>
        </fieldset>
    }
}

#[component]
fn Row(rows: RowList, row: usize) -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let cells = rows
        .columns
        .iter()
        .map(|column| view! { <Cell rows column=*column row /> })
        .collect_view();
    let remove = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        state.form.update(|form| rows.remove_row(form, row));
        // Row numbers shift: errors the server gave for these rows no longer fit them.
        state
            .server_errors
            .update(|errors| errors.retain(|path| !path.starts_with(&format!("{}.", rows.list))));
    };
    view! {
        <li class="row">
            {cells}
            <button
                type="submit"
                class="link-button"
                name="_remove"
                value=format!("{}.{row}", rows.list)
                aria-label=crate::tr!(lang, "Remove {} {}", "移除{} {}", lang.text(rows.noun), row + 1)
                on:click=remove
            >
                {lang.pick("Remove", "移除")}
            </button>
        </li>
    }
}

#[component]
fn Cell(rows: RowList, column: Column, row: usize) -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let path = rows.path(row, &column);
    let error = error_signal(&path);
    let (id, _, error_id) = ids(&path);
    // A cell has no help line of its own: it is described by its list's, and by its error.
    let (_, list_help_id, _) = ids(rows.list);
    let described_by = move || match error.get() {
        Some(_) => format!("{list_help_id} {error_id}"),
        None => list_help_id.clone(),
    };
    let value = move || {
        state.form.with(|form| {
            (column.lens.get)(form)
                .get(row)
                .cloned()
                .unwrap_or_default()
        })
    };
    let write = {
        let path = path.clone();
        move |value: String| {
            state
                .form
                .update(|form| RowList::set_cell(&column, form, row, value));
            state.forget_server_error(&path);
        }
    };
    let touch = {
        let path = path.clone();
        move || state.touch(&path)
    };
    let label = field_name(lang, &path);
    let control = if column.choices.is_empty() {
        let write = write.clone();
        let touch = touch.clone();
        view! {
            <input
                type="text"
                id=id.clone()
                name=column.name
                translate="no"
                value=value
                prop:value=value
                aria-describedby=described_by.clone()
                aria-invalid=move || error.get().is_some().to_string()
                on:input=move |ev| write(event_target_value(&ev))
                on:blur=move |_| touch()
            />
        }
        .into_any()
    } else {
        let options = column
            .choices
            .iter()
            .map(|(choice, text)| {
                let selected = move || value() == *choice;
                view! {
                    <option value=*choice selected=selected prop:selected=selected translate=shown_as_is(choice, text)>
                        {lang.text(text).into_owned()}
                    </option>
                }
            })
            .collect_view();
        view! {
            <select
                id=id.clone()
                name=column.name
                aria-describedby=described_by
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| {
                    write(event_target_value(&ev));
                    touch();
                }
            >
                {options}
            </select>
        }
        .into_any()
    };
    view! {
        <div class="cell" class=("has-error", move || error.get().is_some())>
            <label for=id class="cell-label">{label}</label>
            {control}
            <p class="error" id=ids(&path).2 aria-live="polite">{error_text(lang, error)}</p>
        </div>
    }
}

/// Moves focus to the element with this id once the view has rendered it.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id)
            && let Ok(element) =
                leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(element)
        {
            let _ = element.focus();
        }
    });
}

//! An editor for the form's repeated rows (dependency JARs and files, tags, Flink options,
//! logger levels), as the server renders it: one input per column, rows added and removed with
//! buttons that post the form, which the server answers with the rows changed (in place once
//! the form's script runs: `pages::new_job::browser`). The list and each cell carry their path
//! (`data-path`), where the script shows their errors.

use super::field::{described_by, error_text, field_info, field_name, ids, shown_as_is};
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
    let list_error = state.error(rows.list);
    let count = rows.rows(&state.form);
    view! {
        <fieldset
            class="rows-editor"
            id=field_id(rows.list)
            data-path=rows.list
            aria-describedby=help_id.clone()
        >
            <legend>{lang.text(info.label).into_owned()}</legend>
            <p class="help" id=help_id.clone()>{lang.text(info.help).into_owned()}</p>
            <p class="error" id=error_id aria-live="polite">{error_text(lang, list_error.as_deref())}</p>
            <ol class="rows">
                {(0..count).map(|row| view! { <Row rows row /> }).collect_view()}
            </ol>
            <button type="submit" class="secondary" name="_add" value=rows.list>
                {crate::tr!(lang, "Add {}", "添加{}", lang.text(rows.noun))}
            </button>
        </fieldset>
    }
}

#[component]
fn Row(rows: RowList, row: usize) -> impl IntoView {
    let lang = Lang::for_this_page();
    let cells = rows
        .columns
        .iter()
        .map(|column| view! { <Cell rows column=*column row /> })
        .collect_view();
    view! {
        <li class="row">
            {cells}
            <button
                type="submit"
                class="link-button"
                name="_remove"
                value=format!("{}.{row}", rows.list)
                aria-label=crate::tr!(lang, "Remove {} {}", "移除{} {}", lang.text(rows.noun), row + 1)
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
    let error = state.error(&path);
    let (id, _, error_id) = ids(&path);
    // A cell has no help line of its own: it is described by its list's, and by its error.
    let described_by = described_by(&path, &ids(rows.list).1, error.as_deref());
    let invalid = error.is_some().to_string();
    let value = (column.lens.get)(&state.form)
        .get(row)
        .cloned()
        .unwrap_or_default();
    let label = field_name(lang, &path);
    let control = if column.choices.is_empty() {
        view! {
            <input
                type="text"
                id=id.clone()
                name=column.name
                translate="no"
                value=value
                aria-describedby=described_by
                aria-invalid=invalid
            />
        }
        .into_any()
    } else {
        let options = column
            .choices
            .iter()
            .map(|(choice, text)| {
                view! {
                    <option value=*choice selected=value == *choice translate=shown_as_is(choice, text)>
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
                aria-invalid=invalid
            >
                {options}
            </select>
        }
        .into_any()
    };
    view! {
        <div class="cell" data-path=path.clone() class=("has-error", error.is_some())>
            <label for=id class="cell-label">{label}</label>
            {control}
            <p class="error" id=error_id aria-live="polite">{error_text(lang, error.as_deref())}</p>
        </div>
    }
}

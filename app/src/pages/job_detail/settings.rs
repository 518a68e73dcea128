//! The job's settings as the form would show them: group by group, in the form's labels, only
//! what differs from DLI's defaults (the exact JSON stays below, folded).

use crate::domain::FieldChange;
use crate::i18n::Lang;
use crate::pages::words;
use leptos::prelude::*;

/// A setting's value as `FieldChange` gives it: a checkbox's "yes" or "no" in the page's
/// language, anything else as the person typed it (theirs, not text to translate).
pub(super) fn field_value(lang: Lang, value: String) -> AnyView {
    match value.as_str() {
        "yes" => words::yes_no(lang, true).into_any(),
        "no" => words::yes_no(lang, false).into_any(),
        _ => view! { <span translate="no">{value}</span> }.into_any(),
    }
}

#[component]
pub(super) fn Settings(groups: Vec<(String, Vec<FieldChange>)>) -> impl IntoView {
    let lang = Lang::for_this_page();
    let groups = groups
        .into_iter()
        .map(|(title, fields)| {
            let rows = fields
                .into_iter()
                .map(|field| {
                    view! {
                        <dt>{lang.text(&field.label).into_owned()}</dt>
                        <dd>{field_value(lang, field.after)}</dd>
                    }
                })
                .collect_view();
            view! {
                <div class="settings-group">
                    <h3>{lang.text(&title).into_owned()}</h3>
                    <dl>{rows}</dl>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="settings-title">
            <h2 id="settings-title">{lang.pick("Settings", "作业配置")}</h2>
            <div class="settings">{groups}</div>
        </section>
    }
}

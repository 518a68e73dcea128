//! The job's settings as the form would show them: group by group, in the form's labels, only
//! what differs from DLI's defaults (the exact JSON stays below, folded).

use crate::domain::FieldChange;
use leptos::prelude::*;

#[component]
pub(super) fn Settings(groups: Vec<(String, Vec<FieldChange>)>) -> impl IntoView {
    let groups = groups
        .into_iter()
        .map(|(title, fields)| {
            let rows = fields
                .into_iter()
                .map(|field| view! { <dt>{field.label}</dt><dd>{field.after}</dd> })
                .collect_view();
            view! {
                <div class="settings-group">
                    <h3>{title}</h3>
                    <dl>{rows}</dl>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <div class="settings">{groups}</div>
        </section>
    }
}

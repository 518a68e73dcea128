//! The request preview: the exact JSON the portal will send to DLI, updated as the form
//! changes (shown indented here; it is sent compact): the create, or for an edit the update
//! that moves the job from the version edited to the form's settings.

use crate::components::form_state::use_form_state;
use crate::domain::{JobSpec, update_body};
use crate::model::EditTarget;
use leptos::prelude::*;

#[component]
pub fn RequestPreview(editing: Option<EditTarget>) -> impl IntoView {
    let state = use_form_state();
    let before = editing
        .as_ref()
        .and_then(|target| JobSpec::from_request_json(&target.settings).ok());
    let call = match &editing {
        Some(target) => format!(
            "PUT /v1.0/{{project_id}}/streaming/flink-jobs/{{job_id}} (DLI job of record {}) with this body, signed by the portal.",
            target.job_id
        ),
        None => {
            "POST /v1.0/{project_id}/streaming/flink-jobs with this body, signed by the portal."
                .to_owned()
        }
    };
    let preview = Memo::new(move |_| {
        state.parsed.with(|parsed| match (parsed, &before) {
            (Ok(after), Some(before)) => Ok(indented(&update_body(before, after))),
            // The spec serialises its fields in DLI's order; only the indentation differs.
            (Ok(spec), None) => Ok(serde_json::to_string_pretty(spec).unwrap_or_default()),
            (Err(errors), _) => Err(errors.len()),
        })
    });
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Request preview"</h2>
            <p class="help">{call}</p>
            {move || match preview.get() {
                Ok(json) => view! { <pre class="request-json"><code>{json}</code></pre> }.into_any(),
                Err(count) => {
                    view! {
                        <p class="preview-pending">
                            {format!(
                                "The request appears once the form is valid ({count} {} to fix).",
                                if count == 1 { "field" } else { "fields" },
                            )}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn indented(compact: &str) -> String {
    serde_json::from_str::<serde_json::Value>(compact)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| compact.to_owned())
}

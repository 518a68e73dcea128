//! The request preview: the exact JSON the portal will send to DLI, updated as the form
//! changes (shown indented here; it is sent compact).

use crate::components::form_state::use_form_state;
use leptos::prelude::*;

#[component]
pub fn RequestPreview() -> impl IntoView {
    let state = use_form_state();
    let preview = Memo::new(move |_| {
        state.parsed.with(|parsed| match parsed {
            // The spec serialises its fields in DLI's order; only the indentation differs.
            Ok(spec) => Ok(serde_json::to_string_pretty(spec).unwrap_or_default()),
            Err(errors) => Err(errors.len()),
        })
    });
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Request preview"</h2>
            <p class="help">
                "POST /v1.0/{project_id}/streaming/flink-jobs with this body, signed by the portal."
            </p>
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

//! The request preview: the exact JSON the portal will send to DLI, updated as the form
//! changes (shown indented here; it is sent compact): the create, or for an edit the update
//! that moves the job from the version edited to the form's settings. The server renders it;
//! the form's script (`browser`) writes it anew as the form changes.

use crate::components::form_state::use_form_state;
use crate::domain::{FieldErrors, JobSpec, update_body};
use crate::i18n::Lang;
use crate::model::EditTarget;
use leptos::prelude::*;

#[component]
pub fn RequestPreview(editing: Option<EditTarget>) -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let before = editing
        .as_ref()
        .and_then(|target| JobSpec::from_request_json(&target.settings).ok());
    // DLI's method and path are code: they read the same in every language.
    let (call, how) = match &editing {
        Some(target) => (
            "PUT /v1.0/{project_id}/streaming/flink-jobs/{job_id}",
            crate::tr!(
                lang,
                " (DLI job of record {}) with this body, signed by the portal.",
                "（作业记录 {} 对应的 DLI 作业），请求体如下，由门户签名后发送。",
                target.job_id
            ),
        ),
        None => (
            "POST /v1.0/{project_id}/streaming/flink-jobs",
            lang.pick(
                " with this body, signed by the portal.",
                "，请求体如下，由门户签名后发送。",
            )
            .to_owned(),
        ),
    };
    let preview = request_json(&state.parsed, before.as_ref());
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{lang.pick("Request preview", "请求预览")}</h2>
            <p class="help"><span translate="no">{call}</span>{how}</p>
            {match preview {
                Ok(json) => view! { <pre class="request-json" translate="no"><code>{json}</code></pre> }.into_any(),
                Err(count) => view! { <p class="preview-pending">{pending(lang, count)}</p> }.into_any(),
            }}
        </section>
    }
}

/// The request the form makes, as the preview shows it: the create, or the update from the
/// version edited (`before`); or, while the form has errors, how many.
pub(super) fn request_json(
    parsed: &Result<JobSpec, FieldErrors>,
    before: Option<&JobSpec>,
) -> Result<String, usize> {
    match (parsed, before) {
        (Ok(after), Some(before)) => Ok(indented(&update_body(before, after))),
        // The spec serialises its fields in DLI's order; only the indentation differs.
        (Ok(spec), None) => Ok(serde_json::to_string_pretty(spec).unwrap_or_default()),
        (Err(errors), _) => Err(errors.len()),
    }
}

/// What the preview says while `count` fields have errors.
pub(super) fn pending(lang: Lang, count: usize) -> String {
    let fields = lang.pick(if count == 1 { "field" } else { "fields" }, "个字段");
    crate::tr!(
        lang,
        "The request appears once the form is valid ({} {} to fix).",
        "表单无误后即显示请求（还有 {} {}需要修改）。",
        count,
        fields,
    )
}

fn indented(compact: &str) -> String {
    serde_json::from_str::<serde_json::Value>(compact)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| compact.to_owned())
}

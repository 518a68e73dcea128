//! The audit trail as a table: when, who, what was asked, how DLI answered and its request id.
//! The job page shows its own events; the activity page the team's, with a column for the job.

use crate::components::local_time::LocalTime;
use crate::i18n::Lang;
use crate::model::{EventView, use_portal_info};
use leptos::prelude::*;

/// The actions the audit trail records: `(name, English, Chinese)`.
const ACTION_WORDS: [(&str, &str, &str); 7] = [
    ("create", "Create", "创建"),
    ("update", "Update", "更新"),
    ("rollback", "Roll back", "回滚"),
    ("start", "Start", "启动"),
    ("stop", "Stop", "停止"),
    ("delete", "Delete", "删除"),
    ("reconcile", "Check a lost answer", "核实丢失的应答"),
];

/// The actions the audit trail records, `(name, label)` in the page's language: for filters
/// and labels.
pub fn actions(lang: Lang) -> [(&'static str, &'static str); 7] {
    ACTION_WORDS.map(|(name, en, zh)| (name, lang.pick(en, zh)))
}

/// "Stop (batch, with a savepoint)": the action and what was asked beyond it.
fn describe(lang: Lang, event: &EventView) -> String {
    let label = actions(lang)
        .into_iter()
        .find(|(name, _)| *name == event.action)
        .map_or(event.action.as_str(), |(_, label)| label);
    let asked = |key: &str| {
        event
            .detail
            .as_ref()
            .and_then(|detail| detail.get(key))
            .and_then(serde_json::Value::as_bool)
            == Some(true)
    };
    let mut notes = Vec::new();
    if asked("batch") {
        notes.push(lang.pick("batch", "批量"));
    }
    if asked("trigger_savepoint") {
        notes.push(lang.pick("with a savepoint", "触发保存点"));
    }
    if asked("resume_savepoint") {
        notes.push(lang.pick("from the savepoint", "从保存点恢复"));
    }
    if notes.is_empty() {
        label.to_owned()
    } else {
        let notes = notes.join(lang.pick(", ", "、"));
        crate::tr!(lang, "{} ({})", "{}（{}）", label, notes)
    }
}

/// How the action ended, and what DLI (or the portal, for DLI) said about it as recorded: those
/// words stay as they were written when the catalogue has no Chinese for them.
fn outcome_view(lang: Lang, event: &EventView) -> impl IntoView + use<> {
    let said = event
        .message
        .clone()
        .or_else(|| event.error_code.clone())
        .filter(|said| !said.is_empty());
    let outcome = match event.outcome.as_str() {
        "ok" => lang.pick("Done", "成功"),
        "failed" => lang.pick("Failed", "失败"),
        "unknown" => lang.pick("No answer", "无应答"),
        other => other,
    }
    .to_owned();
    let said = said.map(|said| {
        let said = lang.text(&said).into_owned();
        view! { {lang.pick(": ", "：")} <span translate="no">{said}</span> }
    });
    view! { {outcome} {said} }
}

#[component]
pub fn EventsTable(events: Vec<EventView>, #[prop(optional)] with_job: bool) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let rows = events
        .into_iter()
        .map(|event| {
            let job = with_job.then(|| {
                let href = format!("{base}/jobs/{}", event.job_id);
                match event.job_name.clone() {
                    Some(name) => view! { <td><a href=href translate="no">{name}</a></td> }.into_any(),
                    None => {
                        let record = crate::tr!(lang, "Job record {}", "作业记录 {}", event.job_id);
                        view! { <td><a href=href>{record}</a></td> }.into_any()
                    }
                }
            });
            view! {
                <tr class=format!("event event-{}", event.outcome)>
                    <td><LocalTime at_ms=event.at_ms /></td>
                    <td class="actor" translate="no">{event.actor.clone()}</td>
                    <td class="action">{describe(lang, &event)}</td>
                    {job}
                    <td class="outcome">{outcome_view(lang, &event)}</td>
                    <td><code translate="no">{event.dli_request_id.clone().unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="events">
            <thead>
                <tr>
                    <th scope="col">{lang.pick("When", "时间")}</th>
                    <th scope="col">{lang.pick("Who", "操作人")}</th>
                    <th scope="col">{lang.pick("Action", "操作")}</th>
                    {with_job.then(|| view! { <th scope="col">{lang.pick("Job", "作业")}</th> })}
                    <th scope="col">{lang.pick("Outcome", "结果")}</th>
                    <th scope="col">{lang.pick("DLI request id", "DLI 请求 ID")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

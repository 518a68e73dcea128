//! The audit trail as a table: when, who, what was asked, how DLI answered and its request id.
//! The job page shows its own events; the activity page the team's, with a column for the job.

use crate::components::local_time::LocalTime;
use crate::model::{EventView, use_portal_info};
use leptos::prelude::*;

/// The actions the audit trail records, for filters and labels.
pub const ACTIONS: [(&str, &str); 7] = [
    ("create", "Create"),
    ("update", "Update"),
    ("rollback", "Roll back"),
    ("start", "Start"),
    ("stop", "Stop"),
    ("delete", "Delete"),
    ("reconcile", "Check a lost answer"),
];

/// "Stop (batch, with a savepoint)": the action and what was asked beyond it.
fn describe(event: &EventView) -> String {
    let label = ACTIONS
        .iter()
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
        notes.push("batch");
    }
    if asked("trigger_savepoint") {
        notes.push("with a savepoint");
    }
    if asked("resume_savepoint") {
        notes.push("from the savepoint");
    }
    if notes.is_empty() {
        label.to_owned()
    } else {
        format!("{label} ({})", notes.join(", "))
    }
}

fn outcome_text(event: &EventView) -> String {
    let said = event
        .message
        .clone()
        .or_else(|| event.error_code.clone())
        .filter(|said| !said.is_empty());
    let outcome = match event.outcome.as_str() {
        "ok" => "Done",
        "failed" => "Failed",
        "unknown" => "No answer",
        other => other,
    };
    match said {
        Some(said) => format!("{outcome}: {said}"),
        None => outcome.to_owned(),
    }
}

#[component]
pub fn EventsTable(events: Vec<EventView>, #[prop(optional)] with_job: bool) -> impl IntoView {
    let base = use_portal_info().base_path;
    let rows = events
        .into_iter()
        .map(|event| {
            let job = with_job.then(|| {
                let name = event
                    .job_name
                    .clone()
                    .unwrap_or_else(|| format!("Job record {}", event.job_id));
                view! { <td><a href=format!("{base}/jobs/{}", event.job_id)>{name}</a></td> }
            });
            view! {
                <tr class=format!("event event-{}", event.outcome)>
                    <td><LocalTime at_ms=event.at_ms /></td>
                    <td class="actor">{event.actor.clone()}</td>
                    <td class="action">{describe(&event)}</td>
                    {job}
                    <td class="outcome">{outcome_text(&event)}</td>
                    <td><code>{event.dli_request_id.clone().unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="events">
            <thead>
                <tr>
                    <th scope="col">"When"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"Action"</th>
                    {with_job.then(|| view! { <th scope="col">"Job"</th> })}
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"DLI request id"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

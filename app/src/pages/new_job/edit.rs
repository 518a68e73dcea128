//! The form's edit mode: which version it edits, which changes need the running job restarted
//! (live, as the person types), the save row, and the two ways to restart a running job.

use crate::components::form_state::use_form_state;
use crate::domain::{JobSpec, needing_a_stop, wire_changes, wire_label};
use crate::model::{EditTarget, WhenRunning, use_portal_info};
use leptos::prelude::*;

#[component]
pub fn EditingBanner(target: EditTarget) -> impl IntoView {
    let base = use_portal_info().base_path;
    view! {
        <p class="banner banner-info">
            {format!("Editing version {} of ", target.version)}
            <a href=format!("{base}/jobs/{}", target.job_id)>{format!("job record {}", target.job_id)}</a>
            ". Saving updates the job in place on DLI and makes the next version."
        </p>
    }
}

/// The edit form's last row: what the changes so far ask of a running job, save and cancel.
#[component]
pub fn SaveRow(
    target: EditTarget,
    pending: Signal<bool>,
    when_running: RwSignal<WhenRunning>,
) -> impl IntoView {
    let info = use_portal_info();
    let state = use_form_state();
    let before = JobSpec::from_request_json(&target.settings).ok();
    let running = target.running;
    // Fields whose change the running job takes only through a restart.
    let needs_restart = Memo::new(move |_| {
        let (Some(before), true) = (before.as_ref(), running) else {
            return Vec::new();
        };
        state.parsed.with(|parsed| match parsed {
            Ok(after) => needing_a_stop(&wire_changes(before, after)),
            Err(_) => Vec::new(),
        })
    });
    let hint = move || {
        let fields = needs_restart.get();
        if !running {
            return "The job is not running: DLI takes every change in one update.".to_owned();
        }
        if fields.is_empty() {
            return "The job is running: DLI takes these changes while it runs.".to_owned();
        }
        let labels: Vec<&str> = fields.iter().map(|field| wire_label(field)).collect();
        format!(
            "The job is running: {} change only when it restarts; saving asks how.",
            labels.join(", ")
        )
    };
    view! {
        <div class="submit-row">
            <p class="help restart-hint" aria-live="polite">{hint}</p>
            <button
                type="submit"
                class="primary"
                disabled=move || pending.get() || !info.may_act
                aria-busy=move || pending.get().to_string()
                on:click=move |_| when_running.set(WhenRunning::Refuse)
            >
                {move || if pending.get() { "Saving…" } else { "Save changes" }}
            </button>
            <a class="button-link" href=format!("{}/jobs/{}", info.base_path, target.job_id)>"Cancel"</a>
        </div>
    }
}

/// The restart a running job needs, as submit buttons that name it (`when_running`): with
/// JavaScript the click sets it for the update call, without it the browser posts it.
#[component]
pub fn RestartChoice(when_running: RwSignal<WhenRunning>) -> impl IntoView {
    let choices = [
        (
            WhenRunning::RestartFromSavepoint,
            "restart_from_savepoint",
            "primary",
            "Stop with a savepoint, update, start from the savepoint",
        ),
        (
            WhenRunning::Restart,
            "restart",
            "secondary",
            "Restart without a savepoint",
        ),
    ];
    let buttons = choices
        .into_iter()
        .map(|(choice, value, class, label)| {
            view! {
                <button
                    type="submit"
                    class=class
                    name="when_running"
                    value=value
                    on:click=move |_| when_running.set(choice)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="restart-choice" role="group" aria-label="How to restart the job">
            {buttons}
        </div>
    }
}

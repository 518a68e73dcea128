//! A job's state at a glance: DLI's status in words, coloured by what it means, or the
//! outcome of the create while there is no DLI status.

use leptos::prelude::*;

/// `(words, tone)`: the tone is a CSS class suffix (ok, busy, idle, bad).
fn describe(status: Option<&str>, outcome: &str, deleted: bool) -> (String, &'static str) {
    if deleted {
        return ("Deleted".into(), "idle");
    }
    let known = match status {
        Some("job_init") => Some(("Created, not started", "idle")),
        Some("job_submitting") => Some(("Submitting", "busy")),
        Some("job_submit_fail") => Some(("Submit failed", "bad")),
        Some("job_running") => Some(("Running", "ok")),
        Some("job_running_exception") => Some(("Running with errors", "bad")),
        Some("job_downloading") => Some(("Downloading", "busy")),
        Some("job_idle") => Some(("Idle", "idle")),
        Some("job_canceling") => Some(("Stopping", "busy")),
        Some("job_cancel_success") => Some(("Stopped", "idle")),
        Some("job_cancel_fail") => Some(("Stop failed", "bad")),
        Some("job_savepointing") => Some(("Saving a savepoint", "busy")),
        Some("job_arrearage_stopped") => Some(("Stopped: account in arrears", "bad")),
        Some("job_arrearage_recovering") => Some(("Recovering from arrears", "busy")),
        Some("job_finish") => Some(("Finished", "ok")),
        _ => None,
    };
    if let Some((words, tone)) = known {
        return (words.into(), tone);
    }
    match (status, outcome) {
        (Some(other), _) => (other.to_string(), "idle"),
        (None, "pending") => ("Being created".into(), "busy"),
        (None, "unknown") => ("Outcome unknown, checking".into(), "busy"),
        (None, "failed") => ("Not created".into(), "bad"),
        (None, other) => (other.to_string(), "idle"),
    }
}

#[component]
pub fn StatusBadge(
    #[prop(into)] status: Signal<Option<String>>,
    #[prop(into)] outcome: Signal<String>,
    #[prop(into)] deleted: Signal<bool>,
) -> impl IntoView {
    let described = move || describe(status.read().as_deref(), &outcome.read(), deleted.get());
    view! {
        <span
            class=move || format!("badge badge-{}", described().1)
            title=move || status.get().unwrap_or_else(|| outcome.get())
        >
            {move || described().0}
        </span>
    }
}

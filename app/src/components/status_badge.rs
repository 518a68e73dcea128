//! A job's state at a glance: DLI's status in words, coloured by what it means, or the
//! outcome of the create while there is no DLI status.

use crate::domain::{DliStatus, Tone};
use leptos::prelude::*;

/// `(words, tone)`: DLI's status as `DliStatus` tells it, else the create's outcome.
fn describe(status: Option<&str>, outcome: &str, deleted: bool) -> (String, Tone) {
    if deleted {
        return ("Deleted".into(), Tone::Idle);
    }
    if let Some(known) = status.and_then(DliStatus::parse) {
        return (known.label().into(), known.tone());
    }
    match (status, outcome) {
        (Some(other), _) => (other.to_string(), Tone::Idle),
        (None, "pending") => ("Being created".into(), Tone::Busy),
        (None, "unknown") => ("Outcome unknown, checking".into(), Tone::Busy),
        (None, "failed") => ("Not created".into(), Tone::Bad),
        (None, other) => (other.to_string(), Tone::Idle),
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
            class=move || format!("badge badge-{}", described().1.as_str())
            title=move || status.get().unwrap_or_else(|| outcome.get())
        >
            {move || described().0}
        </span>
    }
}

//! The job's actions: start (from the latest savepoint when DLI has one), stop (with or
//! without a savepoint), edit, delete (after a confirmation) and copy. Each is a plain form or
//! link, so it works before the wasm loads; with wasm the forms run in place.

use crate::api::{DeleteJob, StartJob, StopJob};
use crate::components::action_form::ActionFormAt;
use crate::model::{JobDetails, use_portal_info};
use leptos::prelude::*;

#[component]
pub(super) fn Actions(
    live: RwSignal<JobDetails>,
    refresh: Callback<()>,
    /// The error a start, stop or delete posted without JavaScript came back with.
    posted: Option<String>,
) -> impl IntoView {
    let base = use_portal_info().base_path;
    let id = live.with_untracked(|live| live.summary.id);
    let copy = format!("{base}/?copy_of={id}");
    let start = ServerAction::<StartJob>::new();
    let stop = ServerAction::<StopJob>::new();
    let delete = ServerAction::<DeleteJob>::new();
    let problem = RwSignal::new(posted);
    // After any action, read the job again and show what DLI said.
    for value in [start.value(), stop.value(), delete.value()] {
        Effect::new(move |_| {
            if let Some(result) = value.get() {
                problem.set(result.err().map(|error| error.to_string()));
                refresh.run(());
            }
        });
    }
    let busy = move || start.pending().get() || stop.pending().get() || delete.pending().get();
    let has_job =
        move || live.with(|live| live.summary.dli_job_id.is_some() && !live.summary.deleted);
    let may_act = use_portal_info().may_act;
    let can_act = move || may_act && has_job() && !busy();
    let has_savepoint = move || live.with(|live| live.has_savepoint);
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title" class="visually-hidden">"Actions"</h2>
            <ActionFormAt action=start class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="primary" disabled=move || !can_act()>"Start"</button>
                {move || has_savepoint().then(|| view! {
                    <label class="field-inline">
                        <input type="checkbox" name="resume_savepoint" value="true" />
                        "from the latest savepoint"
                    </label>
                })}
            </ActionFormAt>
            <ActionFormAt action=stop class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="secondary" disabled=move || !can_act()>"Stop"</button>
                <label class="field-inline">
                    <input type="checkbox" name="savepoint" value="true" />
                    "with a savepoint"
                </label>
            </ActionFormAt>
            {move || (may_act && has_job()).then(|| view! {
                <a class="button-link" href=format!("{base}/jobs/{id}/edit")>"Edit"</a>
            })}
            <details class="confirm">
                <summary class="danger">"Delete…"</summary>
                <ActionFormAt action=delete class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <p>"Delete this job on DLI? Its history entry stays."</p>
                    <button type="submit" class="danger" disabled=move || !can_act()>"Delete the job"</button>
                </ActionFormAt>
            </details>
            <a class="button-link" href=copy>"Create a copy"</a>
            <p class="progress" role="status" aria-live="polite">{move || busy().then_some("Working…")}</p>
            {move || problem.get().map(|problem| view! { <p class="banner banner-error" role="alert">{problem}</p> })}
        </section>
    }
    .into_any()
}

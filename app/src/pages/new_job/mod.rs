//! `/`: the job-creation form. It starts from a draft the server gives (empty, a copy of an
//! earlier job, or a post sent back with its errors), checks every field with the shared rules
//! as the person types, and creates the job through `create_job`. Without wasm the same form
//! posts to this page and the server answers with the page again or the new job.

mod preview;

mod sections;
mod summary;

use crate::api::{CreateJob, new_job_draft};
use crate::components::error_banner::ErrorBanner;
use crate::components::form_state::FormState;
use crate::components::rows_editor::focus_later;
use crate::error::AppError;
use crate::model::use_portal_info;
use crate::model::{CreatedJob, JobDraft};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use preview::RequestPreview;
use sections::JobFields;
use summary::{ERROR_SUMMARY_ID, ErrorSummary};

#[component]
pub fn NewJobPage() -> impl IntoView {
    let query = use_query_map();
    let copy_of = move || {
        query
            .read()
            .get("copy_of")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let draft = Resource::new(copy_of, new_job_draft);
    view! {
        <Title text="New job" />
        <h1>"New Flink Jar job"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading the form…"</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <JobFormView draft /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn JobFormView(draft: JobDraft) -> impl IntoView {
    let info = use_portal_info();
    let base = info.base_path.clone();
    let state = FormState::new(draft.form, draft.errors, info.guardrails.clone()).provide();
    let idempotency_key = RwSignal::new(draft.idempotency_key);
    let start = RwSignal::new(draft.start);
    let problem = RwSignal::new(draft.problem);
    let created = RwSignal::new(None::<CreatedJob>);
    let create = ServerAction::<CreateJob>::new();
    let pending = create.pending();

    Effect::new(move |_| match create.value().get() {
        Some(Ok(job)) => {
            created.set(Some(job));
            // The next submission is a new job, not a repeat of this one.
            idempotency_key.set(uuid::Uuid::new_v4().to_string());
            state.submitted.set(false);
            focus_later("created".into());
        }
        Some(Err(AppError::Invalid(errors))) => {
            state.server_errors.set(errors);
            focus_later(ERROR_SUMMARY_ID.into());
        }
        Some(Err(error)) => {
            problem.set(Some(error));
            focus_later("form-problem".into());
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        state.submitted.set(true);
        problem.set(None);
        created.set(None);
        if !state
            .local_errors
            .with_untracked(|errors| errors.is_empty())
        {
            focus_later(ERROR_SUMMARY_ID.into());
            return;
        }
        create.dispatch(CreateJob {
            form: state.form.get_untracked(),
            idempotency_key: idempotency_key.get_untracked(),
            start: start.get_untracked(),
        });
    };

    let read_only = (!info.may_act).then(|| {
        view! {
            <p class="banner banner-info" role="note">
                {format!(
                    "You may look at jobs but not create them: that needs membership of {}.",
                    info.actor_groups.join(" or "),
                )}
            </p>
        }
    });
    view! {
        {read_only}
        {draft
            .copied_from
            .map(|id| {
                view! {
                    <p class="banner banner-info">
                        "A copy of " <a href=format!("{base}/jobs/{id}")>"job record " {id}</a>
                        ". Change what should differ, then create it."
                    </p>
                }
            })}
        <form class="job-form" method="post" action=format!("{base}/") novalidate on:submit=on_submit>
            <input
                type="hidden"
                name="idempotency_key"
                value=move || idempotency_key.get()
                prop:value=move || idempotency_key.get()
            />
            <ErrorSummary />
            {move || {
                problem
                    .get()
                    .map(|problem| {
                        view! {
                            <div class="banner banner-error" id="form-problem" role="alert" tabindex="-1">
                                {problem.to_string()}
                            </div>
                        }
                    })
            }}
            {move || created.get().map(|job| view! { <Created job /> })}
            <JobFields queues=draft.queues />
            <div class="submit-row">
                <div class="field field-inline">
                    <input
                        type="checkbox"
                        id="field-start"
                        name="start"
                        value="true"
                        checked=move || start.get()
                        prop:checked=move || start.get()
                        on:change=move |ev| start.set(event_target_checked(&ev))
                    />
                    <label for="field-start">"Start the job after creating it"</label>
                    <p class="help">"DLI creates jobs stopped (job_init); this runs it right away."</p>
                </div>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || pending.get() || !info.may_act
                    aria-busy=move || pending.get().to_string()
                >
                    {move || if pending.get() { "Creating the job…" } else { "Create job" }}
                </button>
            </div>
        </form>
        <RequestPreview />
    }
}

/// The answer to a successful create: DLI's job id and status, and where to go next.
#[component]
fn Created(job: CreatedJob) -> impl IntoView {
    let base = use_portal_info().base_path;
    view! {
        <div class="banner banner-ok" id="created" role="status" tabindex="-1">
            <h2>"Job created"</h2>
            <p>
                "DLI job id " <strong class="dli-job-id">{job.dli_job_id}</strong> ", status "
                <strong class="job-status">{job.status.unwrap_or_else(|| "unknown".into())}</strong> "."
            </p>
            {job.start_problem.map(|problem| view! { <p class="warning">{problem}</p> })}
            <p>
                <a href=format!("{base}/jobs/{}", job.record_id)>"Open the job"</a>
                " · "
                <a href=format!("{base}/jobs")>"See the history"</a>
            </p>
        </div>
    }
}

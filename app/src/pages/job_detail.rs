//! `/jobs/:id`: everything about one job — the request as sent, DLI's answer, the status
//! timeline, the last error — and the actions: start, stop, delete, create a copy. Its status
//! refreshes by itself while it may still change.

use crate::api::{DeleteJob, StartJob, StopJob, get_job};
use crate::components::{
    action_form::ActionFormAt, auto_refresh::refresh_every, error_banner::ErrorBanner,
    local_time::LocalTime, status_badge::StatusBadge,
};
use crate::error::AppError;
use crate::model::JobDetails;
use crate::model::use_portal_info;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::time::Duration;

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let details = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_job(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the job…"</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <Job details /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Job(details: JobDetails) -> impl IntoView {
    let base = use_portal_info().base_path;
    let id = details.summary.id;
    let just_created = use_query_map().read_untracked().get("created").is_some();
    let live = RwSignal::new(details.clone());
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = get_job(id).await {
                live.set(fresh);
            }
        });
    };
    refresh_every(Duration::from_secs(2), move || {
        if live.with_untracked(|live| live.summary.is_changing()) {
            refresh();
        }
    });
    let summary = move || live.read().summary.clone();
    view! {
        <Title text=format!("Job {}", details.summary.name) />
        <p class="breadcrumb"><a href=format!("{base}/jobs")>"History"</a> " / " {details.summary.name.clone()}</p>
        <h1>{details.summary.name.clone()}</h1>
        {just_created.then(|| view! { <p class="banner banner-ok" role="status">"The job was created."</p> })}
        <dl class="facts">
            <dt>"Status"</dt>
            <dd>
                <StatusBadge
                    status=Signal::derive(move || summary().status)
                    outcome=Signal::derive(move || summary().outcome)
                    deleted=Signal::derive(move || summary().deleted)
                />
                {move || live.read().status_desc.clone().filter(|desc| !desc.is_empty()).map(|desc| view! { <span class="status-desc">{desc}</span> })}
            </dd>
            <dt>"DLI job id"</dt>
            <dd class="dli-job-id">{move || summary().dli_job_id.map(|id| id.to_string()).unwrap_or_else(|| "none yet".into())}</dd>
            <dt>"Outcome of the create"</dt>
            <dd class="outcome">{move || summary().outcome}</dd>
            <dt>"Queue"</dt>
            <dd>{details.summary.queue_name.clone().unwrap_or_else(|| "DLI default".into())}</dd>
            <dt>"Created by"</dt>
            <dd>{details.summary.created_by.clone()}</dd>
            <dt>"Created at"</dt>
            <dd><LocalTime at_ms=details.summary.created_at_ms /></dd>
            <dt>"Start requested"</dt>
            <dd>{if details.start_requested { "yes" } else { "no" }}</dd>
        </dl>
        <Actions live />
        {move || live.read().last_error.clone().map(|error| view! {
            <section class="error-details" aria-labelledby="error-title">
                <h2 id="error-title">"Last error"</h2>
                <p><strong>{error.code.clone().unwrap_or_else(|| error.kind.clone())}</strong> ": " {error.message.clone()}</p>
            </section>
        })}
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">"Status timeline"</h2>
            <ol class="timeline">
                {move || {
                    let timeline = live.read().timeline.clone();
                    if timeline.is_empty() {
                        return view! { <li class="empty">"No status from DLI yet."</li> }.into_any();
                    }
                    timeline
                        .into_iter()
                        .map(|change| view! {
                            <li>
                                <LocalTime at_ms=change.at_ms />
                                " "
                                <code>{change.status}</code>
                                {change.status_desc.filter(|desc| !desc.is_empty()).map(|desc| view! { <span class="status-desc">{desc}</span> })}
                            </li>
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
        <section aria-labelledby="request-title">
            <h2 id="request-title">"Request sent to DLI"</h2>
            <pre class="request-json"><code>{details.request_json.clone()}</code></pre>
            <p class="help">"Idempotency key " <code>{details.idempotency_key.clone()}</code></p>
        </section>
    }
}

/// Start, stop (with or without a savepoint), delete (after a confirmation) and copy. Each is a
/// plain form, so it works before the wasm loads; with wasm it runs in place.
#[component]
fn Actions(live: RwSignal<JobDetails>) -> impl IntoView {
    let base = use_portal_info().base_path;
    let id = live.with_untracked(|live| live.summary.id);
    let start = ServerAction::<StartJob>::new();
    let stop = ServerAction::<StopJob>::new();
    let delete = ServerAction::<DeleteJob>::new();
    let problem = RwSignal::new(None::<String>);
    // After any action, read the job again and show what DLI said.
    let after = move |result: Option<Result<(), AppError>>| {
        if let Some(result) = result {
            problem.set(result.err().map(|error| error.to_string()));
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = get_job(id).await {
                    live.set(fresh);
                }
            });
        }
    };
    Effect::new(move |_| after(start.value().get()));
    Effect::new(move |_| after(stop.value().get()));
    Effect::new(move |_| after(delete.value().get()));
    let busy = move || start.pending().get() || stop.pending().get() || delete.pending().get();
    let has_job =
        move || live.with(|live| live.summary.dli_job_id.is_some() && !live.summary.deleted);
    let may_act = use_portal_info().may_act;
    let can_act = move || may_act && has_job() && !busy();
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title" class="visually-hidden">"Actions"</h2>
            <ActionFormAt action=start class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="primary" disabled=move || !can_act()>"Start"</button>
            </ActionFormAt>
            <ActionFormAt action=stop class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="secondary" disabled=move || !can_act()>"Stop"</button>
                <label class="field-inline">
                    <input type="checkbox" name="savepoint" value="true" />
                    "with a savepoint"
                </label>
            </ActionFormAt>
            <details class="confirm">
                <summary class="danger">"Delete…"</summary>
                <ActionFormAt action=delete class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <p>"Delete this job on DLI? Its history entry stays."</p>
                    <button type="submit" class="danger" disabled=move || !can_act()>"Delete the job"</button>
                </ActionFormAt>
            </details>
            <a class="button-link" href=format!("{base}/?copy_of={id}")>"Create a copy"</a>
            <p class="progress" role="status" aria-live="polite">{move || busy().then_some("Working…")}</p>
            {move || problem.get().map(|problem| view! { <p class="banner banner-error" role="alert">{problem}</p> })}
        </section>
    }
}

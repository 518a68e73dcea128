//! `/`: the job-creation form. It starts from a draft the server gives (empty, a copy of an
//! earlier job, or a post sent back with its errors), checks every field with the shared rules
//! as the person types, and creates the job through `create_job`. Without wasm the same form
//! posts to this page and the server answers with the page again or the new job. The form and
//! its preview are one island: the page around them is only rendered on the server.

mod edit;
mod preview;
mod sections;
mod summary;

use crate::api::{CreateJob, UpdateJob, edit_job_draft, new_job_draft};
use crate::components::error_banner::{ErrorBanner, ErrorText};
use crate::components::form_state::FormState;
use crate::components::rows_editor::focus_later;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{CreatedJob, JobDraft, PortalInfo, WhenRunning, use_portal_info};
use crate::pages::not_found::NotFound;
use crate::pages::words;
use edit::{EditingBanner, RestartChoice, SaveRow};
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
    let lang = Lang::for_this_page();
    view! {
        <Title text=lang.pick("New job", "新建作业") />
        <h1>{lang.pick("New Flink Jar job", "新建 Flink Jar 作业")}</h1>
        <Suspense fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the form…", "正在加载表单…")}</p> }
        }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <JobFormView draft /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/jobs/:id/edit`: the same form, filled with the job's latest version; saving updates the
/// job in place (a new version) instead of creating another.
#[component]
pub fn EditJobPage() -> impl IntoView {
    let draft = super::job_resource(edit_job_draft);
    let lang = Lang::for_this_page();
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the job…", "正在加载作业…")}</p> }
        }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => {
                        let name = draft.form.name.clone();
                        view! {
                            <Title text=crate::tr!(lang, "Edit {}", "编辑 {}", name) />
                            <h1>{lang.pick("Edit ", "编辑 ")} <span translate="no">{name}</span></h1>
                            <JobFormView draft />
                        }
                            .into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg_attr(feature = "form-islands", island)]
#[cfg_attr(not(feature = "form-islands"), component)]
fn JobFormView(draft: JobDraft) -> impl IntoView {
    let info = PortalInfo::provide();
    let lang = Lang::for_this_page();
    let base = info.base_path.clone();
    let editing = draft.editing.clone();
    let state = FormState::new(draft.form, draft.errors, info.guardrails.clone()).provide();
    let idempotency_key = RwSignal::new(draft.idempotency_key);
    let start = RwSignal::new(draft.start);
    let problem = RwSignal::new(draft.problem);
    let created = RwSignal::new(None::<CreatedJob>);
    let when_running = RwSignal::new(WhenRunning::Refuse);
    let create = ServerAction::<CreateJob>::new();
    let update = ServerAction::<UpdateJob>::new();
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());

    let refused = move |error: AppError| match error {
        AppError::Invalid(errors) => {
            state.server_errors.set(errors);
            focus_later(ERROR_SUMMARY_ID.into());
        }
        error => {
            problem.set(Some(error));
            focus_later("form-problem".into());
        }
    };
    Effect::new(move |_| match create.value().get() {
        Some(Ok(answer)) => {
            created.set(Some(answer.job));
            // The next submission is a new job, not a repeat of this one.
            idempotency_key.set(answer.next_idempotency_key);
            state.submitted.set(false);
            focus_later("created".into());
        }
        Some(Err(error)) => refused(error),
        None => {}
    });
    let job_page = base.clone();
    Effect::new(move |_| match update.value().get() {
        // The job's page follows the update from here, step by step.
        Some(Ok(made)) => {
            let _ = window().location().set_href(&format!(
                "{job_page}/jobs/{}?updated={}",
                made.job_id, made.id
            ));
        }
        Some(Err(error)) => refused(error),
        None => {}
    });

    let target = editing.clone();
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
        let (form, idempotency_key) = (state.form.get_untracked(), idempotency_key.get_untracked());
        match &target {
            Some(target) => {
                update.dispatch(UpdateJob {
                    id: target.job_id,
                    form,
                    when_running: when_running.get_untracked(),
                    idempotency_key,
                });
            }
            None => {
                create.dispatch(CreateJob {
                    form,
                    idempotency_key,
                    start: start.get_untracked(),
                });
            }
        }
    };

    let read_only = (!info.may_act).then(|| {
        let refused = match &editing {
            Some(_) => lang.pick(
                "You may look at jobs but not change them: that needs membership of ",
                "您可以查看作业，但不能修改作业：需要是 ",
            ),
            None => lang.pick(
                "You may look at jobs but not create them: that needs membership of ",
                "您可以查看作业，但不能创建作业：需要是 ",
            ),
        };
        view! {
            <p class="banner banner-info" role="note">
                {refused}
                {groups(lang, &info.actor_groups)}
                {lang.pick(".", " 的成员。")}
            </p>
        }
    });
    let action = match &editing {
        Some(target) => format!("{base}/jobs/{}/edit", target.job_id),
        None => format!("{base}/"),
    };
    let submit_row = match editing.clone() {
        Some(target) => view! { <SaveRow target pending when_running /> }.into_any(),
        None => view! { <CreateRow start pending /> }.into_any(),
    };
    view! {
        {read_only}
        {draft
            .copied_from
            .map(|id| {
                view! {
                    <p class="banner banner-info">
                        {lang.pick("A copy of ", "这是")}
                        <a href=format!("{base}/jobs/{id}")>{words::job_record_in_sentence(lang, id)}</a>
                        {lang
                            .pick(
                                ". Change what should differ, then create it.",
                                " 的副本。请修改需要不同的设置，然后创建。",
                            )}
                    </p>
                }
            })}
        {editing.clone().map(|target| view! { <EditingBanner target /> })}
        <form class="job-form" method="post" action=action novalidate on:submit=on_submit>
            // Enter in a field submits with the form's first submit button: this plain save or
            // create, never a row's "Add" nor a restart offered after a refusal.
            <button
                type="submit"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                on:click=move |_| when_running.set(WhenRunning::Refuse)
            >
                {lang.pick("Submit", "提交")}
            </button>
            <input
                type="hidden"
                name="idempotency_key"
                value=move || idempotency_key.get()
                prop:value=move || idempotency_key.get()
            />
            <ErrorSummary />
            {move || problem.get().map(|problem| view! { <FormProblem problem when_running /> })}
            {move || created.get().map(|job| view! { <Created job /> })}
            <JobFields queues=draft.queues />
            {submit_row}
        </form>
        <RequestPreview editing />
    }
}

/// The groups whose members may act, each a name as the team wrote it: "a or b".
fn groups(lang: Lang, groups: &[String]) -> impl IntoView + use<> {
    let or = lang.pick(" or ", " 或 ");
    groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            view! {
                {(index > 0).then_some(or)}
                <span translate="no">{group.clone()}</span>
            }
        })
        .collect_view()
}

/// The create form's last row: start it right away, and create.
#[component]
fn CreateRow(start: RwSignal<bool>, pending: Signal<bool>) -> impl IntoView {
    let may_act = use_portal_info().may_act;
    let lang = Lang::for_this_page();
    view! {
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
                <label for="field-start">
                    {lang.pick("Start the job after creating it", "创建后立即启动作业")}
                </label>
                <p class="help">
                    {lang.pick("DLI creates jobs stopped (", "DLI 新建的作业处于草稿状态（")}
                    <span translate="no">"job_init"</span>
                    {lang
                        .pick(
                            "); this runs it right away.",
                            "），不会运行；勾选此项会立即启动作业。",
                        )}
                </p>
            </div>
            <button
                type="submit"
                class="primary"
                disabled=move || pending.get() || !may_act
                aria-busy=move || pending.get().to_string()
            >
                {move || {
                    if pending.get() {
                        lang.pick("Creating the job…", "正在创建作业…")
                    } else {
                        lang.pick("Create job", "创建作业")
                    }
                }}
            </button>
        </div>
    }
}

/// A problem no field explains, above the form; for an edit that needs a restart, the two
/// ways to carry it out, as submit buttons (so they work without JavaScript too).
#[component]
fn FormProblem(problem: AppError, when_running: RwSignal<WhenRunning>) -> impl IntoView {
    let restart = matches!(&problem, AppError::Conflict { code, .. } if code == "needs-restart");
    view! {
        <div class="banner banner-error" id="form-problem" role="alert" tabindex="-1">
            <p><ErrorText error=problem /></p>
            {restart.then(|| view! { <RestartChoice when_running /> })}
        </div>
    }
}

/// The answer to a successful create: DLI's job id and status, and where to go next.
#[component]
fn Created(job: CreatedJob) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    // DLI's status as DLI names it (`job_init`): a code, not words.
    let status = match job.status {
        Some(status) => {
            view! { <strong class="job-status" translate="no">{status}</strong> }.into_any()
        }
        None => {
            view! { <strong class="job-status">{lang.pick("unknown", "未知")}</strong> }.into_any()
        }
    };
    view! {
        <div class="banner banner-ok" id="created" role="status" tabindex="-1">
            <h2>{lang.pick("Job created", "作业已创建")}</h2>
            <p>
                {words::dli_job_id(lang)}
                " "
                <strong class="dli-job-id">{job.dli_job_id}</strong>
                {lang.pick(", status ", "，状态 ")}
                {status}
                {lang.pick(".", "。")}
            </p>
            {job
                .start_problem
                .map(|problem| view! { <p class="warning">{lang.text(&problem).into_owned()}</p> })}
            <p>
                <a href=format!("{base}/jobs/{}", job.record_id)>{lang.pick("Open the job", "打开作业")}</a>
                " · "
                <a href=format!("{base}/jobs")>{lang.pick("See the history", "查看作业历史")}</a>
            </p>
        </div>
    }
}

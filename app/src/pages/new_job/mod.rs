//! `/`: the job-creation form. It starts from a draft the server gives (empty, a copy of an
//! earlier job, or a post sent back with its errors) and posts to this page, which the server
//! answers with the new job's page or with this page again. Only the server renders it; its
//! script (`browser`, no view) checks every field with the shared rules as the person types,
//! keeps the preview current, adds and removes rows in place, and lets only a valid form go.

#[cfg(feature = "hydrate")]
pub mod browser;
mod edit;
mod preview;
mod sections;
mod summary;

use crate::api::{edit_job_draft, new_job_draft};
use crate::components::error_banner::{ErrorBanner, ErrorText};
use crate::components::form_state::FormState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{JobDraft, PortalInfo, use_portal_info};
use crate::pages::not_found::NotFound;
use crate::pages::words;
use edit::{EditingBanner, RestartChoice, SaveRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use preview::RequestPreview;
use sections::JobFields;
use summary::ErrorSummary;

/// The banner of a problem no field explains, which the form's script brings focus to.
const PROBLEM_ID: &str = "form-problem";

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

/// The form, which posts to its own page: the server answers with the job's page, or with
/// this page again, the values kept and the errors shown. The form's script (`browser`) checks
/// it as the person types and lets only a valid form go.
#[component]
fn JobFormView(draft: JobDraft) -> impl IntoView {
    let info = PortalInfo::provide();
    let lang = Lang::for_this_page();
    let base = info.base_path.clone();
    let editing = draft.editing.clone();
    FormState::new(draft.form, draft.errors, &info.guardrails).provide();
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
        Some(target) => view! { <SaveRow target /> }.into_any(),
        None => view! { <CreateRow start=draft.start /> }.into_any(),
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
        // An edit's form carries the version edited and whether the job runs: the script
        // previews the update and says what it asks of the running job from them.
        <form
            class="job-form"
            method="post"
            action=action
            novalidate
            data-before=editing.as_ref().map(|target| target.settings.clone())
            data-running=editing.as_ref().and_then(|target| target.running.then_some(""))
        >
            // Enter in a field submits with the form's first submit button: this plain save or
            // create, never a row's "Add" nor a restart offered after a refusal.
            <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">
                {lang.pick("Submit", "提交")}
            </button>
            <input type="hidden" name="idempotency_key" value=draft.idempotency_key />
            <ErrorSummary />
            {draft.problem.map(|problem| view! { <FormProblem problem /> })}
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
fn CreateRow(start: bool) -> impl IntoView {
    let may_act = use_portal_info().may_act;
    let lang = Lang::for_this_page();
    view! {
        <div class="submit-row">
            <div class="field field-inline">
                <input type="checkbox" id="field-start" name="start" value="true" checked=start />
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
                disabled=!may_act
                data-busy=lang.pick("Creating the job…", "正在创建作业…")
            >
                {lang.pick("Create job", "创建作业")}
            </button>
        </div>
    }
}

/// A problem no field explains, above the form; for an edit that needs a restart, the two
/// ways to carry it out, as submit buttons.
#[component]
fn FormProblem(problem: AppError) -> impl IntoView {
    let lang = Lang::for_this_page();
    let restart = matches!(&problem, AppError::Conflict { code, .. } if code == "needs-restart");
    // The form's key, already used for other values: the form has a new one by now.
    let sent_before = problem
        .field_errors()
        .is_some_and(|errors| errors.get("idempotency_key").is_some());
    let said = match sent_before {
        true => lang
            .pick(
                "This form was already sent once, with other values. It now has a new key: send it again to make a new job.",
                "此表单已提交过一次（所填的值不同）。表单现已换用新的幂等键：再次提交即可新建作业。",
            )
            .into_any(),
        false => view! { <ErrorText error=problem /> }.into_any(),
    };
    view! {
        <div class="banner banner-error" id=PROBLEM_ID role="alert" tabindex="-1">
            <p>{said}</p>
            {restart.then(|| view! { <RestartChoice /> })}
        </div>
    }
}

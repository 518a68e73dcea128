//! `/jobs/batch`: one action on the jobs chosen in the history. It names them for the person to
//! confirm, then shows how it went for each (DLI answers per job). Without JavaScript the
//! confirmation posts to this page, and the server answers with it and the results.

use crate::api::{BatchJobs, get_batch_draft};
use crate::components::{error_banner::ErrorBanner, status_badge::StatusBadge};
use crate::i18n::Lang;
use crate::model::{
    BatchAction, BatchDraft, BatchResults, JobSummary, PortalInfo, use_portal_info,
};
use crate::pages::words;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn page_title(lang: Lang) -> &'static str {
    lang.pick("Act on several jobs", "批量操作作业")
}

fn back_to_history(lang: Lang) -> &'static str {
    lang.pick("Back to the history", "返回作业历史")
}

#[component]
pub fn BatchPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|query| {
            let action = query
                .get("action")
                .and_then(|text| BatchAction::parse(&text));
            let ids: Vec<i64> = query
                .get_all("id")
                .unwrap_or_default()
                .iter()
                .filter_map(|id| id.parse().ok())
                .collect();
            (action, ids)
        })
    };
    let draft = Resource::new(asked, |(action, ids)| get_batch_draft(action, ids));
    let lang = Lang::for_this_page();
    view! {
        <Title text=page_title(lang) />
        <Suspense fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the jobs…", "正在加载作业…")}</p> }
        }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <Batch draft /> }.into_any(),
                    Err(error) => {
                        let history = format!("{}/jobs", use_portal_info().base_path);
                        view! {
                            <h1>{page_title(lang)}</h1>
                            <ErrorBanner error />
                            <p><a href=history>{back_to_history(lang)}</a></p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn heading(lang: Lang, action: BatchAction, count: usize) -> String {
    let verb = match action {
        BatchAction::Start => words::start(lang),
        BatchAction::Stop => words::stop(lang),
        BatchAction::Delete => words::delete(lang),
    };
    // "Stop 2 jobs", "停止 2 个作业": the same order in both.
    let noun = lang.pick(if count == 1 { "job" } else { "jobs" }, "个作业");
    format!("{verb} {count} {noun}")
}

/// The confirmation and its results: an island, so that the jobs are acted on in place with
/// the progress shown; without JavaScript the form posts and the server renders the results.
#[cfg_attr(feature = "batch-islands", island)]
#[cfg_attr(not(feature = "batch-islands"), component)]
fn Batch(draft: BatchDraft) -> impl IntoView {
    let base = PortalInfo::provide().base_path;
    let lang = Lang::for_this_page();
    let action = draft.action;
    let results = RwSignal::new(draft.results.clone());
    let problem = RwSignal::new(draft.problem.clone());
    let trigger_savepoint = RwSignal::new(draft.trigger_savepoint);
    let resume_savepoint = RwSignal::new(draft.resume_savepoint);
    let run = ServerAction::<BatchJobs>::new();
    let ids: Vec<i64> = draft.jobs.iter().map(|job| job.id).collect();
    Effect::new(move |_| match run.value().get() {
        Some(Ok(answer)) => results.set(Some(answer)),
        Some(Err(error)) => problem.set(Some(error)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if run.pending().get_untracked() {
            return;
        }
        problem.set(None);
        run.dispatch(BatchJobs {
            action,
            ids: ids.clone(),
            trigger_savepoint: trigger_savepoint.get_untracked(),
            resume_savepoint: resume_savepoint.get_untracked(),
        });
    };
    let jobs = StoredValue::new(draft.jobs.clone());
    let title = heading(lang, action, draft.jobs.len());
    view! {
        <h1>{title.clone()}</h1>
        {move || problem.get().map(|error| view! { <ErrorBanner error /> })}
        {move || match results.get() {
            Some(results) => view! { <Results results jobs=jobs.get_value() /> }.into_any(),
            None => {
                let rows = jobs
                    .get_value()
                    .into_iter()
                    .map(|job| view! { <JobLine job /> })
                    .collect_view();
                view! {
                    <form class="batch-confirm" method="post" action=format!("{base}/jobs/batch") on:submit=on_submit.clone()>
                        <input type="hidden" name="action" value=action.as_str() />
                        <p>
                            {lang.pick(
                                "These jobs, each on its own; DLI answers for each:",
                                "以下作业逐个处理，DLI 分别给出结果：",
                            )}
                        </p>
                        <ul class="batch-jobs">{rows}</ul>
                        <Options action trigger_savepoint resume_savepoint />
                        <div class="submit-row">
                            <button type="submit" class=if action == BatchAction::Delete { "danger" } else { "primary" } disabled=move || run.pending().get() aria-busy=move || run.pending().get().to_string()>
                                {let title = title.clone(); move || if run.pending().get() { words::working(lang).to_owned() } else { title.clone() }}
                            </button>
                            <a class="button-link" href=format!("{base}/jobs")>{lang.pick("Cancel", "取消")}</a>
                        </div>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// One job to confirm: its id (posted), its name and status.
#[component]
fn JobLine(job: JobSummary) -> impl IntoView {
    let base = use_portal_info().base_path;
    view! {
        <li>
            <input type="hidden" name="id" value=job.id />
            <a href=format!("{base}/jobs/{}", job.id) translate="no">{job.name.clone()}</a>
            " "
            <StatusBadge status=job.status.clone() outcome=job.outcome.clone() deleted=job.deleted />
        </li>
    }
}

/// The savepoint choice that fits the action.
#[component]
fn Options(
    action: BatchAction,
    trigger_savepoint: RwSignal<bool>,
    resume_savepoint: RwSignal<bool>,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let (name, label, choice) = match action {
        BatchAction::Stop => (
            "trigger_savepoint",
            lang.pick(
                "Take a savepoint of each job first",
                "先为每个作业触发保存点",
            ),
            trigger_savepoint,
        ),
        BatchAction::Start => (
            "resume_savepoint",
            lang.pick(
                "Start each job from its latest savepoint",
                "每个作业从其最近的保存点启动",
            ),
            resume_savepoint,
        ),
        BatchAction::Delete => {
            let warning = lang.pick(
                "DLI deletes the jobs; their history entries stay.",
                "DLI 将删除这些作业，其历史记录会保留。",
            );
            return view! { <p class="warning">{warning}</p> }.into_any();
        }
    };
    view! {
        <div class="field field-inline">
            <input
                type="checkbox"
                id=name
                name=name
                value="true"
                checked=move || choice.get()
                prop:checked=move || choice.get()
                on:change=move |ev| choice.set(event_target_checked(&ev))
            />
            <label for=name>{label}</label>
        </div>
    }
    .into_any()
}

#[component]
fn Results(results: BatchResults, jobs: Vec<JobSummary>) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let done = results.results.iter().filter(|result| result.ok).count();
    let total = results.results.len();
    let rows = results
        .results
        .into_iter()
        .map(|result| {
            let href = format!("{base}/jobs/{}", result.id);
            // A job the history holds is named as the team named it; any other by its record.
            let link = match jobs.iter().find(|job| job.id == result.id) {
                Some(job) => {
                    view! { <a href=href translate="no">{job.name.clone()}</a> }.into_any()
                }
                None => view! { <a href=href>{words::job_record(lang, result.id)}</a> }.into_any(),
            };
            let (class, text, why) = match result.error {
                None => ("result-ok", lang.pick(": Done", "：已完成"), None),
                // Why not is often DLI's own answer, kept as DLI wrote it.
                Some(error) => (
                    "result-failed",
                    lang.pick(": Not done: ", "：未完成："),
                    Some(view! { <span translate="no">{lang.message(&error).into_owned()}</span> }),
                ),
            };
            view! {
                <li class=class>
                    {link}
                    {text}
                    {why}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="batch-results" aria-labelledby="results-title" role="status">
            <h2 id="results-title">
                {crate::tr!(lang, "Done for {} of {}", "已完成 {} 个（共 {} 个）", done, total)}
            </h2>
            <ul>{rows}</ul>
            <p><a href=format!("{base}/jobs")>{back_to_history(lang)}</a></p>
        </section>
    }
}

//! The history's table of jobs, each row with the start or stop its status allows. Rows sit in
//! the batch selection's GET form; a row's start or stop submits a small form of its own after
//! the table (`<button form=…>`). The page follows the table while a job on it may still change,
//! and runs those forms in place (`follow`).

use crate::api::{StartJob, StopJob};
use crate::components::action_form::action_url;
use crate::components::{follow::Progress, local_time::LocalTime, status_badge::StatusBadge};
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::{JobSummary, use_portal_info};
use crate::pages::{queue_name, words};
use leptos::prelude::*;

/// The id of the table's hidden "Select" heading: each row's checkbox is labelled by it and the
/// job's name, so that the name stays out of an attribute (it is the team's data, not text to
/// translate).
const SELECT_LABEL: &str = "history-select";

fn outcome_column(lang: Lang) -> &'static str {
    lang.pick("Outcome", "创建结果")
}

#[component]
pub(super) fn JobsTable(
    jobs: Vec<JobSummary>,
    /// The error a quick start or stop came back with.
    posted: Option<String>,
) -> impl IntoView {
    let info = use_portal_info();
    let lang = Lang::for_this_page();
    let base = info.base_path;
    let rows = jobs
        .into_iter()
        .map(|job| view! { <Row job may_act=info.may_act /> })
        .collect_view();
    view! {
        <Progress />
        {posted.map(|problem| view! {
            <p class="banner banner-error" role="alert">{lang.message(&problem).into_owned()}</p>
        })}
        // A plain GET form: the chosen jobs and the action go to the confirmation page.
        <form class="batch" method="get" action=format!("{base}/jobs/batch")>
        {info.may_act.then(|| view! {
            <div class="batch-bar" role="group" aria-label=lang.pick("Act on the selected jobs", "批量操作所选作业")>
                <span>{lang.pick("With the selected jobs:", "对所选作业：")}</span>
                <button type="submit" name="action" value="start" class="secondary">{words::start(lang)}</button>
                <button type="submit" name="action" value="stop" class="secondary">
                    {lang.pick("Stop (with savepoint)", "停止（触发保存点）")}
                </button>
                <button type="submit" name="action" value="delete" class="danger">{words::delete(lang)}</button>
            </div>
        })}
        <table class="history">
            <caption class="visually-hidden">
                {lang.pick("Jobs created through the portal, newest first", "通过本门户创建的作业，最新的在前")}
            </caption>
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden" id=SELECT_LABEL>{lang.pick("Select", "选择")}</span></th>
                    <th scope="col">{lang.pick("Name", "名称")}</th>
                    <th scope="col">{words::queue(lang)}</th>
                    <th scope="col">{words::created_by(lang)}</th>
                    <th scope="col">{words::created_at(lang)}</th>
                    <th scope="col">{words::dli_job_id(lang)}</th>
                    <th scope="col">{words::status(lang)}</th>
                    <th scope="col">{outcome_column(lang)}</th>
                    <th scope="col">{lang.pick("Action", "操作")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </form>
    }
}

/// The forms the rows' start and stop buttons submit without JavaScript: one pair per job.
#[component]
pub(super) fn QuickForms(ids: Vec<i64>) -> impl IntoView {
    let (start, stop) = (action_url::<StartJob>(), action_url::<StopJob>());
    let forms = ids
        .into_iter()
        .map(|id| {
            view! {
                <form method="post" action=start.clone() id=format!("quick-start-{id}") class="quick-form">
                    <input type="hidden" name="id" value=id />
                </form>
                <form method="post" action=stop.clone() id=format!("quick-stop-{id}") class="quick-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="savepoint" value="true" />
                </form>
            }
        })
        .collect_view();
    view! { <div class="quick-forms">{forms}</div> }
}

#[component]
fn Row(job: JobSummary, may_act: bool) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let id = job.id;
    let name_id = format!("job-name-{id}");
    // The one action the status allows, if the reader may act and DLI holds the job.
    let status = job.status.as_deref().and_then(DliStatus::parse);
    let quick = match status {
        _ if !(may_act && job.dli_job_id.is_some() && !job.deleted) => None,
        Some(status) if status.may_stop() => Some(("stop", words::stop(lang))),
        Some(status) if !status.may_start() => None,
        _ => Some(("start", words::start(lang))),
    };
    let button = quick.map(|(action, label)| {
        // Named "Start <job name>": its own text, then the name's cell.
        let button_id = format!("quick-{action}-button-{id}");
        view! {
            <button
                type="submit"
                id=button_id.clone()
                form=format!("quick-{action}-{id}")
                class="secondary quick"
                aria-labelledby=format!("{button_id} {name_id}")
                title=(action == "stop").then(|| words::stop_with_savepoint(lang))
            >
                {label}
            </button>
        }
    });
    view! {
        // `data-label`: on a narrow screen each row is a card, its cells labelled by CSS.
        // `data-key`: a refresh that moves the row moves its ticked box with it.
        <tr data-key=id>
            <td class="select">
                <input type="checkbox" name="id" value=id aria-labelledby=format!("{SELECT_LABEL} {name_id}") />
            </td>
            <td class="name">
                <a href=format!("{base}/jobs/{id}") id=name_id.clone() translate="no">{job.name.clone()}</a>
            </td>
            <td data-label=words::queue(lang)>{queue_name(lang, job.queue_name.clone())}</td>
            <td data-label=words::created_by(lang) translate="no">{job.created_by.clone()}</td>
            <td data-label=lang.pick("Created", "创建时间")><LocalTime at_ms=job.created_at_ms relative=true /></td>
            <td data-label=words::dli_job_id(lang) class="numeric">{job.dli_job_id.map_or_else(|| "—".into(), |id| id.to_string())}</td>
            <td data-label=words::status(lang)>
                <StatusBadge status=job.status.clone() outcome=job.outcome.clone() deleted=job.deleted />
            </td>
            <td data-label=outcome_column(lang)>{words::outcome(lang, &job.outcome)}</td>
            <td class="quick-cell">{button}</td>
        </tr>
    }
}

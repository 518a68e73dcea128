//! The history's table of jobs: an island, because the statuses of jobs that may still change
//! refresh in place, and each row offers the start or stop its status allows. Rows sit in the
//! batch selection's GET form; a row's start or stop submits a small form of its own after the
//! table (`<button form=…>`), so it posts without JavaScript too; with the wasm, the button
//! runs the action in place. Those forms are rendered by the server, outside the island.

use crate::api::{StartJob, StopJob, job_statuses};
use crate::components::action_form::action_url;
use crate::components::{
    auto_refresh::refresh_every, local_time::LocalTime, status_badge::StatusBadge,
};
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::{JobSummary, PortalInfo, use_portal_info};
use crate::pages::{queue_name, words};
use leptos::prelude::*;
use std::{collections::HashMap, time::Duration};

/// The id of the table's hidden "Select" heading: each row's checkbox is labelled by it and the
/// job's name, so that the name stays out of an attribute (it is the team's data, not text to
/// translate).
const SELECT_LABEL: &str = "history-select";

fn outcome_column(lang: Lang) -> &'static str {
    lang.pick("Outcome", "创建结果")
}

/// What the rows share: fresh statuses by record id (rows prefer them), the jobs still worth
/// asking about, and the quick actions.
#[derive(Clone, Copy)]
struct Table {
    fresh: RwSignal<HashMap<i64, JobSummary>>,
    watched: StoredValue<Vec<i64>>,
    start: ServerAction<StartJob>,
    stop: ServerAction<StopJob>,
    may_act: bool,
}

impl Table {
    /// Asks for the watched jobs' statuses; a job that settles is no longer asked about.
    fn refresh(self) {
        let ids = self.watched.get_value();
        if ids.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(jobs) = job_statuses(ids).await {
                let changing = jobs
                    .iter()
                    .filter(|job| job.is_changing())
                    .map(|job| job.id);
                self.watched.set_value(changing.collect());
                self.fresh
                    .update(|fresh| fresh.extend(jobs.into_iter().map(|job| (job.id, job))));
            }
        });
    }

    fn busy(self) -> bool {
        self.start.pending().get() || self.stop.pending().get()
    }
}

#[cfg_attr(feature = "history-islands", island)]
#[cfg_attr(not(feature = "history-islands"), component)]
pub(super) fn JobsTable(
    jobs: Vec<JobSummary>,
    /// The error a quick start or stop posted without JavaScript came back with.
    posted: Option<String>,
) -> impl IntoView {
    let info = PortalInfo::provide();
    let lang = Lang::for_this_page();
    let base = info.base_path;
    let table = Table {
        fresh: RwSignal::new(HashMap::new()),
        watched: StoredValue::new(
            jobs.iter()
                .filter(|job| job.is_changing())
                .map(|job| job.id)
                .collect(),
        ),
        start: ServerAction::new(),
        stop: ServerAction::new(),
        may_act: info.may_act,
    };
    refresh_every(Duration::from_secs(4), move || table.refresh());
    let problem = RwSignal::new(posted);
    // After a quick action, follow the job it acted on until it settles.
    let acted = RwSignal::new(None::<i64>);
    for value in [table.start.value(), table.stop.value()] {
        Effect::new(move |_| {
            if let Some(result) = value.get() {
                problem.set(result.err().map(|error| error.to_string()));
                if let Some(id) = acted.get_untracked() {
                    table.watched.update_value(|ids| {
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    });
                    table.refresh();
                }
            }
        });
    }
    let rows = jobs
        .into_iter()
        .map(|job| view! { <Row job table acted /> })
        .collect_view();
    view! {
        {move || problem.get().map(|problem| view! {
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
fn Row(job: JobSummary, table: Table, acted: RwSignal<Option<i64>>) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let id = job.id;
    let name_id = format!("job-name-{id}");
    let current = {
        let job = job.clone();
        Memo::new(move |_| {
            table
                .fresh
                .with(|fresh| fresh.get(&id).cloned())
                .unwrap_or_else(|| job.clone())
        })
    };
    // The one action the status allows, if the reader may act and DLI holds the job.
    let quick = move || {
        let (acts, status) = current.with(|job| {
            let status = job.status.as_deref().and_then(DliStatus::parse);
            (job.dli_job_id.is_some() && !job.deleted, status)
        });
        if !(table.may_act && acts) {
            return None;
        }
        match status {
            Some(status) if status.may_stop() => Some(("stop", words::stop(lang))),
            Some(status) if !status.may_start() => None,
            _ => Some(("start", words::start(lang))),
        }
    };
    let button = {
        let name_id = name_id.clone();
        move || {
            quick().map(|(action, label)| {
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
                        disabled=move || table.busy()
                        on:click=move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            acted.set(Some(id));
                            if action == "stop" {
                                table.stop.dispatch(StopJob { id, savepoint: Some(true) });
                            } else {
                                table.start.dispatch(StartJob { id, resume_savepoint: None });
                            }
                        }
                    >
                        {label}
                    </button>
                }
            })
        }
    };
    view! {
        // `data-label`: on a narrow screen each row is a card, its cells labelled by CSS.
        <tr>
            <td class="select">
                <input type="checkbox" name="id" value=id aria-labelledby=format!("{SELECT_LABEL} {name_id}") />
            </td>
            <td class="name">
                <a href=format!("{base}/jobs/{id}") id=name_id.clone() translate="no">{job.name.clone()}</a>
            </td>
            <td data-label=words::queue(lang)>{queue_name(lang, job.queue_name.clone())}</td>
            <td data-label=words::created_by(lang) translate="no">{job.created_by.clone()}</td>
            <td data-label=lang.pick("Created", "创建时间")><LocalTime at_ms=job.created_at_ms relative=true /></td>
            <td data-label=words::dli_job_id(lang) class="numeric">{move || current.read().dli_job_id.map(|id| id.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td data-label=words::status(lang)>
                <StatusBadge
                    status=Signal::derive(move || current.read().status.clone())
                    outcome=Signal::derive(move || current.read().outcome.clone())
                    deleted=Signal::derive(move || current.read().deleted)
                />
            </td>
            <td data-label=outcome_column(lang)>{move || words::outcome(lang, &current.read().outcome)}</td>
            <td class="quick-cell">{button}</td>
        </tr>
    }
}

//! `/jobs`: every job the team created, newest first, 50 a page, with filters and the page in
//! the URL so that a link can be shared. Statuses of unfinished jobs refresh by themselves (the
//! table is an island; filters and pages are plain links and GET forms).

mod summary;

use crate::api::{job_statuses, list_jobs};
use crate::components::{
    auto_refresh::refresh_every, error_banner::ErrorBanner, local_time::LocalTime,
    status_badge::StatusBadge,
};
use crate::domain::DliStatus;
use crate::model::{HistoryFilters, HistoryPage, JobSummary, PortalInfo, use_portal_info};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::{collections::HashMap, time::Duration};
use summary::Summary;

/// The filter's choices besides DLI's statuses: the outcomes of creates DLI has no status for.
const OUTCOME_CHOICES: [(&str, &str); 3] = [
    ("pending", "Being created"),
    ("unknown", "Outcome unknown"),
    ("failed", "Not created"),
];

#[component]
pub fn HistoryPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|query| HistoryFilters {
            status: query.get("status"),
            group: query.get("group"),
            queue: query.get("queue"),
            mine: query.get("mine").as_deref() == Some("true"),
            name: query.get("name"),
            cursor: query.get("cursor"),
            limit: None,
        })
    });
    let page = Resource::new(move || filters.get(), list_jobs);
    view! {
        <Title text="History" />
        <h1>"History"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading the history…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <History page filters=filters.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn History(page: HistoryPage, filters: HistoryFilters) -> impl IntoView {
    let base = use_portal_info().base_path;
    let filtered = filters
        != HistoryFilters {
            cursor: filters.cursor.clone(),
            ..HistoryFilters::default()
        };
    let next_link = page.next_cursor.as_ref().map(|cursor| {
        let next = HistoryFilters {
            cursor: Some(cursor.clone()),
            ..filters.clone()
        };
        format!("{base}/jobs?{}", query_string(&next))
    });
    let first_link = filters.cursor.is_some().then(|| {
        let first = HistoryFilters {
            cursor: None,
            ..filters.clone()
        };
        format!("{base}/jobs?{}", query_string(&first))
    });
    let body = if page.jobs.is_empty() {
        empty_state(&base, page.any_jobs, filtered).into_any()
    } else {
        view! { <JobsTable jobs=page.jobs /> }.into_any()
    };
    let group = filters.group.clone();
    view! {
        <Filters filters queues=page.queues filtered />
        <Summary counts=page.summary current=group />
        {body}
        <nav class="pager" aria-label="Pages">
            {first_link.map(|href| view! { <a href=href>"First page"</a> })}
            {next_link.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
        </nav>
    }
}

/// The page's jobs, with the batch actions: an island, because statuses of jobs that may still
/// change refresh in place.
#[island]
fn JobsTable(jobs: Vec<JobSummary>) -> impl IntoView {
    let info = PortalInfo::provide();
    let base = info.base_path;
    // Fresh statuses by record id, fetched in the background; rows prefer them.
    let fresh = RwSignal::new(HashMap::<i64, JobSummary>::new());
    // The jobs that may still change; one that settles is no longer asked about.
    let watched = StoredValue::new(
        jobs.iter()
            .filter(|job| job.is_changing())
            .map(|job| job.id)
            .collect::<Vec<i64>>(),
    );
    if !watched.with_value(Vec::is_empty) {
        refresh_every(Duration::from_secs(4), move || {
            let ids = watched.get_value();
            if ids.is_empty() {
                return;
            }
            leptos::task::spawn_local(async move {
                if let Ok(jobs) = job_statuses(ids).await {
                    let changing: Vec<i64> = jobs
                        .iter()
                        .filter(|job| job.is_changing())
                        .map(|job| job.id)
                        .collect();
                    watched.set_value(changing);
                    fresh.update(|fresh| fresh.extend(jobs.into_iter().map(|job| (job.id, job))));
                }
            });
        });
    }
    let rows = jobs
        .into_iter()
        .map(|job| view! { <Row job fresh /> })
        .collect_view();
    view! {
        // A plain GET form: the chosen jobs and the action go to the confirmation page.
        <form class="batch" method="get" action=format!("{base}/jobs/batch")>
        {info.may_act.then(|| view! {
            <div class="batch-bar" role="group" aria-label="Act on the selected jobs">
                <span>"With the selected jobs:"</span>
                <button type="submit" name="action" value="start" class="secondary">"Start"</button>
                <button type="submit" name="action" value="stop" class="secondary">"Stop (with savepoint)"</button>
                <button type="submit" name="action" value="delete" class="danger">"Delete"</button>
            </div>
        })}
        <table class="history">
            <caption class="visually-hidden">"Jobs created through the portal, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden">"Select"</span></th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Queue"</th>
                    <th scope="col">"Created by"</th>
                    <th scope="col">"Created at"</th>
                    <th scope="col">"DLI job id"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Outcome"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </form>
    }
}

fn empty_state(base: &str, any_jobs: bool, filtered: bool) -> impl IntoView + use<> {
    let home = format!("{base}/");
    let clear = format!("{base}/jobs");
    if any_jobs && filtered {
        view! {
            <div class="empty">
                <p>"No job matches these filters."</p>
                <p><a href=clear>"Clear the filters"</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty">
                <p>"No jobs yet. Every job created through the portal appears here, with who created it and what DLI did with it."</p>
                <p><a href=home>"Create the first job"</a></p>
            </div>
        }
        .into_any()
    }
}

#[component]
fn Filters(filters: HistoryFilters, queues: Vec<String>, filtered: bool) -> impl IntoView {
    let base = use_portal_info().base_path;
    let status = filters.status.clone().unwrap_or_default();
    let queue = filters.queue.clone().unwrap_or_default();
    let choices = std::iter::once(("", "Any status"))
        .chain(DliStatus::ALL.map(|known| (known.as_str(), known.label())))
        .chain(OUTCOME_CHOICES);
    let status_options = choices
        .map(|(value, text)| view! { <option value=value selected=status == value>{text}</option> })
        .collect_view();
    let queue_options = queues
        .into_iter()
        .map(|name| {
            let selected = name == queue;
            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=format!("{base}/jobs") class="filters" role="search" aria-label="Filter the history">
            <div class="field">
                <label for="filter-name">"Name contains"</label>
                <input type="search" id="filter-name" name="name" value=filters.name.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select id="filter-status" name="status">{status_options}</select>
            </div>
            <div class="field">
                <label for="filter-queue">"Queue"</label>
                <select id="filter-queue" name="queue">
                    <option value="">"Any queue"</option>
                    {queue_options}
                </select>
            </div>
            <div class="field field-inline">
                <input type="checkbox" id="filter-mine" name="mine" value="true" checked=filters.mine />
                <label for="filter-mine">"Created by me"</label>
            </div>
            <div class="filter-buttons">
                <button type="submit" class="secondary">"Apply"</button>
                {filtered.then(|| view! { <a class="button-link" href=format!("{base}/jobs")>"Clear"</a> })}
            </div>
        </form>
    }
}

#[component]
fn Row(job: JobSummary, fresh: RwSignal<HashMap<i64, JobSummary>>) -> impl IntoView {
    let base = use_portal_info().base_path;
    let id = job.id;
    let current = {
        let job = job.clone();
        Memo::new(move |_| {
            fresh
                .with(|fresh| fresh.get(&id).cloned())
                .unwrap_or_else(|| job.clone())
        })
    };
    view! {
        // `data-label`: on a narrow screen each row is a card, its cells labelled by CSS.
        <tr>
            <td class="select">
                <input type="checkbox" name="id" value=id aria-label=format!("Select {}", job.name) />
            </td>
            <td class="name"><a href=format!("{base}/jobs/{id}")>{job.name.clone()}</a></td>
            <td data-label="Queue">{job.queue_name.clone().unwrap_or_else(|| "DLI default".into())}</td>
            <td data-label="Created by">{job.created_by.clone()}</td>
            <td data-label="Created"><LocalTime at_ms=job.created_at_ms relative=true /></td>
            <td data-label="DLI job id" class="numeric">{move || current.read().dli_job_id.map(|id| id.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td data-label="Status">
                <StatusBadge
                    status=Signal::derive(move || current.read().status.clone())
                    outcome=Signal::derive(move || current.read().outcome.clone())
                    deleted=Signal::derive(move || current.read().deleted)
                />
            </td>
            <td data-label="Outcome">{move || current.read().outcome.clone()}</td>
        </tr>
    }
}

fn query_string(filters: &HistoryFilters) -> String {
    serde_html_form::to_string(filters).unwrap_or_default()
}

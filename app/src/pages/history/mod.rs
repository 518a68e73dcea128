//! `/jobs`: every job the team created, newest first, 50 a page, with filters and the page in
//! the URL so that a link can be shared. Statuses of unfinished jobs refresh by themselves (the
//! table is an island; filters and pages are plain links and GET forms).

mod summary;
mod table;

use crate::api::{StartJob, StopJob, list_jobs};
use crate::components::action_form::posted_error;
use crate::components::error_banner::ErrorBanner;
use crate::domain::DliStatus;
use crate::model::{HistoryFilters, HistoryPage, use_portal_info};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use summary::Summary;
use table::JobsTable;

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
    // Without JavaScript, a refused quick start or stop comes back here with its error.
    let posted = posted_error::<StartJob>()
        .or_else(posted_error::<StopJob>)
        .map(|error| error.to_string());
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
        view! { <JobsTable jobs=page.jobs posted /> }.into_any()
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

fn query_string(filters: &HistoryFilters) -> String {
    serde_html_form::to_string(filters).unwrap_or_default()
}

//! `/jobs`: every job the team created, newest first, 50 a page, with filters and the page in
//! the URL so that a link can be shared. While a job on the page may still change, the browser
//! keeps the counts and the table current (`follow`); filters and pages are plain links and GET
//! forms.

mod summary;
mod table;

use crate::api::{StartJob, StopJob, list_jobs};
use crate::components::action_form::posted_error;
use crate::components::{error_banner::ErrorBanner, follow::Followed};
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::{HistoryFilters, HistoryPage, JobSummary, use_portal_info};
use crate::pages::{Pager, words};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::borrow::Cow;
use summary::Summary;
use table::{JobsTable, QuickForms};

/// The filter's choices besides DLI's statuses: the outcomes of creates DLI has no status for
/// (in Chinese, the words the outcome has everywhere: `words::outcome`).
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
    let lang = Lang::for_this_page();
    view! {
        <Title text=words::history(lang) />
        <h1>{words::history(lang)}</h1>
        <Transition fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the history…", "正在加载作业历史…")}</p> }
        }>
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
    // While a job on the page may still change, the page follows it (and the counts).
    let changing = page.jobs.iter().any(JobSummary::is_changing);
    let body = if page.jobs.is_empty() {
        empty_state(&base, page.any_jobs, filtered).into_any()
    } else {
        let may_act = use_portal_info().may_act;
        let ids: Vec<i64> = page.jobs.iter().map(|job| job.id).collect();
        view! {
            <JobsTable jobs=page.jobs posted />
            {may_act.then(|| view! { <QuickForms ids /> })}
        }
        .into_any()
    };
    let group = filters.group.clone();
    let lang = Lang::for_this_page();
    view! {
        <Filters filters queues=page.queues filtered />
        <Followed every_ms=4000 changing working=words::working(lang)>
            <Summary counts=page.summary current=group />
            {body}
        </Followed>
        <Pager first=first_link next=next_link />
    }
}

fn empty_state(base: &str, any_jobs: bool, filtered: bool) -> impl IntoView + use<> {
    let lang = Lang::for_this_page();
    let home = format!("{base}/");
    let clear = format!("{base}/jobs");
    if any_jobs && filtered {
        view! {
            <div class="empty">
                <p>{lang.pick("No job matches these filters.", "没有符合筛选条件的作业。")}</p>
                <p><a href=clear>{lang.pick("Clear the filters", "清除筛选条件")}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty">
                <p>
                    {lang
                        .pick(
                            "No jobs yet. Every job created through the portal appears here, with who created it and what DLI did with it.",
                            "还没有作业。通过本门户创建的每个作业都会列在这里，包括创建人以及 DLI 的处理结果。",
                        )}
                </p>
                <p><a href=home>{lang.pick("Create the first job", "创建第一个作业")}</a></p>
            </div>
        }
        .into_any()
    }
}

#[component]
fn Filters(filters: HistoryFilters, queues: Vec<String>, filtered: bool) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let status = filters.status.clone().unwrap_or_default();
    let queue = filters.queue.clone().unwrap_or_default();
    let outcomes = OUTCOME_CHOICES.map(|(value, text)| {
        let chinese = words::outcome_in_chinese(value).unwrap_or(text);
        (value, Cow::Borrowed(lang.pick(text, chinese)))
    });
    let choices = std::iter::once(("", Cow::Borrowed(lang.pick("Any status", "全部状态"))))
        .chain(DliStatus::ALL.map(|known| (known.as_str(), lang.text(known.label()))))
        .chain(outcomes);
    let status_options = choices
        .map(|(value, text)| {
            view! { <option value=value selected=status == value>{text.into_owned()}</option> }
        })
        .collect_view();
    let queue_options = queues
        .into_iter()
        .map(|name| {
            let selected = name == queue;
            view! { <option value=name.clone() selected=selected translate="no">{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=format!("{base}/jobs") class="filters" role="search" aria-label=lang.pick("Filter the history", "筛选作业历史")>
            <div class="field">
                <label for="filter-name">{lang.pick("Name contains", "名称包含")}</label>
                <input type="search" id="filter-name" name="name" value=filters.name.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="filter-status">{lang.pick("Status", "状态")}</label>
                <select id="filter-status" name="status">{status_options}</select>
            </div>
            <div class="field">
                <label for="filter-queue">{words::queue(lang)}</label>
                <select id="filter-queue" name="queue">
                    <option value="">{lang.pick("Any queue", "全部队列")}</option>
                    {queue_options}
                </select>
            </div>
            <div class="field field-inline">
                <input type="checkbox" id="filter-mine" name="mine" value="true" checked=filters.mine />
                <label for="filter-mine">{lang.pick("Created by me", "我创建的")}</label>
            </div>
            <div class="filter-buttons">
                <button type="submit" class="secondary">{words::apply(lang)}</button>
                {filtered.then(|| view! {
                    <a class="button-link" href=format!("{base}/jobs")>{lang.pick("Clear", "清除")}</a>
                })}
            </div>
        </form>
    }
}

fn query_string(filters: &HistoryFilters) -> String {
    serde_html_form::to_string(filters).unwrap_or_default()
}

//! `/activity`: everything the team did to its jobs, newest first — who, when, what was asked
//! and DLI's answer — filtered by person, action and job, with the filters and the page in the
//! URL as on the history.

use crate::api::list_events;
use crate::components::{
    error_banner::ErrorBanner,
    events_table::{EventsTable, actions},
};
use crate::i18n::Lang;
use crate::model::{ActivityFilters, EventPage, use_portal_info};
use crate::pages::{Pager, words};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|query| ActivityFilters {
            actor: query.get("actor").filter(|actor| !actor.trim().is_empty()),
            action: query.get("action").filter(|action| !action.is_empty()),
            job: query.get("job").and_then(|job| job.trim().parse().ok()),
            cursor: query.get("cursor"),
            limit: None,
        })
    });
    let page = Resource::new(move || filters.get(), list_events);
    let lang = Lang::for_this_page();
    let title = lang.pick("Activity", "操作记录");
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <Filters filters=filters.get_untracked() />
        <Transition fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the activity…", "正在加载操作记录…")}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Activity page filters=filters.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Activity(page: EventPage, filters: ActivityFilters) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let link = |cursor: Option<String>| {
        let at = ActivityFilters {
            cursor,
            ..filters.clone()
        };
        let query = serde_html_form::to_string(&at).unwrap_or_default();
        format!("{base}/activity?{query}")
    };
    let next = page.next_cursor.clone().map(|cursor| link(Some(cursor)));
    let first = filters.cursor.is_some().then(|| link(None));
    let body = if page.events.is_empty() {
        let empty = lang.pick(
            "Nothing matches these filters yet.",
            "暂无符合筛选条件的记录。",
        );
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! { <EventsTable events=page.events with_job=true /> }.into_any()
    };
    view! {
        {body}
        <Pager first next />
    }
}

#[component]
fn Filters(filters: ActivityFilters) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let action = filters.action.clone().unwrap_or_default();
    let options = std::iter::once(("", lang.pick("Any action", "全部操作")))
        .chain(actions(lang))
        .map(|(value, text)| view! { <option value=value selected=action == value>{text}</option> })
        .collect_view();
    view! {
        <form method="get" action=format!("{base}/activity") class="filters" role="search" aria-label=lang.pick("Filter the activity", "筛选操作记录")>
            <div class="field">
                <label for="filter-actor">{lang.pick("Person", "操作人")}</label>
                <input type="search" id="filter-actor" name="actor" value=filters.actor.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="filter-action">{lang.pick("Action", "操作")}</label>
                <select id="filter-action" name="action">{options}</select>
            </div>
            <div class="field">
                <label for="filter-job">{lang.pick("Job record", "作业记录")}</label>
                <input type="number" id="filter-job" name="job" min="1" inputmode="numeric" value=filters.job.map(|job| job.to_string()).unwrap_or_default() />
            </div>
            <button type="submit" class="secondary">{words::apply(lang)}</button>
        </form>
    }
}

//! The history's summary: how many jobs each status group holds, as a bar and as links that
//! filter the history by group. Drawn on the server (an SVG, no chart code in the wasm).

use crate::domain::StatusGroup;
use crate::i18n::Lang;
use crate::model::{GroupCount, use_portal_info};
use leptos::prelude::*;

#[component]
pub(super) fn Summary(counts: Vec<GroupCount>, current: Option<String>) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let groups: Vec<(StatusGroup, i64)> = counts
        .iter()
        .filter_map(|count| Some((StatusGroup::parse(&count.group)?, count.count)))
        .collect();
    let total: i64 = groups.iter().map(|(_, count)| count).sum();
    if total == 0 {
        return ().into_any();
    }
    // Each group's share of a 100-wide bar, laid end to end.
    let mut start = 0.0;
    let segments = groups
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(group, count)| {
            let width = *count as f64 * 100.0 / total as f64;
            let x = start;
            start += width;
            view! { <rect x=x y="0" width=width height="1" class=format!("tone-{}", group.tone().as_str()) /> }
        })
        .collect_view();
    let links = groups
        .into_iter()
        .map(|(group, count)| {
            let chosen = current.as_deref() == Some(group.as_str());
            view! {
                <li>
                    <a
                        href=format!("{base}/jobs?group={}", group.as_str())
                        class=format!("badge badge-{}", group.tone().as_str())
                        aria-current=chosen.then_some("true")
                    >
                        {lang.text(group.label()).into_owned()}
                        " "
                        <strong class="count">{count}</strong>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="status-summary" aria-label=lang.pick("Jobs by status", "按状态查看作业")>
            <svg class="summary-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                {segments}
            </svg>
            <ul>{links}</ul>
        </nav>
    }
    .into_any()
}

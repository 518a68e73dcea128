//! The job's status timeline: each status DLI reported, in its words and DLI's, when it came
//! and how long it lasted (the current one: for how long so far, as of the last word from DLI).

use crate::components::local_time::LocalTime;
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::StatusChangeView;
use leptos::prelude::*;

/// "3 min 5 s": a span of time in its two largest units.
fn lasted(lang: Lang, ms: i64) -> String {
    let seconds = (ms / 1000).max(0);
    let (days, hours, minutes) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60);
    match seconds {
        0 => lang.pick("under 1 s", "不到 1 秒").to_owned(),
        1..60 => crate::tr!(lang, "{} s", "{} 秒", seconds),
        60..3600 => crate::tr!(lang, "{} min {} s", "{} 分 {} 秒", minutes, seconds % 60),
        3600..86_400 => crate::tr!(lang, "{} h {} min", "{} 小时 {} 分", hours, minutes),
        _ => crate::tr!(lang, "{} d {} h", "{} 天 {} 小时", days, hours),
    }
}

#[component]
pub(super) fn Timeline(
    timeline: Vec<StatusChangeView>,
    /// When the portal last heard from DLI: the current status has lasted until then.
    as_of: i64,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let items = if timeline.is_empty() {
        view! { <li class="empty">{lang.pick("No status from DLI yet.", "DLI 尚未返回状态。")}</li> }.into_any()
    } else {
        let ends: Vec<Option<i64>> = timeline
            .iter()
            .skip(1)
            .map(|next| Some(next.at_ms))
            .chain([None])
            .collect();
        timeline
            .into_iter()
            .zip(ends)
            .map(|(change, end)| view! { <Change change end as_of /> })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{lang.pick("Status timeline", "状态时间线")}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}

#[component]
fn Change(change: StatusChangeView, end: Option<i64>, as_of: i64) -> impl IntoView {
    let lang = Lang::for_this_page();
    let words = DliStatus::parse(&change.status).map(|status| lang.text(status.label()));
    let duration = match end {
        Some(end) => crate::tr!(
            lang,
            ", lasted {}",
            "，持续 {}",
            lasted(lang, end - change.at_ms)
        ),
        None => crate::tr!(
            lang,
            ", for {} so far",
            "，至今已 {}",
            lasted(lang, as_of.max(change.at_ms) - change.at_ms)
        ),
    };
    view! {
        <li>
            <span class="timeline-status">
                {words.map(|words| view! { <strong>{words.into_owned()}</strong> " " })}
                <code>{change.status}</code>
            </span>
            <span class="timeline-when">
                <LocalTime at_ms=change.at_ms />
                {duration}
            </span>
            {change.status_desc.filter(|desc| !desc.is_empty()).map(|desc| view! { <span class="status-desc" translate="no">{desc}</span> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::lasted;
    use crate::i18n::Lang;

    #[test]
    fn a_span_reads_in_its_two_largest_units() {
        let lasted = |ms| lasted(Lang::En, ms);
        assert_eq!(lasted(400), "under 1 s");
        assert_eq!(lasted(42_000), "42 s");
        assert_eq!(lasted(185_000), "3 min 5 s");
        assert_eq!(lasted(2 * 3_600_000 + 10 * 60_000), "2 h 10 min");
        assert_eq!(lasted(3 * 86_400_000 + 4 * 3_600_000), "3 d 4 h");
    }

    #[test]
    fn a_span_reads_in_chinese_units_too() {
        assert_eq!(lasted(Lang::Zh, 400), "不到 1 秒");
        assert_eq!(lasted(Lang::Zh, 185_000), "3 分 5 秒");
        assert_eq!(
            lasted(Lang::Zh, 3 * 86_400_000 + 4 * 3_600_000),
            "3 天 4 小时"
        );
    }
}

//! A moment shown in the reader's own time zone, or as how long ago it was with the moment on
//! hover. The server, which does not know the zone, writes UTC; in the browser, `Intl`
//! (`Date.toLocaleString`, `Intl.RelativeTimeFormat`) writes local time in the page's language:
//! every `<time>` on the page once the wasm starts ([`localize_all`]), and each one an island draws.

use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn LocalTime(
    at_ms: i64,
    /// "3 minutes ago", the moment itself on hover.
    #[prop(optional)]
    relative: bool,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let (machine, readable) = formats(lang, at_ms);
    if relative {
        let ago = ago_text(lang, at_ms);
        view! { <time datetime=machine title=readable data-relative="">{ago}</time> }.into_any()
    } else {
        view! { <time datetime=machine>{readable}</time> }.into_any()
    }
}

/// How long ago `ago_ms` was, in the largest unit that fits: `(count, unit)`, in
/// `Intl.RelativeTimeFormat`'s unit names.
fn ago_in_units(ago_ms: i64) -> (i64, &'static str) {
    let seconds = (ago_ms / 1000).max(0);
    match seconds {
        0..60 => (seconds, "second"),
        60..3600 => (seconds / 60, "minute"),
        3600..86400 => (seconds / 3600, "hour"),
        _ => (seconds / 86400, "day"),
    }
}

#[cfg(feature = "ssr")]
fn ago_text(lang: Lang, at_ms: i64) -> String {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| now.as_millis() as i64);
    let (count, unit) = ago_in_units(now_ms - at_ms);
    let unit = match lang {
        Lang::En => format!("{unit}{}", if count == 1 { "" } else { "s" }),
        Lang::Zh => unit_in_chinese(unit).to_owned(),
    };
    crate::tr!(lang, "{} {} ago", "{} {}前", count, unit)
}

/// `Intl.RelativeTimeFormat`'s unit, as the server writes it on a Chinese page.
#[cfg(feature = "ssr")]
fn unit_in_chinese(unit: &str) -> &'static str {
    match unit {
        "second" => "秒",
        "minute" => "分钟",
        "hour" => "小时",
        _ => "天",
    }
}

/// In the browser, `Intl` words it in the page's language (the tag on `<html lang>`).
#[cfg(not(feature = "ssr"))]
fn ago_text(lang: Lang, at_ms: i64) -> String {
    let (count, unit) = ago_in_units(leptos::web_sys::js_sys::Date::now() as i64 - at_ms);
    let words = leptos::web_sys::js_sys::Intl::RelativeTimeFormat::new(
        &leptos::web_sys::js_sys::Array::of1(&lang.html_tag().into()),
        &leptos::web_sys::js_sys::Object::new(),
    );
    // Negative is the past; -0.0 too ("0 seconds ago", where 0 would read "in 0 seconds").
    String::from(words.format(-(count as f64), unit))
}

/// The moment as RFC 3339 (for `datetime`) and as text: UTC on the server, in a form that
/// reads the same in either language.
#[cfg(feature = "ssr")]
fn formats(_: Lang, at_ms: i64) -> (String, String) {
    use time::{
        OffsetDateTime, format_description::well_known::Rfc3339, macros::format_description,
    };
    let Ok(moment) = OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_ms) * 1_000_000)
    else {
        return Default::default();
    };
    let readable = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    (
        moment.format(&Rfc3339).unwrap_or_default(),
        moment.format(readable).unwrap_or_default(),
    )
}

/// The moment as ISO 8601 (for `datetime`) and as local time: in the browser, by its own clock.
#[cfg(not(feature = "ssr"))]
fn formats(lang: Lang, at_ms: i64) -> (String, String) {
    let date = leptos::web_sys::js_sys::Date::new(&(at_ms as f64).into());
    (String::from(date.to_iso_string()), local_text(lang, &date))
}

#[cfg(not(feature = "ssr"))]
fn local_text(lang: Lang, date: &leptos::web_sys::js_sys::Date) -> String {
    let locale = lang.html_tag();
    String::from(date.to_locale_string(locale, &leptos::wasm_bindgen::JsValue::UNDEFINED))
}

/// Rewrites every server-written `<time datetime>` on the page in local time. Islands that
/// hydrate afterwards keep the text they find, so this runs before them.
#[cfg(feature = "hydrate")]
pub fn localize_all() {
    let Some(times) = document().query_selector_all("time[datetime]").ok() else {
        return;
    };
    let lang = Lang::for_this_page();
    for index in 0..times.length() {
        let Some(element) = times.item(index).and_then(|node| {
            leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::Element>(node).ok()
        }) else {
            continue;
        };
        let Some(at) = element.get_attribute("datetime") else {
            continue;
        };
        let date = leptos::web_sys::js_sys::Date::new(&at.into());
        // Only the text node: the hydration marker after it must stay where the server put it.
        let (false, Some(text)) = (date.get_time().is_nan(), element.first_child()) else {
            continue;
        };
        if element.has_attribute("data-relative") {
            let _ = element.set_attribute("title", &local_text(lang, &date));
            text.set_node_value(Some(&ago_text(lang, date.get_time() as i64)));
        } else {
            text.set_node_value(Some(&local_text(lang, &date)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ago_in_units;

    #[test]
    fn a_moment_ago_reads_in_the_largest_unit_that_fits() {
        assert_eq!(ago_in_units(59_999), (59, "second"));
        assert_eq!(ago_in_units(3 * 60_000 + 10), (3, "minute"));
        assert_eq!(ago_in_units(2 * 3_600_000), (2, "hour"));
        assert_eq!(ago_in_units(9 * 86_400_000), (9, "day"));
        assert_eq!(
            ago_in_units(-5_000),
            (0, "second"),
            "a clock a little ahead"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_server_says_how_long_ago_in_the_page_language() {
        use super::{Lang, ago_text};
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_millis() as i64;
        let three_minutes_ago = now_ms - 3 * 60_000 - 500;
        assert_eq!(ago_text(Lang::En, three_minutes_ago), "3 minutes ago");
        assert_eq!(ago_text(Lang::Zh, three_minutes_ago), "3 分钟前");
        assert_eq!(ago_text(Lang::En, now_ms - 3_600_000 - 500), "1 hour ago");
    }
}

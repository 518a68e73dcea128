//! A moment shown in the reader's own time zone, or as how long ago it was with the moment on
//! hover. The server, which does not know the zone, writes UTC; in the browser, `Intl`
//! (`Date.toLocaleString`, `Intl.RelativeTimeFormat`) writes local time and the reader's words:
//! every `<time>` on the page once the wasm starts ([`localize_all`]), and each one an island draws.

use leptos::prelude::*;

#[component]
pub fn LocalTime(
    at_ms: i64,
    /// "3 minutes ago", the moment itself on hover.
    #[prop(optional)]
    relative: bool,
) -> impl IntoView {
    let (machine, readable) = formats(at_ms);
    if relative {
        let ago = ago_text(at_ms);
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
fn ago_text(at_ms: i64) -> String {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| now.as_millis() as i64);
    let (count, unit) = ago_in_units(now_ms - at_ms);
    format!("{count} {unit}{} ago", if count == 1 { "" } else { "s" })
}

#[cfg(not(feature = "ssr"))]
fn ago_text(at_ms: i64) -> String {
    let (count, unit) = ago_in_units(leptos::web_sys::js_sys::Date::now() as i64 - at_ms);
    let words = leptos::web_sys::js_sys::Intl::RelativeTimeFormat::new(
        &leptos::web_sys::js_sys::Array::new(),
        &leptos::web_sys::js_sys::Object::new(),
    );
    // Negative is the past; -0.0 too ("0 seconds ago", where 0 would read "in 0 seconds").
    String::from(words.format(-(count as f64), unit))
}

/// The moment as RFC 3339 (for `datetime`) and as text: UTC on the server.
#[cfg(feature = "ssr")]
fn formats(at_ms: i64) -> (String, String) {
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
fn formats(at_ms: i64) -> (String, String) {
    let date = leptos::web_sys::js_sys::Date::new(&(at_ms as f64).into());
    (String::from(date.to_iso_string()), local_text(&date))
}

#[cfg(not(feature = "ssr"))]
fn local_text(date: &leptos::web_sys::js_sys::Date) -> String {
    String::from(date.to_locale_string("default", &leptos::wasm_bindgen::JsValue::UNDEFINED))
}

/// Rewrites every server-written `<time datetime>` on the page in local time. Islands that
/// hydrate afterwards keep the text they find, so this runs before them.
#[cfg(feature = "hydrate")]
pub fn localize_all() {
    let Some(times) = document().query_selector_all("time[datetime]").ok() else {
        return;
    };
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
            let _ = element.set_attribute("title", &local_text(&date));
            text.set_node_value(Some(&ago_text(date.get_time() as i64)));
        } else {
            text.set_node_value(Some(&local_text(&date)));
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
}

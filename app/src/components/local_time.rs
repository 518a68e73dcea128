//! A moment shown in the reader's own time zone. The server, which does not know it, writes
//! UTC; in the browser, `Intl` (through `Date.toLocaleString`) writes it in local time: every
//! `<time>` on the page once the wasm starts ([`localize_all`]), and each one an island draws.

use leptos::prelude::*;

#[component]
pub fn LocalTime(at_ms: i64) -> impl IntoView {
    let (machine, readable) = formats(at_ms);
    view! { <time datetime=machine>{readable}</time> }
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
        if let (false, Some(text)) = (date.get_time().is_nan(), element.first_child()) {
            text.set_node_value(Some(&local_text(&date)));
        }
    }
}

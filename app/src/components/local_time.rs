//! A moment shown in the reader's own time zone. The server, which does not know it, writes
//! UTC; once the wasm runs, the browser rewrites it in local time.

use leptos::prelude::*;
use time::{OffsetDateTime, format_description::well_known::Rfc3339, macros::format_description};

fn utc(at_ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_ms) * 1_000_000).ok()
}

#[component]
pub fn LocalTime(at_ms: i64) -> impl IntoView {
    let moment = utc(at_ms);
    let machine = moment
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default();
    let readable = moment
        .and_then(|at| {
            at.format(format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
            ))
            .ok()
        })
        .unwrap_or_default();
    let text = RwSignal::new(readable);
    // Effects run only in the browser, after hydration: the first render matches the server's.
    Effect::new(move |_| {
        let date = leptos::web_sys::js_sys::Date::new(&(at_ms as f64).into());
        text.set(String::from(date.to_locale_string(
            "default",
            &leptos::wasm_bindgen::JsValue::UNDEFINED,
        )));
    });
    view! { <time datetime=machine>{text}</time> }
}

//! Runs a refresh every so often while the page is open and visible; nothing runs on the
//! server, and the timer stops when the view goes away.

use leptos::prelude::*;
use std::time::Duration;

pub fn refresh_every(period: Duration, refresh: impl Fn() + Clone + 'static) {
    Effect::new(move |_| {
        let refresh = refresh.clone();
        let handle = set_interval_with_handle(
            move || {
                // A hidden tab needs no fresh statuses; it catches up when shown again.
                if !document().hidden() {
                    refresh();
                }
            },
            period,
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
}

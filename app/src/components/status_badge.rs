//! A job's state at a glance: DLI's status in words, coloured by what it means, or the
//! outcome of the create while there is no DLI status.

use crate::domain::{DliStatus, Tone};
use crate::i18n::Lang;
use leptos::prelude::*;

/// What the badge says and how it is coloured.
struct Described {
    text: String,
    tone: Tone,
    /// The status or outcome as stored, one the portal has no words for: data, not ours to
    /// translate.
    as_stored: bool,
}

/// DLI's status as `DliStatus` tells it, else the create's outcome.
fn describe(lang: Lang, status: Option<&str>, outcome: &str, deleted: bool) -> Described {
    let words = |text: &str, tone| Described {
        text: text.to_owned(),
        tone,
        as_stored: false,
    };
    let stored = |text: &str| Described {
        text: text.to_owned(),
        tone: Tone::Idle,
        as_stored: true,
    };
    if deleted {
        return words(lang.pick("Deleted", "已删除"), Tone::Idle);
    }
    if let Some(known) = status.and_then(DliStatus::parse) {
        return words(&lang.message(known.label()), known.tone());
    }
    match (status, outcome) {
        (Some(other), _) => stored(other),
        (None, "pending") => words(lang.pick("Being created", "创建中"), Tone::Busy),
        (None, "unknown") => words(
            lang.pick("Outcome unknown, checking", "结果未知，正在核实"),
            Tone::Busy,
        ),
        (None, "failed") => words(lang.pick("Not created", "未创建"), Tone::Bad),
        (None, other) => stored(other),
    }
}

#[component]
pub fn StatusBadge(status: Option<String>, outcome: String, deleted: bool) -> impl IntoView {
    let lang = Lang::for_this_page();
    let described = describe(lang, status.as_deref(), &outcome, deleted);
    view! {
        <span
            class=format!("badge badge-{}", described.tone.as_str())
            // DLI's own name for the status (`job_running`), for those who know DLI's API.
            title=status
            translate=described.as_stored.then_some("no")
        >
            {described.text}
        </span>
    }
}

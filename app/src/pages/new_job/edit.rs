//! The form's edit mode: which version it edits, which changes need the running job restarted
//! (live, as the person types), the save row, and the two ways to restart a running job.

use crate::components::form_state::use_form_state;
use crate::domain::{JobSpec, needing_a_stop, wire_changes, wire_label};
use crate::i18n::Lang;
use crate::model::{EditTarget, WhenRunning, use_portal_info};
use crate::pages::words;
use leptos::prelude::*;

#[component]
pub fn EditingBanner(target: EditTarget) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    view! {
        <p class="banner banner-info">
            {crate::tr!(lang, "Editing version {} of ", "正在编辑版本 {}（", target.version)}
            <a href=format!("{base}/jobs/{}", target.job_id)>{words::job_record_in_sentence(lang, target.job_id)}</a>
            {lang
                .pick(
                    ". Saving updates the job in place on DLI and makes the next version.",
                    "）。保存后会在 DLI 上直接更新该作业，并生成下一个版本。",
                )}
        </p>
    }
}

/// The edit form's last row: what the changes so far ask of a running job, save and cancel.
#[component]
pub fn SaveRow(
    target: EditTarget,
    pending: Signal<bool>,
    when_running: RwSignal<WhenRunning>,
) -> impl IntoView {
    let info = use_portal_info();
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let before = JobSpec::from_request_json(&target.settings).ok();
    let running = target.running;
    // Fields whose change the running job takes only through a restart.
    let needs_restart = Memo::new(move |_| {
        let (Some(before), true) = (before.as_ref(), running) else {
            return Vec::new();
        };
        state.parsed.with(|parsed| match parsed {
            Ok(after) => needing_a_stop(&wire_changes(before, after)),
            Err(_) => Vec::new(),
        })
    });
    let hint = move || {
        let fields = needs_restart.get();
        if !running {
            return lang
                .pick(
                    "The job is not running: DLI takes every change in one update.",
                    "作业未在运行：DLI 会在一次更新中接受全部修改。",
                )
                .to_owned();
        }
        if fields.is_empty() {
            return lang
                .pick(
                    "The job is running: DLI takes these changes while it runs.",
                    "作业正在运行：DLI 可在作业运行时接受这些修改。",
                )
                .to_owned();
        }
        let labels: Vec<String> = fields
            .iter()
            .map(|field| lang.text(wire_label(field)).into_owned())
            .collect();
        crate::tr!(
            lang,
            "The job is running: {} change only when it restarts; saving asks how.",
            "作业正在运行：{} 的修改要在作业重启后才生效；保存时会询问如何重启。",
            labels.join(lang.pick(", ", "、"))
        )
    };
    view! {
        <div class="submit-row">
            <p class="help restart-hint" aria-live="polite">{hint}</p>
            <button
                type="submit"
                class="primary"
                disabled=move || pending.get() || !info.may_act
                aria-busy=move || pending.get().to_string()
                on:click=move |_| when_running.set(WhenRunning::Refuse)
            >
                {move || {
                    if pending.get() {
                        lang.pick("Saving…", "正在保存…")
                    } else {
                        lang.pick("Save changes", "保存修改")
                    }
                }}
            </button>
            <a class="button-link" href=format!("{}/jobs/{}", info.base_path, target.job_id)>
                {lang.pick("Cancel", "取消")}
            </a>
        </div>
    }
}

/// The restart a running job needs, as submit buttons that name it (`when_running`): with
/// JavaScript the click sets it for the update call, without it the browser posts it.
#[component]
pub fn RestartChoice(when_running: RwSignal<WhenRunning>) -> impl IntoView {
    let lang = Lang::for_this_page();
    let choices = [
        (
            WhenRunning::RestartFromSavepoint,
            "restart_from_savepoint",
            "primary",
            lang.pick(
                "Stop with a savepoint, update, start from the savepoint",
                "停止并触发保存点，更新后从保存点启动",
            ),
        ),
        (
            WhenRunning::Restart,
            "restart",
            "secondary",
            lang.pick("Restart without a savepoint", "不创建保存点，直接重启"),
        ),
    ];
    let buttons = choices
        .into_iter()
        .map(|(choice, value, class, label)| {
            view! {
                <button
                    type="submit"
                    class=class
                    name="when_running"
                    value=value
                    on:click=move |_| when_running.set(choice)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="restart-choice"
            role="group"
            aria-label=lang.pick("How to restart the job", "作业的重启方式")
        >
            {buttons}
        </div>
    }
}

//! The form's edit mode: which version it edits, which changes need the running job restarted
//! (live, as the person types), the save row, and the two ways to restart a running job.

use crate::components::form_state::use_form_state;
use crate::domain::{FieldErrors, JobSpec, needing_a_stop, wire_changes, wire_label};
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

/// What saving asks of the job: nothing while it is not running; while it runs, whether the
/// changes so far (`before` the version edited, `parsed` the form) take a restart.
pub(super) fn restart_hint(
    lang: Lang,
    running: bool,
    before: Option<&JobSpec>,
    parsed: &Result<JobSpec, FieldErrors>,
) -> String {
    if !running {
        return lang
            .pick(
                "The job is not running: DLI takes every change in one update.",
                "作业未在运行：DLI 会在一次更新中接受全部修改。",
            )
            .to_owned();
    }
    // Fields whose change the running job takes only through a restart.
    let fields = match (before, parsed) {
        (Some(before), Ok(after)) => needing_a_stop(&wire_changes(before, after)),
        _ => Vec::new(),
    };
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
}

/// The edit form's last row: what the changes so far ask of a running job, save and cancel.
#[component]
pub fn SaveRow(target: EditTarget) -> impl IntoView {
    let info = use_portal_info();
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let before = JobSpec::from_request_json(&target.settings).ok();
    let hint = restart_hint(lang, target.running, before.as_ref(), &state.parsed);
    view! {
        <div class="submit-row">
            <p class="help restart-hint" aria-live="polite">{hint}</p>
            <button
                type="submit"
                class="primary"
                disabled=!info.may_act
                data-busy=lang.pick("Saving…", "正在保存…")
            >
                {lang.pick("Save changes", "保存修改")}
            </button>
            <a class="button-link" href=format!("{}/jobs/{}", info.base_path, target.job_id)>
                {lang.pick("Cancel", "取消")}
            </a>
        </div>
    }
}

/// The restart a running job needs, as submit buttons that name it (`when_running`), which the
/// browser posts.
#[component]
pub fn RestartChoice() -> impl IntoView {
    let lang = Lang::for_this_page();
    let choices = [
        (
            WhenRunning::RestartFromSavepoint,
            "primary",
            lang.pick(
                "Stop with a savepoint, update, start from the savepoint",
                "停止并触发保存点，更新后从保存点启动",
            ),
        ),
        (
            WhenRunning::Restart,
            "secondary",
            lang.pick("Restart without a savepoint", "不创建保存点，直接重启"),
        ),
    ];
    let buttons = choices
        .into_iter()
        .map(|(choice, class, label)| {
            view! {
                <button type="submit" class=class name="when_running" value=choice.as_str()>
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

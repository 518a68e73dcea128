//! The job's actions, one toolbar: start (from the latest savepoint when DLI has one), stop
//! (with or without a savepoint), edit, copy and delete (after a confirmation). What the status
//! allows is the primary action; what it does not is disabled, and a line says why. Each is a
//! plain form or link, so it works before the wasm loads; with wasm the forms run in place
//! (`follow`).

use crate::api::{DeleteJob, StartJob, StopJob};
use crate::components::action_form::action_url;
use crate::components::follow::Progress;
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::{JobDetails, use_portal_info};
use crate::pages::words;
use leptos::prelude::*;

/// Why an action the toolbar shows is not offered, if one is not.
fn why_not(
    lang: Lang,
    may_act: bool,
    has_job: bool,
    startable: bool,
    stoppable: bool,
) -> Option<&'static str> {
    match (may_act, has_job, startable, stoppable) {
        (false, ..) => Some(lang.pick(
            "You may look at this job but not act on it.",
            "您可以查看此作业，但无权操作。",
        )),
        (_, false, ..) => Some(lang.pick(
            "DLI holds no job for this record: it was not created, or was deleted.",
            "DLI 上没有与此记录对应的作业：作业未创建成功，或已被删除。",
        )),
        (_, _, false, false) => Some(lang.pick(
            "The job is stopping: its actions return once it has stopped.",
            "作业正在停止：停止后即可再次操作。",
        )),
        (_, _, false, true) => Some(lang.pick(
            "Start returns once the job has stopped.",
            "作业停止后才能启动。",
        )),
        (_, _, true, false) => Some(lang.pick(
            "Stop is offered while the job runs.",
            "作业运行时才能停止。",
        )),
        (_, _, true, true) => None,
    }
}

#[component]
pub(super) fn Actions(
    details: JobDetails,
    /// The error a start, stop or delete came back with.
    posted: Option<String>,
) -> impl IntoView {
    let base = use_portal_info().base_path;
    let may_act = use_portal_info().may_act;
    let lang = Lang::for_this_page();
    let summary = &details.summary;
    let id = summary.id;
    let has_job = summary.dli_job_id.is_some() && !summary.deleted;
    // An undocumented status offers both: DLI has the last word.
    let status = summary.status.as_deref().and_then(DliStatus::parse);
    let startable = status.is_none_or(DliStatus::may_start);
    let stoppable = status.is_none_or(DliStatus::may_stop);
    let can_act = may_act && has_job;
    let offer_savepoint = details.has_savepoint && startable;
    let tone = |preferred: bool| if preferred { "primary" } else { "secondary" };
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title" class="visually-hidden">{lang.pick("Actions", "操作")}</h2>
            <div class="toolbar" role="group" aria-labelledby="actions-title">
                <form method="post" action={action_url::<StartJob>()} class="toolbar-form">
                    <input type="hidden" name="id" value=id />
                    <button
                        type="submit"
                        class=tone(startable)
                        disabled=!(can_act && startable)
                        aria-describedby="actions-why"
                    >
                        {words::start(lang)}
                    </button>
                    {offer_savepoint.then(|| view! {
                        <label class="toolbar-option">
                            <input type="checkbox" name="resume_savepoint" value="true" />
                            {lang.pick("from the latest savepoint", "从最近的保存点恢复")}
                        </label>
                    })}
                </form>
                <form method="post" action={action_url::<StopJob>()} class="toolbar-form">
                    <input type="hidden" name="id" value=id />
                    <button
                        type="submit"
                        class=tone(stoppable && !startable)
                        disabled=!(can_act && stoppable)
                        aria-describedby="actions-why"
                    >
                        {words::stop(lang)}
                    </button>
                    <label class="toolbar-option">
                        <input type="checkbox" name="savepoint" value="true" disabled=!stoppable />
                        {lang.pick("with a savepoint", "触发保存点")}
                    </label>
                </form>
                {can_act.then(|| view! {
                    <a class="button-link" href=format!("{base}/jobs/{id}/edit")>{lang.pick("Edit", "编辑")}</a>
                })}
                <a class="button-link" href=format!("{base}/?copy_of={id}")>{lang.pick("Create a copy", "创建副本")}</a>
                <details class="confirm">
                    <summary class="button-link danger">{lang.pick("Delete…", "删除…")}</summary>
                    <form method="post" action={action_url::<DeleteJob>()} class="confirm-form">
                        <input type="hidden" name="id" value=id />
                        <p>{lang.pick("Delete this job on DLI? Its history entry stays.", "在 DLI 上删除此作业？其历史记录会保留。")}</p>
                        <button type="submit" class="danger" disabled=!can_act>{lang.pick("Delete the job", "删除作业")}</button>
                    </form>
                </details>
            </div>
            <p class="help" id="actions-why">{why_not(lang, may_act, has_job, startable, stoppable)}</p>
            <Progress />
            {posted.map(|problem| view! {
                <p class="banner banner-error" role="alert">{lang.text(&problem).into_owned()}</p>
            })}
        </section>
    }
}

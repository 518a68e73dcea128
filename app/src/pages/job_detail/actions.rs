//! The job's actions, one toolbar: start (from the latest savepoint when DLI has one), stop
//! (with or without a savepoint), edit, copy and delete (after a confirmation). What the status
//! allows is the primary action; what it does not is disabled, and a line says why. Each is a plain form or
//! link, so it works before the wasm loads; with wasm the forms run in place.

use crate::api::{DeleteJob, StartJob, StopJob};
use crate::components::action_form::ActionFormAt;
use crate::domain::DliStatus;
use crate::i18n::Lang;
use crate::model::{JobDetails, use_portal_info};
use crate::pages::words;
use leptos::prelude::*;

#[component]
pub(super) fn Actions(
    live: RwSignal<JobDetails>,
    refresh: Callback<()>,
    /// The error a start, stop or delete posted without JavaScript came back with.
    posted: Option<String>,
) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    let id = live.with_untracked(|live| live.summary.id);
    let copy = format!("{base}/?copy_of={id}");
    let start = ServerAction::<StartJob>::new();
    let stop = ServerAction::<StopJob>::new();
    let delete = ServerAction::<DeleteJob>::new();
    let problem = RwSignal::new(posted);
    // After any action, read the job again and show what DLI said.
    for value in [start.value(), stop.value(), delete.value()] {
        Effect::new(move |_| {
            if let Some(result) = value.get() {
                problem.set(result.err().map(|error| error.to_string()));
                refresh.run(());
            }
        });
    }
    let busy = move || start.pending().get() || stop.pending().get() || delete.pending().get();
    let has_job =
        move || live.with(|live| live.summary.dli_job_id.is_some() && !live.summary.deleted);
    let may_act = use_portal_info().may_act;
    // An undocumented status offers both: DLI has the last word.
    let status =
        move || live.with(|live| live.summary.status.as_deref().and_then(DliStatus::parse));
    let startable = move || status().is_none_or(DliStatus::may_start);
    let stoppable = move || status().is_none_or(DliStatus::may_stop);
    let why_not = move || match (may_act, has_job(), startable(), stoppable()) {
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
    };
    let can_act = move || may_act && has_job() && !busy();
    let has_savepoint = move || live.with(|live| live.has_savepoint);
    // The two options, as the reader leaves their boxes: what a submit in place sends.
    let resume_savepoint = RwSignal::new(false);
    let with_savepoint = RwSignal::new(false);
    let tone = |preferred: bool| if preferred { "primary" } else { "secondary" };
    view! {
        <section class="actions" aria-labelledby="actions-title">
            <h2 id="actions-title" class="visually-hidden">{lang.pick("Actions", "操作")}</h2>
            <div class="toolbar" role="group" aria-labelledby="actions-title">
                <ActionFormAt
                    action=start
                    input=move || StartJob { id, resume_savepoint: Some(has_savepoint() && resume_savepoint.get()) }
                    class="toolbar-form"
                >
                    <input type="hidden" name="id" value=id />
                    <button
                        type="submit"
                        class=move || tone(startable())
                        disabled=move || !(can_act() && startable())
                        aria-describedby="actions-why"
                    >
                        {words::start(lang)}
                    </button>
                    {move || (has_savepoint() && startable()).then(|| view! {
                        <label class="toolbar-option">
                            <input type="checkbox" name="resume_savepoint" value="true" bind:checked=resume_savepoint />
                            {lang.pick("from the latest savepoint", "从最近的保存点恢复")}
                        </label>
                    })}
                </ActionFormAt>
                <ActionFormAt
                    action=stop
                    input=move || StopJob { id, savepoint: Some(with_savepoint.get()) }
                    class="toolbar-form"
                >
                    <input type="hidden" name="id" value=id />
                    <button
                        type="submit"
                        class=move || tone(stoppable() && !startable())
                        disabled=move || !(can_act() && stoppable())
                        aria-describedby="actions-why"
                    >
                        {words::stop(lang)}
                    </button>
                    <label class="toolbar-option">
                        <input type="checkbox" name="savepoint" value="true" disabled=move || !stoppable() bind:checked=with_savepoint />
                        {lang.pick("with a savepoint", "触发保存点")}
                    </label>
                </ActionFormAt>
                {move || (may_act && has_job()).then(|| view! {
                    <a class="button-link" href=format!("{base}/jobs/{id}/edit")>{lang.pick("Edit", "编辑")}</a>
                })}
                <a class="button-link" href=copy>{lang.pick("Create a copy", "创建副本")}</a>
                <details class="confirm">
                    <summary class="button-link danger">{lang.pick("Delete…", "删除…")}</summary>
                    <ActionFormAt action=delete input=move || DeleteJob { id } class="confirm-form">
                        <input type="hidden" name="id" value=id />
                        <p>{lang.pick("Delete this job on DLI? Its history entry stays.", "在 DLI 上删除此作业？其历史记录会保留。")}</p>
                        <button type="submit" class="danger" disabled=move || !can_act()>{lang.pick("Delete the job", "删除作业")}</button>
                    </ActionFormAt>
                </details>
            </div>
            <p class="help" id="actions-why">{why_not}</p>
            <p class="progress" role="status" aria-live="polite">{move || busy().then_some(words::working(lang))}</p>
            {move || problem.get().map(|problem| view! {
                <p class="banner banner-error" role="alert">{lang.text(&problem).into_owned()}</p>
            })}
        </section>
    }
    .into_any()
}

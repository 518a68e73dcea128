//! The job's life on its page: the update under way (each step as it happens) or the last one,
//! the versions with a diff between any two and a rollback to each, and the events.

use crate::api::RollbackJob;
use crate::components::action_form::action_url;
use crate::components::{events_table::EventsTable, local_time::LocalTime};
use crate::domain::wire_label;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{EventView, JobLife, UpdateView, VersionDiff, WhenRunning, use_portal_info};
use crate::pages::words;
use leptos::prelude::*;

use super::settings::field_value;

/// The steps an update takes, in order, as the page names them.
fn steps(lang: Lang, update: &UpdateView) -> Vec<(&'static str, &'static str)> {
    let change = ("update", lang.pick("Update", "更新"));
    match update.mode.as_str() {
        "restart_from_savepoint" => vec![
            ("stop", words::stop_with_savepoint(lang)),
            change,
            (
                "start",
                lang.pick("Start from the savepoint", "从保存点启动"),
            ),
        ],
        "restart" => vec![
            ("stop", words::stop(lang)),
            change,
            ("start", words::start(lang)),
        ],
        _ => vec![change],
    }
}

/// How a version came about (`create`, `update` or `rollback`): English pages show the word as
/// stored.
fn version_action(lang: Lang, action: &str) -> String {
    let chinese = match action {
        "create" => "创建",
        "update" => "更新",
        "rollback" => "回滚",
        other => other,
    };
    lang.pick(action, chinese).to_owned()
}

/// The update under way, each step as it happens, or the last one and how it ended.
#[component]
pub(super) fn UpdateProgress(update: UpdateView) -> impl IntoView {
    let lang = Lang::for_this_page();
    let current = steps(lang, &update)
        .iter()
        .position(|(step, _)| *step == update.step);
    let over = update.is_over();
    let failed = update.step == "failed";
    let done = lang.pick("done", "已完成");
    let items = steps(lang, &update)
        .into_iter()
        .enumerate()
        .map(|(index, (_, label))| {
            let (class, state) = match current {
                _ if over && !failed => ("step-done", done),
                Some(at) if index < at => ("step-done", done),
                Some(at) if index == at => ("step-current", lang.pick("under way", "进行中")),
                _ if failed => ("step-pending", lang.pick("not done", "未执行")),
                _ => ("step-pending", lang.pick("to do", "待执行")),
            };
            let aria_current = (class == "step-current").then_some("step");
            let state = crate::tr!(lang, " ({})", "（{}）", state);
            view! { <li class=class aria-current=aria_current>{label} <span class="step-state">{state}</span></li> }
        })
        .collect_view();
    let title = match (over, failed) {
        (false, _) => crate::tr!(lang, "Update {} under way", "更新 {} 进行中", update.id),
        (true, true) => crate::tr!(lang, "Update {} stopped", "更新 {} 已中止", update.id),
        (true, false) => crate::tr!(lang, "Update {} done", "更新 {} 已完成", update.id),
    };
    let kind = if update.action == "rollback" {
        lang.pick("A rollback", "回滚")
    } else {
        lang.pick("An update", "更新")
    };
    // The person's name is theirs: it stands apart, in the place each language puts it.
    let actor = view! { <span translate="no">{update.actor.clone()}</span> };
    let who = match lang {
        Lang::En => view! { {kind} " by " {actor} }.into_any(),
        Lang::Zh => view! { {actor} " 发起的" {kind} }.into_any(),
    };
    let fields = update
        .changed
        .iter()
        .map(|field| lang.text(wire_label(field)))
        .collect::<Vec<_>>()
        .join(lang.pick(", ", "、"));
    let class = if failed {
        "update update-failed"
    } else {
        "update"
    };
    view! {
        <section class=class aria-labelledby="update-title" role="status" aria-live="polite">
            <h2 id="update-title">{title}</h2>
            <p class="help">
                {who}
                {crate::tr!(lang, ", from version {}", "，从版本 {}", update.base_version)}
                {update.version.map(|version| crate::tr!(lang, " to version {}", " 到版本 {}", version))}
                {crate::tr!(lang, ": {}.", "：{}。", fields)}
            </p>
            <ol class="steps">{items}</ol>
            // The portal's words, but with DLI's own answer in them when DLI refused.
            {update.message.clone().map(|message| view! {
                <p class="update-message" translate="no">{lang.text(&message).into_owned()}</p>
            })}
        </section>
    }
}

#[component]
pub(super) fn Versions(
    id: i64,
    life: JobLife,
    compare: Comparison,
    /// The error a rollback came back with.
    posted: Option<String>,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let may_act = use_portal_info().may_act;
    let latest = life.versions.last().map_or(0, |version| version.version);
    let numbers: Vec<i64> = life
        .versions
        .iter()
        .map(|version| version.version)
        .collect();
    let rows = life
        .versions
        .into_iter()
        .rev()
        .map(|version| {
            let number = version.version;
            let form = (may_act && number != latest).then(|| view! {
                <form method="post" action={action_url::<RollbackJob>()} class="inline-form rollback">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=number />
                    <input type="hidden" name="idempotency_key" value=life.next_key.clone() />
                    <label class="visually-hidden" for=format!("when-running-{number}")>
                        {lang.pick("If the job runs", "如果作业正在运行")}
                    </label>
                    <select id=format!("when-running-{number}") name="when_running">
                        <option value=WhenRunning::RestartFromSavepoint.as_str()>
                            {lang.pick("restart it from a savepoint", "从保存点重启")}
                        </option>
                        <option value=WhenRunning::Restart.as_str()>
                            {lang.pick("restart it without a savepoint", "不使用保存点重启")}
                        </option>
                        <option value=WhenRunning::Refuse.as_str()>
                            {lang.pick("only if no restart is needed", "仅在无需重启时回滚")}
                        </option>
                    </select>
                    <button type="submit" class="secondary">
                        {crate::tr!(lang, "Roll back to version {}", "回滚到版本 {}", number)}
                    </button>
                </form>
            });
            view! {
                // `data-key`: a refresh that adds a version keeps each row's chosen option.
                <tr data-key=number>
                    <th scope="row">{number} {(number == latest).then_some(lang.pick(" (current)", "（当前）"))}</th>
                    <td><LocalTime at_ms=version.at_ms /></td>
                    <td translate="no">{version.actor.clone()}</td>
                    <td>{version_action(lang, &version.action)}</td>
                    <td>{form}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="versions-title">
            <h2 id="versions-title">{lang.pick("Versions", "版本")}</h2>
            {posted.map(|problem| view! {
                <p class="banner banner-error" role="alert">{lang.text(&problem).into_owned()}</p>
            })}
            <table class="versions">
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("Version", "版本")}</th>
                        <th scope="col">{lang.pick("When", "时间")}</th>
                        <th scope="col">{lang.pick("Who", "操作人")}</th>
                        <th scope="col">{lang.pick("How", "方式")}</th>
                        <th scope="col">{lang.pick("Roll back", "回滚")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Compare id numbers compare />
        </section>
    }
}

/// The pair of versions the page's URL asks to compare, and their diff (fetched by the server).
#[derive(Clone, Debug, Default)]
pub(super) struct Comparison {
    pub asked: Option<(i64, i64)>,
    pub diff: Option<Result<VersionDiff, AppError>>,
}

/// The compare form's label and its button.
fn compare_word(lang: Lang) -> &'static str {
    lang.pick("Compare", "比较")
}

/// Two versions side by side, field by field in the form's labels: a GET form, so the pair
/// stands in the URL.
#[component]
fn Compare(id: i64, numbers: Vec<i64>, compare: Comparison) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    // The pair asked for is selected, else the latest two.
    let latest = numbers.last().copied().unwrap_or(1);
    let (from, to) = compare.asked.unwrap_or((latest - 1, latest));
    let choices = |selected: i64| {
        numbers
            .iter()
            .map(|&number| {
                view! { <option value=number selected=number == selected>{words::version(lang, number)}</option> }
            })
            .collect_view()
    };
    view! {
        <form method="get" action=format!("{base}/jobs/{id}") class="compare" aria-label=lang.pick("Compare two versions", "比较两个版本")>
            <div class="field">
                <label for="compare-from">{compare_word(lang)}</label>
                <select id="compare-from" name="from">{choices(from)}</select>
            </div>
            <div class="field">
                <label for="compare-to">{lang.pick("with", "与")}</label>
                <select id="compare-to" name="to">{choices(to)}</select>
            </div>
            <button type="submit" class="secondary">{compare_word(lang)}</button>
        </form>
        {compare.diff.map(|answer| match answer {
            Ok(diff) => view! { <Diff diff /> }.into_any(),
            Err(error) => {
                view! { <p class="banner banner-error" role="alert">{lang.text(&error.to_string()).into_owned()}</p> }
                    .into_any()
            }
        })}
    }
}

#[component]
fn Diff(diff: VersionDiff) -> impl IntoView {
    let lang = Lang::for_this_page();
    let title = crate::tr!(
        lang,
        "From version {} to version {}",
        "从版本 {} 到版本 {}",
        diff.from,
        diff.to
    );
    if diff.changes.is_empty() {
        let same = lang.pick(": no field differs.", "：所有字段均相同。");
        return view! { <p class="diff-empty" id="diff">{title} {same}</p> }.into_any();
    }
    let rows = diff
        .changes
        .into_iter()
        .map(|change| {
            view! {
                <tr>
                    <th scope="row">{lang.text(&change.label).into_owned()}</th>
                    <td class="before">{field_value(lang, change.before)}</td>
                    <td class="after">{field_value(lang, change.after)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="diff" id="diff">
            <caption>{title}</caption>
            <thead>
                <tr>
                    <th scope="col">{lang.pick("Field", "字段")}</th>
                    <th scope="col">{words::version(lang, diff.from)}</th>
                    <th scope="col">{words::version(lang, diff.to)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub(super) fn Events(events: Vec<EventView>) -> impl IntoView {
    let lang = Lang::for_this_page();
    view! {
        <section aria-labelledby="events-title">
            <h2 id="events-title">{lang.pick("Events", "事件")}</h2>
            <EventsTable events />
        </section>
    }
}

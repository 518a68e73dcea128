//! The job's life on its page: the update under way (each step as it happens) or the last one,
//! the versions with a diff between any two and a rollback to each, and the events.

use crate::api::RollbackJob;
use crate::components::action_form::ActionFormAt;
use crate::components::{events_table::EventsTable, local_time::LocalTime};
use crate::domain::wire_label;
use crate::error::AppError;
use crate::model::{JobDetails, JobLife, UpdateView, VersionDiff, use_portal_info};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The steps an update takes, in order, as the page names them.
fn steps(update: &UpdateView) -> Vec<(&'static str, &'static str)> {
    match update.mode.as_str() {
        "restart_from_savepoint" => vec![
            ("stop", "Stop with a savepoint"),
            ("update", "Update"),
            ("start", "Start from the savepoint"),
        ],
        "restart" => vec![("stop", "Stop"), ("update", "Update"), ("start", "Start")],
        _ => vec![("update", "Update")],
    }
}

#[component]
pub(super) fn UpdateProgress(live: RwSignal<JobDetails>) -> impl IntoView {
    move || {
        live.read()
            .update
            .clone()
            .map(|update| view! { <Progress update /> })
    }
}

#[component]
fn Progress(update: UpdateView) -> impl IntoView {
    let current = steps(&update)
        .iter()
        .position(|(step, _)| *step == update.step);
    let over = update.is_over();
    let failed = update.step == "failed";
    let items = steps(&update)
        .into_iter()
        .enumerate()
        .map(|(index, (_, label))| {
            let (class, state) = match current {
                _ if over && !failed => ("step-done", "done"),
                Some(at) if index < at => ("step-done", "done"),
                Some(at) if index == at => ("step-current", "under way"),
                _ => ("step-pending", if failed { "not done" } else { "to do" }),
            };
            let aria_current = (class == "step-current").then_some("step");
            view! { <li class=class aria-current=aria_current>{label} <span class="step-state">{format!(" ({state})")}</span></li> }
        })
        .collect_view();
    let title = match (over, failed) {
        (false, _) => format!("Update {} under way", update.id),
        (true, true) => format!("Update {} stopped", update.id),
        (true, false) => format!("Update {} done", update.id),
    };
    let class = if failed {
        "update update-failed"
    } else {
        "update"
    };
    view! {
        <section class=class aria-labelledby="update-title" role="status" aria-live="polite">
            <h2 id="update-title">{title}</h2>
            <p class="help">
                {format!("{} by {}, from version {}", if update.action == "rollback" { "A rollback" } else { "An update" }, update.actor, update.base_version)}
                {update.version.map(|version| format!(" to version {version}"))}
                {format!(": {}.", update.changed.iter().map(|field| wire_label(field)).collect::<Vec<_>>().join(", "))}
            </p>
            <ol class="steps">{items}</ol>
            {update.message.clone().map(|message| view! { <p class="update-message">{message}</p> })}
        </section>
    }
}

#[component]
pub(super) fn Versions(
    live: RwSignal<JobDetails>,
    life: RwSignal<JobLife>,
    refresh: Callback<()>,
    compare: Comparison,
    /// The error a rollback posted without JavaScript came back with.
    posted: Option<String>,
) -> impl IntoView {
    let id = live.with_untracked(|live| live.summary.id);
    let rollback = ServerAction::<RollbackJob>::new();
    let problem = RwSignal::new(posted);
    Effect::new(move |_| {
        if let Some(result) = rollback.value().get() {
            problem.set(result.err().map(|error| error.to_string()));
            refresh.run(());
        }
    });
    let may_act = use_portal_info().may_act;
    let rows = move || {
        let life = life.get();
        let latest = life.versions.last().map_or(0, |version| version.version);
        life.versions
            .into_iter()
            .rev()
            .map(|version| {
                let number = version.version;
                let key = life.next_key.clone();
                let form = (may_act && number != latest).then(|| view! {
                    <ActionFormAt action=rollback class="inline-form rollback">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=number />
                        <input type="hidden" name="idempotency_key" value=key />
                        <label class="visually-hidden" for=format!("when-running-{number}")>"If the job runs"</label>
                        <select id=format!("when-running-{number}") name="when_running">
                            <option value="restart_from_savepoint">"restart it from a savepoint"</option>
                            <option value="restart">"restart it without a savepoint"</option>
                            <option value="refuse">"only if no restart is needed"</option>
                        </select>
                        <button type="submit" class="secondary" disabled=move || rollback.pending().get()>
                            {format!("Roll back to version {number}")}
                        </button>
                    </ActionFormAt>
                });
                view! {
                    <tr>
                        <th scope="row">{number} {(number == latest).then_some(" (current)")}</th>
                        <td><LocalTime at_ms=version.at_ms /></td>
                        <td>{version.actor.clone()}</td>
                        <td>{version.action.clone()}</td>
                        <td>{form}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="versions-title">
            <h2 id="versions-title">"Versions"</h2>
            {move || problem.get().map(|problem| view! { <p class="banner banner-error" role="alert">{problem}</p> })}
            <table class="versions">
                <thead>
                    <tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"How"</th>
                        <th scope="col">"Roll back"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Compare id life compare />
        </section>
    }
    .into_any()
}

/// The pair of versions the page's URL asks to compare, and their diff (fetched by the server).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct Comparison {
    pub asked: Option<(i64, i64)>,
    pub diff: Option<Result<VersionDiff, AppError>>,
}

/// Two versions side by side, field by field in the form's labels: a GET form, so the pair
/// stands in the URL.
#[component]
fn Compare(id: i64, life: RwSignal<JobLife>, compare: Comparison) -> impl IntoView {
    let base = use_portal_info().base_path;
    let asked = compare.asked;
    // The versions to choose from, the pair asked for selected (else the latest two); they
    // follow the job as an update adds a version, and only then.
    let numbers = Memo::new(move |_| {
        life.with(|life| {
            life.versions
                .iter()
                .map(|version| version.version)
                .collect::<Vec<_>>()
        })
    });
    let choices = move |later: bool| {
        move || {
            let numbers = numbers.get();
            let latest = numbers.last().copied().unwrap_or(1);
            let (from, to) = asked.unwrap_or((latest - 1, latest));
            let selected = if later { to } else { from };
            numbers
                .into_iter()
                .map(|number| {
                    view! { <option value=number selected=number == selected>{format!("Version {number}")}</option> }
                })
                .collect_view()
        }
    };
    view! {
        <form method="get" action=format!("{base}/jobs/{id}") class="compare" aria-label="Compare two versions">
            <div class="field">
                <label for="compare-from">"Compare"</label>
                <select id="compare-from" name="from">{choices(false)}</select>
            </div>
            <div class="field">
                <label for="compare-to">"with"</label>
                <select id="compare-to" name="to">{choices(true)}</select>
            </div>
            <button type="submit" class="secondary">"Compare"</button>
        </form>
        {compare.diff.map(|answer| match answer {
            Ok(diff) => view! { <Diff diff /> }.into_any(),
            Err(error) => view! { <p class="banner banner-error" role="alert">{error.to_string()}</p> }.into_any(),
        })}
    }
}

#[component]
fn Diff(diff: VersionDiff) -> impl IntoView {
    let title = format!("From version {} to version {}", diff.from, diff.to);
    if diff.changes.is_empty() {
        return view! { <p class="diff-empty" id="diff">{title} ": no field differs."</p> }
            .into_any();
    }
    let rows = diff
        .changes
        .into_iter()
        .map(|change| {
            view! {
                <tr>
                    <th scope="row">{change.label}</th>
                    <td class="before">{change.before}</td>
                    <td class="after">{change.after}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="diff" id="diff">
            <caption>{title}</caption>
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">{format!("Version {}", diff.from)}</th>
                    <th scope="col">{format!("Version {}", diff.to)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub(super) fn Events(life: RwSignal<JobLife>) -> impl IntoView {
    view! {
        <section aria-labelledby="events-title">
            <h2 id="events-title">"Events"</h2>
            {move || view! { <EventsTable events=life.read().events.clone() /> }}
        </section>
    }
    .into_any()
}

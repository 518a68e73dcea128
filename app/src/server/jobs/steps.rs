//! Carrying an update out, one step at a time: `stop` (with a savepoint if asked), `update`,
//! `start` (from that savepoint), or `update` alone when DLI takes the change live. Each step
//! is written before its DLI call and after DLI's answer, so whoever claims the update next (this
//! instance after a crash, or another) reads where it is and what DLI may already have done, and
//! looks at the job before acting again: a stop or start is never sent twice for one step unless
//! its effect never showed. An update that cannot go on says so: which step, why, and the state
//! it leaves the job in.

use super::actions::{ended_with, look};
use super::events::{Action, keep};
use crate::domain::DliStatus;
use crate::server::errors::recorded;
use crate::server::state::AppState;
use crate::server::store::{AcceptedUpdate, JobUpdate, Step, StepChange, UpdateMode};
use dli::{DliError, DliErrorKind, FlinkJob, Outcome, now_ms};
use serde_json::{Value, json};

/// DLI calls of one step that fail without settling it, before the update stops there.
const MOST_TRIES: i64 = 5;
/// How many poll intervals a stop or start that DLI may have taken gets to show in the job's
/// status (DLI marks the job at once) before it is sent again.
const RESEND_AFTER_POLLS: u32 = 5;
/// The most updates one poller round carries on.
const ROUND_SIZE: u32 = 20;

/// Carries every update whose time has come a step further: the poller leader's part.
pub async fn carry_on_due(state: &AppState) {
    let due = match state.store.updates_due(now_ms(), ROUND_SIZE).await {
        Ok(due) => due,
        Err(error) => {
            tracing::warn!(error = %dli::chain(&error), "cannot read the updates under way");
            return;
        }
    };
    for id in due {
        carry_on(state, id).await;
    }
}

/// Claims the update and moves it as far as it goes now: to its end, or to a step that waits
/// for DLI. Nothing when another instance holds it.
pub async fn carry_on(state: &AppState, id: i64) {
    let now = now_ms();
    // Long enough for the DLI calls of a few steps; a crashed holder's claim runs out after it.
    let claim_ms = 4 * state.dli_timeout.as_millis() as i64;
    let mut update = match state.store.claim_update(id, now, now + claim_ms).await {
        Ok(Some(update)) => update,
        Ok(None) => return,
        Err(error) => {
            tracing::warn!(error = %dli::chain(&error), update = id, "cannot claim an update");
            return;
        }
    };
    let dli_job_id = match state.store.get(update.job_id).await {
        Ok(Some(record)) => record.dli_job_id,
        Ok(None) => None,
        Err(error) => {
            tracing::warn!(error = %dli::chain(&error), update = id, "cannot read an update's job");
            return release(state, id).await;
        }
    };
    let Some(dli_job_id) = dli_job_id else {
        let gone = Move::failed("The job has no DLI job any more.".into());
        let _ = write(state, &update, gone).await;
        return release(state, id).await;
    };
    loop {
        let next = advance(state, &update, dli_job_id).await;
        let again = next.again;
        match write(state, &update, next).await {
            Some(moved) => update = moved,
            None => break,
        }
        if !again || update.step.is_over() {
            break;
        }
    }
    release(state, id).await;
}

async fn release(state: &AppState, id: i64) {
    if let Err(error) = state.store.release_update(id).await {
        tracing::warn!(error = %dli::chain(&error), update = id, "cannot release an update; its claim expires by itself");
    }
}

/// Writes the move; the update as it is now, or none when the history failed (the claim
/// expires and the step is looked at again).
async fn write(state: &AppState, update: &JobUpdate, next: Move) -> Option<JobUpdate> {
    let accepted = next.accepted.as_ref().map(|body| AcceptedUpdate {
        request_body: body,
        dli_request_id: None,
        message: None,
    });
    match state
        .store
        .move_update(update, &next.change, accepted, now_ms())
        .await
    {
        Ok(moved) => {
            if moved.step != update.step {
                tracing::info!(update = update.id, record = update.job_id, from = %update.step, to = %moved.step, "update moved on");
            }
            Some(moved)
        }
        Err(error) => {
            tracing::error!(error = %dli::chain(&error), update = update.id, "cannot record an update's step");
            None
        }
    }
}

/// Where one look at the job takes the update.
struct Move {
    change: StepChange,
    /// The body DLI accepted, when this move records it as the job's next version.
    accepted: Option<String>,
    /// Whether to go on at once (the next step can start now).
    again: bool,
}

impl Move {
    fn to(step: Step, message: Option<String>) -> Move {
        Move {
            change: StepChange {
                step,
                sent_at_ms: None,
                tries: 0,
                next_at_ms: now_ms(),
                message,
            },
            accepted: None,
            again: true,
        }
    }

    fn failed(message: String) -> Move {
        Move {
            again: false,
            ..Move::to(Step::Failed, Some(message))
        }
    }

    /// Looks again after a poll interval, the step as it is.
    fn wait(update: &JobUpdate, state: &AppState, sent_at_ms: Option<i64>, message: &str) -> Move {
        Move {
            change: StepChange {
                step: update.step,
                sent_at_ms,
                tries: update.tries,
                next_at_ms: now_ms() + state.poll_interval.as_millis() as i64,
                message: Some(message.to_owned()),
            },
            accepted: None,
            again: false,
        }
    }

    /// A DLI call that failed without settling the step: tried again later, up to
    /// `MOST_TRIES`, then the update stops here. `sent_at_ms` stays when DLI may have acted.
    fn retry(
        update: &JobUpdate,
        state: &AppState,
        error: &DliError,
        sent_at_ms: Option<i64>,
    ) -> Move {
        let tries = update.tries + 1;
        let why = recorded(error).message;
        if tries >= MOST_TRIES {
            return Move::failed(format!(
                "{} failed {tries} times ({why}). {}",
                step_name(update.step),
                job_state(update)
            ));
        }
        // 1, 2, 4, 8 poll intervals: DLI's blips pass in seconds.
        let backoff_ms = (state.poll_interval.as_millis() as i64) << (tries - 1);
        Move {
            change: StepChange {
                step: update.step,
                sent_at_ms,
                tries,
                next_at_ms: now_ms() + backoff_ms,
                message: Some(format!("DLI failed ({why}); trying again.")),
            },
            accepted: None,
            again: false,
        }
    }
}

/// One look at the job, and the one DLI call the step needs, if any.
async fn advance(state: &AppState, update: &JobUpdate, dli_job_id: i64) -> Move {
    let job = match look(state, update.job_id, dli_job_id).await {
        Ok(Some(job)) => job,
        Ok(None) => return Move::failed("The job is gone from DLI.".into()),
        Err(error) => return Move::retry(update, state, &error, update.sent_at_ms),
    };
    let status = job.status.as_deref().and_then(DliStatus::parse);
    match update.step {
        Step::Stop => stop(state, update, dli_job_id, status).await,
        Step::Update => put(state, update, dli_job_id, &job, status).await,
        Step::Start => start(state, update, dli_job_id, &job, status).await,
        Step::Done | Step::Failed => Move::failed(update.message.clone().unwrap_or_default()),
    }
}

/// Running or about to: DLI takes only live changes, and a restart must stop it first.
pub(super) fn holds_running(status: Option<DliStatus>) -> bool {
    matches!(
        status,
        Some(
            DliStatus::Submitting
                | DliStatus::Downloading
                | DliStatus::Running
                | DliStatus::Savepointing
                | DliStatus::Canceling
        )
    )
}

async fn stop(
    state: &AppState,
    update: &JobUpdate,
    dli_job_id: i64,
    status: Option<DliStatus>,
) -> Move {
    if !holds_running(status) {
        return Move::to(Step::Update, Some("The job is stopped.".into()));
    }
    let savepoint = update.mode == UpdateMode::RestartFromSavepoint;
    match status {
        Some(DliStatus::Canceling | DliStatus::Savepointing) => {
            return Move::wait(update, state, update.sent_at_ms, "Stopping the job.");
        }
        Some(DliStatus::Submitting | DliStatus::Downloading) if savepoint => {
            // A savepoint needs a running job: there is no state to save before.
            return Move::wait(
                update,
                state,
                None,
                "Waiting for the job to run to save it.",
            );
        }
        _ => {}
    }
    if recently_sent(update, state) {
        return Move::wait(update, state, update.sent_at_ms, "Stopping the job.");
    }
    let Some(sent_at_ms) = mark_sent(state, update).await else {
        return Move::wait(update, state, None, "Waiting for the history.");
    };
    let answer = state.dli.stop_jobs(&[dli_job_id], savepoint).await;
    let detail = json!({ "trigger_savepoint": savepoint, "update": update.id });
    let sent = Sent {
        event: action(update, "stop", detail),
        at_ms: sent_at_ms,
        waiting: "Stopping the job.",
    };
    settle(state, update, sent, answer, |refusal| {
        format!(
            "DLI refused to stop the job: {refusal}. {}",
            job_state(update)
        )
    })
    .await
}

async fn put(
    state: &AppState,
    update: &JobUpdate,
    dli_job_id: i64,
    job: &FlinkJob,
    status: Option<DliStatus>,
) -> Move {
    let running = holds_running(status);
    if running && update.mode != UpdateMode::Direct {
        return Move::failed(format!(
            "The job was started again before its update was sent, so nothing was changed: it runs version {}.",
            update.base_version
        ));
    }
    let live_bucket = job
        .job_config
        .as_ref()
        .and_then(|config| config.obs_bucket.as_deref());
    let body = match running {
        true => without_unchanged_bucket(&update.request_body, live_bucket),
        false => update.request_body.clone(),
    };
    if mark_sent(state, update).await.is_none() {
        return Move::wait(update, state, None, "Waiting for the history.");
    }
    let detail = json!({ "update": update.id, "fields": update.changed_fields() });
    let event = action(update, update.action_name(), detail);
    match state.dli.update_flink_jar_job(dli_job_id, &body).await {
        Ok(updated) => {
            keep(state, event.succeeded(updated.message)).await;
            let next = match update.mode {
                UpdateMode::Direct => Step::Done,
                UpdateMode::Restart | UpdateMode::RestartFromSavepoint => Step::Start,
            };
            Move {
                accepted: Some(body),
                ..Move::to(next, Some("DLI accepted the update.".into()))
            }
        }
        Err(error) => {
            keep(state, ended_with(event, &error)).await;
            match error.kind() {
                DliErrorKind::InvalidRequest | DliErrorKind::Auth | DliErrorKind::NotFound
                    if !error.may_have_been_processed() =>
                {
                    Move::failed(format!(
                        "DLI refused the update: {}. {}",
                        recorded(&error).message,
                        job_state(update)
                    ))
                }
                // Sent again as it is recomputed: over a stopped job the same body twice
                // leaves the same settings, and over a running one the bucket DLI already
                // holds is left out, so a lost first answer does not make the repeat refused.
                _ => Move::retry(update, state, &error, None),
            }
        }
    }
}

async fn start(
    state: &AppState,
    update: &JobUpdate,
    dli_job_id: i64,
    job: &FlinkJob,
    status: Option<DliStatus>,
) -> Move {
    let version = update.version.unwrap_or(update.base_version + 1);
    match status {
        Some(DliStatus::Running) => {
            return Move::to(Step::Done, Some(format!("The job runs version {version}.")));
        }
        Some(DliStatus::Submitting | DliStatus::Downloading) => {
            return Move::wait(update, state, update.sent_at_ms, "Starting the job.");
        }
        Some(DliStatus::SubmitFail) if update.sent_at_ms.is_some() => {
            let why = job.status_desc.as_deref().unwrap_or("no reason given");
            return Move::failed(format!(
                "The job has version {version} but failed to start ({why}); it is stopped."
            ));
        }
        _ => {}
    }
    if recently_sent(update, state) {
        return Move::wait(update, state, update.sent_at_ms, "Starting the job.");
    }
    let from_savepoint =
        update.mode == UpdateMode::RestartFromSavepoint && job.has_savepoint == Some(true);
    let Some(sent_at_ms) = mark_sent(state, update).await else {
        return Move::wait(update, state, None, "Waiting for the history.");
    };
    let answer = state.dli.run_jobs(&[dli_job_id], from_savepoint).await;
    let detail = json!({ "resume_savepoint": from_savepoint, "update": update.id });
    let sent = Sent {
        event: action(update, "start", detail),
        at_ms: sent_at_ms,
        waiting: "Starting the job.",
    };
    settle(state, update, sent, answer, |refusal| {
        format!(
            "The job has version {version} but DLI refused to start it: {refusal}. It is stopped; start it from its page."
        )
    })
    .await
}

/// A stop or start the step sent: its event, when it went out, and what the page says while
/// its effect is awaited.
struct Sent<'a> {
    event: Action<'a>,
    at_ms: i64,
    waiting: &'static str,
}

/// Records DLI's answer to a stop or start (per job inside a 200) and where it takes the
/// update: waiting for the effect, stopped by a refusal, or tried again after a failure.
async fn settle(
    state: &AppState,
    update: &JobUpdate,
    sent: Sent<'_>,
    answer: Result<Vec<Outcome>, DliError>,
    refusal_message: impl FnOnce(&str) -> String,
) -> Move {
    let answer = answer.map(|outcomes| {
        outcomes
            .iter()
            .find_map(|outcome| outcome.failure_message().map(str::to_owned))
    });
    match answer {
        Ok(None) => {
            keep(state, sent.event.succeeded(None)).await;
            Move::wait(update, state, Some(sent.at_ms), sent.waiting)
        }
        Ok(Some(refusal)) => {
            let error = DliError::Unsuccessful {
                message: refusal.clone(),
            };
            keep(state, sent.event.failed(&recorded(&error))).await;
            Move::failed(refusal_message(&refusal))
        }
        Err(error) => {
            keep(state, ended_with(sent.event, &error)).await;
            let still_sent = error.may_have_been_processed().then_some(sent.at_ms);
            Move::retry(update, state, &error, still_sent)
        }
    }
}

/// Whether this step's call went out so recently that its effect may not show yet.
fn recently_sent(update: &JobUpdate, state: &AppState) -> bool {
    let resend_after_ms = (state.poll_interval * RESEND_AFTER_POLLS).as_millis() as i64;
    update
        .sent_at_ms
        .is_some_and(|at| now_ms() - at < resend_after_ms)
}

/// Writes that the step's DLI call is about to go out, before it does: after a crash the next
/// look knows DLI may have acted. The time written, or none when the history failed.
async fn mark_sent(state: &AppState, update: &JobUpdate) -> Option<i64> {
    let now = now_ms();
    let change = StepChange {
        step: update.step,
        sent_at_ms: Some(now),
        tries: update.tries,
        next_at_ms: now,
        message: update.message.clone(),
    };
    match state.store.move_update(update, &change, None, now).await {
        Ok(_) => Some(now),
        Err(error) => {
            tracing::error!(error = %dli::chain(&error), update = update.id, "cannot record that a step is sent");
            None
        }
    }
}

/// The update body without `obs_bucket` when DLI holds that bucket already: DLI refuses an
/// unchanged `obs_bucket` on a running job (docs/dli-api.md §2).
fn without_unchanged_bucket(body: &str, live_bucket: Option<&str>) -> String {
    let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(body) else {
        return body.to_owned();
    };
    let unchanged = match fields.get("obs_bucket") {
        Some(Value::String(bucket)) => Some(bucket.as_str()) == live_bucket,
        _ => false,
    };
    if !unchanged {
        return body.to_owned();
    }
    fields.remove("obs_bucket");
    Value::Object(fields).to_string()
}

fn action<'a>(update: &'a JobUpdate, name: &'static str, detail: Value) -> Action<'a> {
    Action {
        job_id: update.job_id,
        actor: &update.actor,
        action: name,
        detail: Some(detail.to_string()),
        dli_request_id: None,
    }
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::Stop => "Stopping the job",
        Step::Update => "Sending the update",
        Step::Start => "Starting the job",
        Step::Done | Step::Failed => "The update",
    }
}

/// The state an update that stops at its step leaves the job in, for the page.
fn job_state(update: &JobUpdate) -> String {
    let base = update.base_version;
    match (update.step, update.mode) {
        (Step::Stop, _) | (Step::Update, UpdateMode::Direct) => {
            format!("Nothing was changed: the job keeps version {base}.")
        }
        (Step::Update, _) => format!(
            "The job is stopped and keeps version {base}; start it from its page, or update it again."
        ),
        _ => format!(
            "The job has version {} and is stopped; start it from its page.",
            update.version.unwrap_or(base + 1)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::without_unchanged_bucket;

    #[test]
    fn an_unchanged_bucket_is_left_out_and_a_changed_one_kept() {
        let body = r#"{"name":"a","obs_bucket":"logs","job_type":"flink_jar_job"}"#;
        assert_eq!(
            without_unchanged_bucket(body, Some("logs")),
            r#"{"job_type":"flink_jar_job","name":"a"}"#
        );
        assert_eq!(without_unchanged_bucket(body, Some("older")), body);
        assert_eq!(without_unchanged_bucket(body, None), body);
    }
}

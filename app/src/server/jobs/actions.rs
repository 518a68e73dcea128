//! Start, stop, delete and refresh one job of the history on DLI, keeping the record in step
//! with what DLI says, and each action in the job's events.

use super::events::{Action, keep};
use crate::domain::DliStatus;
use crate::error::AppError;
use crate::server::errors::{from_dli, from_store, recorded};
use crate::server::request::Caller;
use crate::server::state::AppState;
use crate::server::store::{JobEvent, JobRecord, StoreError};
use dli::now_ms;
use dli::{DliError, DliErrorKind, FlinkJob, Outcome};
use serde_json::json;
use std::time::Duration;

/// Runs the job, from its latest savepoint when `resume_savepoint`.
pub async fn start(caller: &Caller, id: i64, resume_savepoint: bool) -> Result<(), AppError> {
    let dli_job_id = live_job(caller, id).await?;
    start_record(caller, id, dli_job_id, resume_savepoint)
        .await
        .map(|_| ())
}

pub async fn stop(caller: &Caller, id: i64, savepoint: bool) -> Result<(), AppError> {
    let dli_job_id = live_job(caller, id).await?;
    let answer = caller.state.dli.stop_jobs(&[dli_job_id], savepoint).await;
    let stopping = asked(
        caller,
        id,
        "stop",
        json!({ "trigger_savepoint": savepoint }),
    );
    settle(caller, stopping, dli_job_id, answer)
        .await
        .map(|_| ())
}

pub async fn delete(caller: &Caller, id: i64) -> Result<(), AppError> {
    let dli_job_id = live_job(caller, id).await?;
    let deleting = asked(caller, id, "delete", serde_json::Value::Null);
    match caller.state.dli.delete_job(dli_job_id).await {
        Ok(()) => keep(&caller.state, deleting.succeeded(None)).await,
        // Gone already (deleted in the console, say): the history says so too.
        Err(error) if error.kind() == DliErrorKind::NotFound => {
            let message = Some("DLI no longer had the job.".to_owned());
            keep(&caller.state, deleting.succeeded(message)).await;
        }
        Err(error) => {
            remember_error(caller, id, Some(&error)).await;
            keep(&caller.state, ended_with(deleting, &error)).await;
            return Err(from_dli(&error));
        }
    }
    tracing::info!(record = id, dli_job_id, by = %caller.user, "job deleted on DLI");
    caller
        .state
        .store
        .mark_deleted(id, now_ms())
        .await
        .map_err(from_store)
}

/// Runs the job; its status read back from DLI right after, so that the page shows it at once.
pub(super) async fn start_record(
    caller: &Caller,
    record_id: i64,
    dli_job_id: i64,
    resume_savepoint: bool,
) -> Result<Option<String>, AppError> {
    let answer = caller
        .state
        .dli
        .run_jobs(&[dli_job_id], resume_savepoint)
        .await;
    let detail = json!({ "resume_savepoint": resume_savepoint });
    let starting = asked(caller, record_id, "start", detail);
    settle(caller, starting, dli_job_id, answer).await
}

/// The event of `caller`'s `action` on record `job_id`; `detail` is what was asked (null: nothing).
pub(super) fn asked<'a>(
    caller: &'a Caller,
    job_id: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> Action<'a> {
    Action {
        job_id,
        actor: &caller.user,
        action,
        detail: (!detail.is_null()).then(|| detail.to_string()),
        dli_request_id: None,
    }
}

/// The event of an action DLI failed: refused, or unanswered when it may have acted.
pub(super) fn ended_with(mut action: Action<'_>, error: &DliError) -> JobEvent {
    action.dli_request_id = error.request_id().map(str::to_owned);
    let kept = recorded(error);
    match error.may_have_been_processed() {
        true => action.unanswered(&kept),
        false => action.failed(&kept),
    }
}

/// Records how a run or stop went (DLI answers per job inside a 200), then refreshes: the status
/// DLI reports now, when it could be read.
async fn settle(
    caller: &Caller,
    action: Action<'_>,
    dli_job_id: i64,
    answer: Result<Vec<Outcome>, DliError>,
) -> Result<Option<String>, AppError> {
    let record_id = action.job_id;
    let answer = answer.map(|outcomes| {
        outcomes
            .iter()
            .find_map(|outcome| outcome.failure_message().map(str::to_owned))
    });
    match answer {
        Ok(None) => {
            remember_error(caller, record_id, None).await;
            keep(&caller.state, action.succeeded(None)).await;
            match refresh(&caller.state, record_id, dli_job_id).await {
                Ok(status) => Ok(status),
                Err(error) => {
                    tracing::warn!(error = %dli::chain(&error), record = record_id, "status refresh after an action failed; the poller retries");
                    Ok(None)
                }
            }
        }
        Ok(Some(refusal)) => {
            let error = DliError::Unsuccessful { message: refusal };
            remember_error(caller, record_id, Some(&error)).await;
            keep(&caller.state, action.failed(&recorded(&error))).await;
            Err(AppError::Rejected {
                code: "DLI".into(),
                message: error.dli_message().unwrap_or_default().to_owned(),
            })
        }
        Err(error) => {
            remember_error(caller, record_id, Some(&error)).await;
            keep(&caller.state, ended_with(action, &error)).await;
            Err(from_dli(&error))
        }
    }
}

pub(super) async fn remember_error(caller: &Caller, record_id: i64, error: Option<&DliError>) {
    let kept = error.map(recorded);
    if let Err(store_error) = caller
        .state
        .store
        .record_error(record_id, kept.as_ref())
        .await
    {
        tracing::error!(error = %dli::chain(&store_error), record = record_id, "could not record an action's outcome");
    }
}

/// The DLI job id of record `id`, for an action on a job that exists on DLI.
pub(super) async fn live_job(caller: &Caller, id: i64) -> Result<i64, AppError> {
    caller.may_act()?;
    let record = caller.state.store.get(id).await.map_err(from_store)?;
    on_dli(record.as_ref())
}

/// The DLI job id of a record, when there is one to act on.
pub(super) fn on_dli(record: Option<&JobRecord>) -> Result<i64, AppError> {
    let record = record.ok_or(AppError::NotFound)?;
    if record.deleted_at_ms.is_some() {
        return Err(AppError::Rejected {
            code: "deleted".into(),
            message: "This job was deleted on DLI.".into(),
        });
    }
    record.dli_job_id.ok_or_else(|| AppError::Rejected {
        code: record.outcome.as_str().into(),
        message: "This attempt has no DLI job (yet), so there is nothing to act on.".into(),
    })
}

/// Asks DLI for the job's status, records it, and schedules the next look: soon while the
/// job is changing, rarely while it is steady, never once it is final. The status recorded;
/// none when the job is gone from DLI.
pub async fn refresh(
    state: &AppState,
    record_id: i64,
    dli_job_id: i64,
) -> Result<Option<String>, DliError> {
    let job = look(state, record_id, dli_job_id).await?;
    Ok(job.map(|job| job.status.unwrap_or_else(|| "unknown".to_owned())))
}

/// [`refresh`], answering with all DLI said of the job (its settings, its savepoint).
pub(super) async fn look(
    state: &AppState,
    record_id: i64,
    dli_job_id: i64,
) -> Result<Option<FlinkJob>, DliError> {
    let store = &state.store;
    let job = match state.dli.show_job(dli_job_id).await {
        Ok(job) => job,
        Err(error) if error.kind() == DliErrorKind::NotFound => {
            tracing::info!(record = record_id, dli_job_id, "the job is gone from DLI");
            log_store(store.mark_deleted(record_id, now_ms()).await, record_id);
            return Ok(None);
        }
        Err(error) => {
            log_store(
                store
                    .schedule_poll(record_id, Some(now_ms() + ERROR_BACKOFF_MS))
                    .await,
                record_id,
            );
            return Err(error);
        }
    };
    let status = job.status.as_deref().unwrap_or("unknown");
    let now = now_ms();
    log_store(
        store
            .record_status(record_id, status, job.status_desc.as_deref(), now)
            .await
            .map(|_| ()),
        record_id,
    );
    if let Some(has_savepoint) = job.has_savepoint {
        log_store(
            store.record_savepoint(record_id, has_savepoint).await,
            record_id,
        );
    }
    let next = next_poll_in(status, state.poll_interval).map(|wait| now + wait.as_millis() as i64);
    log_store(store.schedule_poll(record_id, next).await, record_id);
    Ok(Some(job))
}

const ERROR_BACKOFF_MS: i64 = 60_000;

/// Changing statuses every interval, steady ones ten times less often, final ones never; a
/// status DLI has not documented counts as steady.
fn next_poll_in(status: &str, interval: Duration) -> Option<Duration> {
    match DliStatus::parse(status) {
        Some(status) if status.is_final() => None,
        Some(status) if status.is_changing() => Some(interval),
        _ => Some(interval * STEADY_SLOWER),
    }
}

/// How many times less often a steady job (running, say) is polled than a changing one.
const STEADY_SLOWER: u32 = 10;

fn log_store(result: Result<(), StoreError>, record: i64) {
    if let Err(error) = result {
        tracing::error!(error = %dli::chain(&error), record, "could not record a status");
    }
}

#[cfg(test)]
mod tests {
    use super::{Duration, STEADY_SLOWER, next_poll_in};

    #[test]
    fn changing_jobs_are_polled_every_interval_steady_ones_ten_times_less_and_final_ones_never() {
        let interval = Duration::from_secs(2);
        assert_eq!(STEADY_SLOWER, 10);
        for changing in ["job_submitting", "job_canceling", "job_savepointing"] {
            assert_eq!(
                next_poll_in(changing, interval),
                Some(interval),
                "{changing}"
            );
        }
        for steady in [
            "job_running",
            "job_init",
            "job_cancel_fail",
            "job_from_the_future",
        ] {
            assert_eq!(
                next_poll_in(steady, interval),
                Some(interval * 10),
                "{steady}"
            );
        }
        for finished in ["job_finish", "job_cancel_success", "job_submit_fail"] {
            assert_eq!(next_poll_in(finished, interval), None, "{finished}");
        }
    }
}

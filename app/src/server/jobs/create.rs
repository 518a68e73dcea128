//! Creating a job that a client can retry blindly. The attempt is written before DLI is called
//! and settled after; the same request repeated under its person's idempotency key gets the
//! first outcome, moved on where it can be: reconciled once its time has come, or sent again
//! when the earlier try provably made nothing. Each request sends DLI at most one create.

use super::{
    actions,
    events::{Action, keep},
    reconcile,
};
use crate::domain::{FieldErrors, JobForm, JobSpec};
use crate::error::AppError;
use crate::model::{CreatedJob, JobDraft};
use crate::server::errors::{from_dli, from_recorded, from_store, recorded};
use crate::server::request::Caller;
use crate::server::store::{Inserted, JobRecord, NewAttempt, Outcome, StoreError};
use dli::{DliError, DliErrorKind, now_ms};
use std::time::Duration;

/// How long after an answer that may have been lost the portal asks DLI's job list: long enough
/// for a job DLI made to show in it, short enough that the client's answer comes soon.
const SETTLE: Duration = Duration::from_millis(1500);

/// The form to start from: empty, or a copy of an earlier job's request.
pub async fn draft(caller: &Caller, copy_of: Option<i64>) -> Result<JobDraft, AppError> {
    if let Some(submitted) = leptos::prelude::use_context::<JobDraft>() {
        // A post without JavaScript, sent back with its errors.
        return Ok(submitted);
    }
    let form = match copy_of {
        Some(id) => copy_form(caller, id).await?,
        None => JobForm::default(),
    };
    Ok(JobDraft {
        queues: caller.state.queues(),
        copied_from: copy_of,
        ..JobDraft::new(form, new_idempotency_key(), false)
    })
}

pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn copy_form(caller: &Caller, id: i64) -> Result<JobForm, AppError> {
    let record = caller.state.store.get(id).await.map_err(from_store)?;
    let record = record.ok_or(AppError::NotFound)?;
    let spec = JobSpec::from_request_json(&record.request_body).map_err(|error| {
        tracing::error!(%error, id, "a stored request body no longer parses");
        AppError::NotFound
    })?;
    Ok(spec.to_form())
}

pub async fn create(
    caller: &Caller,
    form: &JobForm,
    idempotency_key: &str,
    start: bool,
) -> Result<CreatedJob, AppError> {
    caller.may_act()?;
    let spec = form.parse().map_err(AppError::Invalid)?;
    check_idempotency_key(idempotency_key)?;
    let body = spec.to_request_json();
    let store = &caller.state.store;
    // The key first: a repeat gets its request's outcome, never a refusal of its own (429).
    let earlier = store
        .get_by_idempotency_key(&caller.user, idempotency_key)
        .await
        .map_err(from_store)?;
    if let Some(record) = earlier {
        same_request(&record, &body, start)?;
        return resume(caller, record).await;
    }
    let beyond_guardrails = caller.state.access.guardrails.check(form);
    if !beyond_guardrails.is_empty() {
        return Err(AppError::Invalid(beyond_guardrails));
    }
    caller
        .state
        .access
        .take_create(&caller.user)
        .map_err(|wait| {
            tracing::warn!(user = %caller.user, "create refused: rate limit");
            AppError::Throttled {
                retry_after_secs: wait.as_secs().max(1),
            }
        })?;
    let now = now_ms();
    let attempt = NewAttempt {
        idempotency_key: idempotency_key.to_string(),
        created_at_ms: now,
        created_by: caller.user.clone(),
        name: spec.name.clone(),
        queue_name: spec.queue_name.clone(),
        start_requested: start,
        request_body: body.clone(),
        reconcile_after_ms: now + in_flight_ms(caller),
    };
    // No record, no call: a job DLI made that the history cannot hold would be lost.
    match store.insert_attempt(&attempt).await.map_err(from_store)? {
        Inserted::New(record) => send(caller, record).await,
        // The same key sent twice at once: the other request is making the attempt.
        Inserted::Existing(record) => {
            same_request(&record, &body, start)?;
            resume(caller, record).await
        }
    }
}

/// How long an attempt's own request may still be waiting for DLI: a record pending longer
/// than this belongs to an instance that died, and may be reconciled.
fn in_flight_ms(caller: &Caller) -> i64 {
    (caller.state.dli_timeout + SETTLE).as_millis() as i64
}

/// A key names one request: the same key with another body is the client's mistake (422), not
/// a reason to answer with the other request's job.
fn same_request(record: &JobRecord, body: &str, start: bool) -> Result<(), AppError> {
    if record.request_body == body && record.start_requested == start {
        return Ok(());
    }
    let mut errors = FieldErrors::default();
    errors.insert(
        "idempotency_key",
        format!(
            "This key was first used for a different request (history entry {}). Send a new key for a new request.",
            record.id
        ),
    );
    Err(AppError::Invalid(errors))
}

/// Answers a repeat with what became of its request, moving it on where it can.
async fn resume(caller: &Caller, record: JobRecord) -> Result<CreatedJob, AppError> {
    let now = now_ms();
    let due = record.reconcile_after_ms.is_some_and(|after| after <= now);
    match record.outcome {
        Outcome::Created => first_created(caller, &record).await,
        Outcome::Failed => try_again_if_nothing_was_made(caller, record).await,
        Outcome::Pending | Outcome::Unknown if due => {
            let settled = reconcile::settle(&caller.state, &record)
                .await
                .map_err(|error| unknown_after(&record, &error))?;
            match settled.outcome {
                Outcome::Created => first_created(caller, &settled).await,
                Outcome::Failed => try_again_if_nothing_was_made(caller, settled).await,
                _ => Err(still_unknown(&settled)),
            }
        }
        Outcome::Pending => Err(AppError::InProgress {
            record_id: record.id,
        }),
        Outcome::Unknown => Err(still_unknown(&record)),
    }
}

/// A failed attempt is sent again when its failure said "repeat it" (DLI refused before acting,
/// could not be reached, or had no job after all); otherwise its refusal is the answer again.
async fn try_again_if_nothing_was_made(
    caller: &Caller,
    record: JobRecord,
) -> Result<CreatedJob, AppError> {
    let refusal = record
        .last_error
        .as_ref()
        .map(from_recorded)
        .unwrap_or(AppError::StoreUnavailable);
    if !refusal.is_retryable() {
        return Err(refusal);
    }
    let now = now_ms();
    match caller
        .state
        .store
        .try_again(record.id, now, now + in_flight_ms(caller))
        .await
    {
        Ok(pending) => send(caller, pending).await,
        // Another repeat of the same request got there first and is sending it.
        Err(StoreError::InvalidTransition { .. }) => Err(AppError::InProgress {
            record_id: record.id,
        }),
        Err(error) => Err(from_store(error)),
    }
}

/// Sends the attempt's exact bytes to DLI (once) and settles the record with the answer.
async fn send(caller: &Caller, record: JobRecord) -> Result<CreatedJob, AppError> {
    let store = &caller.state.store;
    let creating = |dli_request_id| Action {
        job_id: record.id,
        actor: &caller.user,
        action: "create",
        detail: None,
        dli_request_id,
    };
    let error = match caller
        .state
        .dli
        .create_flink_jar_job(&record.request_body)
        .await
    {
        Ok(created) => {
            tracing::info!(record = record.id, dli_job_id = created.job_id, name = %record.name, "DLI created the job");
            metrics::counter!("dli_portal_jobs_created_total").increment(1);
            let settled = store
                .mark_created(
                    record.id,
                    created.job_id,
                    created.status_name.as_deref(),
                    None,
                    now_ms(),
                )
                .await;
            let message = Some(format!("DLI created job {}.", created.job_id));
            keep(&caller.state, creating(None).succeeded(message)).await;
            return match settled {
                Ok(linked) => finish(caller, &linked).await,
                // DLI has the job; the record stays pending and reconciliation links it.
                Err(error) => {
                    tracing::error!(error = %dli::chain(&error), record = record.id, dli_job_id = created.job_id, "could not record a created job");
                    Err(AppError::OutcomeUnknown {
                        record_id: record.id,
                        retry_after_secs: SETTLE.as_secs().max(1),
                    })
                }
            };
        }
        Err(error) => error,
    };
    let kept = recorded(&error);
    let request_id = error.request_id().map(str::to_owned);
    if !error.may_have_been_processed() {
        if let Err(store_error) = store.mark_failed(record.id, &kept, now_ms()).await {
            tracing::error!(error = %dli::chain(&store_error), record = record.id, "could not mark the attempt failed; it stays pending and is reconciled");
        }
        keep(&caller.state, creating(request_id).failed(&kept)).await;
        return Err(from_dli(&error));
    }
    // DLI may have made the job: find out from its job list, after a moment for it to show.
    tracing::warn!(error = %dli::chain(&error), record = record.id, "DLI's answer to a create was lost; reconciling");
    let reconcile_after = now_ms() + SETTLE.as_millis() as i64;
    let unknown = match store
        .mark_unknown(record.id, &kept, now_ms(), reconcile_after)
        .await
    {
        Ok(unknown) => unknown,
        Err(store_error) => {
            tracing::error!(error = %dli::chain(&store_error), record = record.id, "could not mark the attempt unknown; it stays pending and is reconciled");
            return Err(unknown_after(&record, &error));
        }
    };
    keep(&caller.state, creating(request_id).unanswered(&kept)).await;
    if error.kind() == DliErrorKind::Timeout {
        // This request has waited for DLI long enough; the repeat finds out.
        return Err(still_unknown(&unknown));
    }
    tokio::time::sleep(SETTLE).await;
    let settled = reconcile::settle(&caller.state, &unknown)
        .await
        .map_err(|list_error| unknown_after(&unknown, &list_error))?;
    match settled.outcome {
        Outcome::Created => finish(caller, &settled).await,
        Outcome::Failed => Err(settled
            .last_error
            .as_ref()
            .map(from_recorded)
            .unwrap_or(AppError::StoreUnavailable)),
        _ => Err(still_unknown(&settled)),
    }
}

/// A job the first request created: the same answer again, and the start it asked for if that
/// never happened (the instance that created it died before starting it).
async fn first_created(caller: &Caller, record: &JobRecord) -> Result<CreatedJob, AppError> {
    let never_started = record.start_requested
        && record.status.as_deref() == Some("job_init")
        && !caller
            .state
            .store
            .events_of(record.id)
            .await
            .map_err(from_store)?
            .iter()
            .any(|event| event.action == "start");
    if never_started {
        return finish(caller, record).await;
    }
    created_job(record, record.status.clone(), None)
}

/// A freshly created job, started when the request asked for it.
async fn finish(caller: &Caller, record: &JobRecord) -> Result<CreatedJob, AppError> {
    if !record.start_requested {
        return created_job(record, record.status.clone(), None);
    }
    let dli_job_id = record.dli_job_id.ok_or(AppError::StoreUnavailable)?;
    match actions::start_record(caller, record.id, dli_job_id, false).await {
        Ok(status) => created_job(record, status.or_else(|| record.status.clone()), None),
        Err(problem) => created_job(
            record,
            record.status.clone(),
            Some(format!("The job was created but not started: {problem}")),
        ),
    }
}

fn created_job(
    record: &JobRecord,
    status: Option<String>,
    start_problem: Option<String>,
) -> Result<CreatedJob, AppError> {
    let dli_job_id = record.dli_job_id.ok_or(AppError::StoreUnavailable)?;
    Ok(CreatedJob {
        record_id: record.id,
        dli_job_id,
        status,
        start_problem,
    })
}

/// The answer while reconciliation has not decided: repeat once it may have.
fn still_unknown(record: &JobRecord) -> AppError {
    let wait_ms = record
        .reconcile_after_ms
        .map_or(0, |after| after - now_ms())
        .max(0);
    AppError::OutcomeUnknown {
        record_id: record.id,
        retry_after_secs: (wait_ms as u64).div_ceil(1000).max(1),
    }
}

/// The answer when DLI's job list could not tell (or the history could not keep the answer).
fn unknown_after(record: &JobRecord, error: &DliError) -> AppError {
    tracing::warn!(error = %dli::chain(error), record = record.id, "the outcome of a create stays unknown for now");
    AppError::OutcomeUnknown {
        record_id: record.id,
        retry_after_secs: SETTLE.as_secs().max(1),
    }
}

/// Keys come from our own form (a UUID) or from automation; anything printable and short is
/// accepted so that scripts can use their own run ids.
pub(super) fn check_idempotency_key(key: &str) -> Result<(), AppError> {
    let fine = (1..=128).contains(&key.len()) && key.bytes().all(|byte| byte.is_ascii_graphic());
    if fine {
        return Ok(());
    }
    let mut errors = FieldErrors::default();
    errors.insert(
        "idempotency_key",
        "Reload the page: its submission key is missing or malformed (1 to 128 printable characters).",
    );
    Err(AppError::Invalid(errors))
}

//! Creating a job without ever losing it: the attempt is written before DLI is called and
//! updated after; a repeated submission (same idempotency key) gets the first outcome back.

use super::actions;
use crate::domain::{FieldErrors, JobForm, JobSpec};
use crate::error::AppError;
use crate::model::{CreatedJob, JobDraft};
use crate::server::errors::{from_dli, from_recorded, from_store, recorded};
use crate::server::request::Caller;
use crate::server::store::{Inserted, JobRecord, NewAttempt, Outcome};
use dli::now_ms;

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
        queues: caller.state.queues().await,
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
        tracing::error!(error = %dli::chain(&error), id, "a stored request body no longer parses");
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
    let beyond_guardrails = caller.state.access.guardrails.check(form);
    if !beyond_guardrails.is_empty() {
        return Err(AppError::Invalid(beyond_guardrails));
    }
    check_idempotency_key(idempotency_key)?;
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
    let body = spec.to_request_json();
    let attempt = NewAttempt {
        idempotency_key: idempotency_key.to_string(),
        created_at_ms: now_ms(),
        created_by: caller.user.clone(),
        name: spec.name.clone(),
        queue_name: spec.queue_name.clone(),
        start_requested: start,
        request_body: body.clone(),
    };
    // No record, no call: a job DLI made that the history cannot hold would be lost.
    let record = match caller
        .state
        .store
        .insert_attempt(&attempt)
        .await
        .map_err(from_store)?
    {
        Inserted::New(record) => record,
        Inserted::Existing(record) => return first_outcome(&record),
    };
    let store = &caller.state.store;
    let created = match caller.state.dli.create_flink_jar_job(&body).await {
        Ok(created) => created,
        Err(error) => {
            let kept = recorded(&error);
            return if error.may_have_been_processed() {
                if let Err(store_error) = store.mark_unknown(record.id, &kept, now_ms()).await {
                    tracing::error!(error = %dli::chain(&store_error), record = record.id, "could not mark the attempt unknown; it stays pending and is reconciled");
                }
                tracing::warn!(error = %dli::chain(&error), record = record.id, "DLI's answer to a create was lost; the record will be reconciled");
                Err(AppError::OutcomeUnknown {
                    record_id: record.id,
                })
            } else {
                if let Err(store_error) = store.mark_failed(record.id, &kept, now_ms()).await {
                    tracing::error!(error = %dli::chain(&store_error), record = record.id, "could not mark the attempt failed; it stays pending and is reconciled");
                }
                Err(from_dli(&error))
            };
        }
    };
    let dli_job_id = created.job_id;
    tracing::info!(record = record.id, dli_job_id, name = %spec.name, "DLI created the job");
    metrics::counter!("dli_portal_jobs_created_total").increment(1);
    if let Err(store_error) = store
        .mark_created(
            record.id,
            dli_job_id,
            created.status_name.as_deref(),
            None,
            now_ms(),
        )
        .await
    {
        // DLI has the job; the record stays pending and the poller links it by name and time.
        tracing::error!(error = %dli::chain(&store_error), record = record.id, dli_job_id, "could not record a created job");
    }
    let mut status = created.status_name.clone();
    let start_problem = if start {
        match actions::start_record(caller, record.id, dli_job_id).await {
            Ok(new_status) => {
                status = new_status.or(status);
                None
            }
            Err(problem) => Some(format!("The job was created but not started: {problem}")),
        }
    } else {
        None
    };
    Ok(CreatedJob {
        record_id: record.id,
        dli_job_id,
        status,
        start_problem,
    })
}

/// What the first submission with this key ended in, returned again for a repeat.
fn first_outcome(record: &JobRecord) -> Result<CreatedJob, AppError> {
    match (record.outcome, record.dli_job_id) {
        (Outcome::Created, Some(dli_job_id)) => Ok(CreatedJob {
            record_id: record.id,
            dli_job_id,
            status: record.status.clone(),
            start_problem: None,
        }),
        (Outcome::Failed, _) => {
            Err(record
                .last_error
                .as_ref()
                .map(from_recorded)
                .unwrap_or(AppError::OutcomeUnknown {
                    record_id: record.id,
                }))
        }
        (Outcome::Pending, _) => Err(AppError::InProgress {
            record_id: record.id,
        }),
        _ => Err(AppError::OutcomeUnknown {
            record_id: record.id,
        }),
    }
}

/// Keys come from our own form (a UUID) or from automation; anything printable and short is
/// accepted so that scripts can use their own run ids.
fn check_idempotency_key(key: &str) -> Result<(), AppError> {
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

//! One action on several jobs of the history: start and stop in one DLI call for all of them,
//! delete in DLI's batch delete. Each job is checked on its own (it exists, is on DLI, is not
//! deleted), gets its own result from DLI's per-job answer, and its own event.

use super::actions::{asked, ended_with, on_dli, refresh, remember_error};
use super::events::keep;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::model::{BatchAction, BatchDraft, BatchResult, BatchResults};
use crate::server::errors::{from_store, recorded};
use crate::server::request::Caller;
use dli::{DliError, Outcome, now_ms};
use serde_json::json;

/// The most jobs one batch acts on: a history page's worth.
pub const MOST_IN_A_BATCH: usize = 50;

/// What the batch does beyond its action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOptions {
    pub trigger_savepoint: bool,
    pub resume_savepoint: bool,
}

pub async fn batch(
    caller: &Caller,
    action: BatchAction,
    ids: &[i64],
    options: BatchOptions,
) -> Result<BatchResults, AppError> {
    caller.may_act()?;
    check_ids(ids)?;
    let records = caller.state.store.get_many(ids).await.map_err(from_store)?;
    // Each job asked: its DLI id, or why it cannot be acted on.
    let targets: Vec<(i64, Result<i64, String>)> = ids
        .iter()
        .map(|&id| {
            let record = records.iter().find(|record| record.id == id);
            (id, on_dli(record).map_err(|error| error.to_string()))
        })
        .collect();
    let dli_ids: Vec<i64> = targets
        .iter()
        .filter_map(|(_, target)| target.as_ref().ok().copied())
        .collect();
    let answer = match (dli_ids.is_empty(), action) {
        (true, _) => Ok(Vec::new()),
        (false, BatchAction::Start) => {
            let resume = options.resume_savepoint;
            caller.state.dli.run_jobs(&dli_ids, resume).await
        }
        (false, BatchAction::Stop) => {
            let savepoint = options.trigger_savepoint;
            caller.state.dli.stop_jobs(&dli_ids, savepoint).await
        }
        (false, BatchAction::Delete) => caller.state.dli.delete_jobs(&dli_ids).await,
    };
    tracing::info!(action = action.as_str(), jobs = dli_ids.len(), by = %caller.user, ok = answer.is_ok(), "batch");
    let mut outcomes = answer.as_ref().map(|outcomes| outcomes.iter());
    let mut results = Vec::with_capacity(ids.len());
    for (id, target) in targets {
        let result = match target {
            Err(why) => Err(why),
            Ok(dli_job_id) => {
                // DLI answers in the order of the ids sent (docs/dli-api.md §2).
                let outcome = match &mut outcomes {
                    Ok(outcomes) => Ok(outcomes.next()),
                    Err(error) => Err(*error),
                };
                settle(caller, action, options, id, dli_job_id, outcome).await
            }
        };
        results.push(BatchResult {
            id,
            ok: result.is_ok(),
            error: result.err(),
        });
    }
    Ok(BatchResults { results })
}

/// The batch page before it runs: the jobs it names, for the person to confirm. (A batch a
/// browser without JavaScript posted comes back with its results.)
pub async fn batch_draft(
    caller: &Caller,
    action: Option<BatchAction>,
    ids: &[i64],
) -> Result<BatchDraft, AppError> {
    if let Some(posted) = leptos::prelude::use_context::<BatchDraft>() {
        return Ok(posted);
    }
    let Some(action) = action else {
        let mut errors = FieldErrors::default();
        errors.insert("action", "Choose Start, Stop or Delete in the history.");
        return Err(AppError::Invalid(errors));
    };
    check_ids(ids)?;
    let mut jobs = super::statuses(caller, ids).await?;
    jobs.sort_by_key(|job| ids.iter().position(|id| *id == job.id));
    Ok(BatchDraft {
        action,
        jobs,
        // Stopping keeps the jobs' state unless the person says otherwise.
        trigger_savepoint: action == BatchAction::Stop,
        resume_savepoint: false,
        results: None,
        problem: None,
    })
}

fn check_ids(ids: &[i64]) -> Result<(), AppError> {
    let mut seen = std::collections::HashSet::new();
    let problem = if ids.is_empty() {
        Some("Choose at least one job.".to_owned())
    } else if ids.len() > MOST_IN_A_BATCH {
        Some(format!("Choose at most {MOST_IN_A_BATCH} jobs at a time."))
    } else if !ids.iter().all(|id| seen.insert(*id)) {
        Some("Name each job once.".to_owned())
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(message) => {
            let mut errors = FieldErrors::default();
            errors.insert("ids", message);
            Err(AppError::Invalid(errors))
        }
    }
}

/// Records how the batch went for one job, from DLI's answer for it (`Err`: for the whole call).
async fn settle(
    caller: &Caller,
    action: BatchAction,
    options: BatchOptions,
    id: i64,
    dli_job_id: i64,
    outcome: Result<Option<&Outcome>, &DliError>,
) -> Result<(), String> {
    let detail = match action {
        BatchAction::Start => {
            json!({ "batch": true, "resume_savepoint": options.resume_savepoint })
        }
        BatchAction::Stop => {
            json!({ "batch": true, "trigger_savepoint": options.trigger_savepoint })
        }
        BatchAction::Delete => json!({ "batch": true }),
    };
    let event = asked(caller, id, action.as_str(), detail);
    let refusal = match outcome {
        Err(error) => {
            remember_error(caller, id, Some(error)).await;
            keep(&caller.state, ended_with(event, error)).await;
            return Err(recorded(error).message);
        }
        Ok(None) => Some("DLI gave no answer for this job.".to_owned()),
        Ok(Some(outcome)) => outcome.failure_message().map(str::to_owned),
    };
    if let Some(refusal) = refusal {
        let error = DliError::Unsuccessful { message: refusal };
        remember_error(caller, id, Some(&error)).await;
        keep(&caller.state, event.failed(&recorded(&error))).await;
        return Err(recorded(&error).message);
    }
    remember_error(caller, id, None).await;
    keep(&caller.state, event.succeeded(None)).await;
    let state = &caller.state;
    match action {
        BatchAction::Delete => {
            if let Err(error) = state.store.mark_deleted(id, now_ms()).await {
                tracing::error!(error = %dli::chain(&error), record = id, "could not record a deletion");
            }
        }
        BatchAction::Start | BatchAction::Stop => {
            if let Err(error) = refresh(state, id, dli_job_id).await {
                tracing::warn!(error = %dli::chain(&error), record = id, "status refresh after a batch failed; the poller retries");
            }
        }
    }
    Ok(())
}

//! Reconciling attempts whose answer never came (timeout, dropped connection, a crash between
//! the two writes): DLI's job list says whether the job exists, found by its name and the time
//! it was created.

use crate::server::state::AppState;
use crate::server::store::{JobRecord, RecordedError};
use dli::now_ms;
use dli::{DliError, FlinkJob, JobType, ListJobsQuery};

/// How far DLI's create_time may lie from the moment we wrote the attempt: clocks differ and
/// a slow create lands late.
const MATCH_WINDOW_MS: i64 = 10 * 60_000;

/// Settles every attempt left pending or unknown for longer than `grace_ms`.
pub async fn reconcile(state: &AppState, grace_ms: i64) {
    let records = match state.store.unresolved(now_ms() - grace_ms).await {
        Ok(records) => records,
        Err(error) => {
            tracing::error!(error = %dli::chain(&error), "cannot read unresolved attempts");
            return;
        }
    };
    for record in records {
        if let Err(error) = settle(state, &record).await {
            // The others would ask the same list: wait for the next round rather than hammer DLI.
            tracing::warn!(error = %dli::chain(&error), record = record.id, "reconciliation postponed: DLI's job list is unavailable");
            return;
        }
    }
}

async fn settle(state: &AppState, record: &JobRecord) -> Result<(), DliError> {
    let store = &state.store;
    let outcome = match find_on_dli(state, record).await? {
        Some((dli_job_id, job)) => {
            tracing::info!(
                record = record.id,
                dli_job_id,
                "reconciled: DLI has the job"
            );
            metrics::counter!("dli_portal_jobs_created_total").increment(1);
            store
                .mark_created(
                    record.id,
                    dli_job_id,
                    job.status.as_deref(),
                    job.status_desc.as_deref(),
                    now_ms(),
                )
                .await
        }
        None => {
            tracing::info!(record = record.id, "reconciled: DLI never created the job");
            let never_created = RecordedError {
                kind: "not_created".into(),
                code: None,
                message:
                    "DLI has no job of this name from that time: the request never took effect."
                        .into(),
            };
            store.mark_failed(record.id, &never_created, now_ms()).await
        }
    };
    if let Err(error) = outcome {
        tracing::error!(error = %dli::chain(&error), record = record.id, "could not record a reconciliation");
    }
    Ok(())
}

/// The DLI job this attempt created, if any: same name, created closest to the attempt.
async fn find_on_dli(
    state: &AppState,
    record: &JobRecord,
) -> Result<Option<(i64, FlinkJob)>, DliError> {
    let query = ListJobsQuery {
        name: Some(record.name.clone()),
        job_type: Some(JobType::FlinkJarJob),
        limit: Some(100),
        ..ListJobsQuery::default()
    };
    let jobs = state.dli.list_jobs(&query).await?.jobs.unwrap_or_default();
    Ok(jobs
        .into_iter()
        .filter(|job| job.name.as_deref() == Some(record.name.as_str()))
        .filter_map(|job| {
            let distance = (job.create_time? - record.created_at_ms).abs();
            (distance <= MATCH_WINDOW_MS).then_some((distance, job.job_id?, job))
        })
        .min_by_key(|(distance, ..)| *distance)
        .map(|(_, dli_job_id, job)| (dli_job_id, job)))
}

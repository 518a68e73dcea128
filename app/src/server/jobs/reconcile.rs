//! Reconciling attempts whose answer never came (an answer lost or garbled, a timeout, a crash
//! between the two writes): DLI's job list says whether the job exists, found by its name and
//! when the attempt was sent, among the DLI jobs that no other record holds.

use super::events::{Action, keep};
use crate::server::state::AppState;
use crate::server::store::{JobRecord, RecordedError, StoreError};
use dli::{DliError, FlinkJob, JobType, ListJobsQuery, now_ms};

/// How far DLI's create_time may lie from the moment the attempt was sent: clocks differ and a
/// slow create lands late.
const MATCH_WINDOW_MS: i64 = 10 * 60_000;

/// How many attempts one poller round settles at most; the rest wait for the next round.
const ROUND_SIZE: u32 = 100;

/// Settles the attempts whose time to be reconciled has come by `due_by_ms`: the poller's round
/// passes the clock's time.
pub async fn reconcile(state: &AppState, due_by_ms: i64) {
    let records = match state.store.unresolved(due_by_ms, ROUND_SIZE).await {
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

/// Decides one attempt against DLI's job list: `created` with the job DLI made, or `failed`
/// when DLI has none. Gives the record as it stands afterwards (unchanged when the history
/// failed, or as another instance settled it meanwhile); an error only when DLI's list could not
/// be read.
pub async fn settle(state: &AppState, record: &JobRecord) -> Result<JobRecord, DliError> {
    let store = &state.store;
    let nearby = nearby_on_dli(state, record).await?;
    let ids: Vec<i64> = nearby.iter().map(|(id, _)| *id).collect();
    let taken = match store.linked_dli_jobs(&ids).await {
        Ok(taken) => taken,
        Err(error) => return Ok(as_it_stands(state, record, error).await),
    };
    for (dli_job_id, job) in nearby.iter().filter(|(id, _)| !taken.contains(id)) {
        let linked = store
            .mark_created(
                record.id,
                *dli_job_id,
                job.status.as_deref(),
                job.status_desc.as_deref(),
                now_ms(),
            )
            .await;
        match linked {
            Ok(created) => {
                tracing::info!(
                    record = record.id,
                    dli_job_id,
                    "reconciled: DLI has the job"
                );
                metrics::counter!("dli_portal_jobs_created_total").increment(1);
                let found = format!("DLI has the job ({dli_job_id}).");
                keep(state, reconciling(record).succeeded(Some(found))).await;
                return Ok(created);
            }
            // Another record took this job a moment ago: it is not ours, try the next one.
            Err(StoreError::DliJobTaken(_)) => continue,
            Err(error) => return Ok(as_it_stands(state, record, error).await),
        }
    }
    let never_created = RecordedError {
        kind: "not_created".into(),
        code: None,
        message: "DLI has no job of this name from that time: the request never took effect."
            .into(),
    };
    match store.mark_failed(record.id, &never_created, now_ms()).await {
        Ok(failed) => {
            tracing::info!(record = record.id, "reconciled: DLI never created the job");
            keep(state, reconciling(record).failed(&never_created)).await;
            Ok(failed)
        }
        Err(error) => Ok(as_it_stands(state, record, error).await),
    }
}

/// The event of a reconciliation, which the portal does by itself.
fn reconciling(record: &JobRecord) -> Action<'static> {
    Action {
        job_id: record.id,
        actor: "portal",
        action: "reconcile",
        detail: None,
        dli_request_id: None,
    }
}

/// The record after a settling write that did not happen: as another instance left it, or as it
/// was when the history itself failed.
async fn as_it_stands(state: &AppState, record: &JobRecord, error: StoreError) -> JobRecord {
    if !matches!(error, StoreError::InvalidTransition { .. }) {
        tracing::error!(error = %dli::chain(&error), record = record.id, "could not record a reconciliation");
    }
    match state.store.get(record.id).await {
        Ok(Some(current)) => current,
        _ => record.clone(),
    }
}

/// The DLI jobs this attempt may have made, nearest in time first: same name, created within
/// the window around the moment it was sent.
async fn nearby_on_dli(
    state: &AppState,
    record: &JobRecord,
) -> Result<Vec<(i64, FlinkJob)>, DliError> {
    let query = ListJobsQuery {
        name: Some(record.name.clone()),
        job_type: Some(JobType::FlinkJarJob),
        limit: Some(100),
        ..ListJobsQuery::default()
    };
    let jobs = state.dli.list_jobs(&query).await?.jobs.unwrap_or_default();
    let mut nearby: Vec<(i64, i64, FlinkJob)> = jobs
        .into_iter()
        .filter(|job| job.name.as_deref() == Some(record.name.as_str()))
        .filter_map(|job| {
            let distance = (job.create_time? - record.attempted_at_ms).abs();
            (distance <= MATCH_WINDOW_MS).then_some((distance, job.job_id?, job))
        })
        .collect();
    nearby.sort_by_key(|(distance, ..)| *distance);
    Ok(nearby.into_iter().map(|(_, id, job)| (id, job)).collect())
}

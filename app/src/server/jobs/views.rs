//! Reading the history for the pages: one page of the list with its filters, and everything
//! about one job.

use crate::domain::{FieldErrors, JobSpec, StatusGroup};
use crate::error::AppError;
use crate::model::{
    ErrorDetails, GroupCount, HistoryFilters, HistoryPage, JobDetails, JobPage, JobSummary,
    StatusChangeView,
};
use crate::server::errors::from_store;
use crate::server::request::Caller;
use crate::server::store::{JobRecord, ListQuery, Outcome, StatusCounts, StatusFilter, StoreError};

/// One page of the history under `filters`: its jobs and where the next page starts.
pub async fn page(caller: &Caller, filters: &HistoryFilters) -> Result<JobPage, AppError> {
    let store = &caller.state.store;
    let query = ListQuery {
        status: filters
            .status
            .as_deref()
            .and_then(non_blank)
            .map(status_filter)
            .or_else(|| {
                let group = filters.group.as_deref().and_then(StatusGroup::parse)?;
                Some(StatusFilter::Group(group))
            }),
        // The store ignores blank text filters itself.
        queue_name: filters.queue.clone(),
        created_by: filters.mine.then(|| caller.user.clone()),
        name_contains: filters.name.clone(),
        cursor: filters
            .cursor
            .as_deref()
            .and_then(non_blank)
            .map(str::to_owned),
        page_size: filters.limit.unwrap_or(ListQuery::DEFAULT_PAGE_SIZE),
    };
    let page = match store.list(&query).await {
        Ok(page) => page,
        Err(StoreError::BadCursor) => {
            let mut errors = FieldErrors::default();
            errors.insert(
                "cursor",
                "This page link is broken; start again from the first page.",
            );
            return Err(AppError::Invalid(errors));
        }
        Err(error) => return Err(from_store(error)),
    };
    Ok(JobPage {
        jobs: page.records.iter().map(summary).collect(),
        next_cursor: page.next_cursor,
    })
}

/// The history page: one page of jobs, the queues to filter by, and whether there are any jobs.
pub async fn list(caller: &Caller, filters: &HistoryFilters) -> Result<HistoryPage, AppError> {
    let store = &caller.state.store;
    let page = page(caller, filters).await?;
    let any_jobs = !page.jobs.is_empty()
        || !store
            .list(&ListQuery {
                page_size: 1,
                ..ListQuery::default()
            })
            .await
            .map_err(from_store)?
            .records
            .is_empty();
    Ok(HistoryPage {
        jobs: page.jobs,
        next_cursor: page.next_cursor,
        queues: store.distinct_queues().await.map_err(from_store)?,
        any_jobs,
        summary: group_counts(store.status_counts().await.map_err(from_store)?),
    })
}

/// The counts per status and per outcome, gathered into the summary's groups.
fn group_counts(found: StatusCounts) -> Vec<GroupCount> {
    let StatusCounts {
        by_status,
        by_outcome,
    } = found;
    let mut counts = [0_i64; StatusGroup::ALL.len()];
    let statuses = by_status
        .iter()
        .map(|(status, count)| (Some(status.as_str()), "", *count));
    let outcomes = by_outcome
        .iter()
        .map(|(outcome, count)| (None, outcome.as_str(), *count));
    for (status, outcome, count) in statuses.chain(outcomes) {
        if let Some(group) = StatusGroup::of(status, outcome) {
            counts[StatusGroup::ALL
                .iter()
                .position(|each| *each == group)
                .unwrap_or(0)] += count;
        }
    }
    StatusGroup::ALL
        .iter()
        .zip(counts)
        .map(|(group, count)| GroupCount {
            group: group.as_str().to_owned(),
            count,
        })
        .collect()
}

pub async fn details(caller: &Caller, id: i64) -> Result<JobDetails, AppError> {
    let store = &caller.state.store;
    let record = store
        .get(id)
        .await
        .map_err(from_store)?
        .ok_or(AppError::NotFound)?;
    let timeline = store.status_history(id).await.map_err(from_store)?;
    let update = store.latest_update(id).await.map_err(from_store)?;
    Ok(JobDetails {
        summary: summary(&record),
        status_desc: record.status_desc.clone(),
        idempotency_key: record.idempotency_key.clone(),
        start_requested: record.start_requested,
        request_json: readable(&record.request_body),
        last_error: record.last_error.as_ref().map(|error| ErrorDetails {
            kind: error.kind.clone(),
            code: error.code.clone(),
            message: error.message.clone(),
        }),
        timeline: timeline
            .into_iter()
            .map(|change| StatusChangeView {
                status: change.status,
                status_desc: change.status_desc,
                at_ms: change.changed_at_ms,
            })
            .collect(),
        updated_at_ms: record.updated_at_ms,
        update: update.as_ref().map(super::update::view),
        has_savepoint: record.has_savepoint == Some(true),
        engine_url: engine_url(caller, &record),
        console_url: record
            .dli_job_id
            .zip(caller.state.dli_console.as_deref())
            .map(|(id, console)| console.replace("{job_id}", &id.to_string())),
    })
}

/// The job's run in Flink's dashboard, by way of the Flink-backed simulator: for a job that was
/// started and not refused before it reached Flink.
fn engine_url(caller: &Caller, record: &JobRecord) -> Option<String> {
    let simulator = caller.state.flink_dashboard.as_deref()?;
    let dli_job_id = record.dli_job_id?;
    let reached_flink = !matches!(
        record.status.as_deref(),
        None | Some("job_init" | "job_submitting" | "job_submit_fail")
    );
    reached_flink.then(|| format!("{simulator}/_sim/jobs/{dli_job_id}/dashboard"))
}

/// The current state of these jobs, for pages that keep their statuses fresh.
pub async fn statuses(caller: &Caller, ids: &[i64]) -> Result<Vec<JobSummary>, AppError> {
    let ids = &ids[..ids.len().min(MAX_STATUS_IDS)];
    let records = caller.state.store.get_many(ids).await.map_err(from_store)?;
    Ok(records.iter().map(summary).collect())
}

/// A history page shows 50 jobs: more ids than that in one status request is not ours.
const MAX_STATUS_IDS: usize = ListQuery::DEFAULT_PAGE_SIZE as usize;

fn summary(record: &JobRecord) -> JobSummary {
    JobSummary {
        id: record.id,
        name: record.name.clone(),
        queue_name: record.queue_name.clone(),
        created_by: record.created_by.clone(),
        created_at_ms: record.created_at_ms,
        dli_job_id: record.dli_job_id,
        status: record.status.clone(),
        outcome: record.outcome.as_str().to_string(),
        deleted: record.deleted_at_ms.is_some(),
    }
}

fn status_filter(text: &str) -> StatusFilter {
    match text.parse::<Outcome>() {
        Ok(outcome) => StatusFilter::Outcome(outcome),
        Err(_) => StatusFilter::Dli(text.to_string()),
    }
}

fn non_blank(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|text| !text.is_empty())
}

/// The stored body indented for reading, fields in DLI's order (the spec keeps it).
fn readable(body: &str) -> String {
    JobSpec::from_request_json(body)
        .ok()
        .and_then(|spec| serde_json::to_string_pretty(&spec).ok())
        .unwrap_or_else(|| body.to_string())
}

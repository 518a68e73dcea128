//! Reading a job's life back: its versions and the diff between two, its events, and the
//! team's activity log.

use super::create::new_idempotency_key;
use crate::domain::{FieldErrors, JobSpec, form_changes};
use crate::error::AppError;
use crate::model::{ActivityFilters, EventPage, EventView, JobLife, VersionDiff, VersionView};
use crate::server::errors::from_store;
use crate::server::request::Caller;
use crate::server::store::{EventQuery, JobEvent, JobVersion, StoreError};

/// The job's versions, oldest first.
pub async fn versions(caller: &Caller, id: i64) -> Result<Vec<VersionView>, AppError> {
    known_job(caller, id).await?;
    let versions = caller
        .state
        .store
        .versions_of(id)
        .await
        .map_err(from_store)?;
    Ok(versions.into_iter().map(version_view).collect())
}

/// The job's versions and events for its page, with the key for its next update.
pub async fn life(caller: &Caller, id: i64) -> Result<JobLife, AppError> {
    known_job(caller, id).await?;
    let store = &caller.state.store;
    let versions = store.versions_of(id).await.map_err(from_store)?;
    let events = store.events_of(id).await.map_err(from_store)?;
    Ok(JobLife {
        versions: versions.into_iter().map(version_view).collect(),
        events: events
            .into_iter()
            .map(|event| event_view(event, None))
            .collect(),
        next_key: new_idempotency_key(),
    })
}

/// What changed from version `from` to version `to`, in the form's labels.
pub async fn diff(caller: &Caller, id: i64, from: i64, to: i64) -> Result<VersionDiff, AppError> {
    let versions = caller
        .state
        .store
        .versions_of(id)
        .await
        .map_err(from_store)?;
    let form_of = |number: i64, field: &'static str| {
        let version = versions.iter().find(|version| version.version == number);
        let spec = version.and_then(|version| JobSpec::from_request_json(&version.settings).ok());
        spec.map(|spec| spec.to_form())
            .ok_or_else(|| no_such_version(field, number))
    };
    let (before, after) = (form_of(from, "from")?, form_of(to, "to")?);
    Ok(VersionDiff {
        from,
        to,
        changes: form_changes(&before, &after),
    })
}

/// The job's events, oldest first.
pub async fn events_of(caller: &Caller, id: i64) -> Result<Vec<EventView>, AppError> {
    known_job(caller, id).await?;
    let events = caller.state.store.events_of(id).await.map_err(from_store)?;
    Ok(events
        .into_iter()
        .map(|event| event_view(event, None))
        .collect())
}

/// One page of the team's events, newest first.
pub async fn activity(caller: &Caller, filters: &ActivityFilters) -> Result<EventPage, AppError> {
    let query = EventQuery {
        actor: filters.actor.clone(),
        action: filters.action.clone(),
        job_id: filters.job,
        cursor: filters
            .cursor
            .clone()
            .filter(|cursor| !cursor.trim().is_empty()),
        page_size: filters.limit.unwrap_or(50),
    };
    match caller.state.store.events_page(&query).await {
        Ok(page) => Ok(EventPage {
            events: page
                .events
                .into_iter()
                .map(|stored| event_view(stored.event, Some(stored.job_name)))
                .collect(),
            next_cursor: page.next_cursor,
        }),
        Err(StoreError::BadCursor) => {
            let mut errors = FieldErrors::default();
            errors.insert(
                "cursor",
                "This page link is broken; start again from the first page.",
            );
            Err(AppError::Invalid(errors))
        }
        Err(error) => Err(from_store(error)),
    }
}

/// A 404 for a job the history does not hold (rather than an empty list).
async fn known_job(caller: &Caller, id: i64) -> Result<(), AppError> {
    let record = caller.state.store.get(id).await.map_err(from_store)?;
    record.map(drop).ok_or(AppError::NotFound)
}

/// The 422 on `field` for a version the job does not have.
pub(super) fn no_such_version(field: &str, number: i64) -> AppError {
    let mut errors = FieldErrors::default();
    errors.insert(field, format!("This job has no version {number}."));
    AppError::Invalid(errors)
}

fn version_view(version: JobVersion) -> VersionView {
    VersionView {
        version: version.version,
        at_ms: version.at_ms,
        actor: version.actor,
        action: version.action,
        settings: serde_json::from_str(&version.settings).unwrap_or_default(),
        request_body: version.request_body,
        dli_request_id: version.dli_request_id,
        message: version.message,
    }
}

fn event_view(event: JobEvent, job_name: Option<String>) -> EventView {
    EventView {
        job_id: event.job_id,
        job_name,
        at_ms: event.at_ms,
        actor: event.actor,
        action: event.action,
        detail: event
            .detail
            .and_then(|detail| serde_json::from_str(&detail).ok()),
        outcome: event.outcome.as_str().to_owned(),
        dli_request_id: event.dli_request_id,
        error_kind: event.error_kind,
        error_code: event.error_code,
        message: event.message,
    }
}

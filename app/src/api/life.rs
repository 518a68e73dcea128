//! Server functions for a job's life after its create: edit and update it, roll it back, read
//! its versions, their diff and its events, the team's activity, and act on several jobs.

use crate::codec::JsonText;
use crate::error::AppError;
use crate::model::{
    ActivityFilters, BatchAction, BatchDraft, BatchResults, EventPage, JobDraft, JobLife,
    UpdateView, VersionDiff, WhenRunning,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::server::{jobs, request::Caller};

#[server(endpoint = "edit_job_draft", output = JsonText)]
pub async fn edit_job_draft(id: i64) -> Result<JobDraft, AppError> {
    jobs::edit_draft(&Caller::current()?, id).await
}

#[server(endpoint = "rollback_job", output = JsonText)]
pub async fn rollback_job(
    id: i64,
    version: i64,
    when_running: Option<WhenRunning>,
    idempotency_key: String,
) -> Result<UpdateView, AppError> {
    let when_running = when_running.unwrap_or_default();
    jobs::rollback(
        &Caller::current()?,
        id,
        version,
        when_running,
        &idempotency_key,
    )
    .await
}

#[server(endpoint = "get_job_life", output = JsonText)]
pub async fn get_job_life(id: i64) -> Result<JobLife, AppError> {
    jobs::life(&Caller::current()?, id).await
}

#[server(endpoint = "get_version_diff", output = JsonText)]
pub async fn get_version_diff(id: i64, from: i64, to: i64) -> Result<VersionDiff, AppError> {
    jobs::diff(&Caller::current()?, id, from, to).await
}

#[server(endpoint = "list_events", input = Json, output = JsonText)]
pub async fn list_events(filters: ActivityFilters) -> Result<EventPage, AppError> {
    jobs::activity(&Caller::current()?, &filters).await
}

#[server(endpoint = "batch_jobs", input = Json, output = JsonText)]
pub async fn batch_jobs(
    action: BatchAction,
    ids: Vec<i64>,
    trigger_savepoint: bool,
    resume_savepoint: bool,
) -> Result<BatchResults, AppError> {
    let options = jobs::BatchOptions {
        trigger_savepoint,
        resume_savepoint,
    };
    jobs::batch(&Caller::current()?, action, &ids, options).await
}

#[server(endpoint = "batch_draft", input = Json, output = JsonText)]
pub async fn get_batch_draft(
    action: Option<BatchAction>,
    ids: Vec<i64>,
) -> Result<BatchDraft, AppError> {
    jobs::batch_draft(&Caller::current()?, action, &ids).await
}

//! Server functions: the browser's door to the server. Each is a public endpoint with a
//! stable name, so it parses its input again and leaves the work to a service in `server::`.

mod life;

pub use life::*;

use crate::codec::JsonText;
use crate::error::AppError;
use crate::model::{HistoryFilters, HistoryPage, JobDetails, JobDraft};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::server::{jobs, request::Caller};

#[server(endpoint = "new_job_draft", output = JsonText)]
pub async fn new_job_draft(copy_of: Option<i64>) -> Result<JobDraft, AppError> {
    jobs::draft(&Caller::current()?, copy_of).await
}

#[server(endpoint = "list_jobs", input = Json, output = JsonText)]
pub async fn list_jobs(filters: HistoryFilters) -> Result<HistoryPage, AppError> {
    jobs::list(&Caller::current()?, &filters).await
}

#[server(endpoint = "get_job", output = JsonText)]
pub async fn get_job(id: i64) -> Result<JobDetails, AppError> {
    jobs::details(&Caller::current()?, id).await
}

#[server(endpoint = "start_job", output = JsonText)]
pub async fn start_job(id: i64, resume_savepoint: Option<bool>) -> Result<(), AppError> {
    let resume_savepoint = resume_savepoint.unwrap_or(false);
    jobs::start(&Caller::current()?, id, resume_savepoint).await
}

#[server(endpoint = "stop_job", output = JsonText)]
pub async fn stop_job(id: i64, savepoint: Option<bool>) -> Result<(), AppError> {
    jobs::stop(&Caller::current()?, id, savepoint.unwrap_or(false)).await
}

#[server(endpoint = "delete_job", output = JsonText)]
pub async fn delete_job(id: i64) -> Result<(), AppError> {
    jobs::delete(&Caller::current()?, id).await
}

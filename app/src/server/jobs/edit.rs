//! The edit form's starting point: the job's latest version as a form, the version it edits and
//! whether the job runs (the page then says which changes need a restart).

use super::actions::on_dli;
use super::create::new_idempotency_key;
use super::steps::holds_running;
use super::update::settings_of;
use crate::domain::DliStatus;
use crate::error::AppError;
use crate::model::{EditTarget, JobDraft};
use crate::server::errors::from_store;
use crate::server::request::Caller;

pub async fn edit_draft(caller: &Caller, id: i64) -> Result<JobDraft, AppError> {
    if let Some(submitted) = leptos::prelude::use_context::<JobDraft>() {
        // A post without JavaScript, sent back with its errors (or the restart it needs).
        return Ok(submitted);
    }
    let store = &caller.state.store;
    let record = store.get(id).await.map_err(from_store)?;
    on_dli(record.as_ref())?;
    let status = record.and_then(|record| record.status);
    let latest = store
        .latest_version(id)
        .await
        .map_err(from_store)?
        .ok_or(AppError::NotFound)?;
    let form = settings_of(&latest)?.to_form();
    Ok(JobDraft {
        queues: caller.state.queues(),
        editing: Some(EditTarget {
            job_id: id,
            version: latest.version,
            settings: latest.settings,
            running: holds_running(status.as_deref().and_then(DliStatus::parse)),
        }),
        ..JobDraft::new(form, new_idempotency_key(), false)
    })
}

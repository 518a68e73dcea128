//! The batch page's confirmation as a browser without JavaScript posts it to `/jobs/batch`:
//! the same service as `batch_jobs`, answered with the page again, each job's result on it.

use super::form_post::{form_bytes, render_with};
use crate::status::status_and_retry;
use app::model::{BatchAction, BatchDraft};
use app::server::{jobs, request::Caller, state::AppState};
use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

/// The confirmation form's inputs: the action, each job's id, and the savepoint choices.
#[derive(Deserialize)]
struct Confirmed {
    action: BatchAction,
    #[serde(default)]
    id: Vec<i64>,
    #[serde(default)]
    trigger_savepoint: bool,
    #[serde(default)]
    resume_savepoint: bool,
}

pub async fn post_batch(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match form_bytes(&state, body).await {
        Ok(bytes) => bytes,
        Err(unreadable) => return unreadable.into_response(),
    };
    let Ok(confirmed) = serde_html_form::from_bytes::<Confirmed>(&bytes) else {
        return (
            StatusCode::BAD_REQUEST,
            "The confirmation could not be read; choose the jobs in the history again.",
        )
            .into_response();
    };
    let caller = Caller::from_parts(state.clone(), &parts);
    let (action, ids) = (confirmed.action, confirmed.id);
    let options = jobs::BatchOptions {
        trigger_savepoint: confirmed.trigger_savepoint,
        resume_savepoint: confirmed.resume_savepoint,
    };
    let outcome = jobs::batch(&caller, action, &ids, options).await;
    // The jobs as they stand after the batch.
    let mut draft = match jobs::batch_draft(&caller, Some(action), &ids).await {
        Ok(draft) => draft,
        Err(error) => {
            let (status, _) = status_and_retry(&error);
            return (status, error.to_string()).into_response();
        }
    };
    draft.trigger_savepoint = options.trigger_savepoint;
    draft.resume_savepoint = options.resume_savepoint;
    let status = match outcome {
        Ok(results) => {
            draft.results = Some(results);
            StatusCode::OK
        }
        Err(error) => {
            let (status, _) = status_and_retry(&error);
            draft.problem = Some(error);
            status
        }
    };
    render_with::<BatchDraft>(state, parts, draft, status).await
}

//! The job form as a browser without JavaScript posts it to `/`: the same service as
//! `create_job`, answered with a redirect to the new job (303) or with the page again, the
//! values kept and the errors shown. Its add/remove-row buttons post here too.

use crate::status::status_and_retry;
use app::domain::{JobForm, RowList};
use app::error::AppError;
use app::model::JobDraft;
use app::server::{jobs, request::Caller, state::AppState};
use app::shell;
use axum::{
    body::Body,
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// The form's inputs that are not part of the job itself.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Submission {
    idempotency_key: String,
    start: bool,
    /// The row list whose "Add" button was pressed.
    #[serde(rename = "_add")]
    add: Option<String>,
    /// `list.row` of the "Remove" button pressed.
    #[serde(rename = "_remove")]
    remove: Option<String>,
}

pub async fn post_new_job(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, state.body_limit).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response();
    };
    let (Ok(form), Ok(submission)) = (
        serde_html_form::from_bytes::<JobForm>(&bytes),
        serde_html_form::from_bytes::<Submission>(&bytes),
    ) else {
        return (
            StatusCode::BAD_REQUEST,
            "The form could not be read; reload the page.",
        )
            .into_response();
    };
    let caller = Caller::from_parts(state.clone(), &parts);
    let mut draft = JobDraft::new(form, submission.idempotency_key.clone(), submission.start);
    let row_button = submission.add.as_deref().or(submission.remove.as_deref());
    if let Some((list, row)) = row_button.and_then(RowList::for_button) {
        match row {
            Some(row) => list.remove_row(&mut draft.form, row),
            None => list.add_row(&mut draft.form),
        }
        return render(state, parts, draft, StatusCode::OK).await;
    }
    match jobs::create(
        &caller,
        &draft.form,
        &submission.idempotency_key,
        submission.start,
    )
    .await
    {
        Ok(created) => {
            let base = &state.base_path;
            Redirect::to(&format!("{base}/jobs/{}?created=1", created.record_id)).into_response()
        }
        Err(error) => {
            let (status, retry) = status_and_retry(&error);
            match error {
                AppError::Invalid(errors) => draft.errors = errors,
                problem => draft.problem = Some(problem),
            }
            let mut response = render(state, parts, draft, status).await;
            response.headers_mut().extend(retry);
            response
        }
    }
}

/// The page again, rendered whole (no streaming) so it needs no JavaScript to show.
async fn render(
    state: AppState,
    parts: axum::http::request::Parts,
    mut draft: JobDraft,
    status: StatusCode,
) -> Response {
    draft.queues = state.queues();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            state.provide_page_context();
            leptos::prelude::provide_context(draft.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

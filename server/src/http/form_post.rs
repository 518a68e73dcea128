//! The job form as the browser posts it, with JavaScript or without: to `/` (the create service,
//! as the JSON API's `POST /api/v1/jobs`) or to `/jobs/{id}/edit` (the update service),
//! answered with a redirect to the job (303) or with the page again, the values kept and the
//! errors shown (for an edit that needs a restart, with the restart buttons). Its add/remove-row
//! buttons post here too; the form's script posts those in place.

use crate::status::status_and_retry;
use app::domain::{FieldErrors, JobForm, RowList, field_for_path};
use app::error::AppError;
use app::model::{JobDraft, WhenRunning};
use app::server::{jobs, request::Caller, state::AppState};
use app::shell;
use axum::{
    body::{Body, Bytes},
    extract::{Path, Request, State},
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
    /// On an edit: the restart button pressed, if any.
    when_running: Option<WhenRunning>,
}

/// Why a post cannot be read, as the answer to it.
type Unreadable = (StatusCode, &'static str);

/// The body of a form post, up to the portal's limit.
pub async fn form_bytes(state: &AppState, body: Body) -> Result<Bytes, Unreadable> {
    axum::body::to_bytes(body, state.body_limit)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large."))
}

/// The job form and its other inputs, read from a post.
async fn read(state: &AppState, body: Body) -> Result<(JobForm, Submission), Unreadable> {
    let bytes = form_bytes(state, body).await?;
    let form = serde_html_form::from_bytes::<JobForm>(&bytes);
    let submission = serde_html_form::from_bytes::<Submission>(&bytes);
    form.ok().zip(submission.ok()).ok_or((
        StatusCode::BAD_REQUEST,
        "The form could not be read; reload the page.",
    ))
}

/// Carries out an "Add" or "Remove" row button, if one was pressed: true when it was.
fn row_button(submission: &Submission, form: &mut JobForm) -> bool {
    let pressed = submission.add.as_deref().or(submission.remove.as_deref());
    let Some((list, row)) = pressed.and_then(RowList::for_button) else {
        return false;
    };
    match row {
        Some(row) => list.remove_row(form, row),
        None => list.add_row(form),
    }
    true
}

pub async fn post_new_job(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (form, submission) = match read(&state, body).await {
        Ok(read) => read,
        Err(unreadable) => return unreadable.into_response(),
    };
    let caller = Caller::from_parts(state.clone(), &parts);
    let mut draft = JobDraft::new(form, submission.idempotency_key.clone(), submission.start);
    if row_button(&submission, &mut draft.form) {
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
            // The job's page says whether the start asked for failed; its events say why.
            let how = match created.start_problem {
                Some(_) => "not-started",
                None => "1",
            };
            Redirect::to(&format!("{base}/jobs/{}?created={how}", created.record_id))
                .into_response()
        }
        Err(error) => refused(state, parts, draft, error).await,
    }
}

pub async fn post_edit_job(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let (form, submission) = match read(&state, body).await {
        Ok(read) => read,
        Err(unreadable) => return unreadable.into_response(),
    };
    let caller = Caller::from_parts(state.clone(), &parts);
    // The job as it stands (its version, whether it runs), with the form as posted.
    let mut draft = match jobs::edit_draft(&caller, id).await {
        Ok(draft) => draft,
        Err(error) => {
            let (status, _) = status_and_retry(&error);
            return (status, error.to_string()).into_response();
        }
    };
    draft.form = form;
    draft.idempotency_key = submission.idempotency_key.clone();
    if row_button(&submission, &mut draft.form) {
        return render(state, parts, draft, StatusCode::OK).await;
    }
    let when_running = submission.when_running.unwrap_or_default();
    let key = &submission.idempotency_key;
    match jobs::update(&caller, id, &draft.form, when_running, key).await {
        Ok(update) => {
            let base = &state.base_path;
            Redirect::to(&format!("{base}/jobs/{id}?updated={}", update.id)).into_response()
        }
        Err(error) => refused(state, parts, draft, error).await,
    }
}

/// The page again with what the service refused: field errors by their inputs, anything else
/// above the form, with the status (and `Retry-After`) that fits. Unless the refusal says to
/// repeat the same request, the form gets a new key: the refused attempt may be recorded under
/// the old one (DLI's refusal is), and the fixed form is another request.
async fn refused(
    state: AppState,
    parts: axum::http::request::Parts,
    mut draft: JobDraft,
    error: AppError,
) -> Response {
    let (status, retry) = status_and_retry(&error);
    if !error.is_retryable() {
        draft.idempotency_key = jobs::new_idempotency_key();
    }
    match error {
        AppError::Invalid(errors) => {
            let (fields, unseen) = by_input(errors);
            draft.errors = fields;
            // What no input shows is the form's own key, reused for other values (the form
            // came back with Back after its job was made): said above the form.
            if !unseen.is_empty() {
                draft.problem = Some(AppError::Invalid(unseen));
            }
        }
        problem => draft.problem = Some(problem),
    }
    let mut response = render(state, parts, draft, status).await;
    response.headers_mut().extend(retry);
    response
}

/// `errors` split into those an input of the form shows and the others.
fn by_input(errors: FieldErrors) -> (FieldErrors, FieldErrors) {
    let (mut fields, mut unseen) = (FieldErrors::default(), FieldErrors::default());
    for (path, message) in errors.in_form_order() {
        let shown_in = if field_for_path(path).is_some() {
            &mut fields
        } else {
            &mut unseen
        };
        shown_in.insert(path, message);
    }
    (fields, unseen)
}

/// The job form's page again, with the queues to offer.
async fn render(
    state: AppState,
    parts: axum::http::request::Parts,
    mut draft: JobDraft,
    status: StatusCode,
) -> Response {
    draft.queues = state.queues();
    render_with(state, parts, draft, status).await
}

/// The page the post was sent to, rendered whole (no streaming) so it needs no JavaScript to
/// show, with `posted` in its context: the page shows it instead of reading its own data.
pub async fn render_with<T: Clone + Send + Sync + 'static>(
    state: AppState,
    parts: axum::http::request::Parts,
    posted: T,
    status: StatusCode,
) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            state.provide_page_context();
            leptos::prelude::provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

//! Updating a job in place, and rolling it back to an earlier version: the new settings pass
//! the form's rules and the team's guardrails, are compared with the job's current version,
//! and become an update (`steps.rs` carries it out). A running job takes live changes in one
//! call; other changes need a restart, which the caller must ask for (`when_running`). The same
//! request repeated under its person's key answers with the first one's update.

use super::actions::{live_job, look};
use super::audit::no_such_version;
use super::create::check_idempotency_key;
use super::steps::{carry_on, holds_running};
use crate::domain::{
    DliStatus, FieldErrors, JobForm, JobSpec, needing_a_stop, update_body, wire_changes, wire_label,
};
use crate::error::AppError;
use crate::model::{UpdateView, WhenRunning};
use crate::server::errors::{from_dli, from_store};
use crate::server::request::Caller;
use crate::server::store::{JobUpdate, JobVersion, NewUpdate, Step, UpdateInserted, UpdateMode};
use dli::now_ms;

/// Updates job `id` to the settings of `form`.
pub async fn update(
    caller: &Caller,
    id: i64,
    form: &JobForm,
    when_running: WhenRunning,
    idempotency_key: &str,
) -> Result<UpdateView, AppError> {
    let spec = form.parse().map_err(AppError::Invalid)?;
    let beyond_guardrails = caller.state.access.guardrails.check(form);
    if !beyond_guardrails.is_empty() {
        return Err(AppError::Invalid(beyond_guardrails));
    }
    let asked = Asked {
        action: "update",
        spec,
        when_running,
        idempotency_key,
    };
    make(caller, id, asked).await
}

/// Updates job `id` back to the settings of its `version`.
pub async fn rollback(
    caller: &Caller,
    id: i64,
    version: i64,
    when_running: WhenRunning,
    idempotency_key: &str,
) -> Result<UpdateView, AppError> {
    let versions = caller
        .state
        .store
        .versions_of(id)
        .await
        .map_err(from_store)?;
    let Some(earlier) = versions.iter().find(|kept| kept.version == version) else {
        return Err(no_such_version("version", version));
    };
    let asked = Asked {
        action: "rollback",
        spec: settings_of(earlier)?,
        when_running,
        idempotency_key,
    };
    make(caller, id, asked).await
}

struct Asked<'a> {
    action: &'static str,
    spec: JobSpec,
    when_running: WhenRunning,
    idempotency_key: &'a str,
}

async fn make(caller: &Caller, id: i64, asked: Asked<'_>) -> Result<UpdateView, AppError> {
    caller.may_act()?;
    check_idempotency_key(asked.idempotency_key)?;
    let store = &caller.state.store;
    let settings = asked.spec.to_request_json();
    let earlier = store
        .update_by_key(id, &caller.user, asked.idempotency_key)
        .await
        .map_err(from_store)?;
    if let Some(earlier) = earlier {
        return same_request(earlier, &settings, asked.action).and_then(answer);
    }
    let dli_job_id = live_job(caller, id).await?;
    let current = store
        .latest_version(id)
        .await
        .map_err(from_store)?
        .ok_or_else(|| AppError::Rejected {
            code: "no-version".into(),
            message: "This job has no settings on record to update from.".into(),
        })?;
    let before = settings_of(&current)?;
    if before.tags != asked.spec.tags {
        let mut errors = FieldErrors::default();
        errors.insert(
            "tags",
            "DLI's update cannot change a job's tags, and the portal does not use DLI's tag API: keep the tags as they are (change them in the DLI console).",
        );
        return Err(AppError::Invalid(errors));
    }
    let mut changed = wire_changes(&before, &asked.spec);
    changed.retain(|field| field != "tags");
    if changed.is_empty() {
        return Err(AppError::Rejected {
            code: "unchanged".into(),
            message: format!(
                "These are the settings of version {} already: there is nothing to update.",
                current.version
            ),
        });
    }
    let job = look(&caller.state, id, dli_job_id)
        .await
        .map_err(|error| from_dli(&error))?
        .ok_or_else(|| AppError::Rejected {
            code: "deleted".into(),
            message: "The job is gone from DLI.".into(),
        })?;
    let running = holds_running(job.status.as_deref().and_then(DliStatus::parse));
    let needs_restart = needing_a_stop(&changed);
    let mode = match (running && !needs_restart.is_empty(), asked.when_running) {
        (false, _) => UpdateMode::Direct,
        (true, WhenRunning::Refuse) => return Err(restart_needed(needs_restart)),
        (true, WhenRunning::Restart) => UpdateMode::Restart,
        (true, WhenRunning::RestartFromSavepoint) => UpdateMode::RestartFromSavepoint,
    };
    let new = NewUpdate {
        job_id: id,
        at_ms: now_ms(),
        actor: caller.user.clone(),
        action: asked.action,
        idempotency_key: asked.idempotency_key.to_owned(),
        base_version: current.version,
        request_body: update_body(&before, &asked.spec),
        settings,
        changed: serde_json::to_string(&changed).unwrap_or_default(),
        mode,
        first_step: match mode {
            UpdateMode::Direct => Step::Update,
            UpdateMode::Restart | UpdateMode::RestartFromSavepoint => Step::Stop,
        },
    };
    let made = match store.insert_update(&new).await.map_err(from_store)? {
        UpdateInserted::New(made) => made,
        // The same key sent twice at once: the other request made the update.
        UpdateInserted::SameKey(made) => {
            return same_request(made, &new.settings, asked.action).and_then(answer);
        }
        UpdateInserted::OtherUnderWay => {
            return Err(under_way(store.update_under_way(id).await.ok().flatten()));
        }
    };
    tracing::info!(record = id, update = made.id, mode = %mode, by = %caller.user, "update asked");
    carry_on(&caller.state, made.id).await;
    let now = store.latest_update(id).await.map_err(from_store)?;
    answer(now.unwrap_or(made))
}

/// The update as the caller gets it: done or under way, or, when it stopped, the 422 that says
/// where and why.
fn answer(update: JobUpdate) -> Result<UpdateView, AppError> {
    if update.step == Step::Failed {
        return Err(AppError::Rejected {
            code: "update-failed".into(),
            message: update.message.unwrap_or_default(),
        });
    }
    Ok(view(&update))
}

pub fn view(update: &JobUpdate) -> UpdateView {
    UpdateView {
        id: update.id,
        job_id: update.job_id,
        action: update.action.clone(),
        actor: update.actor.clone(),
        created_at_ms: update.created_at_ms,
        mode: update.mode.as_str().to_owned(),
        step: update.step.as_str().to_owned(),
        changed: update.changed_fields(),
        base_version: update.base_version,
        version: update.version,
        message: update.message.clone(),
        updated_at_ms: update.updated_at_ms,
    }
}

/// A key names one request: the same key with other settings is the client's mistake (422).
fn same_request(earlier: JobUpdate, settings: &str, action: &str) -> Result<JobUpdate, AppError> {
    if earlier.settings == settings && earlier.action == action {
        return Ok(earlier);
    }
    let mut errors = FieldErrors::default();
    errors.insert(
        "idempotency_key",
        format!(
            "This key was first used for a different update (update {}). Send a new key for a new request.",
            earlier.id
        ),
    );
    Err(AppError::Invalid(errors))
}

fn restart_needed(fields: Vec<String>) -> AppError {
    let labels: Vec<&str> = fields.iter().map(|field| wire_label(field)).collect();
    AppError::Conflict {
        code: "needs-restart".into(),
        message: format!(
            "The job is running, and {} change only when it restarts. Ask for a restart (with a savepoint, to keep its state) to stop it, update it and start it again.",
            labels.join(", ")
        ),
        fields,
    }
}

fn under_way(update: Option<JobUpdate>) -> AppError {
    let step = update.map_or("under way", |update| update.step.as_str());
    AppError::Conflict {
        code: "update-under-way".into(),
        message: format!(
            "Another update of this job is under way (step: {step}); wait for it to finish."
        ),
        fields: Vec::new(),
    }
}

pub(super) fn settings_of(version: &JobVersion) -> Result<JobSpec, AppError> {
    JobSpec::from_request_json(&version.settings).map_err(|error| {
        tracing::error!(%error, record = version.job_id, version = version.version, "stored settings no longer parse");
        AppError::Rejected {
            code: "unreadable-version".into(),
            message: format!("Version {} of this job cannot be read.", version.version),
        }
    })
}

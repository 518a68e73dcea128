//! Endpoints only the simulator serves, under `/_sim`, for tests and demos: read and replace the
//! fault plan, read request counts and all jobs, put a job into a status DLI reaches on its own,
//! expire every IAM token issued so far, and go to a job in Flink's dashboard.

use super::{
    faults::FaultPlan,
    state::{Sim, now_ms},
    status::ForcedStatus,
};
use crate::FlinkJob;
use axum::{
    Json, Router,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<Sim> {
    Router::new()
        .route("/faults", get(faults).put(set_faults))
        .route("/counts", get(counts))
        .route("/jobs", get(jobs))
        .route("/jobs/{job_id}/status", post(set_status))
        .route("/jobs/{job_id}/dashboard", get(dashboard))
        .route("/tokens/expire", post(expire_tokens))
}

async fn faults(State(sim): State<Sim>) -> Json<FaultPlan> {
    Json(sim.faults())
}

/// Replaces the whole plan; `{}` clears it.
async fn set_faults(State(sim): State<Sim>, Json(plan): Json<FaultPlan>) -> Response {
    if let Some(problem) = plan.iter().find_map(|(operation, fault)| {
        fault
            .validate()
            .err()
            .map(|e| format!("{operation:?}: {e}"))
    }) {
        return (StatusCode::BAD_REQUEST, problem).into_response();
    }
    sim.set_faults(plan);
    StatusCode::NO_CONTENT.into_response()
}

/// Requests per operation that got past the gateway, faulted or not.
async fn counts(State(sim): State<Sim>) -> Response {
    Json(sim.counts()).into_response()
}

/// A job as its detail shows it, and what only the simulator can say: which savepoint the
/// latest run resumed from and, on Flink, Flink's id of the latest run's job.
#[derive(Serialize)]
struct SimJobView {
    #[serde(flatten)]
    job: FlinkJob,
    resumed_from_savepoint: Option<String>,
    flink_job_id: Option<String>,
}

async fn jobs(State(sim): State<Sim>) -> Json<Vec<SimJobView>> {
    let (now, project_id) = (now_ms(), &sim.config().project_id);
    let jobs = sim.jobs();
    Json(
        jobs.all()
            .map(|job| SimJobView {
                job: job.to_wire(now, project_id, true),
                resumed_from_savepoint: job.resumed_from(project_id),
                flink_job_id: job.flink_job_id.clone(),
            })
            .collect(),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusChange {
    status: ForcedStatus,
    #[serde(default)]
    status_desc: String,
}

/// `{"status": "job_running_exception", "status_desc": "..."}`: 204, or 400 for a status the
/// control does not set, 404 for an unknown job, 409 when the job is not where that status follows.
async fn set_status(
    State(sim): State<Sim>,
    Path(job_id): Path<i64>,
    change: Result<Json<StatusChange>, JsonRejection>,
) -> Response {
    let Json(change) = match change {
        Ok(change) => change,
        Err(rejection) => return (StatusCode::BAD_REQUEST, rejection.body_text()).into_response(),
    };
    let mut jobs = sim.jobs();
    let Some(job) = jobs.get_mut(job_id) else {
        return (StatusCode::NOT_FOUND, format!("no job {job_id}")).into_response();
    };
    match job.force(now_ms(), change.status, change.status_desc) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(reason) => (StatusCode::CONFLICT, reason).into_response(),
    }
}

/// A redirect to the job's latest run in Flink's dashboard; 404 with the reason when there is none.
async fn dashboard(State(sim): State<Sim>, Path(job_id): Path<i64>) -> Response {
    let Some((flink, _)) = sim.flink() else {
        let reason = "this simulator runs no jobs on Flink (start it with --flink-rest)";
        return (StatusCode::NOT_FOUND, reason).into_response();
    };
    let jobs = sim.jobs();
    let Some(job) = jobs.get(job_id) else {
        return (StatusCode::NOT_FOUND, format!("no job {job_id}")).into_response();
    };
    let Some(flink_job_id) = &job.flink_job_id else {
        let reason = format!("job {job_id} has no run on Flink (not started, or Flink refused it)");
        return (StatusCode::NOT_FOUND, reason).into_response();
    };
    let url = flink.dashboard_url(flink_job_id, job.is_running(now_ms()));
    Redirect::temporary(&url).into_response()
}

async fn expire_tokens(State(sim): State<Sim>) -> StatusCode {
    sim.expire_tokens();
    StatusCode::NO_CONTENT
}

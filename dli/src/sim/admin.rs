//! Endpoints only the simulator serves, under `/_sim`, for tests and demos: read and replace the
//! fault plan, read request counts and all jobs, and expire every IAM token issued so far.

use super::{
    faults::FaultPlan,
    state::{Sim, now_ms},
};
use crate::FlinkJob;
use axum::{
    Json, Router,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};

pub fn router() -> Router<Sim> {
    Router::new()
        .route("/faults", get(faults).put(set_faults))
        .route("/counts", get(counts))
        .route("/jobs", get(jobs))
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

async fn jobs(State(sim): State<Sim>) -> Json<Vec<FlinkJob>> {
    let (now, transition) = (now_ms(), sim.transition_ms());
    let jobs = sim.jobs();
    Json(
        jobs.all()
            .map(|job| job.to_wire(now, transition, &sim.config().project_id, true))
            .collect(),
    )
}

async fn expire_tokens(State(sim): State<Sim>) -> StatusCode {
    sim.expire_tokens();
    StatusCode::NO_CONTENT
}

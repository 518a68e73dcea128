//! The simulated DLI endpoints for Flink jobs and queues, answering with the client's own wire
//! types: create, show, list (with its filters and paging), run, stop, delete (one or a batch),
//! list queues. Update is `update`'s; on a simulator backed by Flink, `engine` carries out runs,
//! stops and deletes there.

use super::{
    answers::{Answer, Refusal, parse_body, parse_job_id},
    engine,
    state::{Identity, Jobs, Sim, now_ms},
    validate,
};
use crate::{
    CreateFlinkJarJobRequest, CreateFlinkJarJobResponse, CreatedJobInfo, DeleteJobsRequest,
    FlinkJobList, JobType, ListFlinkJobsResponse, ListJobsQuery, ListQueuesQuery,
    ListQueuesResponse, Outcome, Queue, QueueType, RunJobsRequest, ShowFlinkJobResponse, SortOrder,
    StopJobsRequest,
};
use axum::{
    Extension, Json,
    body::Bytes,
    extract::{Path, Query, State, rejection::QueryRejection},
};

pub async fn create(
    State(sim): State<Sim>,
    Extension(identity): Extension<Identity>,
    body: Bytes,
) -> Answer<CreateFlinkJarJobResponse> {
    let request: CreateFlinkJarJobRequest = parse_body(&body)?;
    validate::create(&request, &sim.config().queues)?;
    let job_id = sim.jobs().create(request, identity.user_name);
    tracing::debug!(job_id, "simulator: created a job");
    Ok(Json(CreateFlinkJarJobResponse {
        outcome: Outcome::success("A Flink job is created successfully."),
        job: Some(CreatedJobInfo {
            job_id: Some(job_id),
            status_name: Some("job_init".into()),
            status_desc: Some(String::new()),
        }),
    }))
}

pub async fn show(
    State(sim): State<Sim>,
    Path((_, job_id)): Path<(String, String)>,
) -> Answer<ShowFlinkJobResponse> {
    let job_id = parse_job_id(&job_id)?;
    let jobs = sim.jobs();
    let job = jobs.get(job_id).ok_or(Refusal::no_such_job(job_id))?;
    Ok(Json(ShowFlinkJobResponse {
        outcome: Outcome::success("Job detail query succeeds."),
        job_detail: Some(job.to_wire(now_ms(), &sim.config().project_id, true)),
    }))
}

pub async fn list(
    State(sim): State<Sim>,
    query: Result<Query<ListJobsQuery>, QueryRejection>,
) -> Answer<ListFlinkJobsResponse> {
    let Query(query) = query.map_err(|rejection| Refusal::invalid(rejection.body_text()))?;
    let limit = query.limit.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(Refusal::invalid(format!(
            "limit must be between 1 and 100, got {limit}"
        )));
    }
    let now = now_ms();
    // The simulator holds Flink Jar jobs only.
    let jar_jobs_wanted = query
        .job_type
        .is_none_or(|job_type| job_type == JobType::FlinkJarJob);
    let jobs = sim.jobs();
    let mut matching: Vec<_> = jobs
        .all()
        .filter(|_| jar_jobs_wanted)
        .filter(|job| {
            query
                .status
                .as_ref()
                .is_none_or(|status| job.status(now).name == status)
        })
        .filter(|job| {
            query
                .queue_name
                .as_ref()
                .is_none_or(|queue| job.settings.queue_name.as_ref() == Some(queue))
        })
        .filter(|job| {
            query
                .name
                .as_ref()
                .is_none_or(|name| job.settings.name.contains(name.as_str()))
        })
        .filter(|job| {
            query
                .user_name
                .as_ref()
                .is_none_or(|user| *user == job.user_name)
        })
        .filter(|job| {
            query
                .tags
                .iter()
                .all(|tag| job.settings.tags.iter().flatten().any(|held| held == tag))
        })
        .collect();
    matching.sort_by_key(|job| job.id);
    if query.order != Some(SortOrder::Asc) {
        matching.reverse();
    }
    let total_count = matching.len() as i64;
    let detail = query.show_detail.unwrap_or(false);
    let page = matching
        .into_iter()
        .skip(query.offset.unwrap_or(0) as usize)
        .take(limit as usize)
        .map(|job| job.to_wire(now, &sim.config().project_id, detail))
        .collect();
    Ok(Json(ListFlinkJobsResponse {
        outcome: Outcome::success("Querying of the job list succeeds."),
        job_list: Some(FlinkJobList {
            total_count: Some(total_count),
            jobs: Some(page),
        }),
    }))
}

/// Runs each job; on a simulator backed by Flink, each run that DLI accepted goes to Flink.
pub async fn run(State(sim): State<Sim>, body: Bytes) -> Answer<Vec<Outcome>> {
    let request: RunJobsRequest = parse_body(&body)?;
    let outcomes = batch(&sim, &request.job_ids, |jobs, id, now| {
        let job = jobs.get_mut(id)?;
        Some(job.run(now, request.resume_savepoint))
    })?;
    for id in accepted(&request.job_ids, &outcomes) {
        engine::run(&sim, id);
    }
    Ok(outcomes)
}

pub async fn stop(State(sim): State<Sim>, body: Bytes) -> Answer<Vec<Outcome>> {
    let request: StopJobsRequest = parse_body(&body)?;
    let outcomes = batch(&sim, &request.job_ids, |jobs, id, now| {
        let job = jobs.get_mut(id)?;
        Some(job.stop(now, request.trigger_savepoint))
    })?;
    for id in accepted(&request.job_ids, &outcomes) {
        engine::stop(&sim, id, request.trigger_savepoint);
    }
    Ok(outcomes)
}

/// The jobs whose item of a batch answer is a success.
fn accepted<'a>(job_ids: &'a [i64], outcomes: &'a [Outcome]) -> impl Iterator<Item = i64> + 'a {
    job_ids
        .iter()
        .zip(outcomes)
        .filter(|(_, outcome)| outcome.failure_message().is_none())
        .map(|(&id, _)| id)
}

/// Deletes in any status, as the single delete does; an id named twice is gone the second time.
pub async fn delete_many(State(sim): State<Sim>, body: Bytes) -> Answer<Vec<Outcome>> {
    let request: DeleteJobsRequest = parse_body(&body)?;
    batch(&sim, &request.job_ids, |jobs, id, _| {
        let job = jobs.remove(id)?;
        engine::deleted(&sim, &job);
        Some(deleted())
    })
}

/// One outcome per requested job, in request order: `act`'s, or a failure naming a job that
/// does not exist (`act` gives `None`).
fn batch(
    sim: &Sim,
    job_ids: &[i64],
    act: impl Fn(&mut Jobs, i64, i64) -> Option<Outcome>,
) -> Answer<Vec<Outcome>> {
    if job_ids.is_empty() {
        return Err(Refusal::invalid("job_ids must hold at least one job id"));
    }
    let now = now_ms();
    let mut jobs = sim.jobs();
    let outcomes = job_ids
        .iter()
        .map(|&id| {
            act(&mut jobs, id, now)
                .unwrap_or_else(|| Outcome::failure(format!("The Flink job {id} does not exist.")))
        })
        .collect();
    Ok(Json(outcomes))
}

fn deleted() -> Outcome {
    Outcome::success("The job is deleted successfully.")
}

pub async fn delete(
    State(sim): State<Sim>,
    Path((_, job_id)): Path<(String, String)>,
) -> Answer<Outcome> {
    let job_id = parse_job_id(&job_id)?;
    let job = sim
        .jobs()
        .remove(job_id)
        .ok_or(Refusal::no_such_job(job_id))?;
    engine::deleted(&sim, &job);
    Ok(Json(deleted()))
}

/// The simulator's queues are all `general` (Flink-capable); DLI lists `sql` ones by default.
pub async fn queues(
    State(sim): State<Sim>,
    Extension(identity): Extension<Identity>,
    query: Result<Query<ListQueuesQuery>, QueryRejection>,
) -> Answer<ListQueuesResponse> {
    let Query(query) = query.map_err(|rejection| Refusal::invalid(rejection.body_text()))?;
    let wanted = query.queue_type.unwrap_or(QueueType::Sql);
    let queues = sim
        .config()
        .queues
        .iter()
        .filter(|_| wanted != QueueType::Sql)
        .map(|name| Queue {
            queue_name: Some(name.clone()),
            description: Some(String::new()),
            owner: Some(identity.user_name.clone()),
            create_time: Some(sim.started_ms()),
            queue_type: Some("general".into()),
            cu_count: Some(16),
            charging_mode: Some(1),
            enterprise_project_id: Some("0".into()),
            resource_mode: Some(1),
            platform: Some("x86_64".into()),
            is_restarting: Some(false),
            feature: Some("basic".into()),
            queue_resource_type: Some("vm".into()),
            cu_spec: Some(16),
            ..Queue::default()
        })
        .collect();
    Ok(Json(ListQueuesResponse {
        outcome: Outcome::success(""),
        queues: Some(queues),
    }))
}

//! Helpers for tests that run against a simulator: start one, a client for it, its fault plan,
//! its request counts and jobs, a job's status awaited or forced, a valid create body, and
//! waiting for a condition. Shared with
//! the server's integration tests (`#[path]`), so both test binaries steer it the same way.

use dli::{
    DliClient, DliSettings,
    sim::{self, RunningSim, SimConfig},
};
use serde_json::json;
use std::{collections::HashMap, time::Duration};

/// A create body DLI accepts, for a job called `name` in the simulator's first queue.
pub fn job_body(name: &str) -> String {
    json!({
        "name": name, "queue_name": "flink_queue", "cu_number": 2, "manager_cu_number": 1,
        "parallel_number": 1, "main_class": "com.example.Main", "entrypoint": "obs://bucket/app.jar",
        "flink_version": "1.15", "feature": "basic", "tags": [{"key": "env", "value": "dev"}],
    })
    .to_string()
}

/// Creates a job from `job_body(name)`; its DLI id.
pub async fn created_job(client: &DliClient, name: &str) -> i64 {
    let created = client.create_flink_jar_job(&job_body(name)).await;
    created.expect("the simulator creates the job").job_id
}

/// A simulator with fresh credentials and quick transitions (100 ms), adjusted by `adjust`.
pub async fn spawn_sim_with(adjust: impl FnOnce(&mut SimConfig)) -> RunningSim {
    let mut config = SimConfig::with_fresh_credentials();
    config.transition = Duration::from_millis(100);
    adjust(&mut config);
    sim::start(config).await.expect("simulator starts")
}

pub async fn spawn_sim() -> RunningSim {
    spawn_sim_with(|_| {}).await
}

/// Settings for `sim` with quick retries (10 ms, then 20 ms) and a 2 s timeout.
pub fn sim_settings(sim: &RunningSim) -> DliSettings {
    let mut settings = sim.client_settings();
    settings.retry.first_backoff = Duration::from_millis(10);
    settings.timeout = Duration::from_secs(2);
    settings
}

pub fn client_for(sim: &RunningSim) -> DliClient {
    DliClient::new(sim_settings(sim)).expect("valid settings")
}

/// Sends a fault plan to the simulator; its answer, for tests of the plan itself.
pub async fn put_faults(sim: &RunningSim, plan: &serde_json::Value) -> reqwest::Response {
    reqwest::Client::new()
        .put(format!("{}/_sim/faults", sim.base_url))
        .json(plan)
        .send()
        .await
        .expect("simulator answers")
}

/// Replaces the simulator's fault plan (`{}` clears it).
pub async fn set_faults(sim: &RunningSim, plan: serde_json::Value) {
    let response = put_faults(sim, &plan).await;
    assert_eq!(
        response.status(),
        204,
        "{}",
        response.text().await.unwrap_or_default()
    );
}

/// Makes every `operation` the simulator receives fail with `status`.
pub async fn fail_always(sim: &RunningSim, operation: &str, status: u16) {
    let plan = serde_json::json!({ operation: {"status": status, "status_share": 1.0} });
    set_faults(sim, plan).await;
}

/// Asks `probe` every 50 ms until it finds something, for at most `limit`.
pub async fn eventually<T>(
    what: &str,
    limit: Duration,
    mut probe: impl AsyncFnMut() -> Option<T>,
) -> T {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How many requests for `operation` got past the simulator's gateway.
pub async fn sim_count(sim: &RunningSim, operation: &str) -> u64 {
    let url = format!("{}/_sim/counts", sim.base_url);
    let counts: HashMap<String, u64> = reqwest::get(url)
        .await
        .expect("simulator answers")
        .json()
        .await
        .unwrap();
    counts.get(operation).copied().unwrap_or(0)
}

/// Polls the job's detail until it reaches `status` (transitions take 100 ms in these tests).
pub async fn wait_for_status(client: &DliClient, job_id: i64, status: &str) -> dli::FlinkJob {
    let what = format!("job {job_id} reaching {status}");
    eventually(&what, Duration::from_secs(5), async || {
        let job = client.show_job(job_id).await.expect("show");
        (job.status.as_deref() == Some(status)).then_some(job)
    })
    .await
}

/// Asks the simulator to put a job into a status DLI reaches on its own, with `change` as
/// `/_sim/jobs/{job_id}/status` takes it; the HTTP status and body of its answer.
pub async fn force_status(
    sim: &RunningSim,
    job_id: i64,
    change: serde_json::Value,
) -> (u16, String) {
    let url = format!("{}/_sim/jobs/{job_id}/status", sim.base_url);
    let response = reqwest::Client::new()
        .post(url)
        .json(&change)
        .send()
        .await
        .expect("simulator answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// The job as `/_sim/jobs` shows it, with what only the simulator knows (`resumed_from_savepoint`).
pub async fn sim_job_view(sim: &RunningSim, job_id: i64) -> serde_json::Value {
    let url = format!("{}/_sim/jobs", sim.base_url);
    let jobs: Vec<serde_json::Value> = reqwest::get(url)
        .await
        .expect("simulator answers")
        .json()
        .await
        .unwrap();
    jobs.into_iter()
        .find(|job| job["job_id"] == job_id)
        .expect("the simulator holds the job")
}

/// Every job the simulator holds, as DLI's detail shows it.
pub async fn sim_jobs(sim: &RunningSim) -> Vec<dli::FlinkJob> {
    let url = format!("{}/_sim/jobs", sim.base_url);
    reqwest::get(url)
        .await
        .expect("simulator answers")
        .json()
        .await
        .unwrap()
}

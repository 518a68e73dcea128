//! Savepoints and batch deletes against the simulator: a stop that takes a savepoint goes through
//! `job_savepointing`, a run resumes from the newest one (or fails per job without one), and a
//! batch delete answers for every id in order.

use crate::support::{
    client_for, job_body, sim_job_view, sim_jobs, spawn_sim, spawn_sim_with, wait_for_status,
};
use dli::{DliClient, sim::RunningSim};
use std::time::Duration;

/// A simulator whose transitions last long enough to see a job in the middle of one.
async fn slow_sim() -> RunningSim {
    spawn_sim_with(|config| config.transition = Duration::from_millis(800)).await
}

async fn running(client: &DliClient, name: &str) -> i64 {
    let job = client
        .create_flink_jar_job(&job_body(name))
        .await
        .unwrap()
        .job_id;
    client.run_jobs(&[job], false).await.unwrap();
    wait_for_status(client, job, "job_running").await;
    job
}

/// Stops `job` with a savepoint and waits for the stop; the new savepoint's path.
async fn stop_with_savepoint(client: &DliClient, job: i64) -> String {
    let stopped = client.stop_jobs(&[job], true).await.unwrap();
    assert_eq!(stopped[0].failure_message(), None);
    wait_for_status(client, job, "job_cancel_success")
        .await
        .savepoint_path
        .expect("a savepoint path once stopped")
}

#[tokio::test]
async fn a_stop_with_a_savepoint_passes_through_savepointing_and_leaves_a_savepoint() {
    let sim = slow_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "saved").await;
    assert_eq!(
        client.show_job(job).await.unwrap().has_savepoint,
        Some(false)
    );
    client.stop_jobs(&[job], true).await.unwrap();
    let saving = client.show_job(job).await.unwrap();
    assert_eq!(saving.status.as_deref(), Some("job_savepointing"));
    let stopped = wait_for_status(&client, job, "job_cancel_success").await;
    assert_eq!(stopped.has_savepoint, Some(true));
    let expected = format!(
        "obs://dli-savepoints/{}/{job}/savepoint-1",
        sim.config.project_id
    );
    assert_eq!(stopped.savepoint_path, Some(expected));
}

#[tokio::test]
async fn a_run_with_resume_savepoint_starts_from_the_newest_savepoint() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "resumed").await;
    let first = stop_with_savepoint(&client, job).await;
    let ran = client.run_jobs(&[job], true).await.unwrap();
    assert_eq!(ran[0].failure_message(), None);
    assert_eq!(
        sim_job_view(&sim, job).await["resumed_from_savepoint"],
        first
    );
    wait_for_status(&client, job, "job_running").await;

    let second = stop_with_savepoint(&client, job).await;
    assert_ne!(first, second, "every savepoint has its own path");
    client.run_jobs(&[job], true).await.unwrap();
    assert_eq!(
        sim_job_view(&sim, job).await["resumed_from_savepoint"],
        second
    );
    client.stop_jobs(&[job], false).await.unwrap();
    wait_for_status(&client, job, "job_cancel_success").await;
    client.run_jobs(&[job], false).await.unwrap();
    assert!(
        sim_job_view(&sim, job).await["resumed_from_savepoint"].is_null(),
        "a fresh run resumes from nothing"
    );
}

#[tokio::test]
async fn resuming_a_job_without_a_savepoint_fails_for_that_job_alone() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let saved = running(&client, "saved").await;
    stop_with_savepoint(&client, saved).await;
    let never_saved = client
        .create_flink_jar_job(&job_body("never_saved"))
        .await
        .unwrap()
        .job_id;
    let outcomes = client.run_jobs(&[saved, never_saved], true).await.unwrap();
    assert_eq!(outcomes[0].failure_message(), None);
    assert_eq!(
        outcomes[1].failure_message(),
        Some(format!("The job {never_saved} has no savepoint to resume from.").as_str())
    );
    let shown = client.show_job(never_saved).await.unwrap();
    assert_eq!(shown.status.as_deref(), Some("job_init"));
}

#[tokio::test]
async fn a_savepoint_needs_a_running_job_not_a_submitted_one() {
    let sim = slow_sim().await;
    let client = client_for(&sim);
    let job = client
        .create_flink_jar_job(&job_body("early"))
        .await
        .unwrap()
        .job_id;
    client.run_jobs(&[job], false).await.unwrap();
    let outcome = client.stop_jobs(&[job], true).await.unwrap();
    let message = outcome[0].failure_message().unwrap_or_default();
    assert!(
        message.contains("a savepoint needs a running job"),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_batch_delete_answers_for_each_id_in_order_and_deletes_the_known_ones() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let mut ids = Vec::new();
    for name in ["one", "two", "kept"] {
        let created = client.create_flink_jar_job(&job_body(name)).await.unwrap();
        ids.push(created.job_id);
    }
    let running_job = running(&client, "running").await;
    let outcomes = client
        .delete_jobs(&[ids[0], 42, running_job, ids[1], ids[0]])
        .await
        .unwrap();
    let failures: Vec<_> = outcomes.iter().map(|o| o.failure_message()).collect();
    assert_eq!(
        failures,
        [
            None,
            Some("The Flink job 42 does not exist."),
            None,
            None,
            Some(format!("The Flink job {} does not exist.", ids[0]).as_str()),
        ]
    );
    let left: Vec<_> = sim_jobs(&sim)
        .await
        .iter()
        .filter_map(|job| job.job_id)
        .collect();
    assert_eq!(left, [ids[2]]);
}

//! The `/_sim` status control: a job put into `job_submit_fail`, `job_running_exception` or
//! `job_finish` shows it with its description, runs again but cannot be stopped, and the control
//! refuses statuses it does not set and jobs not where that status can happen.

use crate::support::{client_for, force_status, job_body, spawn_sim_with, wait_for_status};
use dli::{DliClient, sim::RunningSim};
use serde_json::json;
use std::time::Duration;

/// A simulator whose jobs stay `job_submitting` long enough for a submission to fail.
async fn slow_sim() -> RunningSim {
    spawn_sim_with(|config| config.transition = Duration::from_millis(800)).await
}

async fn started(client: &DliClient) -> i64 {
    let job = client
        .create_flink_jar_job(&job_body("driven"))
        .await
        .unwrap()
        .job_id;
    client.run_jobs(&[job], false).await.unwrap();
    job
}

/// Forces `status` and checks what show says, that stop is refused and that run starts again.
async fn force_and_check(sim: &RunningSim, client: &DliClient, job: i64, status: &str) {
    let desc = format!("java.lang.RuntimeException: {status}");
    let change = json!({"status": status, "status_desc": desc});
    assert_eq!(force_status(sim, job, change).await, (204, String::new()));
    let shown = client.show_job(job).await.unwrap();
    assert_eq!(
        (shown.status.as_deref(), shown.status_desc.as_deref()),
        (Some(status), Some(desc.as_str()))
    );
    let stop = client.stop_jobs(&[job], false).await.unwrap();
    assert_eq!(
        stop[0].failure_message(),
        Some(format!("The job {job} is {status} and cannot be stopped.").as_str())
    );
    let run = client.run_jobs(&[job], false).await.unwrap();
    assert_eq!(run[0].failure_message(), None, "{status} runs again");
    let again = client.show_job(job).await.unwrap();
    assert_eq!(
        (again.status.as_deref(), again.status_desc.as_deref()),
        (Some("job_submitting"), Some(""))
    );
}

#[tokio::test]
async fn a_submission_can_be_made_to_fail_and_the_job_run_again() {
    let sim = slow_sim().await;
    let client = client_for(&sim);
    let job = started(&client).await;
    force_and_check(&sim, &client, job, "job_submit_fail").await;
    assert_eq!(client.show_job(job).await.unwrap().start_time, None);
}

#[tokio::test]
async fn a_running_job_can_be_made_to_fail_or_finish_and_run_again() {
    let sim = slow_sim().await;
    let client = client_for(&sim);
    for status in ["job_running_exception", "job_finish"] {
        let job = started(&client).await;
        wait_for_status(&client, job, "job_running").await;
        force_and_check(&sim, &client, job, status).await;
    }
}

#[tokio::test]
async fn the_status_control_refuses_other_statuses_unknown_jobs_and_the_wrong_moment() {
    let sim = slow_sim().await;
    let client = client_for(&sim);
    let job = started(&client).await;
    let (status, body) = force_status(&sim, job, json!({"status": "job_running"})).await;
    assert_eq!(status, 400);
    assert!(body.contains("unknown variant `job_running`"), "{body}");
    assert_eq!(
        force_status(&sim, 42, json!({"status": "job_finish"}))
            .await
            .0,
        404
    );
    let (status, body) = force_status(&sim, job, json!({"status": "job_finish"})).await;
    assert_eq!(
        (status, body.as_str()),
        (
            409,
            format!("The job {job} is job_submitting: job_finish can only follow job_running.")
                .as_str()
        )
    );
    let shown = client.show_job(job).await.unwrap();
    assert_eq!(shown.status.as_deref(), Some("job_submitting"));
}

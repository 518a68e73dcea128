//! Updates of a job's settings against the simulator: anything while the job is stopped, only
//! live settings while it runs (and never `obs_bucket` unchanged), never tags, and the new
//! settings and update time in show and list afterwards.

use crate::support::{client_for, job_body, spawn_sim, wait_for_status};
use dli::{DliClient, DliError, DliErrorKind, ListJobsQuery};
use serde_json::{Value, json};

/// An update body as the portal builds it: the fields to change and the job type.
fn update_body(mut fields: Value) -> String {
    fields["job_type"] = json!("flink_jar_job");
    fields.to_string()
}

async fn create(client: &DliClient, name: &str) -> i64 {
    let mut body: Value = serde_json::from_str(&job_body(name)).unwrap();
    (body["log_enabled"], body["obs_bucket"]) = (json!(true), json!("job-logs"));
    client
        .create_flink_jar_job(&body.to_string())
        .await
        .unwrap()
        .job_id
}

async fn running(client: &DliClient, name: &str) -> i64 {
    let job = create(client, name).await;
    client.run_jobs(&[job], false).await.unwrap();
    wait_for_status(client, job, "job_running").await;
    job
}

async fn refused(client: &DliClient, job: i64, fields: Value) -> DliError {
    client
        .update_flink_jar_job(job, &update_body(fields))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_stopped_job_takes_any_field_and_show_and_list_return_the_new_settings() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "before").await;
    client.stop_jobs(&[job], false).await.unwrap();
    wait_for_status(&client, job, "job_cancel_success").await;

    let fields = json!({"name": "after", "parallel_number": 3, "entrypoint": "obs://bucket/v2.jar",
        "runtime_config": r#"[{"key":"k","value":"v2"}]"#});
    let updated = client
        .update_flink_jar_job(job, &update_body(fields))
        .await
        .unwrap();
    let update_time = updated.update_time.expect("DLI says when");

    let shown = client.show_job(job).await.unwrap();
    assert_eq!(
        (shown.name.as_deref(), shown.update_time),
        (Some("after"), Some(update_time))
    );
    let config = shown.job_config.unwrap();
    assert_eq!(
        (config.parallel_number, config.entrypoint.as_deref()),
        (Some(3), Some("obs://bucket/v2.jar"))
    );
    assert_eq!(
        config.obs_bucket.as_deref(),
        Some("job-logs"),
        "a field left out keeps its value"
    );
    assert_eq!(shown.main_class.as_deref(), Some("com.example.Main"));
    let listed = client.list_jobs(&ListJobsQuery::default()).await.unwrap();
    let item = &listed.jobs.unwrap()[0];
    assert_eq!(
        (item.name.as_deref(), item.update_time),
        (Some("after"), Some(update_time))
    );
}

#[tokio::test]
async fn a_running_job_takes_a_live_field_and_keeps_running() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "live").await;
    let started = client.show_job(job).await.unwrap().start_time;
    let fields = json!({"smn_topic": "alerts", "resume_max_num": 5, "parallel_number": 1});
    client
        .update_flink_jar_job(job, &update_body(fields))
        .await
        .unwrap();
    let shown = client.show_job(job).await.unwrap();
    assert_eq!(
        (shown.status.as_deref(), shown.start_time),
        (Some("job_running"), started),
        "the same run goes on"
    );
    let config = shown.job_config.unwrap();
    assert_eq!(
        (config.smn_topic.as_deref(), config.resume_max_num),
        (Some("alerts"), Some(5))
    );
}

#[tokio::test]
async fn a_running_job_refuses_a_field_that_needs_a_stop_and_names_it() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "restart").await;
    let error = refused(&client, job, json!({"cu_number": 4, "smn_topic": "alerts"})).await;
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::InvalidRequest, Some("DLI.0001"))
    );
    assert_eq!(
        error.dli_message(),
        Some("The job is running: cu_number cannot change until it is stopped.")
    );
    let config = client.show_job(job).await.unwrap().job_config.unwrap();
    assert_eq!(
        (config.cu_number, config.smn_topic),
        (Some(2), None),
        "a refused update changes nothing"
    );
}

#[tokio::test]
async fn a_running_job_refuses_its_obs_bucket_unchanged_and_takes_a_new_one() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = running(&client, "buckets").await;
    let same = refused(&client, job, json!({"obs_bucket": "job-logs"})).await;
    assert_eq!(same.code(), Some("DLI.0001"));
    assert!(
        same.dli_message()
            .unwrap()
            .contains("obs_bucket is unchanged"),
        "{same}"
    );
    client
        .update_flink_jar_job(job, &update_body(json!({"obs_bucket": "new-logs"})))
        .await
        .unwrap();
    let shown = client.show_job(job).await.unwrap();
    assert_eq!(shown.status.as_deref(), Some("job_running"));
    assert_eq!(
        shown.job_config.unwrap().obs_bucket.as_deref(),
        Some("new-logs")
    );
}

#[tokio::test]
async fn an_update_with_tags_is_refused_and_names_them() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = create(&client, "tagged").await;
    let error = refused(
        &client,
        job,
        json!({"tags": [{"key": "env", "value": "prod"}]}),
    )
    .await;
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::InvalidRequest, Some("DLI.0001"))
    );
    assert!(
        error
            .dli_message()
            .unwrap()
            .starts_with("tags cannot be changed")
    );
    let tags = client.show_job(job).await.unwrap().tags.unwrap();
    assert_eq!(tags[0].value, "dev");
}

#[tokio::test]
async fn an_update_of_an_unknown_job_is_dli_16001() {
    let sim = spawn_sim().await;
    let error = refused(&client_for(&sim), 42, json!({"desc": "x"})).await;
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::NotFound, Some("DLI.16001"))
    );
    assert_eq!(
        error.dli_message(),
        Some("The Flink job 42 does not exist.")
    );
}

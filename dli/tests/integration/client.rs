//! The DLI client against the simulator: every operation signed and round-tripped, refusals and
//! failures mapped to their kinds, the project lookup; IAM tokens, logs, updates and savepoints
//! with batch deletes in the submodules.

mod iam;
mod logs;
mod savepoints;
mod update;

use crate::support::{
    client_for, job_body, sim_count, sim_jobs, sim_settings, spawn_sim, wait_for_status,
};
use dli::{
    Clock, Credentials, DliAuth, DliClient, DliError, DliErrorKind, JobType, ListJobsQuery,
    QueueType, Tag,
};

use dli::sim::DEFAULT_QUEUES;

#[tokio::test]
async fn every_operation_round_trips_signed_against_the_simulator() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);

    let created = client
        .create_flink_jar_job(&job_body("round_trip"))
        .await
        .unwrap();
    assert!(
        created.job_id > i64::from(u32::MAX),
        "ids beyond 32 bits survive"
    );
    assert_eq!(created.status_name.as_deref(), Some("job_init"));

    let shown = client.show_job(created.job_id).await.unwrap();
    assert_eq!(
        (shown.name.as_deref(), shown.status.as_deref()),
        (Some("round_trip"), Some("job_init"))
    );
    let config = shown.job_config.unwrap();
    assert_eq!(config.entrypoint.as_deref(), Some("obs://bucket/app.jar"));
    assert_eq!(shown.user_name.as_deref(), Some("sim_user"));

    let query = ListJobsQuery {
        job_type: Some(JobType::FlinkJarJob),
        name: Some("round".into()),
        tags: vec![Tag {
            key: "env".into(),
            value: "dev".into(),
        }],
        show_detail: Some(true),
        limit: Some(20),
        ..ListJobsQuery::default()
    };
    let listed = client.list_jobs(&query).await.unwrap();
    assert_eq!(listed.total_count, Some(1));
    assert_eq!(listed.jobs.unwrap()[0].job_id, Some(created.job_id));

    let queues = client.list_queues(QueueType::General).await.unwrap();
    let names: Vec<_> = queues
        .iter()
        .filter_map(|queue| queue.queue_name.as_deref())
        .collect();
    assert_eq!(names, DEFAULT_QUEUES);

    let ran = client.run_jobs(&[created.job_id], false).await.unwrap();
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].is_success, Some(true));
    assert!(
        wait_for_status(&client, created.job_id, "job_running")
            .await
            .start_time
            .is_some()
    );

    let stopped = client.stop_jobs(&[created.job_id], true).await.unwrap();
    assert_eq!(stopped[0].is_success, Some(true));
    wait_for_status(&client, created.job_id, "job_cancel_success").await;

    client.delete_job(created.job_id).await.unwrap();
    let gone = client.show_job(created.job_id).await.unwrap_err();
    assert_eq!(
        (gone.kind(), gone.code()),
        (DliErrorKind::NotFound, Some("DLI.16001"))
    );
}

#[tokio::test]
async fn run_and_stop_report_each_job_on_its_own() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let job = client
        .create_flink_jar_job(&job_body("batch"))
        .await
        .unwrap()
        .job_id;
    let outcomes = client.run_jobs(&[job, 42], false).await.unwrap();
    assert_eq!(outcomes[0].failure_message(), None);
    assert_eq!(
        outcomes[1].failure_message(),
        Some("The Flink job 42 does not exist.")
    );
    let again = client.stop_jobs(&[job, job], false).await.unwrap();
    assert!(
        again[1]
            .failure_message()
            .unwrap()
            .contains("job_canceling"),
        "{again:?}"
    );
}

async fn error_with(adjust: impl FnOnce(&mut dli::DliSettings)) -> DliError {
    let sim = spawn_sim().await;
    let mut settings = sim_settings(&sim);
    adjust(&mut settings);
    let client = DliClient::new(settings).unwrap();
    client
        .create_flink_jar_job(&job_body("refused"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_wrong_secret_key_is_refused_by_the_gateway_and_mapped_to_auth() {
    let error = error_with(|settings| {
        let DliAuth::AkSk(right) = &settings.auth else {
            unreachable!()
        };
        settings.auth =
            DliAuth::AkSk(Credentials::new(right.access_key(), "wrong".into()).unwrap());
    })
    .await;
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::Auth, Some("APIGW.0301"))
    );
    assert_eq!(
        error.dli_message(),
        Some("Incorrect IAM authentication information: verify aksk signature fail")
    );
    assert!(error.request_id().is_some());
    assert!(!error.may_have_been_processed());
}

#[tokio::test]
async fn a_clock_20_minutes_late_is_refused_and_mapped_to_auth() {
    let late = || time::OffsetDateTime::now_utc() - time::Duration::minutes(20);
    let error = error_with(|settings| settings.clock = Clock::from_fn(late)).await;
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::Auth, Some("APIGW.0301"))
    );
    assert!(
        error.dli_message().unwrap().contains("15 minutes"),
        "{error}"
    );
}

#[tokio::test]
async fn dli_refusals_of_a_create_keep_their_code_and_message() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let long = client
        .create_flink_jar_job(&job_body(&"n".repeat(58)))
        .await
        .unwrap_err();
    assert_eq!(
        (long.kind(), long.code()),
        (DliErrorKind::InvalidRequest, Some("DLI.0001"))
    );
    assert_eq!(
        long.dli_message(),
        Some("name must be 1 to 57 characters long, got 58")
    );
    let typed = client
        .create_flink_jar_job(r#"{"name": "t", "queue_name": "flink_queue", "cu_number": "2"}"#)
        .await;
    assert!(
        typed
            .unwrap_err()
            .dli_message()
            .unwrap()
            .contains("invalid type: string \"2\"")
    );
    let queue = client
        .create_flink_jar_job(r#"{"name": "q", "queue_name": "nope"}"#)
        .await
        .unwrap_err();
    assert_eq!(
        (queue.kind(), queue.code()),
        (DliErrorKind::NotFound, Some("DLI.0002"))
    );
    assert_eq!(queue.dli_message(), Some("There is no queue named nope"));
    assert_eq!(sim_jobs(&sim).await.len(), 0);
}

#[tokio::test]
async fn the_project_id_is_looked_up_once_from_iam_when_not_configured() {
    let sim = spawn_sim().await;
    let mut settings = sim_settings(&sim);
    settings.project_id = None;
    let client = DliClient::new(settings).unwrap();
    client
        .create_flink_jar_job(&job_body("looked_up"))
        .await
        .unwrap();
    client.list_jobs(&ListJobsQuery::default()).await.unwrap();
    assert_eq!(client.project_id().await.unwrap(), sim.config.project_id);
    assert_eq!(sim_count(&sim, "projects").await, 1);
}

#[tokio::test]
async fn a_region_iam_does_not_know_is_a_clear_error() {
    let sim = spawn_sim().await;
    let mut settings = sim_settings(&sim);
    (settings.project_id, settings.region) = (None, Some("nowhere-1".into()));
    let error = DliClient::new(settings)
        .unwrap()
        .list_jobs(&ListJobsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), DliErrorKind::NotFound);
    assert!(
        error.to_string().contains("HUAWEICLOUD_SDK_PROJECT_ID"),
        "{error}"
    );
}

#[tokio::test]
async fn a_closed_port_is_unreachable_and_nothing_was_processed() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let error =
        error_with(|settings| settings.endpoint = format!("http://{closed}").parse().unwrap())
            .await;
    assert_eq!(error.kind(), DliErrorKind::Unreachable);
    assert!(!error.may_have_been_processed());
}

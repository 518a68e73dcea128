//! The simulator where the portal meets it: in-process when no credentials are configured, and
//! alone as `server simulate`, configured from flags and the environment.

use crate::helpers::{client_for, job_body, sim_jobs, spawn_app};
use dli::{Credentials, DliAuth, DliClient, DliSettings, QueueType};

#[tokio::test]
async fn a_portal_without_credentials_signs_its_jobs_to_its_own_simulator_and_says_so() {
    let app = spawn_app().await;
    let simulator = app.portal.simulator.as_ref().expect("a simulator runs");
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("Jobs go to a local DLI simulator"),
        "the banner shows"
    );
    let created = client_for(simulator)
        .create_flink_jar_job(&job_body("from_portal"))
        .await
        .unwrap();
    assert_eq!(sim_jobs(simulator).await[0].job_id, Some(created.job_id));
}

#[tokio::test]
async fn server_simulate_runs_alone_with_the_keys_from_its_environment() {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["simulate", "--listen", "127.0.0.1:0", "--queues", "alone_q"])
        .env("HUAWEICLOUD_SDK_AK", "STANDALONEAK")
        .env("HUAWEICLOUD_SDK_SK", "standalone-sk")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base_url = loop {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the simulator logs its address");
        if let Some((_, rest)) = line.split_once("listening on ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let credentials = Credentials::new("STANDALONEAK", "standalone-sk".into()).unwrap();
    let mut settings = DliSettings::new(base_url.parse().unwrap(), DliAuth::AkSk(credentials));
    settings.project_id = Some(dli::sim::DEFAULT_PROJECT_ID.into());
    let queues = DliClient::new(settings)
        .unwrap()
        .list_queues(QueueType::General)
        .await
        .unwrap();
    assert_eq!(queues[0].queue_name.as_deref(), Some("alone_q"));
    child.kill().await.unwrap();
}

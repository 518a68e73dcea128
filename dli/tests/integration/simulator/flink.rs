//! The simulator backed by Flink, where no Flink is needed to tell: a missing JAR and a Flink
//! that does not answer are `job_submit_fail` naming the file or Flink's address, and the
//! dashboard link says why there is none. Runs on a real Flink are `make flink-test`'s.

use crate::support::{client_for, created_job, spawn_sim, spawn_sim_with, wait_for_status};
use dli::sim::{FlinkBackend, ObsRoot, RunningSim};
use std::{net::TcpListener, path::PathBuf};

/// An OBS folder of the test's own, removed when dropped.
struct Obs(PathBuf);

impl Obs {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("dli-obs-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Obs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A simulator whose Flink is at a loopback port nothing listens on.
async fn sim_on_absent_flink(obs: &Obs) -> (RunningSim, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let rest_url = format!("http://127.0.0.1:{port}");
    let backend = FlinkBackend {
        rest_url: rest_url.clone(),
        obs: ObsRoot::new(&obs.0),
    };
    (
        spawn_sim_with(|config| config.flink = Some(backend)).await,
        rest_url,
    )
}

/// Creates the usual job (entrypoint `obs://bucket/app.jar`), runs it; its status desc once
/// it is `job_submit_fail`.
async fn submit_fail_desc(sim: &RunningSim) -> String {
    let client = client_for(sim);
    let job = created_job(&client, "on_flink").await;
    client.run_jobs(&[job], false).await.unwrap();
    let failed = wait_for_status(&client, job, "job_submit_fail").await;
    failed.status_desc.unwrap_or_default()
}

#[tokio::test]
async fn a_missing_entrypoint_is_a_submit_failure_naming_its_file() {
    let obs = Obs::new("missing");
    let (sim, _) = sim_on_absent_flink(&obs).await;
    let desc = submit_fail_desc(&sim).await;
    let file = obs.0.join("bucket/app.jar");
    let expected = format!(
        "The entrypoint obs://bucket/app.jar does not exist: there is no file {}",
        file.display()
    );
    assert_eq!(desc, expected);
}

#[tokio::test]
async fn a_flink_that_does_not_answer_is_a_submit_failure_naming_it() {
    let obs = Obs::new("absent");
    std::fs::create_dir_all(obs.0.join("bucket")).unwrap();
    std::fs::write(obs.0.join("bucket/app.jar"), b"PK").unwrap();
    let (sim, rest_url) = sim_on_absent_flink(&obs).await;
    let desc = submit_fail_desc(&sim).await;
    assert!(
        desc.starts_with(&format!("Flink at {rest_url} did not answer")),
        "{desc}"
    );
}

#[tokio::test]
async fn the_dashboard_link_says_why_a_job_has_none() {
    let link = |sim: &RunningSim, job: i64| format!("{}/_sim/jobs/{job}/dashboard", sim.base_url);
    let plain = spawn_sim().await;
    let answer = reqwest::get(link(&plain, 1)).await.unwrap();
    assert_eq!(answer.status(), 404);
    let reason = answer.text().await.unwrap();
    assert!(reason.contains("runs no jobs on Flink"), "{reason}");

    let obs = Obs::new("dashboard");
    let (sim, _) = sim_on_absent_flink(&obs).await;
    let job = created_job(&client_for(&sim), "never_run").await;
    let answer = reqwest::get(link(&sim, job)).await.unwrap();
    assert_eq!(answer.status(), 404);
    let reason = answer.text().await.unwrap();
    assert_eq!(
        reason,
        format!("job {job} has no run on Flink (not started, or Flink refused it)")
    );
}

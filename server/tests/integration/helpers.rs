//! `spawn_app()`: a portal on a free loopback port, and an HTTP client that talks to it.
//! `spawn_sim()`: a DLI simulator on a free loopback port, a client for it, and its admin API.

use app::server::{
    config::Config,
    dli::{DliClient, DliSettings},
};
use clap::Parser;
use server::{
    sim::{self, RunningSim, SimConfig},
    startup::{self, RunningPortal},
};
use std::{collections::HashMap, time::Duration};

pub struct TestApp {
    pub base_url: String,
    pub client: reqwest::Client,
    pub portal: RunningPortal,
    /// Holds the SQLite file of this portal's history; removed when the test ends.
    _data: tempfile::TempDir,
}

/// The configuration a fresh machine gets from no flags and no environment, but on a free port.
fn test_config() -> Config {
    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        config: Config,
    }
    Wrapper::parse_from(["server", "--listen", "127.0.0.1:0"]).config
}

/// A portal on its embedded defaults: a fresh SQLite history and the built-in simulator.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A portal whose DLI is `sim`, which the test can then steer (faults, counts, jobs).
pub async fn spawn_app_for(sim: &RunningSim) -> TestApp {
    let settings = sim.client_settings();
    spawn_app_with(|config| {
        config.dli.endpoint = Some(sim.base_url.clone());
        config.dli.project_id = settings.project_id.clone();
        let credentials = &sim.config.credentials;
        config.dli.access_key = Some(credentials.access_key().to_owned().into());
        config.dli.secret_key = Some(credentials.secret_key().clone());
        config.dli.timeout_secs = 2;
        config.poll_interval_ms = 100;
    })
    .await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut config = test_config();
    config.database_url = format!("sqlite://{}/portal.db", data.path().display());
    adjust(&mut config);
    let portal = startup::start(config).await.expect("portal starts");
    TestApp {
        base_url: format!("http://{}", portal.address),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        portal,
        _data: data,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.get_with(path, &[]).await
    }

    /// `GET path` with these headers (an identity, a request id, an encoding).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request reaches the portal")
    }
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

/// Every job the simulator holds, as DLI's detail shows it.
pub async fn sim_jobs(sim: &RunningSim) -> Vec<app::server::dli::FlinkJob> {
    let url = format!("{}/_sim/jobs", sim.base_url);
    reqwest::get(url)
        .await
        .expect("simulator answers")
        .json()
        .await
        .unwrap()
}

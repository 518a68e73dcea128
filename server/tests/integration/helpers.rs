//! `spawn_app()`: a portal on a free loopback port, and an HTTP client that talks to it.
//! The simulator's helpers (`spawn_sim()`, faults, counts) are the dli crate's test support.

#[path = "../../../dli/tests/integration/support.rs"]
#[allow(dead_code)] // the dli crate's tests use some helpers these do not
mod sim_support;
pub use sim_support::*;

use app::server::config::Config;
use clap::Parser;
use dli::sim::RunningSim;
use server::startup::{self, RunningPortal};

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
    spawn_app_for_with(sim, |_| {}).await
}

/// A portal whose DLI is `sim`, adjusted further by `adjust`.
pub async fn spawn_app_for_with(sim: &RunningSim, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let settings = sim.client_settings();
    spawn_app_with(|config| {
        config.dli.endpoint = Some(sim.base_url.clone());
        config.dli.project_id = settings.project_id.clone();
        let credentials = &sim.config.credentials;
        config.dli.access_key = Some(credentials.access_key().to_owned().into());
        config.dli.secret_key = Some(credentials.secret_key().clone());
        config.dli.timeout_secs = 2;
        config.poll_interval_ms = 100;
        adjust(config);
    })
    .await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut config = test_config();
    config.database_url = Some(format!("sqlite://{}/portal.db", data.path().display()).into());
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

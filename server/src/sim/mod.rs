//! A DLI simulator: the Flink job, queue and IAM endpoints the portal calls, with DLI's wire
//! types, its gateway's signature checks and error bodies, its job lifecycle, and injectable
//! faults. It runs in-process (tests, a portal without credentials) or alone (`server simulate`).

mod admin;
mod answers;
mod faults;
mod gateway;
mod iam;
mod job;
mod jobs;
mod state;
mod validate;

pub use faults::{Fault, FaultPlan, Operation, OperationFault};

use app::server::dli::{Credentials, DliAuth, DliSettings, PasswordLogin, Url};
use axum::{
    Router, middleware,
    routing::{get, post},
};
use state::Sim;
use std::{net::SocketAddr, time::Duration};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// The project id the simulator serves unless told otherwise (32 hex digits, like DLI's).
pub const DEFAULT_PROJECT_ID: &str = "0f5e1a7c3b9d4e2a8c6b1d0e9f7a3c51";
pub const DEFAULT_REGION: &str = "sim-local-1";
pub const DEFAULT_QUEUES: [&str; 2] = ["flink_queue", "flink_queue_2"];

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The only AK/SK (and, for temporary credentials, security token) the gateway accepts.
    pub credentials: Credentials,
    /// The IAM user that may log in with a password for a token.
    pub iam_user: Option<PasswordLogin>,
    pub project_id: String,
    /// Also the name of the project IAM lists.
    pub region: String,
    /// `user_name` of jobs created with AK/SK.
    pub user_name: String,
    /// `general` queues, the kind that runs Flink Jar jobs.
    pub queues: Vec<String>,
    /// How long a job stays `job_submitting` after run and `job_canceling` after stop.
    pub transition: Duration,
    pub token_lifetime: Duration,
    pub faults: FaultPlan,
}

impl SimConfig {
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            iam_user: None,
            project_id: DEFAULT_PROJECT_ID.to_string(),
            region: DEFAULT_REGION.to_string(),
            user_name: "sim_user".to_string(),
            queues: DEFAULT_QUEUES.map(str::to_string).to_vec(),
            transition: Duration::from_secs(2),
            token_lifetime: Duration::from_secs(24 * 3600),
            faults: FaultPlan::new(),
        }
    }

    /// A fresh random AK/SK from the operating system's generator (via UUID v4), so that the
    /// portal's requests to its own simulator are still really signed.
    pub fn with_fresh_credentials() -> Self {
        let random_hex = || uuid::Uuid::new_v4().simple().to_string();
        let access_key = random_hex()[..20].to_ascii_uppercase();
        let secret_key = format!("{}{}", random_hex(), random_hex());
        Self::new(Credentials::new(access_key, secret_key.into()).expect("hex digits"))
    }
}

/// A simulator serving on `base_url`; stopped by [`RunningSim::stop`] or when dropped.
pub struct RunningSim {
    pub base_url: String,
    pub address: SocketAddr,
    pub config: SimConfig,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

/// Starts a simulator on a free loopback port.
pub async fn start(config: SimConfig) -> std::io::Result<RunningSim> {
    start_on(SocketAddr::from(([127, 0, 0, 1], 0)), config).await
}

pub async fn start_on(address: SocketAddr, config: SimConfig) -> std::io::Result<RunningSim> {
    let listener = TcpListener::bind(address).await?;
    let address = listener.local_addr()?;
    let app = router(Sim::new(config.clone()));
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    Ok(RunningSim {
        base_url: format!("http://{address}"),
        address,
        config,
        stop,
        server,
    })
}

impl RunningSim {
    /// Client settings for this simulator: its URL for DLI and IAM, its project, its AK/SK.
    pub fn client_settings(&self) -> DliSettings {
        let url = Url::parse(&self.base_url).expect("an http URL with an IP and a port");
        let mut settings =
            DliSettings::new(url.clone(), DliAuth::AkSk(self.config.credentials.clone()));
        settings.iam_endpoint = Some(url);
        settings.region = Some(self.config.region.clone());
        settings.project_id = Some(self.config.project_id.clone());
        settings
    }

    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.stop.send(());
        self.server.await.map_err(std::io::Error::other)?
    }
}

fn router(sim: Sim) -> Router {
    use Operation::*;
    let op = |operation: Operation| {
        middleware::from_fn_with_state((sim.clone(), operation), faults::inject)
    };
    let gated = Router::new()
        .route(
            "/v1.0/{project_id}/streaming/flink-jobs",
            post(jobs::create).layer(op(Create)),
        )
        .route(
            "/v1.0/{project_id}/streaming/jobs",
            get(jobs::list).layer(op(List)),
        )
        .route(
            "/v1.0/{project_id}/streaming/jobs/run",
            post(jobs::run).layer(op(Run)),
        )
        .route(
            "/v1.0/{project_id}/streaming/jobs/stop",
            post(jobs::stop).layer(op(Stop)),
        )
        .route(
            "/v1.0/{project_id}/streaming/jobs/{job_id}",
            get(jobs::show)
                .layer(op(Show))
                .merge(axum::routing::delete(jobs::delete).layer(op(Delete))),
        )
        .route(
            "/v1.0/{project_id}/queues",
            get(jobs::queues).layer(op(Queues)),
        )
        .route("/v3/projects", get(iam::projects).layer(op(Projects)))
        .layer(middleware::from_fn_with_state(
            sim.clone(),
            gateway::authenticate,
        ));
    Router::new()
        .merge(gated)
        .route("/v3/auth/tokens", post(iam::issue_token).layer(op(Token)))
        .nest("/_sim", admin::router())
        .fallback(answers::no_such_api)
        .method_not_allowed_fallback(answers::no_such_api)
        .with_state(sim)
}

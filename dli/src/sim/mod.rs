//! A DLI simulator: the Flink job, queue and IAM endpoints the portal calls, with DLI's wire
//! types, its gateway's signature checks and error bodies, its job lifecycle, and injectable
//! faults. It runs in-process (tests, a portal without credentials) or alone (`server simulate`),
//! and with a real Flink (`flink`, `engine`) it runs each job's JAR there.

mod admin;
mod answers;
mod config;
mod engine;
mod faults;
pub mod flink;
mod gateway;
mod iam;
mod injection;
mod job;
mod jobs;
mod lifecycle;
mod savepoints;
mod state;
mod status;
mod update;
mod validate;

pub use config::{DEFAULT_PROJECT_ID, DEFAULT_QUEUES, DEFAULT_REGION, SimConfig};
pub use faults::{Fault, FaultPlan, Operation, OperationFault};
pub use flink::{FlinkBackend, ObsRoot};

use crate::{DliAuth, DliSettings, Url};
use axum::{
    Router, middleware,
    routing::{get, post, put},
};
use state::Sim;
use std::net::SocketAddr;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

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
        middleware::from_fn_with_state((sim.clone(), operation), injection::inject)
    };
    let gated = Router::new()
        .route(
            "/v1.0/{project_id}/streaming/flink-jobs",
            post(jobs::create).layer(op(Create)),
        )
        .route(
            "/v1.0/{project_id}/streaming/flink-jobs/{job_id}",
            put(update::update).layer(op(Update)),
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
            "/v1.0/{project_id}/streaming/jobs/delete",
            post(jobs::delete_many).layer(op(BatchDelete)),
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

//! Start-up and shutdown: builds the state from the configuration (the DLI client, or an
//! in-process simulator when no credentials are configured), binds the listener and serves
//! until SIGINT or SIGTERM, letting requests in flight finish.

use crate::{assets, cli::SimulateArgs, router};
use anyhow::Context;
use app::server::{
    access::Access,
    config::Config,
    jobs::{Poller, spawn_poller},
    queues::QueueCache,
    state::AppState,
    store::Store,
};
use app::wasm_bundle::WasmBundle;
use dli::{
    DliClient, DliConfig,
    sim::{self, RunningSim, SimConfig},
};
use leptos::config::{Env, LeptosOptions};
use secrecy::ExposeSecret;
use std::{net::SocketAddr, path::Path, time::Duration};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

/// The name cargo-leptos gives the wasm, JS and CSS files (`output-name` in Cargo.toml).
const OUTPUT_NAME: &str = "dli-portal";

/// How long start-up waits for DLI's queue list before serving without it.
const QUEUE_LIST_AT_START: Duration = Duration::from_secs(2);

/// The largest request body: a job form is a few kilobytes.
const BODY_LIMIT: usize = 256 * 1024;

/// A portal that is serving requests.
pub struct RunningPortal {
    pub address: SocketAddr,
    /// The in-process DLI simulator, when no credentials were configured.
    pub simulator: Option<RunningSim>,
    pub state: AppState,
    poller: Poller,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

pub async fn start(config: Config) -> anyhow::Result<RunningPortal> {
    let leptos_options = leptos_options(&config);
    let database_url = config.database_url()?;
    let store = Store::connect(database_url.expose_secret())
        .await
        .context("cannot open the job history database")?;
    tracing::info!(backend = store.backend_name(), "job history ready");
    let (dli, simulator) = dli_client(&config.dli).await?;
    let state = AppState {
        leptos_options,
        simulator: simulator.is_some(),
        flink_dashboard: config
            .flink_dashboard
            .as_deref()
            .map(|url| url.trim_end_matches('/').to_string()),
        dli_console: config.dli_console(simulator.is_some()),
        dli,
        store,
        queue_cache: QueueCache::default(),
        poll_interval: Duration::from_millis(config.poll_interval_ms),
        poll_lease: Duration::from_millis(
            config.poll_lease_ms.unwrap_or(config.poll_interval_ms * 3),
        ),
        dli_timeout: Duration::from_secs(config.dli.timeout_secs),
        base_path: config.base_path.clone(),
        body_limit: BODY_LIMIT,
        access: Access::new(&config.access),
    };
    // The form's queue list, unless DLI is slow to give it: no page ever waits for DLI.
    state
        .queue_cache
        .warm(&state.dli, QUEUE_LIST_AT_START)
        .await;
    let poller = spawn_poller(state.clone());
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let address = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router::build(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%address, "portal listening on http://{address}");
    Ok(RunningPortal {
        address,
        simulator,
        state,
        poller,
        stop,
        server,
    })
}

/// Leptos' settings for rendering pages: where the site is, and the assets' hashed names if
/// `make site` listed them (see `assets`).
fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_file = assets::hash_file(&config.hash_file);
    // Leptos panics rendering a page when hashing is on and the list is missing.
    let hashed_names = hash_file.is_file();
    let options = LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_addr(config.listen)
        .env(Env::PROD)
        .hash_files(hashed_names)
        .hash_file(hash_file.to_string_lossy().into())
        .build();
    // The form's build also names the stylesheet; the other bundles, their script and wasm.
    let pkg_dir = config.site_root.join("pkg");
    let others = WasmBundle::OTHERS.map(|bundle| (bundle, &["js", "wasm"][..]));
    for (bundle, kinds) in [(WasmBundle::Form, &["js", "wasm", "css"][..])]
        .into_iter()
        .chain(others)
    {
        let bundle = bundle.options(&options);
        let hash_list = Path::new(&*bundle.hash_file);
        if let Some(problem) = assets::mismatch(&pkg_dir, &bundle.output_name, hash_list, kinds) {
            tracing::error!("{problem}");
        }
    }
    options
}

/// The client for the configured DLI or, with no credentials at all, for a simulator started
/// here with fresh random credentials (so that signing still runs end to end).
async fn dli_client(config: &DliConfig) -> anyhow::Result<(DliClient, Option<RunningSim>)> {
    if let Some(settings) = config.resolve()? {
        let client = DliClient::new(settings)?;
        tracing::info!(endpoint = %client.endpoint(), auth = client.auth_method(), "DLI client ready");
        return Ok((client, None));
    }
    let simulator = sim::start(SimConfig::with_fresh_credentials())
        .await
        .context("cannot start the DLI simulator")?;
    tracing::warn!(
        simulator = %simulator.base_url,
        "no DLI credentials configured: jobs go to a local DLI simulator, NOT to the cloud"
    );
    let client = DliClient::new(simulator.client_settings())?;
    Ok((client, Some(simulator)))
}

/// `server simulate`: the simulator alone, until SIGINT or SIGTERM.
pub async fn simulate(args: SimulateArgs) -> anyhow::Result<()> {
    let listen = args.listen;
    let simulator = sim::start_on(listen, args.into_sim_config()?)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    tracing::info!(
        address = %simulator.address,
        queues = ?simulator.config.queues,
        project_id = %simulator.config.project_id,
        "DLI simulator listening on {}",
        simulator.base_url
    );
    shutdown_signal().await;
    simulator.stop().await?;
    Ok(())
}

impl RunningPortal {
    /// Whether this instance's status poller holds the lease (one instance per database does).
    pub fn is_polling(&self) -> bool {
        self.poller.is_leading()
    }

    /// Serves until SIGINT or SIGTERM, then drains requests in flight.
    pub async fn run_until_signal(self) -> anyhow::Result<()> {
        shutdown_signal().await;
        tracing::info!("shutting down");
        self.stop().await
    }

    /// Stops accepting connections and waits for requests in flight, then for the simulator.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.server.await??;
        self.poller.stop().await;
        if let Some(simulator) = self.simulator {
            simulator.stop().await?;
        }
        Ok(())
    }
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

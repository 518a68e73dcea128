//! The server's configuration, from command-line flags or environment variables (clap).

use super::dli::DliConfig;
use clap::{Args, ValueEnum};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Address and port the portal listens on.
    #[arg(long, env = "PORTAL_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Folder holding the built site: the wasm, JS and CSS under `pkg/`, and the public files.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Log line format.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,

    /// The job history: `sqlite://path` (created if missing) or `postgres://...` when several
    /// portal instances share one history.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/portal.db",
        hide_env_values = true
    )]
    pub database_url: String,

    /// How often, in milliseconds, the status poller refreshes jobs that are changing (steady
    /// jobs are looked at ten times less often).
    #[arg(long, env = "PORTAL_POLL_INTERVAL_MS", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(100..))]
    pub poll_interval_ms: u64,

    /// Where and how to reach DLI; no credentials means the built-in simulator.
    #[command(flatten)]
    pub dli: DliConfig,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Readable lines for a terminal.
    Human,
    /// One JSON object a line, for log collectors.
    Json,
}

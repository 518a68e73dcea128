//! `server`: runs the portal, or with `simulate` the DLI simulator alone.

use clap::Parser;
use server::{
    cli::{Cli, Command},
    startup, telemetry,
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.config.log_format);
    match cli.command {
        Some(Command::Simulate(args)) => startup::simulate(args).await,
        None => startup::start(cli.config).await?.run_until_signal().await,
    }
}

//! The portal's server: the command line, the axum router around the Leptos app, logging,
//! and the start-up and shutdown of the whole process. `main.rs` only calls into it, so that
//! integration tests can start the same portal in-process.

pub mod cli;
pub mod identity;
pub mod middleware;
pub mod ops;
pub mod router;
pub mod sim;
pub mod startup;
pub mod telemetry;

//! The portal's server: the command line, the axum router around the Leptos app, logging,
//! and the start-up and shutdown of the whole process. `main.rs` only calls into it, so that
//! integration tests can start the same portal in-process.
// The router renders the whole app, whose view types nest deeply where components are not
// erased (debug and test builds; `make site` erases them).
#![recursion_limit = "256"]

pub mod assets;
pub mod cli;
pub mod http;
pub mod middleware;
pub mod router;
pub mod startup;
pub mod status;
pub mod telemetry;

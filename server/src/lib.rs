//! The portal's server: the command line, the axum router around the Leptos app, logging,
//! and the start-up and shutdown of the whole process. `main.rs` only calls into it, so that
//! integration tests can start the same portal in-process.
// Rendering the islands' props-carrying views nests types deeply in builds whose components are
// not erased (tests, clippy); the layout of the page futures needs room.
#![recursion_limit = "256"]

pub mod assets;
pub mod cli;
pub mod http;
pub mod middleware;
pub mod router;
pub mod startup;
pub mod status;
pub mod telemetry;

//! Server-only code (the `ssr` feature): configuration, shared state, the DLI client, the
//! history store, and the services the server functions, the REST API and the form post call.
//! Nothing here renders a view.

pub mod access;
pub mod config;
pub mod errors;
pub mod jobs;
pub mod queues;
pub mod request;
pub mod state;
pub mod store;

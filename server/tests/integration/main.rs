//! One integration-test binary: each module tells one story against a portal started
//! in-process on 127.0.0.1 with a free port.

mod access;
mod api;
mod base_path;
mod caching;
mod helpers;
mod jobs;
mod operations;
mod pg;
mod poller;
mod preferences;
mod security;
mod shell;
mod simulator;
mod store;

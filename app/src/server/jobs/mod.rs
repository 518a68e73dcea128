//! The job service: the one place where jobs are created, listed, started, stopped, deleted
//! and refreshed. Server functions, the REST API, the form post without JavaScript and the
//! status poller all call it.

mod actions;
mod create;
mod poller;
mod reconcile;
mod views;

pub use actions::{delete, start, stop};
pub use create::{create, draft, new_idempotency_key};
pub use poller::{Poller, spawn_poller};
pub use reconcile::reconcile;
pub use views::{details, list, statuses};

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch: the history's time unit, as DLI's.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or_default()
}

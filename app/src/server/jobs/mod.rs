//! The job service: the one place where jobs are created, listed, started, stopped, deleted
//! and refreshed. Server functions, the REST API, the form post without JavaScript and the
//! status poller all call it.

mod actions;
mod create;
mod events;
mod poller;
mod reconcile;
mod views;

pub use actions::{delete, start, stop};
pub use create::{create, draft, new_idempotency_key};
pub use poller::{Poller, spawn_poller};
pub use reconcile::reconcile;
pub use views::{details, list, page, statuses};

/// The history keeps DLI's unit of time: milliseconds since the Unix epoch.
pub use dli::now_ms;

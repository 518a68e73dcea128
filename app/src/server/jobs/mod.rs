//! The job service: the one place where jobs are created, listed, updated, started, stopped,
//! deleted and refreshed. Server functions, the REST API, the form post without JavaScript and the
//! status poller all call it.

mod actions;
mod audit;
mod batch;
mod create;
mod edit;
mod events;
mod poller;
mod reconcile;
mod steps;
mod update;
mod views;

pub use actions::{delete, start, stop};
pub use audit::{activity, diff, events_of, life, versions};
pub use batch::{BatchOptions, MOST_IN_A_BATCH, batch, batch_draft};
pub use create::{create, draft, new_idempotency_key};
pub use edit::edit_draft;
pub use poller::{Poller, spawn_poller};
pub use reconcile::reconcile;
pub use update::{rollback, update, view as update_view};
pub use views::{details, list, page, statuses};

/// The history keeps DLI's unit of time: milliseconds since the Unix epoch.
pub use dli::now_ms;

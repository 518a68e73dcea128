//! The status poller: one background task per instance; with a shared database exactly one
//! instance (the lease holder) polls at a time, and another takes over when it stops.

use super::{actions::refresh, reconcile::reconcile};
use crate::server::state::AppState;
use dli::now_ms;
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};
use tokio::task::JoinHandle;

/// How many jobs one round refreshes at most; the rest wait for the next round.
const ROUND_SIZE: u32 = 100;

pub struct Poller {
    task: JoinHandle<()>,
    holder: String,
    leading: Arc<AtomicBool>,
    state: AppState,
}

pub fn spawn_poller(state: AppState) -> Poller {
    let holder = format!("poller-{}", uuid::Uuid::new_v4());
    let leading = Arc::new(AtomicBool::new(false));
    let task = tokio::spawn(run(state.clone(), holder.clone(), leading.clone()));
    Poller {
        task,
        holder,
        leading,
        state,
    }
}

impl Poller {
    /// Whether this instance holds the lease and so is the one polling DLI.
    pub fn is_leading(&self) -> bool {
        self.leading.load(Ordering::Relaxed)
    }

    /// Stops polling and hands the lease back so that another instance takes over at once.
    pub async fn stop(self) {
        self.task.abort();
        if let Err(error) = self.state.store.release_lead(&self.holder).await {
            tracing::warn!(error = %dli::chain(&error), "could not release the poller lease; it expires by itself");
        }
    }
}

async fn run(state: AppState, holder: String, leading_flag: Arc<AtomicBool>) {
    let interval = state.poll_interval;
    let lease_ms = state.poll_lease.as_millis() as i64;
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut leading = false;
    loop {
        ticker.tick().await;
        match state.store.try_lead(&holder, now_ms(), lease_ms).await {
            Ok(lead) => {
                if lead != leading {
                    tracing::info!(holder = %holder, "status poller {}", if lead { "took the lead" } else { "lost the lead" });
                    leading = lead;
                    leading_flag.store(lead, Ordering::Relaxed);
                    metrics::gauge!("dli_portal_poller_leading").set(f64::from(u8::from(lead)));
                }
            }
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "poller lease unavailable");
                continue;
            }
        }
        if !leading {
            continue;
        }
        reconcile(&state, now_ms()).await;
        let due = match state.store.due_for_poll(now_ms(), ROUND_SIZE).await {
            Ok(due) => due,
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "cannot read jobs due for a status refresh");
                continue;
            }
        };
        // Every job due has a DLI id: only created jobs are polled.
        for (record, dli_job_id) in due.iter().filter_map(|due| Some((due.id, due.dli_job_id?))) {
            if let Err(error) = refresh(&state, record, dli_job_id).await {
                tracing::warn!(error = %dli::chain(&error), record, "status refresh failed; retried later");
            }
        }
    }
}

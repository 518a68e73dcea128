//! The status poller: one background task per instance; with a shared database exactly one
//! instance (the lease holder) polls at a time, and another takes over when it stops.

use super::{actions::refresh, reconcile::reconcile, steps::carry_on_due};
use crate::server::state::AppState;
use dli::now_ms;
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};
use std::time::{Duration, Instant};
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
    let mut lead = Lead {
        holder: &holder,
        flag: &leading_flag,
        leading: false,
        renewed: Instant::now(),
        lease_ms,
    };
    loop {
        ticker.tick().await;
        if !lead.renew(&state).await {
            continue;
        }
        reconcile(&state, now_ms()).await;
        carry_on_due(&state).await;
        let due = match state.store.due_for_poll(now_ms(), ROUND_SIZE).await {
            Ok(due) => due,
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "cannot read jobs due for a status refresh");
                continue;
            }
        };
        // Every job due has a DLI id: only created jobs are polled.
        for (record, dli_job_id) in due.iter().filter_map(|due| Some((due.id, due.dli_job_id?))) {
            // A round under slow or failing DLI calls can outlast the lease: renew it on the
            // way, and stop polling the moment another instance holds it.
            if !lead.kept(&state).await {
                break;
            }
            if let Err(error) = refresh(&state, record, dli_job_id).await {
                tracing::warn!(error = %dli::chain(&error), record, "status refresh failed; retried later");
            }
        }
    }
}

/// This instance's hold on the poller lease, as it last learnt it.
struct Lead<'a> {
    holder: &'a str,
    flag: &'a AtomicBool,
    leading: bool,
    renewed: Instant,
    lease_ms: i64,
}

impl Lead<'_> {
    /// Takes or renews the lease; whether this instance leads now.
    async fn renew(&mut self, state: &AppState) -> bool {
        match state
            .store
            .try_lead(self.holder, now_ms(), self.lease_ms)
            .await
        {
            Ok(lead) => {
                if lead != self.leading {
                    tracing::info!(holder = %self.holder, "status poller {}", if lead { "took the lead" } else { "lost the lead" });
                    self.leading = lead;
                    self.flag.store(lead, Ordering::Relaxed);
                    metrics::gauge!("dli_portal_poller_leading").set(f64::from(u8::from(lead)));
                }
                self.renewed = Instant::now();
            }
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "poller lease unavailable");
                return false;
            }
        }
        self.leading
    }

    /// Whether this instance still leads, renewing the lease once a third of it has passed.
    async fn kept(&mut self, state: &AppState) -> bool {
        let third = Duration::from_millis(self.lease_ms as u64 / 3);
        self.renewed.elapsed() < third || self.renew(state).await
    }
}

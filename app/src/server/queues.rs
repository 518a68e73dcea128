//! The queues the job form offers: DLI's Flink-capable (`general`) queues. No page waits for
//! DLI: a page gets the last list DLI gave (or none yet, and a free-text field) at once, and a
//! list older than a minute is refreshed in the background, one refresh at a time.

use dli::{DliClient, QueueType};
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const FRESH_FOR: Duration = Duration::from_secs(60);
/// After DLI failed to list them, the next refresh waits this long, so an outage costs one
/// background call per interval rather than one per page.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(15);

#[derive(Debug, Default)]
struct Cached {
    /// The names DLI last gave, sorted; none before its first answer.
    names: Option<Vec<String>>,
    /// When DLI was last asked, and how long that answer (or failure) stands.
    asked: Option<(Instant, Duration)>,
    refreshing: bool,
}

#[derive(Clone, Debug, Default)]
pub struct QueueCache {
    cached: Arc<Mutex<Cached>>,
}

impl QueueCache {
    /// The queue names as last listed (empty when DLI has never answered), refreshing them in
    /// the background when they are due.
    pub fn get(&self, dli: &DliClient) -> Vec<String> {
        self.refresh_if_due(dli);
        self.lock().names.clone().unwrap_or_default()
    }

    /// Asks DLI at start-up and waits for its answer at most `within`, so that the first pages
    /// offer the list unless DLI is slow.
    pub async fn warm(&self, dli: &DliClient, within: Duration) {
        if let Some(refresh) = self.refresh_if_due(dli) {
            let _ = tokio::time::timeout(within, refresh).await;
        }
    }

    fn refresh_if_due(&self, dli: &DliClient) -> Option<tokio::task::JoinHandle<()>> {
        let mut cached = self.lock();
        let due = cached
            .asked
            .is_none_or(|(at, stands)| at.elapsed() >= stands);
        if !due || cached.refreshing {
            return None;
        }
        cached.refreshing = true;
        Some(tokio::spawn(self.clone().refresh(dli.clone())))
    }

    async fn refresh(self, dli: DliClient) {
        let listed = dli.list_queues(QueueType::General).await;
        let mut cached = self.lock();
        cached.refreshing = false;
        match listed {
            Ok(queues) => {
                let mut names: Vec<String> = queues
                    .into_iter()
                    .filter_map(|queue| queue.queue_name)
                    .collect();
                names.sort();
                cached.names = Some(names);
                cached.asked = Some((Instant::now(), FRESH_FOR));
            }
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "cannot list DLI's queues; the form offers the last list, or a text field");
                cached.asked = Some((Instant::now(), RETRY_AFTER_FAILURE));
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cached> {
        // A poisoned lock only means a refresh panicked; the list is still usable.
        self.cached
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

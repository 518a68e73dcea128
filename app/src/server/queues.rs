//! The queues the job form offers: DLI's Flink-capable (`general`) queues, asked for at most
//! once a minute. When DLI cannot be asked, the form falls back to a free-text queue field.

use dli::{DliClient, QueueType};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::sync::Mutex;

const FRESH_FOR: Duration = Duration::from_secs(60);
/// After DLI failed to list them, pages use what they had (or the text field) this long before
/// DLI is asked again, so an outage does not make every page wait for DLI's timeout.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(15);

/// The queue names last listed, when DLI was asked, and how long the answer stands.
#[derive(Debug)]
struct Listed {
    asked_at: Instant,
    stands_for: Duration,
    names: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct QueueCache {
    last: Arc<Mutex<Option<Listed>>>,
}

impl QueueCache {
    pub async fn get(&self, dli: &DliClient) -> Vec<String> {
        // Held across the call: many pages opened at once ask DLI once.
        let mut last = self.last.lock().await;
        if let Some(listed) = last.as_ref()
            && listed.asked_at.elapsed() < listed.stands_for
        {
            return listed.names.clone();
        }
        let listed = match dli.list_queues(QueueType::General).await {
            Ok(queues) => {
                let mut names: Vec<String> = queues
                    .into_iter()
                    .filter_map(|queue| queue.queue_name)
                    .collect();
                names.sort();
                Listed {
                    asked_at: Instant::now(),
                    stands_for: FRESH_FOR,
                    names,
                }
            }
            Err(error) => {
                tracing::warn!(error = %dli::chain(&error), "cannot list DLI's queues; the form offers the last list, or a text field");
                Listed {
                    asked_at: Instant::now(),
                    stands_for: RETRY_AFTER_FAILURE,
                    names: last.take().map(|stale| stale.names).unwrap_or_default(),
                }
            }
        };
        last.insert(listed).names.clone()
    }
}

//! The queues the job form offers: DLI's Flink-capable (`general`) queues, asked for at most
//! once a minute. When DLI cannot be asked, the form falls back to a free-text queue field.

use super::dli::{DliClient, QueueType};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::sync::Mutex;

const FRESH_FOR: Duration = Duration::from_secs(60);

/// Queue names and when DLI listed them.
type Listed = (Instant, Vec<String>);

#[derive(Clone, Debug, Default)]
pub struct QueueCache {
    last: Arc<Mutex<Option<Listed>>>,
}

impl QueueCache {
    pub async fn get(&self, dli: &DliClient) -> Vec<String> {
        // Held across the call: many pages opened at once ask DLI once.
        let mut last = self.last.lock().await;
        if let Some((at, queues)) = last.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return queues.clone();
        }
        match dli.list_queues(QueueType::General).await {
            Ok(queues) => {
                let mut names: Vec<String> = queues
                    .into_iter()
                    .filter_map(|queue| queue.queue_name)
                    .collect();
                names.sort();
                *last = Some((Instant::now(), names.clone()));
                names
            }
            Err(error) => {
                tracing::warn!(%error, "cannot list DLI's queues; the form asks for the queue as text");
                Vec::new()
            }
        }
    }
}

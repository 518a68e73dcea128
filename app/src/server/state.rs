//! `AppState`: what every request handler, server function and background task shares.

use super::dli::DliClient;
use super::queues::QueueCache;
use super::store::Store;
use crate::portal_info::PortalInfo;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Jobs go to the built-in DLI simulator, not to a cloud region.
    pub simulator: bool,
    pub dli: DliClient,
    pub store: Store,
    pub queue_cache: QueueCache,
    /// How often the status poller looks at jobs that are changing.
    pub poll_interval: Duration,
    /// The longest one DLI call may take.
    pub dli_timeout: Duration,
    /// Where the portal is mounted, without a trailing slash: "" or e.g. "/flink".
    pub base_path: String,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl AppState {
    /// The per-page info the shell sends to the browser.
    pub fn portal_info(&self) -> PortalInfo {
        PortalInfo {
            simulator: self.simulator,
            base_path: self.base_path.clone(),
        }
    }

    pub async fn queues(&self) -> Vec<String> {
        self.queue_cache.get(&self.dli).await
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

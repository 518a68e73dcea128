//! `AppState`: what every request handler, server function and background task shares.

use super::access::{Access, Identity};
use super::queues::QueueCache;
use super::store::Store;
use crate::i18n::preferred_lang;
use crate::model::{PortalInfo, Preference, Theme};
use axum::extract::FromRef;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use dli::DliClient;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Jobs go to the built-in DLI simulator, not to a cloud region.
    pub simulator: bool,
    /// A Flink-backed simulator's URL for browsers, whose `/_sim/jobs/{id}/dashboard` leads to
    /// a job's run in Flink's dashboard (`--flink-dashboard`), without a trailing slash.
    pub flink_dashboard: Option<String>,
    /// The DLI console's page for a job, `{job_id}` still to fill (`Config::dli_console`).
    pub dli_console: Option<String>,
    pub dli: DliClient,
    pub store: Store,
    pub queue_cache: QueueCache,
    /// How often the status poller looks at jobs that are changing.
    pub poll_interval: Duration,
    /// How long the poller's lease lasts unless its holder renews it (every interval).
    pub poll_lease: Duration,
    /// The longest one DLI call may take.
    pub dli_timeout: Duration,
    /// Where the portal is mounted, without a trailing slash: "" or e.g. "/flink".
    pub base_path: String,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    pub access: Access,
}

impl AppState {
    /// What every page rendered for a request needs in its context: this state, the
    /// `PortalInfo` for the person the request came from, and the `Theme` their cookie chose
    /// (the shell and the header render it; the islands never need it, so it stays out of
    /// `PortalInfo` and the wasm). Called once the request is in context.
    pub fn provide_page_context(&self) {
        provide_context(self.clone());
        let parts = use_context::<Parts>();
        let identity = parts
            .as_ref()
            .and_then(|parts| parts.extensions.get::<Identity>().cloned());
        provide_context(self.portal_info(identity.as_ref()));
        // HTTP/2 may send the cookies as several headers.
        let cookies: Vec<&str> = parts
            .iter()
            .flat_map(|parts| parts.headers.get_all(COOKIE))
            .filter_map(|value| value.to_str().ok())
            .collect();
        let cookies = cookies.join("; ");
        provide_context(Theme::from_cookie_header(&cookies).unwrap_or_default());
        let accept_language = parts
            .as_ref()
            .and_then(|parts| parts.headers.get(ACCEPT_LANGUAGE))
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        provide_context(preferred_lang(&cookies, accept_language));
    }

    /// The per-page info the shell sends to the browser, for this reader.
    pub fn portal_info(&self, identity: Option<&Identity>) -> PortalInfo {
        PortalInfo {
            simulator: self.simulator,
            base_path: self.base_path.clone(),
            user: identity.map(|identity| identity.user.clone()),
            may_act: self.access.may_act(identity),
            actor_groups: self.access.actor_groups().to_vec(),
            guardrails: self.access.guardrails.clone(),
        }
    }

    /// The queues the form offers: DLI's, narrowed to the allowlist when there is one (the
    /// allowlist alone when DLI cannot be asked).
    pub fn queues(&self) -> Vec<String> {
        let listed = self.queue_cache.get(&self.dli);
        let allowed = &self.access.guardrails.allowed_queues;
        match (allowed.is_empty(), listed.is_empty()) {
            (true, _) => listed,
            (false, true) => allowed.clone(),
            (false, false) => listed
                .into_iter()
                .filter(|queue| allowed.contains(queue))
                .collect(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

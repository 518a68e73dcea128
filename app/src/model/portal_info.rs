//! What every page needs to know about this portal instance, sent once with the HTML.
//! The server builds it per request (`AppState::provide_page_context`); the browser reads it
//! back from a `<meta>` tag, so the hydrated page starts from exactly what the server rendered.

use crate::domain::Guardrails;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalInfo {
    /// Jobs go to the built-in DLI simulator, not to a cloud region.
    pub simulator: bool,
    /// Where the portal is mounted, without a trailing slash: "" or e.g. "/flink".
    pub base_path: String,
    /// The signed-in person, as the reverse proxy told it; none when anonymous.
    pub user: Option<String>,
    /// Whether the reader may create, start, stop and delete jobs (or only read).
    pub may_act: bool,
    /// The groups whose members may act, to tell the others whom to ask.
    pub actor_groups: Vec<String>,
    pub guardrails: Guardrails,
}

impl PortalInfo {
    pub const META_NAME: &'static str = "dli-portal";

    pub fn to_meta(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the info for the page being rendered (server) or hydrated (browser), and makes
    /// it available to every component below through [`use_portal_info`].
    pub fn provide() -> Self {
        let info = Self::for_this_request();
        provide_context(info.clone());
        info
    }

    /// The info the server put in this page's context.
    #[cfg(feature = "ssr")]
    pub fn for_this_request() -> Self {
        use_context::<Self>().unwrap_or_default()
    }

    #[cfg(not(feature = "ssr"))]
    pub fn for_this_request() -> Self {
        #[cfg(feature = "hydrate")]
        {
            let selector = format!("meta[name=\"{}\"]", Self::META_NAME);
            let content = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.query_selector(&selector).ok().flatten())
                .and_then(|meta| meta.get_attribute("content"));
            if let Some(info) = content.and_then(|json| serde_json::from_str(&json).ok()) {
                return info;
            }
        }
        Self::default()
    }
}

/// The info [`PortalInfo::provide`] made available; inside an island in the browser, where the
/// page's contexts do not reach, the info the page was sent with.
pub fn use_portal_info() -> PortalInfo {
    use_context::<PortalInfo>().unwrap_or_else(PortalInfo::for_this_request)
}

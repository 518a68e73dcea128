//! `Caller`: the portal state and the person behind the request being served, read from the
//! context Leptos gives server functions and pages.

use super::access::Identity;
use super::state::AppState;
use crate::error::AppError;
use axum::http::request::Parts;
use leptos::prelude::use_context;

pub struct Caller {
    pub state: AppState,
    /// Who acts: the identity the reverse proxy vouched for, or "anonymous".
    pub user: String,
    pub identity: Option<Identity>,
}

impl Caller {
    pub const ANONYMOUS: &'static str = "anonymous";

    /// The caller of the server function or page being run.
    pub fn current() -> Result<Self, AppError> {
        let state = use_context::<AppState>()
            .ok_or_else(|| AppError::Transport("the portal's state is missing".into()))?;
        let parts = use_context::<Parts>()
            .ok_or_else(|| AppError::Transport("the request is missing".into()))?;
        Ok(Self::from_parts(state, &parts))
    }

    /// The caller of a plain axum handler.
    pub fn from_parts(state: AppState, parts: &Parts) -> Self {
        let identity = parts.extensions.get::<Identity>().cloned();
        Self {
            state,
            user: identity.as_ref().map_or_else(
                || Self::ANONYMOUS.to_string(),
                |identity| identity.user.clone(),
            ),
            identity,
        }
    }

    /// Refuses a change (create, start, stop, delete) from someone who may only read.
    pub fn may_act(&self) -> Result<(), AppError> {
        if self.state.access.may_act(self.identity.as_ref()) {
            return Ok(());
        }
        tracing::warn!(user = %self.user, "refused a change from a reader");
        Err(AppError::Forbidden(format!(
            "You may look at jobs but not change them: that needs membership of {}.",
            self.state.access.actor_groups().join(" or ")
        )))
    }
}

//! `Caller`: the portal state and the person behind the request being served, read from the
//! context Leptos gives server functions and pages.

use super::state::AppState;
use crate::error::AppError;
use axum::http::request::Parts;
use leptos::prelude::use_context;

pub struct Caller {
    pub state: AppState,
    /// Who acts: the identity the reverse proxy vouched for, or "anonymous".
    pub user: String,
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
    pub fn from_parts(state: AppState, _parts: &Parts) -> Self {
        Self {
            state,
            user: Self::ANONYMOUS.to_string(),
        }
    }
}

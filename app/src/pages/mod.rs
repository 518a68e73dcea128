//! One module per page of the portal.

pub mod activity;
pub mod batch;
pub mod history;
pub mod job_detail;
pub mod new_job;
pub mod not_found;

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Serialize, de::DeserializeOwned};

/// A resource of the job the route's `:id` names, read with `fetch` (a 404 for an id that is not
/// a number).
fn job_resource<T, Fut>(fetch: fn(i64) -> Fut) -> Resource<Result<T, AppError>>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    Resource::new(id, move |id| async move {
        match id {
            Some(id) => fetch(id).await,
            None => Err(AppError::NotFound),
        }
    })
}

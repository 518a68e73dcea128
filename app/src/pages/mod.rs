//! One module per page of the portal.

pub mod activity;
pub mod batch;
pub mod history;
pub mod job_detail;
pub mod new_job;
pub mod not_found;

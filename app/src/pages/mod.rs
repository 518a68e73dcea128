//! One module per page of the portal.

pub mod history;
pub mod job_detail;
pub mod new_job;
pub mod not_found;

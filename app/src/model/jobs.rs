//! The jobs as the pages, server functions, REST API and services exchange them: plain data, no
//! server types, so the same structs exist in the wasm and on the server.

use crate::domain::{DliStatus, FieldErrors, JobForm};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// What the job form starts from: empty, a copy of an earlier job, or (for a browser without
/// JavaScript) the form the server sends back with its errors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobDraft {
    pub form: JobForm,
    /// Sent back with the submission: a repeated submission returns the first outcome.
    pub idempotency_key: String,
    pub start: bool,
    pub errors: FieldErrors,
    /// A problem no field explains, shown as a banner above the form.
    pub problem: Option<AppError>,
    /// The queues to offer; empty when the portal knows none (the field is free text then).
    pub queues: Vec<String>,
    pub copied_from: Option<i64>,
    /// Set when the form edits an existing job instead of creating one.
    pub editing: Option<super::EditTarget>,
}

impl JobDraft {
    /// The form as given, with no errors yet, no queues known and copied from nothing.
    pub fn new(form: JobForm, idempotency_key: String, start: bool) -> JobDraft {
        JobDraft {
            form,
            idempotency_key,
            start,
            errors: FieldErrors::default(),
            problem: None,
            queues: Vec::new(),
            copied_from: None,
            editing: None,
        }
    }
}

/// A job DLI created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreatedJob {
    /// The portal's history record.
    pub record_id: i64,
    pub dli_job_id: i64,
    pub status: Option<String>,
    /// Set when a start was asked for but did not happen; the job itself exists.
    pub start_problem: Option<String>,
}

/// One row of the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobSummary {
    pub id: i64,
    pub name: String,
    pub queue_name: Option<String>,
    pub created_by: String,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
    pub dli_job_id: Option<i64>,
    /// DLI's status name, e.g. `job_running`.
    pub status: Option<String>,
    /// `pending`, `created`, `failed` or `unknown`.
    pub outcome: String,
    pub deleted: bool,
}

/// The history page's filters, exactly as they stand in its URL (empty ones left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryFilters {
    /// A DLI status or one of the outcomes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// A group of statuses (`StatusGroup`), from the history's summary; with a `status` too,
    /// the status wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// Only the reader's own jobs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mine: bool,
    /// A part of the job name, any case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the page starts (from the previous page's "Next" link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// How many jobs a page holds (the JSON API's `limit`); the page's own size when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// One page of the history, as the JSON API gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobPage {
    /// Newest first.
    pub jobs: Vec<JobSummary>,
    /// Send it as `cursor` for the next page; none on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub jobs: Vec<JobSummary>,
    pub next_cursor: Option<String>,
    /// Every queue the history has seen, for the queue filter.
    pub queues: Vec<String>,
    /// Whether the history holds any job at all (for the empty state).
    pub any_jobs: bool,
    /// How many jobs each status group holds, the whole history over, in `StatusGroup` order.
    pub summary: Vec<GroupCount>,
}

/// One group of the history's summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupCount {
    /// `StatusGroup::as_str`.
    pub group: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatusChangeView {
    pub status: String,
    pub status_desc: Option<String>,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorDetails {
    pub kind: String,
    pub code: Option<String>,
    pub message: String,
}

/// Everything about one job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobDetails {
    pub summary: JobSummary,
    pub status_desc: Option<String>,
    pub idempotency_key: String,
    pub start_requested: bool,
    /// The body sent to DLI, indented for reading.
    pub request_json: String,
    pub last_error: Option<ErrorDetails>,
    pub timeline: Vec<StatusChangeView>,
    pub updated_at_ms: i64,
    /// The job's latest update, under way or over.
    pub update: Option<super::UpdateView>,
    /// DLI says the job has a savepoint to start from.
    pub has_savepoint: bool,
    /// Where the job's latest run is in Flink's own dashboard, when DLI is a simulator backed by
    /// Flink and the run reached Flink (a redirect through the simulator, which knows Flink's
    /// job id); none otherwise.
    #[serde(default)]
    pub engine_url: Option<String>,
    /// The job in the DLI console of the configured region, once DLI has given it an id.
    #[serde(default)]
    pub console_url: Option<String>,
}

impl JobSummary {
    /// Whether the job's status may still change without anyone acting: worth refreshing.
    pub fn is_changing(&self) -> bool {
        !self.deleted
            && match self.status.as_deref() {
                None => matches!(self.outcome.as_str(), "pending" | "unknown"),
                // A status DLI has not documented may change too: keep asking.
                Some(status) => !DliStatus::parse(status).is_some_and(DliStatus::is_final),
            }
    }
}

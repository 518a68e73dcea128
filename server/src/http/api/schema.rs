//! The JSON API's request shapes as the OpenAPI document describes them. Bodies are read by the
//! domain's own reader (`JobForm::from_request_json`), which reports every problem per field;
//! these types say what it takes, no stricter than it is, so that every request the document
//! forbids is refused and none it allows is refused for its shape.

use app::model::{BatchAction, WhenRunning};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Declares a request that is DLI's own create body (every field by DLI's name) plus the
/// fields the portal adds: the create's and the update's, written once.
macro_rules! with_dli_job_fields {
    ($(#[$meta:meta])* $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        // Deserialize only so that utoipa reads `deny_unknown_fields` (no other field may be
        // sent); requests are read by the domain's reader, never into this type.
        #[derive(Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        pub struct $name {
            /// 1 to 57 letters, digits, `_` and `-`.
            #[schema(example = "orders_enrichment")]
            name: String,
            /// A Flink-capable (`general`) queue of the project.
            #[schema(example = "flink_queue")]
            queue_name: String,
            /// The JAR: `obs://bucket/path/app.jar`, or a DLI package `group/app.jar` before Flink 1.15.
            #[schema(example = "obs://my-bucket/jars/app.jar")]
            entrypoint: String,
            desc: Option<String>,
            main_class: Option<String>,
            /// Arguments for `main`, split as a shell splits words.
            entrypoint_args: Option<String>,
            dependency_jars: Option<Vec<String>>,
            dependency_files: Option<Vec<String>>,
            #[schema(minimum = 2, maximum = 400)]
            cu_number: Option<i64>,
            #[schema(minimum = 1, maximum = 399)]
            manager_cu_number: Option<i64>,
            #[schema(minimum = 1, maximum = 2000)]
            parallel_number: Option<i64>,
            #[schema(minimum = 1, maximum = 399)]
            tm_cus: Option<i64>,
            #[schema(minimum = 1, maximum = 2000)]
            tm_slot_num: Option<i64>,
            restart_when_exception: Option<bool>,
            resume_checkpoint: Option<bool>,
            /// -1 (no limit) or more than 0.
            resume_max_num: Option<i64>,
            checkpoint_enabled: Option<bool>,
            /// 1 (exactly once) or 2 (at least once).
            #[schema(minimum = 1, maximum = 2)]
            checkpoint_mode: Option<i64>,
            /// Seconds, 1 to 3600.
            #[schema(minimum = 1, maximum = 3600)]
            checkpoint_interval: Option<i64>,
            checkpoint_path: Option<String>,
            log_enabled: Option<bool>,
            obs_bucket: Option<String>,
            smn_topic: Option<String>,
            /// `basic` or `custom`.
            feature: Option<String>,
            flink_version: Option<String>,
            image: Option<String>,
            execution_agency_urn: Option<String>,
            /// `v1` or `v2`.
            resource_config_version: Option<String>,
            resource_config: Option<ResourceConfigRequest>,
            tags: Option<Vec<TagRequest>>,
            /// Flink options: DLI's JSON string of `[{"key", "value"}]`, or that array itself.
            runtime_config: Option<serde_json::Value>,
            /// Log levels: DLI's JSON string of `{"root_logger_level", "loggers_level_of_class"}`, or
            /// that object itself.
            flink_log_config: Option<serde_json::Value>,
            $($extra)*
        }
    };
}

with_dli_job_fields!(
    /// DLI's own create request (`POST /v1.0/{project_id}/streaming/flink-jobs`, every field by
    /// DLI's name), plus `start`. `null` counts as leaving a field out; an unknown field is
    /// refused. The rules between fields (CUs against the JobManager's, a bucket with logs, a
    /// version with `basic`) and the team's guardrails are checked as the form checks them, each
    /// failure reported on its field in a 422.
    CreateJobRequest {
        /// Start the job once DLI has created it.
        start: Option<bool>,
    }
);

with_dli_job_fields!(
    /// The job's settings as they should be, in DLI's create body (all of them: a field left
    /// out goes back to DLI's default), plus what to do when the job runs and a change needs a
    /// restart. Tags cannot change (DLI's update takes none): unchanged tags are accepted.
    UpdateJobRequest {
        /// `refuse` (the default: a 409 names the fields that need a restart), `restart`, or
        /// `restart_from_savepoint` (stop with a savepoint, update, start from it).
        when_running: Option<WhenRunning>,
    }
);

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // described, never read into: see `CreateJobRequest`
pub struct ResourceConfigRequest {
    #[schema(minimum = 1, maximum = 2000)]
    max_slot: Option<i64>,
    #[schema(minimum = 1, maximum = 2000)]
    parallel_number: Option<i64>,
    jobmanager_resource_spec: Option<ResourceSpecRequest>,
    taskmanager_resource_spec: Option<ResourceSpecRequest>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // described, never read into: see `CreateJobRequest`
pub struct ResourceSpecRequest {
    /// vCPUs, at least 0.5.
    #[schema(minimum = 0.5)]
    cpu: Option<f64>,
    /// `4GB`, `4096MB` or `4` (GB), at least 2 GB.
    memory: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // described, never read into: see `CreateJobRequest`
pub struct TagRequest {
    key: Option<String>,
    value: Option<String>,
}

/// `POST /api/v1/jobs/{id}/start`'s body (it may be left out: a fresh start).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// Start from the job's latest savepoint; DLI refuses when it has none.
    #[serde(default)]
    pub resume_savepoint: bool,
}

/// `POST /api/v1/jobs/{id}/stop`'s body (it may be left out: no savepoint).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StopRequest {
    /// Save a savepoint before stopping, to resume from later.
    #[serde(default)]
    pub trigger_savepoint: bool,
}

/// The history's filters and paging, as `GET /api/v1/jobs` takes them.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A part of the job name, any case.
    pub name: Option<String>,
    /// One of DLI's statuses (`job_running`), or an outcome: `pending`, `unknown`, `failed`.
    pub status: Option<String>,
    pub queue: Option<String>,
    /// Only the caller's own jobs.
    pub mine: Option<bool>,
    /// Jobs per page, 1 to 200 (50 when left out).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `POST /api/v1/jobs/{id}/rollback`'s body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbackRequest {
    /// The version whose settings to go back to.
    pub version: i64,
    #[serde(default)]
    pub when_running: WhenRunning,
}

/// `POST /api/v1/jobs/batch`'s body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    pub action: BatchAction,
    /// History ids, each once, 1 to 50 of them.
    #[schema(min_items = 1, max_items = 50)]
    pub ids: Vec<i64>,
    /// For `stop`: save a savepoint first.
    #[serde(default)]
    pub trigger_savepoint: bool,
    /// For `start`: from each job's latest savepoint.
    #[serde(default)]
    pub resume_savepoint: bool,
}

/// The activity log's filters and paging, as `GET /api/v1/events` takes them.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Only this person's actions.
    pub actor: Option<String>,
    /// Only this action: `create`, `update`, `rollback`, `start`, `stop`, `delete`, `reconcile`.
    pub action: Option<String>,
    /// Only this job's events.
    pub job: Option<i64>,
    /// Events per page, 1 to 200 (50 when left out).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

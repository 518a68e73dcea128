//! DLI's view of a Flink job: the list item and detail (`FlinkJob`), the create-time settings it
//! carries (`job_config`) and the list and detail answers. Ids are `i64`, times epoch ms.

use super::model::{Outcome, ResourceConfig, Tag, lenient_bool};
use serde::{Deserialize, Serialize};

/// One job as `GET .../streaming/jobs` lists it and `GET .../streaming/jobs/{job_id}` shows it.
/// `duration` and `root_id` come only without `show_detail`; `user_id`, `project_id`,
/// `run_mode`, `main_class`, `entrypoint_args` and `job_config` only with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlinkJob {
    pub job_id: Option<i64>,
    pub name: Option<String>,
    pub desc: Option<String>,
    pub user_name: Option<String>,
    pub job_type: Option<String>,
    pub status: Option<String>,
    pub status_desc: Option<String>,
    pub create_time: Option<i64>,
    pub start_time: Option<i64>,
    pub update_time: Option<i64>,
    pub duration: Option<i64>,
    pub root_id: Option<i64>,
    pub queue_name: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub graph_editor_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub has_savepoint: Option<bool>,
    pub edge_group_ids: Option<Vec<String>>,
    pub restart_times: Option<i64>,
    pub savepoint_path: Option<String>,
    pub user_id: Option<String>,
    pub project_id: Option<String>,
    pub sql_body: Option<String>,
    pub run_mode: Option<String>,
    pub main_class: Option<String>,
    pub entrypoint_args: Option<String>,
    pub execution_graph: Option<String>,
    pub job_config: Option<JobConfig>,
    pub tags: Option<Vec<Tag>>,
}

/// The settings the job was created with. `checkpoint_mode` comes back as a word
/// (`exactly_once`, `at_least_once`) although create takes a number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JobConfig {
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub checkpoint_enabled: Option<bool>,
    pub checkpoint_mode: Option<String>,
    pub checkpoint_interval: Option<i32>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub log_enabled: Option<bool>,
    pub obs_bucket: Option<String>,
    pub smn_topic: Option<String>,
    pub root_id: Option<i64>,
    pub manager_cu_number: Option<i32>,
    pub cu_number: Option<i32>,
    pub real_cu_number: Option<i32>,
    pub parallel_number: Option<i32>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub restart_when_exception: Option<bool>,
    pub entrypoint: Option<String>,
    pub dependency_jars: Option<Vec<String>>,
    pub dependency_files: Option<Vec<String>>,
    pub tm_cus: Option<i32>,
    pub tm_slot_num: Option<i32>,
    pub feature: Option<String>,
    pub flink_version: Option<String>,
    pub image: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub resume_checkpoint: Option<bool>,
    pub resume_max_num: Option<i32>,
    pub checkpoint_path: Option<String>,
    pub runtime_config: Option<String>,
    pub execution_agency_urn: Option<String>,
    pub resource_config_version: Option<String>,
    pub resource_config: Option<ResourceConfig>,
    pub flink_log_config: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlinkJobList {
    /// Jobs matching the filters, over all pages.
    pub total_count: Option<i64>,
    pub jobs: Option<Vec<FlinkJob>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFlinkJobsResponse {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub job_list: Option<FlinkJobList>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShowFlinkJobResponse {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub job_detail: Option<FlinkJob>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_detail_example_with_nulls_and_string_flags_parses() {
        let body = r#"{"is_success": "true", "message": "Job detail query succeeds.",
            "job_detail": {"job_id": 104, "queue_name": "flinktest", "name": "jptest", "desc": "",
            "job_type": "flink_jar_job", "has_savepoint": "false",
            "job_config": {"checkpoint_enabled": false, "checkpoint_mode": "exactly_once",
            "log_enabled": "false", "obs_bucket": null, "root_id": -1, "cu_number": 2,
            "dependency_jars": ["a.jar", "b.jar"], "unknown_new_field": {"x": 1}},
            "main_class": null, "status": "job_init", "create_time": 1578466221525, "start_time": null}}"#;
        let answer: ShowFlinkJobResponse = serde_json::from_str(body).unwrap();
        assert_eq!(answer.outcome.is_success, Some(true));
        let job = answer.job_detail.unwrap();
        assert_eq!(
            (job.job_id, job.start_time, job.has_savepoint),
            (Some(104), None, Some(false))
        );
        let config = job.job_config.unwrap();
        assert_eq!(config.log_enabled, Some(false));
        assert_eq!(config.checkpoint_mode.as_deref(), Some("exactly_once"));
    }

    #[test]
    fn a_job_id_beyond_32_bits_survives_a_round_trip() {
        let job = FlinkJob {
            job_id: Some(9_007_199_254_740_993),
            ..FlinkJob::default()
        };
        let back: FlinkJob = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        assert_eq!(back.job_id, Some(9_007_199_254_740_993));
    }
}

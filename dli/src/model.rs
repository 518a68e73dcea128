//! DLI's wire types for Flink Jar jobs, queues and the two IAM answers the client reads, named
//! as DLI names them. Every response field is optional because DLI omits or nulls fields freely.

use serde::{Deserialize, Serialize};

/// DLI documents its flags as strings ("true") and sometimes sends bare booleans: accept both.
pub(super) mod lenient_bool {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<bool>, D::Error> {
        match Option::<Flag>::deserialize(deserializer)? {
            None => Ok(None),
            Some(Flag::Bool(flag)) => Ok(Some(flag)),
            Some(Flag::Text(text)) if text.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(Flag::Text(text)) if text.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(Flag::Text(text)) => Err(D::Error::custom(format!(
                "expected true or false, got {text:?}"
            ))),
        }
    }

    /// `is_success` goes out as the string the live API most likely sends (docs/dli-api.md §1).
    pub fn serialize<S: Serializer>(flag: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error> {
        match flag {
            Some(flag) => serializer.serialize_str(if *flag { "true" } else { "false" }),
            None => serializer.serialize_none(),
        }
    }
}

/// `is_success` and `message`: the envelope of every DLI answer, and each item of the arrays
/// that run, stop and batch delete answer with (one per requested job, in request order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    #[serde(default, with = "lenient_bool")]
    pub is_success: Option<bool>,
    #[serde(default)]
    pub message: Option<String>,
}

impl Outcome {
    pub fn success(message: impl Into<String>) -> Self {
        Self {
            is_success: Some(true),
            message: Some(message.into()),
        }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self {
            is_success: Some(false),
            message: Some(message.into()),
        }
    }

    /// DLI's message when it said `is_success: false`; a missing flag counts as success.
    pub fn failure_message(&self) -> Option<&str> {
        (self.is_success == Some(false)).then(|| self.message.as_deref().unwrap_or(""))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// CPU and memory of the JobManager or TaskManager (`resource_config_version` v2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceSpec {
    pub cpu: Option<f64>,
    pub memory: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceConfig {
    pub max_slot: Option<i32>,
    pub parallel_number: Option<i32>,
    pub jobmanager_resource_spec: Option<ResourceSpec>,
    pub taskmanager_resource_spec: Option<ResourceSpec>,
}

/// The body of `POST /v1.0/{project_id}/streaming/flink-jobs` (docs/dli-api.md §1, Table 2), as DLI reads
/// it: only `name` is required. The portal sends bytes its service serialised from the validated
/// job spec. The simulator reads requests with it, and writes one out to lay an update's fields
/// over the job's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateFlinkJarJobRequest {
    pub name: String,
    pub desc: Option<String>,
    pub queue_name: Option<String>,
    pub cu_number: Option<i32>,
    pub manager_cu_number: Option<i32>,
    pub parallel_number: Option<i32>,
    pub checkpoint_enabled: Option<bool>,
    pub checkpoint_mode: Option<i32>,
    pub checkpoint_interval: Option<i32>,
    pub log_enabled: Option<bool>,
    pub obs_bucket: Option<String>,
    pub smn_topic: Option<String>,
    pub main_class: Option<String>,
    pub entrypoint_args: Option<String>,
    pub restart_when_exception: Option<bool>,
    pub entrypoint: Option<String>,
    pub dependency_jars: Option<Vec<String>>,
    pub dependency_files: Option<Vec<String>>,
    pub tm_cus: Option<i32>,
    pub tm_slot_num: Option<i32>,
    pub feature: Option<String>,
    pub flink_version: Option<String>,
    pub image: Option<String>,
    pub resume_checkpoint: Option<bool>,
    pub resume_max_num: Option<i32>,
    pub checkpoint_path: Option<String>,
    pub runtime_config: Option<String>,
    pub execution_agency_urn: Option<String>,
    pub tags: Option<Vec<Tag>>,
    pub resource_config_version: Option<String>,
    pub resource_config: Option<ResourceConfig>,
    pub flink_log_config: Option<String>,
}

/// The job part of the create answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatedJobInfo {
    pub job_id: Option<i64>,
    pub status_name: Option<String>,
    pub status_desc: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateFlinkJarJobResponse {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub job: Option<CreatedJobInfo>,
}

/// A created job, as the client hands it back: DLI's id (always there, or the answer counts
/// as malformed), its first status (`job_init`) and DLI's message.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedJob {
    pub job_id: i64,
    pub status_name: Option<String>,
    pub message: Option<String>,
}

/// One queue of `GET /v1.0/{project_id}/queues` (Flink Jar jobs need a `general` queue).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub queue_name: Option<String>,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub create_time: Option<i64>,
    pub queue_type: Option<String>,
    pub cu_count: Option<i32>,
    pub charging_mode: Option<i32>,
    pub resource_id: Option<String>,
    pub enterprise_project_id: Option<String>,
    pub resource_mode: Option<i32>,
    pub platform: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool::deserialize")]
    pub is_restarting: Option<bool>,
    pub feature: Option<String>,
    pub queue_resource_type: Option<String>,
    pub cu_spec: Option<i32>,
    pub elastic_resource_pool_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQueuesResponse {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub queues: Option<Vec<Queue>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_success_is_read_from_a_bool_or_a_string() {
        for (body, expected) in [
            (r#"{"is_success": true}"#, Some(true)),
            (r#"{"is_success": "true"}"#, Some(true)),
            (r#"{"is_success": "false", "message": "no"}"#, Some(false)),
            (r#"{"is_success": null}"#, None),
            (r#"{}"#, None),
        ] {
            let outcome: Outcome = serde_json::from_str(body).unwrap();
            assert_eq!(outcome.is_success, expected, "{body}");
        }
        assert!(serde_json::from_str::<Outcome>(r#"{"is_success": "yes"}"#).is_err());
    }

    #[test]
    fn only_an_explicit_false_is_a_failure() {
        assert_eq!(
            Outcome::failure("queue busy").failure_message(),
            Some("queue busy")
        );
        assert_eq!(Outcome::success("ok").failure_message(), None);
        assert_eq!(Outcome::default().failure_message(), None);
    }

    #[test]
    fn is_success_is_written_as_the_string_dli_sends() {
        let text = serde_json::to_string(&Outcome::success("done")).unwrap();
        assert_eq!(text, r#"{"is_success":"true","message":"done"}"#);
    }

    #[test]
    fn the_documented_create_answer_parses_with_its_i64_job_id() {
        let body = r#"{"is_success": true, "message": "A Flink job is created successfully.",
            "job": {"job_id": 138, "status_name": "job_init", "status_desc": ""}}"#;
        let answer: CreateFlinkJarJobResponse = serde_json::from_str(body).unwrap();
        assert_eq!(answer.job.unwrap().job_id, Some(138));
    }

    #[test]
    fn run_answers_are_an_array_of_outcomes_with_string_flags() {
        let body = r#"[{"is_success": "true", "message": "delivered"}, {"is_success": false, "message": "busy"}]"#;
        let items: Vec<Outcome> = serde_json::from_str(body).unwrap();
        assert_eq!(items[1].failure_message(), Some("busy"));
    }

    #[test]
    fn a_queue_with_a_string_restart_flag_parses() {
        let body = r#"{"is_success": "true", "message": "", "queues": [{"queue_name": "test",
            "queue_type": "general", "cu_count": 16, "is_restarting": "false", "create_time": 1562221422671}]}"#;
        let answer: ListQueuesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(answer.queues.unwrap()[0].is_restarting, Some(false));
    }

    #[test]
    fn a_create_request_rejects_a_wrongly_typed_field() {
        let error =
            serde_json::from_str::<CreateFlinkJarJobRequest>(r#"{"name": "a", "cu_number": "2"}"#)
                .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("invalid type: string \"2\", expected i32"),
            "{error}"
        );
    }
}

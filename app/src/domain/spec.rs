//! `JobSpec`: a job that passed every rule, which serialises to exactly the body of DLI's
//! `POST /v1.0/{project_id}/streaming/flink-jobs` and reads that body back from the history.

use super::wire::ResourceConfig;
use super::wire::{
    CheckpointMode, Feature, FlinkLogConfig, KeyValue, ResourceConfigVersion, embedded_json,
};
use serde::{Deserialize, Serialize};

/// Fields are declared in the order of the seed document's example request, then the rest, so
/// the example serialises in its own order. Unset optional fields and unticked checkboxes are
/// omitted: DLI's defaults apply (false for every flag). `Default` is only a starting point
/// for building one; a valid spec comes from `JobForm::parse` or a stored body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobSpec {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager_cu_number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cu_number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tm_cus: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tm_slot_num: Option<u32>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub log_enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obs_bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smn_topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_class: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub restart_when_exception: bool,
    /// Optional for DLI, required here: see `JobForm::parse`.
    pub entrypoint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entrypoint_args: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependency_jars: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependency_files: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub resume_checkpoint: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resume_max_num: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_path: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub checkpoint_enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_mode: Option<CheckpointMode>,
    /// Seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<Feature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flink_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// On the wire: a JSON string holding `[{"key":..,"value":..}]`.
    #[serde(default, with = "embedded_json", skip_serializing_if = "Vec::is_empty")]
    pub runtime_config: Vec<KeyValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_agency_urn: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<KeyValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_config_version: Option<ResourceConfigVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_config: Option<ResourceConfig>,
    /// On the wire: a JSON string holding the object.
    #[serde(
        default,
        with = "embedded_json",
        skip_serializing_if = "Option::is_none"
    )]
    pub flink_log_config: Option<FlinkLogConfig>,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

impl JobSpec {
    /// The compact JSON body the portal signs, sends to DLI and stores in the history.
    pub fn to_request_json(&self) -> String {
        // Every field is a string, number, bool or a derived struct: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a body that [`JobSpec::to_request_json`] wrote (a history entry). Only the shape is
    /// checked: "Create a copy" goes through `to_form` and `parse` again before anything is sent.
    pub fn from_request_json(body: &str) -> Result<JobSpec, serde_json::Error> {
        serde_json::from_str(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::JobForm;
    use crate::domain::wire::LogLevel;
    use crate::domain::wire::ResourceSpec;
    use serde_json::json;

    fn minimal() -> JobSpec {
        JobSpec {
            name: "job".into(),
            entrypoint: "app.jar".into(),
            ..JobSpec::default()
        }
    }

    #[test]
    fn unset_fields_and_unticked_flags_are_omitted() {
        assert_eq!(
            minimal().to_request_json(),
            r#"{"name":"job","entrypoint":"app.jar"}"#
        );
    }

    #[test]
    fn runtime_config_and_log_config_travel_as_json_strings() {
        let body = concat!(
            r#"{"name":"job","entrypoint":"app.jar","#,
            r#""runtime_config":"[{\"key\":\"a.b\",\"value\":\"1\"}]","#,
            r#""flink_log_config":"{\"root_logger_level\":\"INFO\","#,
            r#"\"loggers_level_of_class\":{\"org.apache.flink\":\"WARN\"}}"}"#,
        );
        let spec = JobSpec::from_request_json(body).expect("the body reads");
        let option = KeyValue {
            key: "a.b".into(),
            value: "1".into(),
        };
        assert_eq!(spec.runtime_config, [option]);
        let log_config = spec.flink_log_config.clone().expect("a log config");
        assert_eq!(log_config.root_logger_level, Some(LogLevel::Info));
        let loggers = [("org.apache.flink".to_owned(), LogLevel::Warn)];
        assert_eq!(log_config.loggers_level_of_class.0, loggers);
        assert_eq!(spec.to_request_json(), body);
    }

    #[test]
    fn resource_config_is_an_object_and_checkpoint_mode_a_number() {
        let body = concat!(
            r#"{"name":"job","entrypoint":"app.jar","checkpoint_enabled":true,"#,
            r#""checkpoint_mode":2,"resource_config_version":"v2","#,
            r#""resource_config":{"max_slot":2,"#,
            r#""taskmanager_resource_spec":{"cpu":0.5,"memory":"2GB"}}}"#,
        );
        let spec = JobSpec::from_request_json(body).expect("the body reads");
        assert_eq!(spec.checkpoint_mode, Some(CheckpointMode::AtLeastOnce));
        let config = spec.resource_config.clone().expect("a v2 config");
        let taskmanager = ResourceSpec {
            cpu: Some(0.5),
            memory: Some("2GB".into()),
        };
        assert_eq!(config.taskmanager_resource_spec, Some(taskmanager));
        assert_eq!(spec.to_request_json(), body);
    }

    /// The example request of the seed document (dli-create-flink-jar-job.txt), verbatim.
    const SEED_EXAMPLE: &str = r#"{
    "name": "test",
    "desc": "job for test",
    "queue_name": "testQueue",
    "manager_cu_number": 1,
    "cu_number": 2,
    "parallel_number": 1,
    "tm_cus": 1,
    "tm_slot_num": 1,
    "log_enabled": true,
    "obs_bucket": "bucketName",
    "smn_topic": "topic",
    "main_class": "org.apache.flink.examples.streaming.JavaQueueStream",
    "restart_when_exception": false,
    "entrypoint": "javaQueueStream.jar",
    "entrypoint_args":"-windowSize 2000 -rate3",
    "dependency_jars": [
        "myGroup/test.jar",
        "myGroup/test1.jar"
    ],
    "dependency_files": [
        "myGroup/test.csv",
        "myGroup/test1.csv"
    ]
}"#;

    /// The form a person fills in for the seed's example.
    fn seed_form(obs_bucket: &str) -> JobForm {
        let strings = |values: [&str; 2]| values.map(str::to_owned).to_vec();
        JobForm {
            name: "test".into(),
            desc: "job for test".into(),
            queue_name: "testQueue".into(),
            manager_cu_number: "1".into(),
            cu_number: "2".into(),
            parallel_number: "1".into(),
            tm_cus: "1".into(),
            tm_slot_num: "1".into(),
            log_enabled: true,
            obs_bucket: obs_bucket.into(),
            smn_topic: "topic".into(),
            main_class: "org.apache.flink.examples.streaming.JavaQueueStream".into(),
            restart_when_exception: false,
            entrypoint: "javaQueueStream.jar".into(),
            entrypoint_args: "-windowSize 2000 -rate3".into(),
            dependency_jars: strings(["myGroup/test.jar", "myGroup/test1.jar"]),
            dependency_files: strings(["myGroup/test.csv", "myGroup/test1.csv"]),
            ..JobForm::default()
        }
    }

    #[test]
    fn the_seed_example_serialises_as_the_seed_request_in_its_order() {
        // Two deliberate departures from the seed: its "bucketName" is a placeholder no OBS
        // bucket can have (bucket names are lowercase), and an unticked checkbox is omitted
        // rather than sent as false (DLI's default is false).
        let errors = seed_form("bucketName")
            .parse()
            .expect_err("OBS bucket names are lowercase");
        assert_eq!(
            errors
                .in_form_order()
                .map(|(path, _)| path)
                .collect::<Vec<_>>(),
            ["obs_bucket"]
        );

        let spec = seed_form("bucketname")
            .parse()
            .expect("the seed's example is valid");
        let mut expected: serde_json::Value =
            serde_json::from_str(SEED_EXAMPLE).expect("the seed is JSON");
        expected["obs_bucket"] = json!("bucketname");
        let omitted = expected
            .as_object_mut()
            .and_then(|fields| fields.remove("restart_when_exception"));
        assert_eq!(omitted, Some(json!(false)));
        let body = spec.to_request_json();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).ok(),
            Some(expected)
        );
        assert_eq!(
            body,
            concat!(
                r#"{"name":"test","desc":"job for test","queue_name":"testQueue","#,
                r#""manager_cu_number":1,"cu_number":2,"parallel_number":1,"tm_cus":1,"#,
                r#""tm_slot_num":1,"log_enabled":true,"obs_bucket":"bucketname","#,
                r#""smn_topic":"topic","#,
                r#""main_class":"org.apache.flink.examples.streaming.JavaQueueStream","#,
                r#""entrypoint":"javaQueueStream.jar","entrypoint_args":"-windowSize 2000 -rate3","#,
                r#""dependency_jars":["myGroup/test.jar","myGroup/test1.jar"],"#,
                r#""dependency_files":["myGroup/test.csv","myGroup/test1.csv"]}"#,
            )
        );
    }

    #[test]
    fn the_seed_example_sent_as_json_reads_into_the_same_form() {
        let request: serde_json::Value =
            serde_json::from_str(SEED_EXAMPLE).expect("the seed is JSON");
        let (form, start) = JobForm::from_request_json(&request).expect("the seed reads");
        assert_eq!((form, start), (seed_form("bucketName"), false));
    }

    #[test]
    fn a_stored_body_with_an_unknown_field_is_refused() {
        assert!(
            JobSpec::from_request_json(r#"{"name":"a","entrypoint":"a.jar","colour":1}"#).is_err()
        );
    }
}

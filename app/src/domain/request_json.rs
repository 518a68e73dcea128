//! `JobForm::from_request_json`: DLI's own create-request JSON, as automation posts it to
//! `POST /api/v1/jobs` (plus an optional `"start"`), read into a form so that the one `parse`
//! applies. Wrong JSON types and unknown fields are per-field errors, never ignored.

use super::errors::FieldErrors;
use super::form::JobForm;
use super::json_embedded::{flink_log_config, runtime_config};
use super::json_fields::{flag, members, number, rows, string, strings};
use super::row_lists::TAGS;
use serde_json::Value;

impl JobForm {
    /// The form and whether to start the job once created. `null` counts as omitted (Huawei's
    /// Go SDK sends `"tags": null`).
    pub fn from_request_json(request: &Value) -> Result<(JobForm, bool), FieldErrors> {
        let (mut form, mut start, mut errors) = (JobForm::default(), false, FieldErrors::default());
        members(&mut errors, "", request, |errors, key, path, value| {
            let form = &mut form;
            match key {
                "start" => start = flag(errors, path, value),
                "name" => form.name = string(errors, path, value),
                "desc" => form.desc = string(errors, path, value),
                "queue_name" => form.queue_name = string(errors, path, value),
                "main_class" => form.main_class = string(errors, path, value),
                "entrypoint" => form.entrypoint = string(errors, path, value),
                "entrypoint_args" => form.entrypoint_args = string(errors, path, value),
                "dependency_jars" => form.dependency_jars = strings(errors, path, value),
                "dependency_files" => form.dependency_files = strings(errors, path, value),
                "cu_number" => form.cu_number = number(errors, path, value),
                "manager_cu_number" => form.manager_cu_number = number(errors, path, value),
                "parallel_number" => form.parallel_number = number(errors, path, value),
                "tm_cus" => form.tm_cus = number(errors, path, value),
                "tm_slot_num" => form.tm_slot_num = number(errors, path, value),
                "restart_when_exception" => form.restart_when_exception = flag(errors, path, value),
                "resume_checkpoint" => form.resume_checkpoint = flag(errors, path, value),
                "resume_max_num" => form.resume_max_num = number(errors, path, value),
                "checkpoint_enabled" => form.checkpoint_enabled = flag(errors, path, value),
                "checkpoint_mode" => form.checkpoint_mode = number(errors, path, value),
                "checkpoint_interval" => form.checkpoint_interval = number(errors, path, value),
                "checkpoint_path" => form.checkpoint_path = string(errors, path, value),
                "log_enabled" => form.log_enabled = flag(errors, path, value),
                "obs_bucket" => form.obs_bucket = string(errors, path, value),
                "smn_topic" => form.smn_topic = string(errors, path, value),
                "feature" => form.feature = string(errors, path, value),
                "flink_version" => form.flink_version = string(errors, path, value),
                "image" => form.image = string(errors, path, value),
                "execution_agency_urn" => form.execution_agency_urn = string(errors, path, value),
                "resource_config_version" => {
                    form.resource_config_version = string(errors, path, value)
                }
                "tags" => (form.tag_keys, form.tag_values) = rows(errors, TAGS, value),
                "runtime_config" => {
                    (form.runtime_config_keys, form.runtime_config_values) =
                        runtime_config(errors, path, value)
                }
                "resource_config" => resource_config(errors, path, value, form),
                "flink_log_config" => flink_log_config(errors, path, value, form),
                _ => return false,
            }
            true
        });
        if errors.is_empty() {
            Ok((form, start))
        } else {
            Err(errors)
        }
    }
}

fn resource_config(errors: &mut FieldErrors, path: &str, value: &Value, form: &mut JobForm) {
    members(errors, path, value, |errors, key, path, value| {
        match key {
            "max_slot" => form.max_slot = number(errors, path, value),
            "parallel_number" => form.v2_parallel_number = number(errors, path, value),
            "jobmanager_resource_spec" => resource_spec(
                errors,
                path,
                value,
                &mut form.jobmanager_cpu,
                &mut form.jobmanager_memory,
            ),
            "taskmanager_resource_spec" => resource_spec(
                errors,
                path,
                value,
                &mut form.taskmanager_cpu,
                &mut form.taskmanager_memory,
            ),
            _ => return false,
        }
        true
    });
}

fn resource_spec(
    errors: &mut FieldErrors,
    path: &str,
    value: &Value,
    cpu: &mut String,
    memory: &mut String,
) {
    members(errors, path, value, |errors, key, path, value| {
        match key {
            "cpu" => *cpu = number(errors, path, value),
            "memory" => *memory = string(errors, path, value),
            _ => return false,
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::JobSpec;
    use crate::domain::valid_specs::valid_spec;
    use proptest::prelude::*;
    use serde_json::json;

    fn read(request: Value) -> Result<(JobForm, bool), FieldErrors> {
        JobForm::from_request_json(&request)
    }

    fn read_errors(request: Value) -> FieldErrors {
        read(request).expect_err("the request has errors")
    }

    #[test]
    fn dli_json_becomes_the_strings_of_a_form() {
        let (form, start) = read(json!({
            "name": "job", "cu_number": 4, "log_enabled": true, "checkpoint_mode": 2,
            "dependency_jars": ["a.jar", "b.jar"], "tags": [{"key": "env", "value": "dev"}],
            "resource_config": {"max_slot": 2, "taskmanager_resource_spec": {"cpu": 1.5, "memory": "4GB"}},
            "start": true
        }))
        .expect("the request reads");
        assert!(start);
        assert_eq!((form.name.as_str(), form.cu_number.as_str()), ("job", "4"));
        assert!(form.log_enabled);
        assert_eq!(form.checkpoint_mode, "2");
        assert_eq!(form.dependency_jars, ["a.jar", "b.jar"]);
        assert_eq!(
            (form.tag_keys, form.tag_values),
            (vec!["env".to_owned()], vec!["dev".to_owned()])
        );
        assert_eq!(
            (form.max_slot.as_str(), form.taskmanager_cpu.as_str()),
            ("2", "1.5")
        );
        assert_eq!(form.taskmanager_memory, "4GB");
    }

    #[test]
    fn an_unknown_field_is_reported_where_it_is() {
        let errors = read_errors(json!({
            "name": "job", "cu_numbr": 4,
            "resource_config": {"max_slots": 1, "jobmanager_resource_spec": {"cores": 1}},
            "tags": [{"key": "a", "val": "b"}],
            "flink_log_config": {"root_level": "INFO"}
        }));
        for path in [
            "cu_numbr",
            "resource_config.max_slots",
            "resource_config.jobmanager_resource_spec.cores",
            "tags.0.val",
            "flink_log_config.root_level",
        ] {
            assert_eq!(
                errors.get(path),
                Some("Unknown field: DLI's create request has no field of this name."),
                "{path}"
            );
        }
        assert_eq!(errors.len(), 5);
    }

    #[test]
    fn wrong_json_types_are_reported_per_field() {
        let errors = read_errors(json!({
            "name": 5, "cu_number": "4", "log_enabled": "true", "dependency_jars": "a.jar",
            "dependency_files": ["a.csv", 7], "tags": [{"key": 1, "value": "x"}], "start": 1,
            "resource_config": [], "runtime_config": 3,
            "flink_log_config": {"loggers_level_of_class": ["org"]}
        }));
        assert_eq!(errors.get("name"), Some("Send a string."));
        assert_eq!(errors.get("cu_number"), Some("Send a number."));
        assert_eq!(errors.get("log_enabled"), Some("Send true or false."));
        assert_eq!(errors.get("start"), Some("Send true or false."));
        assert_eq!(errors.get("dependency_jars"), Some("Send an array."));
        assert_eq!(errors.get("dependency_files.1"), Some("Send a string."));
        assert_eq!(errors.get("tags.0.key"), Some("Send a string."));
        assert_eq!(errors.get("resource_config"), Some("Send a JSON object."));
        assert!(errors.get("runtime_config").is_some());
        assert!(
            errors
                .get("flink_log_config.loggers_level_of_class")
                .is_some()
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_is_reported() {
        assert_eq!(
            read_errors(json!(["job"])).get("request"),
            Some("Send a JSON object.")
        );
    }

    #[test]
    fn null_counts_as_omitted() {
        let (form, start) =
            read(json!({"name": "job", "tags": null, "desc": null, "start": null})).expect("reads");
        assert!(form.tag_keys.is_empty() && form.desc.is_empty() && !start);
    }

    #[test]
    fn a_fractional_number_reaches_parse_and_gets_the_range_message() {
        let (form, _) =
            read(json!({"name": "job", "entrypoint": "a.jar", "cu_number": 2.5})).expect("reads");
        let errors = form.parse().expect_err("2.5 CUs is not whole");
        assert_eq!(
            errors.get("cu_number"),
            Some("Enter a whole number of CUs from 2 to 400.")
        );
    }

    proptest! {
        #[test]
        fn any_valid_spec_survives_its_request_json(spec in valid_spec()) {
            let body = spec.to_request_json();
            let request: Value = serde_json::from_str(&body).expect("the body is JSON");
            let (form, start) = JobForm::from_request_json(&request).expect("the body reads");
            prop_assert!(!start);
            prop_assert_eq!(form.parse(), Ok(spec.clone()));
            prop_assert_eq!(JobSpec::from_request_json(&body).ok(), Some(spec));
        }
    }
}

//! `JobForm`: the job form exactly as posted, all strings, from an HTML form post or from JSON;
//! and `JobSpec::to_form`, which turns a stored job back into a form for "Create a copy".

use super::spec::JobSpec;
use super::wire::{Choice, KeyValue};
use serde::{Deserialize, Serialize};

/// Serde names are the HTML input names, which are DLI's field names (dotted when nested).
/// Repeated inputs (list and key/value rows) post as `Vec`s; an unticked checkbox is absent
/// (false) and a ticked one posts `true`, so checkboxes need `value="true"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobForm {
    pub name: String,
    pub desc: String,
    pub queue_name: String,
    pub main_class: String,
    pub entrypoint: String,
    pub entrypoint_args: String,
    pub dependency_jars: Vec<String>,
    pub dependency_files: Vec<String>,
    pub cu_number: String,
    pub manager_cu_number: String,
    pub parallel_number: String,
    pub tm_cus: String,
    pub tm_slot_num: String,
    pub restart_when_exception: bool,
    pub resume_checkpoint: bool,
    pub resume_max_num: String,
    pub checkpoint_enabled: bool,
    /// "", "1" (exactly once) or "2" (at least once).
    pub checkpoint_mode: String,
    pub checkpoint_interval: String,
    pub checkpoint_path: String,
    pub log_enabled: bool,
    pub obs_bucket: String,
    pub smn_topic: String,
    /// "", "basic" or "custom".
    pub feature: String,
    pub flink_version: String,
    pub image: String,
    pub execution_agency_urn: String,
    #[serde(rename = "tags.key")]
    pub tag_keys: Vec<String>,
    #[serde(rename = "tags.value")]
    pub tag_values: Vec<String>,
    #[serde(rename = "runtime_config.key")]
    pub runtime_config_keys: Vec<String>,
    #[serde(rename = "runtime_config.value")]
    pub runtime_config_values: Vec<String>,
    /// "", "v1" or "v2"; the `resource_config.*` fields apply only to v2.
    pub resource_config_version: String,
    #[serde(rename = "resource_config.max_slot")]
    pub max_slot: String,
    #[serde(rename = "resource_config.parallel_number")]
    pub v2_parallel_number: String,
    #[serde(rename = "resource_config.jobmanager_resource_spec.cpu")]
    pub jobmanager_cpu: String,
    #[serde(rename = "resource_config.jobmanager_resource_spec.memory")]
    pub jobmanager_memory: String,
    #[serde(rename = "resource_config.taskmanager_resource_spec.cpu")]
    pub taskmanager_cpu: String,
    #[serde(rename = "resource_config.taskmanager_resource_spec.memory")]
    pub taskmanager_memory: String,
    /// "" or TRACE, DEBUG, INFO, WARN, ERROR.
    #[serde(rename = "flink_log_config.root_logger_level")]
    pub root_logger_level: String,
    #[serde(rename = "flink_log_config.class")]
    pub logger_classes: Vec<String>,
    #[serde(rename = "flink_log_config.level")]
    pub logger_levels: Vec<String>,
}

impl JobSpec {
    /// The form a person would have filled to get this spec; `parse` gives the spec back.
    pub fn to_form(&self) -> JobForm {
        let v2 = self.resource_config.clone().unwrap_or_default();
        let jobmanager = v2.jobmanager_resource_spec.clone().unwrap_or_default();
        let taskmanager = v2.taskmanager_resource_spec.clone().unwrap_or_default();
        let log_config = self.flink_log_config.clone();
        let loggers = log_config
            .as_ref()
            .map(|config| config.loggers_level_of_class.0.as_slice());
        let (tag_keys, tag_values) = columns(&self.tags);
        let (runtime_config_keys, runtime_config_values) = columns(&self.runtime_config);
        JobForm {
            name: self.name.clone(),
            desc: text(&self.desc),
            queue_name: text(&self.queue_name),
            main_class: text(&self.main_class),
            entrypoint: self.entrypoint.clone(),
            entrypoint_args: text(&self.entrypoint_args),
            dependency_jars: self.dependency_jars.clone(),
            dependency_files: self.dependency_files.clone(),
            cu_number: number(self.cu_number),
            manager_cu_number: number(self.manager_cu_number),
            parallel_number: number(self.parallel_number),
            tm_cus: number(self.tm_cus),
            tm_slot_num: number(self.tm_slot_num),
            restart_when_exception: self.restart_when_exception,
            resume_checkpoint: self.resume_checkpoint,
            resume_max_num: number(self.resume_max_num),
            checkpoint_enabled: self.checkpoint_enabled,
            checkpoint_mode: choice(self.checkpoint_mode),
            checkpoint_interval: number(self.checkpoint_interval),
            checkpoint_path: text(&self.checkpoint_path),
            log_enabled: self.log_enabled,
            obs_bucket: text(&self.obs_bucket),
            smn_topic: text(&self.smn_topic),
            feature: choice(self.feature),
            flink_version: text(&self.flink_version),
            image: text(&self.image),
            execution_agency_urn: text(&self.execution_agency_urn),
            tag_keys,
            tag_values,
            runtime_config_keys,
            runtime_config_values,
            resource_config_version: choice(self.resource_config_version),
            max_slot: number(v2.max_slot),
            v2_parallel_number: number(v2.parallel_number),
            jobmanager_cpu: number(jobmanager.cpu),
            jobmanager_memory: text(&jobmanager.memory),
            taskmanager_cpu: number(taskmanager.cpu),
            taskmanager_memory: text(&taskmanager.memory),
            root_logger_level: choice(
                log_config
                    .as_ref()
                    .and_then(|config| config.root_logger_level),
            ),
            logger_classes: loggers
                .unwrap_or_default()
                .iter()
                .map(|(class, _)| class.clone())
                .collect(),
            logger_levels: loggers
                .unwrap_or_default()
                .iter()
                .map(|(_, level)| level.as_str().into())
                .collect(),
        }
    }
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn number(value: Option<impl ToString>) -> String {
    value.map(|number| number.to_string()).unwrap_or_default()
}

fn choice(value: Option<impl Choice>) -> String {
    value
        .map(|choice| choice.as_str().to_owned())
        .unwrap_or_default()
}

fn columns(pairs: &[KeyValue]) -> (Vec<String>, Vec<String>) {
    pairs
        .iter()
        .map(|pair| (pair.key.clone(), pair.value.clone()))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::valid_specs::valid_spec;
    use proptest::prelude::*;

    #[test]
    fn a_form_reads_dotted_names_and_missing_fields_from_json() {
        let form: JobForm = serde_json::from_str(
            r#"{"name":"job","tags.key":["env"],"tags.value":["dev"],"resource_config.max_slot":"2","log_enabled":true}"#,
        )
        .expect("a form parses");
        assert_eq!(form.tag_keys, ["env"]);
        assert_eq!(form.tag_values, ["dev"]);
        assert_eq!(form.max_slot, "2");
        assert!(form.log_enabled);
        assert!(!form.checkpoint_enabled);
        assert_eq!(form.cu_number, "");
    }

    proptest! {
        #[test]
        fn any_valid_spec_survives_the_form_and_parse(spec in valid_spec()) {
            prop_assert_eq!(spec.to_form().parse(), Ok(spec));
        }
    }
}

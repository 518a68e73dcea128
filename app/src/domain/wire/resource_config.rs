//! `resource_config`, DLI's v2 resource model as it goes on the wire: slots, parallelism, and
//! CPU and memory for the JobManager and each TaskManager.

use serde::{Deserialize, Serialize};

/// Resources under `resource_config_version = v2`; DLI fills in what is omitted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_slot: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobmanager_resource_spec: Option<ResourceSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taskmanager_resource_spec: Option<ResourceSpec>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<f64>,
    /// Normalised to `<n>GB` or `<n>MB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
}

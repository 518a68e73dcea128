//! The job spec and its rules: pure Rust with no I/O, run in the browser (wasm) for instant
//! feedback and again on the server. `JobForm` (strings as posted) -> `parse()` -> `JobSpec`
//! (DLI's wire JSON) or `FieldErrors`; `fields` labels every input; `estimate` sizes the job.

mod advanced;
mod capacity;
mod check;
mod errors;
mod fault_tolerance;
mod field_table;
pub mod fields;
mod form;
mod json_embedded;
mod json_fields;
mod parse;
mod paths;
mod request_json;
mod resource_config;
pub mod resources;
mod rows;
mod shapes;
mod spec;
mod tags;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod valid_specs;
mod wire;

pub use errors::{FieldErrors, field_id};
pub use fields::{FIELDS, FieldInfo, field, field_for_path};
pub use form::JobForm;
pub use resource_config::{ResourceConfig, ResourceSpec};
pub use resources::{ResourceEstimate, estimate};
pub use spec::JobSpec;
pub use tags::MAX_TAGS;
pub use wire::{
    CheckpointMode, Choice, Feature, FlinkLogConfig, KeyValue, LogLevel, LoggerLevels,
    ResourceConfigVersion,
};

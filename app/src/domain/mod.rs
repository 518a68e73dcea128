//! The job and its rules: pure Rust with no I/O, run in the browser (wasm) for instant feedback
//! and again on the server. Layered, each layer using only those before it:
//! `wire` (DLI's value types) <- `spec` (the create body) <- `limits` (DLI's ranges and defaults)
//! <- `form` (the form as posted; its `fields`, `row_lists` and `errors`) <- `parse` (form -> spec or field
//! errors), `sizing` (hints while typing), `guardrails` (the team's own limits) and
//! `request_json` (DLI's JSON read back into a form), `changes` (what an update changes).
//! `status` is DLI's job statuses.

mod changes;
mod errors;
mod field_table;
pub mod fields;
mod form;
mod guardrails;
mod json_embedded;
mod json_fields;
mod limits;
mod parse;
mod request_json;
pub mod row_lists;
mod sizing;
mod spec;
mod status;
mod status_group;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod valid_specs;
mod wire;

pub use changes::{
    FieldChange, LIVE_FIELDS, form_changes, needing_a_stop, settings_by_group, update_body,
    wire_changes, wire_label,
};
pub use errors::{FieldErrors, field_id};
pub use fields::{FIELDS, FORM_GROUPS, FieldInfo, field, field_for_path, form_group, is_under};
pub use form::JobForm;
pub use guardrails::Guardrails;
pub use limits::MAX_TAGS;
pub use row_lists::{Column, Lens, RowList};
pub use sizing::{ResourceEstimate, estimate};
pub use spec::JobSpec;
pub use status::{DliStatus, Tone};
pub use status_group::StatusGroup;
pub use wire::{
    CheckpointMode, Choice, Feature, FlinkLogConfig, KeyValue, LogLevel, LoggerLevels,
    ResourceConfig, ResourceConfigVersion, ResourceSpec,
};

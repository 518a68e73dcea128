//! Small reusable views shared by the pages.

pub mod action_form;
pub mod copy_button;
pub mod error_banner;
pub mod events_table;
pub mod field;
pub mod follow;
pub mod form_state;
pub mod header;
pub mod local_time;
#[cfg(feature = "hydrate")]
pub mod posting;
pub mod preference_switch;
pub mod rows_editor;
pub mod status_badge;

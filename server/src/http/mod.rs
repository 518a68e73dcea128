//! The portal's HTTP front doors besides the pages and server functions: the JSON API for
//! automation, the forms as a browser without JavaScript posts them, the theme and language
//! switches, and the operator's probes.
//! Each is thin: it reads the request and hands the work to a service in `app::server`.

pub mod api;
pub mod batch_post;
pub mod form_post;
pub mod preference_post;
pub mod probes;

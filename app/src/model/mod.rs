//! The data the pages, the server functions, the REST API and the services share. Plain structs
//! with no behaviour beyond reading themselves: the wasm and the server hold the same ones.

mod jobs;
mod life;
mod portal_info;
mod preference;
mod theme;

pub use jobs::*;
pub use life::*;
pub use portal_info::{PortalInfo, use_portal_info};
pub use preference::Preference;
pub use theme::Theme;

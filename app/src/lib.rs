//! The dli-portal application: pages, shared domain rules and, with `ssr`, the server side.
//! The same crate compiles to wasm (`hydrate`) and into the server binary (`ssr`).
// View types nest deeply (a form is a tuple of its fields); the wasm build needs room for them.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod codec;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod wasm_bundle;

#[cfg(feature = "ssr")]
pub use app::shell;
pub use app::{App, PAGES};

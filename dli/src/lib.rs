//! A client for Huawei Cloud DLI's Flink job API: wire types, AK/SK signing, IAM tokens, error
//! mapping and the HTTP calls with their retry rules; with the `simulator` feature, a DLI of our own
//! that checks signatures and answers as DLI does. Nothing here knows of the portal.
//!
//! Features: `cli` adds [`DliConfig`], the SDK's flags and environment variables as a clap group, so
//! that every program using this crate reads its credentials the same way (and a library user who
//! builds [`DliSettings`] in code does not compile clap); `simulator` adds [`sim`] (axum).
//!
//! Which error type belongs where: [`DliError`] is any failed call to DLI or IAM and tells the
//! caller what it may do next ([`DliError::kind`], [`DliError::may_have_been_processed`]);
//! [`DliConfigError`] is a configuration the portal cannot start with. Neither holds a secret.

mod actions;
mod canonical;
mod client;
#[cfg(feature = "cli")]
mod config;
mod config_error;
mod credentials;
mod epoch;
mod error;
mod error_body;
mod error_chain;
mod exchange;
mod iam;
mod job;
mod model;
mod operations;
mod query;
mod sdk_headers;
#[cfg(feature = "cli")]
mod secret_source;
mod settings;
mod signer;
#[cfg(feature = "simulator")]
pub mod sim;
mod transport;

pub use actions::{
    DeleteJobsRequest, RunJobsRequest, StopJobsRequest, UpdateFlinkJarJobResponse, UpdatedJob,
    UpdatedJobInfo,
};
pub use canonical::{CanonicalRequest, decode_query};
pub use client::DliClient;
#[cfg(feature = "cli")]
pub use config::DliConfig;
pub use config_error::DliConfigError;
pub use credentials::{Credentials, InvalidCredentials};
pub use epoch::now_ms;
pub use error::{DliError, DliErrorKind, Service};
pub use error_chain::chain;
pub use iam::{IamProject, IamProjectList, IamTokenBody, IamTokenResponse};
pub use job::{FlinkJob, FlinkJobList, JobConfig, ListFlinkJobsResponse, ShowFlinkJobResponse};
pub use model::{
    CreateFlinkJarJobRequest, CreateFlinkJarJobResponse, CreatedJob, CreatedJobInfo,
    ListQueuesResponse, Outcome, Queue, ResourceConfig, ResourceSpec, Tag,
};
pub use query::{JobType, ListJobsQuery, ListQueuesQuery, QueueType, SortOrder};
/// The URL type of `DliSettings`, so that callers need no direct `reqwest` or `url` dependency.
pub use reqwest::Url;
pub use sdk_headers::{
    ALGORITHM, AuthorizationHeader, SDK_DATE, SECURITY_TOKEN, format_sdk_date, parse_sdk_date,
};
#[cfg(feature = "cli")]
pub use secret_source::{secret_arg, secret_from};
pub use settings::{
    Clock, DliAuth, DliSettings, PasswordLogin, RetryPolicy, dli_endpoint, iam_endpoint,
};
pub use signer::{RequestToSign, sign, signature_matches, string_to_sign};

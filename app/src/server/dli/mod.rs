//! The Huawei Cloud DLI client, written like a crate of its own (no Leptos in here): wire types,
//! AK/SK signing, IAM tokens, error mapping and the HTTP calls with their retry rules.
//!
//! Which error type belongs where: [`DliError`] is any failed call to DLI or IAM and tells the
//! caller what it may do next ([`DliError::kind`], [`DliError::may_have_been_processed`]);
//! [`DliConfigError`] is a configuration the portal cannot start with. Neither holds a secret.

mod canonical;
mod client;
mod config;
mod config_error;
mod credentials;
mod error;
mod error_body;
mod iam;
mod job;
mod model;
mod operations;
mod query;
mod sdk_headers;
mod secret_source;
mod settings;
mod signer;
mod transport;

pub use canonical::{CanonicalRequest, decode_query};
pub use client::DliClient;
pub use config::DliConfig;
pub use config_error::DliConfigError;
pub use credentials::{Credentials, InvalidCredentials};
pub use error::{DliError, DliErrorKind, Service};
pub use iam::{IamProject, IamProjectList, IamTokenBody, IamTokenResponse};
pub use job::{FlinkJob, FlinkJobList, JobConfig, ListFlinkJobsResponse, ShowFlinkJobResponse};
pub use model::{
    CreateFlinkJarJobRequest, CreateFlinkJarJobResponse, CreatedJob, CreatedJobInfo,
    ListQueuesResponse, Outcome, Queue, ResourceConfig, ResourceSpec, RunJobsRequest,
    StopJobsRequest, Tag,
};
pub use query::{JobType, ListJobsQuery, ListQueuesQuery, QueueType, SortOrder};
/// The URL type of `DliSettings`, so that callers need no direct `reqwest` or `url` dependency.
pub use reqwest::Url;
pub use sdk_headers::{
    ALGORITHM, AuthorizationHeader, SDK_DATE, SECURITY_TOKEN, format_sdk_date, parse_sdk_date,
};
pub use secret_source::secret_arg;
pub use settings::{
    Clock, DliAuth, DliSettings, PasswordLogin, RetryPolicy, dli_endpoint, iam_endpoint,
};
pub use signer::{RequestToSign, sign, signature_matches, string_to_sign};

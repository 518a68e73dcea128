//! `DliConfigError`: a DLI configuration the portal cannot start with. Its messages name the
//! variables to fix and never their values.

use super::credentials::InvalidCredentials;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum DliConfigError {
    #[error("set {0} or {0}_FILE, not both")]
    SecretTwice(&'static str),
    #[error("cannot read {variable}_FILE {path:?}: {source}")]
    UnreadableSecretFile {
        variable: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is empty")]
    EmptySecret(&'static str),
    #[error("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together: {0} is missing")]
    HalfAKeyPair(&'static str),
    #[error("HUAWEICLOUD_SDK_SECURITY_TOKEN needs HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK")]
    TokenWithoutKeys,
    #[error("DLI_IAM_PASSWORD needs DLI_IAM_USER")]
    PasswordWithoutUser,
    #[error("choose one way to authenticate: AK/SK or DLI_IAM_USER, not both")]
    TwoAuthMethods,
    #[error("DLI_IAM_USER needs {0}")]
    HalfAPasswordLogin(&'static str),
    #[error("set DLI_REGION or DLI_ENDPOINT")]
    NoEndpoint,
    #[error("set HUAWEICLOUD_SDK_PROJECT_ID, or DLI_REGION so that it can be looked up from IAM")]
    NoProjectSource,
    #[error("an IAM token needs DLI_IAM_ENDPOINT or DLI_REGION")]
    NoIamEndpoint,
    #[error("DLI_REGION {0:?} is not a region name (lowercase letters, digits and '-')")]
    InvalidRegion(String),
    #[error("{variable} is not a URL: {reason}")]
    InvalidUrl {
        variable: &'static str,
        reason: String,
    },
    #[error(transparent)]
    InvalidCredentials(#[from] InvalidCredentials),
    #[error("cannot build the HTTP client: {0}")]
    HttpClient(reqwest::Error),
}

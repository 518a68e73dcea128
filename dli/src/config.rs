//! The DLI part of the portal's configuration: flags and environment variables named as Huawei
//! Cloud's SDKs name them, a `*_FILE` variant for every secret, resolved into `DliSettings`.

use super::{
    config_error::DliConfigError,
    credentials::Credentials,
    secret_source::{secret_arg, secret_from},
    settings::{DliAuth, DliSettings, PasswordLogin, dli_endpoint, iam_endpoint},
};
use clap::Args;
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
use std::{path::PathBuf, time::Duration};

/// Secrets are hidden from `--help` (`hide_env_values`) and from `Debug` (`SecretString`).
#[derive(Args, Debug, Clone)]
pub struct DliConfig {
    /// Access key (AK) that signs DLI requests. Without AK/SK and without an IAM user, the
    /// portal runs a local DLI simulator instead.
    #[arg(long = "ak", env = "HUAWEICLOUD_SDK_AK", hide_env_values = true, value_parser = secret_arg)]
    pub access_key: Option<SecretString>,
    /// File holding the access key.
    #[arg(long = "ak-file", env = "HUAWEICLOUD_SDK_AK_FILE")]
    pub access_key_file: Option<PathBuf>,
    /// Secret key (SK) that signs DLI requests.
    #[arg(long = "sk", env = "HUAWEICLOUD_SDK_SK", hide_env_values = true, value_parser = secret_arg)]
    pub secret_key: Option<SecretString>,
    /// File holding the secret key.
    #[arg(long = "sk-file", env = "HUAWEICLOUD_SDK_SK_FILE")]
    pub secret_key_file: Option<PathBuf>,
    /// Security token of temporary AK/SK credentials.
    #[arg(long, env = "HUAWEICLOUD_SDK_SECURITY_TOKEN", hide_env_values = true, value_parser = secret_arg)]
    pub security_token: Option<SecretString>,
    /// File holding the security token.
    #[arg(long, env = "HUAWEICLOUD_SDK_SECURITY_TOKEN_FILE")]
    pub security_token_file: Option<PathBuf>,
    /// Project id (32 hex digits); looked up from IAM by region name when not given.
    #[arg(long, env = "HUAWEICLOUD_SDK_PROJECT_ID")]
    pub project_id: Option<String>,
    /// Region, e.g. cn-north-4: gives the DLI and IAM endpoints.
    #[arg(long = "dli-region", env = "DLI_REGION")]
    pub region: Option<String>,
    /// DLI base URL, e.g. http://127.0.0.1:9000; wins over the region's endpoint.
    #[arg(long = "dli-endpoint", env = "DLI_ENDPOINT")]
    pub endpoint: Option<String>,
    /// IAM base URL; wins over the region's endpoint.
    #[arg(long = "dli-iam-endpoint", env = "DLI_IAM_ENDPOINT")]
    pub iam_endpoint: Option<String>,
    /// IAM user for token authentication instead of AK/SK.
    #[arg(long = "dli-iam-user", env = "DLI_IAM_USER")]
    pub iam_user: Option<String>,
    /// The IAM user's password.
    #[arg(long = "dli-iam-password", env = "DLI_IAM_PASSWORD", hide_env_values = true, value_parser = secret_arg)]
    pub iam_password: Option<SecretString>,
    /// File holding the IAM user's password.
    #[arg(long = "dli-iam-password-file", env = "DLI_IAM_PASSWORD_FILE")]
    pub iam_password_file: Option<PathBuf>,
    /// The IAM user's account (domain) name.
    #[arg(long = "dli-iam-domain", env = "DLI_IAM_DOMAIN")]
    pub iam_domain: Option<String>,
    /// Seconds to wait for a connection to DLI or IAM.
    #[arg(
        long = "dli-connect-timeout-secs",
        env = "DLI_CONNECT_TIMEOUT_SECS",
        default_value_t = 5
    )]
    pub connect_timeout_secs: u64,
    /// Seconds a whole DLI or IAM call may take.
    #[arg(
        long = "dli-timeout-secs",
        env = "DLI_TIMEOUT_SECS",
        default_value_t = 30
    )]
    pub timeout_secs: u64,
}

fn url(variable: &'static str, text: &str) -> Result<Url, DliConfigError> {
    Url::parse(text).map_err(|error| DliConfigError::InvalidUrl {
        variable,
        reason: error.to_string(),
    })
}

impl DliConfig {
    /// The settings for a real DLI, or `None` when no credentials at all are configured (the
    /// portal then starts its simulator).
    pub fn resolve(&self) -> Result<Option<DliSettings>, DliConfigError> {
        let Some(auth) = self.auth()? else {
            return Ok(None);
        };
        if let Some(region) = &self.region
            && !region
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        {
            return Err(DliConfigError::InvalidRegion(region.clone()));
        }
        let endpoint = match (&self.endpoint, &self.region) {
            (Some(endpoint), _) => url("DLI_ENDPOINT", endpoint)?,
            (None, Some(region)) => url("DLI_REGION", &dli_endpoint(region))?,
            (None, None) => return Err(DliConfigError::NoEndpoint),
        };
        let iam = match (&self.iam_endpoint, &self.region) {
            (Some(iam), _) => Some(url("DLI_IAM_ENDPOINT", iam)?),
            (None, Some(region)) => Some(url("DLI_REGION", &iam_endpoint(region))?),
            (None, None) => None,
        };
        let mut settings = DliSettings::new(endpoint, auth);
        settings.iam_endpoint = iam;
        settings.region = self.region.clone();
        settings.project_id = self.project_id.clone().filter(|id| !id.trim().is_empty());
        settings.connect_timeout = Duration::from_secs(self.connect_timeout_secs);
        settings.timeout = Duration::from_secs(self.timeout_secs);
        Ok(Some(settings))
    }

    fn auth(&self) -> Result<Option<DliAuth>, DliConfigError> {
        let access_key = secret_from(
            "HUAWEICLOUD_SDK_AK",
            &self.access_key,
            &self.access_key_file,
        )?;
        let secret_key = secret_from(
            "HUAWEICLOUD_SDK_SK",
            &self.secret_key,
            &self.secret_key_file,
        )?;
        let token = secret_from(
            "HUAWEICLOUD_SDK_SECURITY_TOKEN",
            &self.security_token,
            &self.security_token_file,
        )?;
        let password = secret_from(
            "DLI_IAM_PASSWORD",
            &self.iam_password,
            &self.iam_password_file,
        )?;
        match (access_key, secret_key, &self.iam_user) {
            (Some(_), Some(_), Some(_)) => Err(DliConfigError::TwoAuthMethods),
            (Some(access_key), Some(secret_key), None) => {
                let credentials = Credentials::new(access_key.expose_secret(), secret_key)?;
                let credentials = match token {
                    Some(token) => credentials.with_security_token(token)?,
                    None => credentials,
                };
                Ok(Some(DliAuth::AkSk(credentials)))
            }
            (Some(_), None, _) => Err(DliConfigError::HalfAKeyPair("HUAWEICLOUD_SDK_SK")),
            (None, Some(_), _) => Err(DliConfigError::HalfAKeyPair("HUAWEICLOUD_SDK_AK")),
            (None, None, _) if token.is_some() => Err(DliConfigError::TokenWithoutKeys),
            (None, None, Some(user)) => {
                let password =
                    password.ok_or(DliConfigError::HalfAPasswordLogin("DLI_IAM_PASSWORD"))?;
                let domain = self
                    .iam_domain
                    .clone()
                    .ok_or(DliConfigError::HalfAPasswordLogin("DLI_IAM_DOMAIN"))?;
                Ok(Some(DliAuth::Password(PasswordLogin {
                    user: user.clone(),
                    password,
                    domain,
                })))
            }
            (None, None, None) if password.is_some() => Err(DliConfigError::PasswordWithoutUser),
            (None, None, None) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        dli: DliConfig,
    }

    /// `args` split on spaces, as a shell would; `{file}` stands for `file`'s path.
    fn config(args: &str) -> DliConfig {
        Flags::parse_from(std::iter::once("server").chain(args.split_whitespace())).dli
    }

    fn resolved(args: &str) -> DliSettings {
        config(args)
            .resolve()
            .expect("valid")
            .expect("credentials given")
    }

    fn error(args: &str) -> String {
        config(args).resolve().expect_err("invalid").to_string()
    }

    fn secret_file(content: &str) -> String {
        let path = std::env::temp_dir().join(format!("dli-secret-{}", uuid::Uuid::new_v4()));
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn no_credentials_at_all_means_the_simulator() {
        assert!(
            config("--dli-region cn-north-4")
                .resolve()
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_key_pair_and_a_region_give_both_endpoints() {
        let settings = resolved("--ak AK1 --sk SK1 --dli-region eu-west-101");
        assert_eq!(
            settings.endpoint.as_str(),
            "https://dli.eu-west-101.myhuaweicloud.eu/"
        );
        let iam = settings.iam_endpoint.unwrap();
        assert_eq!(iam.as_str(), "https://iam.eu-west-101.myhuaweicloud.eu/");
        assert!(matches!(settings.auth, DliAuth::AkSk(ref c) if c.access_key() == "AK1"));
        assert_eq!(settings.connect_timeout, Duration::from_secs(5));
        assert_eq!(settings.timeout, Duration::from_secs(30));
    }

    #[test]
    fn an_explicit_endpoint_wins_over_the_region() {
        let settings =
            resolved("--ak A --sk S --dli-region cn-north-4 --dli-endpoint http://127.0.0.1:9000");
        assert_eq!(settings.endpoint.as_str(), "http://127.0.0.1:9000/");
        let iam = settings.iam_endpoint.unwrap();
        assert_eq!(iam.host_str(), Some("iam.cn-north-4.myhuaweicloud.com"));
    }

    #[test]
    fn every_secret_can_come_from_a_file_and_is_trimmed() {
        let (ak, sk, token) = (
            secret_file("AKF\n"),
            secret_file(" SKF \n"),
            secret_file("TKF\n"),
        );
        let args =
            format!("--ak-file {ak} --sk-file {sk} --security-token-file {token} --dli-region r");
        let DliAuth::AkSk(credentials) = resolved(&args).auth else {
            panic!("AK/SK expected")
        };
        assert_eq!(credentials.access_key(), "AKF");
        assert_eq!(credentials.secret_key().expose_secret(), "SKF");
        assert_eq!(credentials.security_token().unwrap().expose_secret(), "TKF");

        let password = secret_file("pa ss\n");
        let args =
            format!("--dli-iam-user u --dli-iam-domain acct --dli-iam-password-file {password}");
        let DliAuth::Password(login) = resolved(&format!("{args} --dli-region r")).auth else {
            panic!("password expected")
        };
        assert_eq!((login.user.as_str(), login.domain.as_str()), ("u", "acct"));
        assert_eq!(login.password.expose_secret(), "pa ss");
    }

    #[test]
    fn incomplete_or_mixed_credentials_are_refused() {
        for (args, problem) in [
            ("--ak A", "HUAWEICLOUD_SDK_SK is missing"),
            ("--security-token T", "needs HUAWEICLOUD_SDK_AK"),
            ("--dli-iam-user u", "DLI_IAM_USER needs DLI_IAM_PASSWORD"),
            (
                "--dli-iam-user u --dli-iam-password p",
                "DLI_IAM_USER needs DLI_IAM_DOMAIN",
            ),
            (
                "--dli-iam-password p",
                "DLI_IAM_PASSWORD needs DLI_IAM_USER",
            ),
            ("--ak A --sk S --dli-iam-user u", "not both"),
        ] {
            let message = error(&format!("{args} --dli-region r"));
            assert!(message.contains(problem), "{args}: {message}");
        }
    }

    #[test]
    fn an_endpoint_is_required_and_must_be_a_url() {
        assert_eq!(error("--ak A --sk S"), "set DLI_REGION or DLI_ENDPOINT");
        let message = error("--ak A --sk S --dli-endpoint not-a-url");
        assert!(
            message.starts_with("DLI_ENDPOINT is not a URL"),
            "{message}"
        );
        assert!(error("--ak A --sk S --dli-region cn/../x").contains("is not a region name"));
    }

    #[test]
    fn debug_output_hides_every_secret() {
        let flags = "--ak AKV --sk SKV --security-token TOKV --dli-iam-password PWV";
        let printed = format!("{:?}", config(flags));
        for secret in ["AKV", "SKV", "TOKV", "PWV"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
    }
}

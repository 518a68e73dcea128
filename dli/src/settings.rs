//! What a `DliClient` is built from: endpoints, project, the chosen authentication, timeouts,
//! retries and the clock. `DliConfig` resolves the environment into these; tests build them.

use super::credentials::Credentials;
use reqwest::Url;
use secrecy::SecretString;
use std::{fmt, sync::Arc, time::Duration};
use time::OffsetDateTime;

/// How requests prove who sends them.
#[derive(Debug, Clone)]
pub enum DliAuth {
    /// Sign every request with `SDK-HMAC-SHA256` (the recommended way).
    AkSk(Credentials),
    /// Send an IAM token obtained with a password, renewed before it expires.
    Password(PasswordLogin),
}

/// An IAM user's password login; `domain` is the account name (the same as the user name for
/// the account's own user).
#[derive(Debug, Clone)]
pub struct PasswordLogin {
    pub user: String,
    pub password: SecretString,
    pub domain: String,
}

/// How often an idempotent call is tried, and the pause before the second try (doubled after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub first_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 3,
            first_backoff: Duration::from_millis(200),
        }
    }
}

/// Where the time for `X-Sdk-Date` and token renewal comes from: the system clock, or a
/// chosen one in tests (a clock 20 minutes late must be refused).
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl Clock {
    pub fn system() -> Self {
        Self(Arc::new(OffsetDateTime::now_utc))
    }

    pub fn from_fn(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    pub fn now(&self) -> OffsetDateTime {
        (self.0)()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

#[derive(Debug, Clone)]
pub struct DliSettings {
    /// DLI's base URL, e.g. `https://dli.cn-north-4.myhuaweicloud.com`.
    pub endpoint: Url,
    /// IAM's base URL: needed for password tokens and to look the project id up.
    pub iam_endpoint: Option<Url>,
    /// The region, whose name is the project name to look up when `project_id` is not given.
    pub region: Option<String>,
    pub project_id: Option<String>,
    pub auth: DliAuth,
    pub connect_timeout: Duration,
    /// For the whole exchange, from connecting to the last byte of the answer.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub clock: Clock,
}

impl DliSettings {
    /// Settings with the default timeouts (5 s to connect, 30 s in all) and retries.
    pub fn new(endpoint: Url, auth: DliAuth) -> Self {
        Self {
            endpoint,
            iam_endpoint: None,
            region: None,
            project_id: None,
            auth,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            clock: Clock::system(),
        }
    }
}

/// The region's top-level domain: Europe's Dublin region lives under `.eu` (docs/dli-api.md §5).
fn domain_of(region: &str) -> &'static str {
    match region {
        "eu-west-101" => "myhuaweicloud.eu",
        _ => "myhuaweicloud.com",
    }
}

/// `https://dli.{region}.myhuaweicloud.com`, or `.eu` for eu-west-101.
pub fn dli_endpoint(region: &str) -> String {
    format!("https://dli.{region}.{}", domain_of(region))
}

/// `https://iam.{region}.myhuaweicloud.com`, or `.eu` for eu-west-101.
pub fn iam_endpoint(region: &str) -> String {
    format!("https://iam.{region}.{}", domain_of(region))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_the_region_name() {
        assert_eq!(
            dli_endpoint("cn-north-4"),
            "https://dli.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            iam_endpoint("ap-southeast-3"),
            "https://iam.ap-southeast-3.myhuaweicloud.com"
        );
    }

    #[test]
    fn eu_west_101_lives_under_the_eu_domain() {
        assert_eq!(
            dli_endpoint("eu-west-101"),
            "https://dli.eu-west-101.myhuaweicloud.eu"
        );
        assert_eq!(
            iam_endpoint("eu-west-101"),
            "https://iam.eu-west-101.myhuaweicloud.eu"
        );
        assert_eq!(
            dli_endpoint("eu-west-0"),
            "https://dli.eu-west-0.myhuaweicloud.com"
        );
    }

    #[test]
    fn a_chosen_clock_gives_its_own_time() {
        let fixed = time::macros::datetime!(2024-01-02 03:04:05 UTC);
        assert_eq!(Clock::from_fn(move || fixed).now(), fixed);
        assert!(Clock::system().now() > fixed);
    }
}

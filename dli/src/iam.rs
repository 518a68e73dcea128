//! IAM password tokens (docs/dli-api.md §4b): obtained from `POST /v3/auth/tokens`, cached, renewed after
//! 23/24 of their lifetime (23 h of IAM's 24 h), and forgotten when the gateway says one expired.

use super::{
    credentials::is_header_safe,
    error::{DliError, Service},
    exchange::{Call, Retry, at, common_headers, exchange},
    settings::{Clock, PasswordLogin},
};
use http::{HeaderValue, Method, header::CONTENT_TYPE};
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::time::Duration as StdDuration;
use time::{Duration, OffsetDateTime, format_description::well_known::Rfc3339};
use tokio::sync::Mutex;

/// IAM `POST /v3/auth/tokens` answer body; the token itself is in the `X-Subject-Token` header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamTokenResponse {
    pub token: Option<IamTokenBody>,
}

/// Times as IAM writes them, e.g. `2024-01-03T03:04:05.000000Z`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamTokenBody {
    pub issued_at: Option<String>,
    pub expires_at: Option<String>,
}

/// IAM `GET /v3/projects?name={region}` answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamProjectList {
    pub projects: Option<Vec<IamProject>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamProject {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// IAM's token lifetime, assumed when the answer does not give one.
const DEFAULT_LIFETIME: Duration = Duration::hours(24);

/// The project a token is scoped to: DLI is a project-level service.
pub(super) enum Scope {
    ProjectId(String),
    ProjectName(String),
}

struct CachedToken {
    value: SecretString,
    renew_at: OffsetDateTime,
}

/// One token shared by all calls; the lock also makes concurrent callers wait for a single
/// renewal instead of each asking IAM.
pub(super) struct TokenCache {
    login: PasswordLogin,
    url: Url,
    scope: Scope,
    slot: Mutex<Option<CachedToken>>,
}

impl TokenCache {
    pub fn new(login: PasswordLogin, iam_endpoint: &Url, scope: Scope) -> Self {
        let url = at(iam_endpoint, "/v3/auth/tokens");
        Self {
            login,
            url,
            scope,
            slot: Mutex::new(None),
        }
    }

    /// The cached token, or a new one once the cached one is due for renewal.
    pub async fn token(
        &self,
        http: &reqwest::Client,
        clock: &Clock,
        timeout: StdDuration,
    ) -> Result<SecretString, DliError> {
        let mut slot = self.slot.lock().await;
        let now = clock.now();
        if let Some(cached) = slot.as_ref()
            && now < cached.renew_at
        {
            return Ok(cached.value.clone());
        }
        let fresh = self.obtain(http, now, timeout).await?;
        let value = fresh.value.clone();
        *slot = Some(fresh);
        Ok(value)
    }

    pub async fn forget(&self) {
        *self.slot.lock().await = None;
    }

    async fn obtain(
        &self,
        http: &reqwest::Client,
        now: OffsetDateTime,
        timeout: StdDuration,
    ) -> Result<CachedToken, DliError> {
        let scope = match &self.scope {
            Scope::ProjectId(id) => serde_json::json!({ "project": { "id": id } }),
            Scope::ProjectName(name) => serde_json::json!({ "project": { "name": name } }),
        };
        let body = serde_json::json!({ "auth": {
            "identity": { "methods": ["password"], "password": { "user": {
                "name": self.login.user,
                "password": self.login.password.expose_secret(),
                "domain": { "name": self.login.domain },
            } } },
            "scope": scope,
        } });
        let body = body.to_string();
        let call = Call {
            operation: "token",
            service: Service::Iam,
            method: Method::POST,
            url: self.url.clone(),
            query: vec![],
            body: body.as_bytes(),
            body_is_secret: true,
            project_id: None,
            retry: Retry::Never,
        };
        let mut headers = common_headers(&call);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json;charset=utf8"),
        );
        let (headers, answer) = exchange(http, timeout, &call, headers).await?;
        let token = headers
            .get("x-subject-token")
            .and_then(|value| value.to_str().ok())
            .filter(|token| is_header_safe(token))
            .ok_or_else(|| answer.malformed("no usable X-Subject-Token header"))?;
        let parsed: IamTokenResponse = answer.decode()?;
        let renew_at = renew_at(now, parsed.token.as_ref());
        tracing::info!(user = %self.login.user, %renew_at, "obtained an IAM token");
        Ok(CachedToken {
            value: token.to_string().into(),
            renew_at,
        })
    }
}

/// When to renew a token received at `received`: after 23/24 of its lifetime, measured on IAM's
/// own clock (`expires_at - issued_at`) so that a skewed local clock does not matter.
fn renew_at(received: OffsetDateTime, token: Option<&IamTokenBody>) -> OffsetDateTime {
    let parse = |text: &Option<String>| OffsetDateTime::parse(text.as_deref()?, &Rfc3339).ok();
    let lifetime = token
        .and_then(|token| Some(parse(&token.expires_at)? - parse(&token.issued_at)?))
        .map_or(DEFAULT_LIFETIME, |lifetime| lifetime.max(Duration::ZERO));
    received + lifetime * 23 / 24
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const RECEIVED: OffsetDateTime = datetime!(2024-01-02 10:00:00 UTC);

    fn body(issued_at: &str, expires_at: &str) -> IamTokenBody {
        IamTokenBody {
            issued_at: Some(issued_at.into()),
            expires_at: Some(expires_at.into()),
        }
    }

    #[test]
    fn a_24_hour_token_is_renewed_after_23_hours() {
        let token = body("2024-01-02T03:04:05.000000Z", "2024-01-03T03:04:05.000000Z");
        assert_eq!(
            renew_at(RECEIVED, Some(&token)),
            datetime!(2024-01-03 09:00:00 UTC)
        );
    }

    #[test]
    fn a_shorter_token_is_renewed_in_proportion_and_by_iams_clock() {
        let token = body("2030-05-05T00:00:00Z", "2030-05-05T02:00:00Z");
        assert_eq!(
            renew_at(RECEIVED, Some(&token)),
            datetime!(2024-01-02 11:55:00 UTC)
        );
    }

    #[test]
    fn without_usable_times_the_token_is_taken_to_live_24_hours() {
        assert_eq!(renew_at(RECEIVED, None), datetime!(2024-01-03 09:00:00 UTC));
        let garbled = body("yesterday", "tomorrow");
        assert_eq!(
            renew_at(RECEIVED, Some(&garbled)),
            datetime!(2024-01-03 09:00:00 UTC)
        );
    }

    #[test]
    fn a_token_that_is_already_expired_is_due_at_once() {
        let token = body("2024-01-02T10:00:00Z", "2024-01-02T09:00:00Z");
        assert_eq!(renew_at(RECEIVED, Some(&token)), RECEIVED);
    }
}

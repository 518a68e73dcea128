//! An authenticated call and the retry loop around it: each attempt's headers are signed (or
//! carry the IAM token), sent as one `exchange`, and sent again as the call's retry rule allows.

use super::{
    credentials::Credentials,
    error::DliError,
    exchange::{Answer, Call, common_headers, exchange},
    iam::TokenCache,
    settings::{Clock, RetryPolicy},
    signer::{RequestToSign, sign},
};
use http::{HeaderMap, HeaderValue};
use secrecy::ExposeSecret;
use std::time::Duration;

/// How requests are authenticated.
pub(super) enum Authenticator {
    Signing(Credentials),
    Token(TokenCache),
}

pub(super) struct Transport {
    pub http: reqwest::Client,
    pub auth: Authenticator,
    pub retry: RetryPolicy,
    pub clock: Clock,
    pub timeout: Duration,
}

impl Transport {
    /// Sends `call` (again, as its retry rule allows) and returns the 2xx answer.
    pub async fn send(&self, call: &Call<'_>) -> Result<Answer, DliError> {
        let mut attempt = 1;
        let mut token_renewed = false;
        loop {
            let error = match self.attempt(call).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            // The gateway refused the token before DLI saw the request: renewing once and
            // sending again is safe even for a create.
            if let Authenticator::Token(cache) = &self.auth
                && error.is_expired_token()
                && !token_renewed
            {
                tracing::info!(
                    operation = call.operation,
                    "IAM token expired; renewing it once"
                );
                cache.forget().await;
                token_renewed = true;
                continue;
            }
            if attempt >= self.retry.attempts || !call.retry.allows(&error) {
                return Err(error);
            }
            let pause = self.retry.first_backoff * 2u32.pow(attempt - 1);
            tracing::warn!(operation = call.operation, attempt, error = %crate::chain(&error), ?pause, "DLI call failed; trying again");
            tokio::time::sleep(pause).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, call: &Call<'_>) -> Result<Answer, DliError> {
        let headers = self.headers(call).await?;
        let (_, answer) = exchange(&self.http, self.timeout, call, headers).await?;
        Ok(answer)
    }

    /// The common headers, then the signature or the token.
    async fn headers(&self, call: &Call<'_>) -> Result<HeaderMap, DliError> {
        let mut headers = common_headers(call);
        match &self.auth {
            Authenticator::Signing(credentials) => {
                let request = RequestToSign {
                    method: call.method.as_str(),
                    path: call.url.path(),
                    query: &call.query,
                    headers: &headers,
                    body: call.body,
                };
                let signed = sign(&request, credentials, self.clock.now());
                headers.extend(signed);
            }
            Authenticator::Token(cache) => {
                let token = cache.token(&self.http, &self.clock, self.timeout).await?;
                let mut value = HeaderValue::try_from(token.expose_secret())
                    .expect("checked when IAM issued it");
                value.set_sensitive(true);
                headers.insert("x-auth-token", value);
            }
        }
        Ok(headers)
    }
}

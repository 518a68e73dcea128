//! AK/SK credentials, with the security token of temporary ones. `Debug` shows the access key
//! (it travels in every `Authorization` header) and never the secret key or the token.

use secrecy::{ExposeSecret, SecretString};
use std::fmt;

/// An access key, its secret key and, for temporary credentials, a security token.
#[derive(Clone)]
pub struct Credentials {
    access_key: String,
    secret_key: SecretString,
    security_token: Option<SecretString>,
}

/// The access key or security token cannot go into an HTTP header as it is.
#[derive(Debug, thiserror::Error)]
#[error("the {0} holds characters that cannot be sent in an HTTP header")]
pub struct InvalidCredentials(&'static str);

impl Credentials {
    pub fn new(
        access_key: impl Into<String>,
        secret_key: SecretString,
    ) -> Result<Self, InvalidCredentials> {
        let access_key = access_key.into();
        if !is_header_safe(&access_key) {
            return Err(InvalidCredentials("access key"));
        }
        Ok(Self {
            access_key,
            secret_key,
            security_token: None,
        })
    }

    /// Temporary credentials: every request then carries and signs `X-Security-Token`.
    pub fn with_security_token(self, token: SecretString) -> Result<Self, InvalidCredentials> {
        if !is_header_safe(token.expose_secret()) {
            return Err(InvalidCredentials("security token"));
        }
        Ok(Self {
            security_token: Some(token),
            ..self
        })
    }

    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    pub fn secret_key(&self) -> &SecretString {
        &self.secret_key
    }

    pub fn security_token(&self) -> Option<&SecretString> {
        self.security_token.as_ref()
    }
}

pub(super) fn is_header_safe(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_graphic())
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"[REDACTED]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_access_key_and_hides_the_rest() {
        let credentials = Credentials::new("AK1", "SECRET-KEY".into())
            .and_then(|credentials| credentials.with_security_token("TOKEN-VALUE".into()))
            .unwrap();
        let printed = format!("{credentials:?}");
        assert!(printed.contains("AK1"), "{printed}");
        assert!(
            !printed.contains("SECRET-KEY") && !printed.contains("TOKEN-VALUE"),
            "{printed}"
        );
    }

    #[test]
    fn credentials_that_cannot_be_header_values_are_refused() {
        assert!(Credentials::new("AK with space", "sk".into()).is_err());
        assert!(Credentials::new("", "sk".into()).is_err());
        let credentials = Credentials::new("AK", "sk".into()).unwrap();
        assert!(
            credentials
                .with_security_token("line\nbreak".into())
                .is_err()
        );
    }
}

//! An error and every cause beneath it on one line (`outer: cause: root cause`), for log lines:
//! an error's own `Display` says only its outermost part, and JSON logs print nothing else. A
//! dozen lines, so no crate: the one there is (`display-error-chain`) writes a line per cause.

use std::{error::Error, fmt};

/// `tracing::warn!(error = %chain(&error), ...)`.
pub fn chain<'a>(error: &'a (dyn Error + 'static)) -> impl fmt::Display + 'a {
    ErrorChain(error)
}

struct ErrorChain<'a>(&'a (dyn Error + 'static));

impl fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[derive(Debug, thiserror::Error)]
    #[error("the history database cannot be reached")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn every_cause_follows_its_error() {
        let error = Outer(std::io::Error::other("connection refused"));
        assert_eq!(
            chain(&error).to_string(),
            "the history database cannot be reached: connection refused"
        );
        let alone = std::io::Error::other("alone");
        assert_eq!(chain(&alone).to_string(), "alone");
    }
}

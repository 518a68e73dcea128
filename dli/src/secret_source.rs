//! A secret from its variable or from the file its `*_FILE` variable names (for secrets
//! mounted as files), trimmed, since files usually end in a newline.

use super::config_error::DliConfigError;
use secrecy::{ExposeSecret, SecretString};
use std::{convert::Infallible, path::PathBuf};

/// Reads a secret flag or variable straight into a `SecretString` (clap's value parser).
pub fn secret_arg(text: &str) -> Result<SecretString, Infallible> {
    Ok(text.into())
}

/// The value given directly or read from the file (trimmed: files often end in a newline).
pub fn secret_from(
    variable: &'static str,
    value: &Option<SecretString>,
    file: &Option<PathBuf>,
) -> Result<Option<SecretString>, DliConfigError> {
    let secret = match (value, file) {
        (Some(_), Some(_)) => return Err(DliConfigError::SecretTwice(variable)),
        (Some(value), None) => value.expose_secret().trim().to_string(),
        (None, Some(path)) => std::fs::read_to_string(path)
            .map_err(|source| DliConfigError::UnreadableSecretFile {
                variable,
                path: path.clone(),
                source,
            })?
            .trim()
            .to_string(),
        (None, None) => return Ok(None),
    };
    if secret.is_empty() {
        return Err(DliConfigError::EmptySecret(variable));
    }
    Ok(Some(secret.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(content: &str) -> Option<PathBuf> {
        let path = std::env::temp_dir().join(format!("dli-secret-{}", uuid::Uuid::new_v4()));
        std::fs::write(&path, content).unwrap();
        Some(path)
    }

    fn read(value: Option<&str>, file: Option<PathBuf>) -> Result<Option<String>, String> {
        let value = value.map(SecretString::from);
        secret_from("DLI_TEST", &value, &file)
            .map(|secret| secret.map(|secret| secret.expose_secret().to_string()))
            .map_err(|error| error.to_string())
    }

    #[test]
    fn a_file_gives_its_content_without_the_trailing_newline() {
        assert_eq!(read(None, file(" s3cret \n")), Ok(Some("s3cret".into())));
        assert_eq!(read(Some("direct"), None), Ok(Some("direct".into())));
        assert_eq!(read(None, None), Ok(None));
    }

    #[test]
    fn a_value_and_a_file_together_are_refused() {
        assert_eq!(
            read(Some("a"), file("b")),
            Err("set DLI_TEST or DLI_TEST_FILE, not both".into())
        );
    }

    #[test]
    fn a_missing_file_is_named_without_any_secret() {
        let error = read(None, Some("/no/such/file".into())).unwrap_err();
        assert!(
            error.starts_with("cannot read DLI_TEST_FILE \"/no/such/file\""),
            "{error}"
        );
    }

    #[test]
    fn an_empty_secret_is_refused() {
        assert_eq!(read(None, file("\n")), Err("DLI_TEST is empty".into()));
    }
}

//! `StoreError`: what can go wrong in the history store. Its `Display` never carries the
//! database URL, a password or a database message; the causes stay in `source()` for the log.

use super::Outcome;
use std::{io, path::PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database URL must start with sqlite:, postgres: or postgresql:")]
    UnsupportedScheme,
    #[error("the database URL is not valid")]
    InvalidUrl(#[source] sqlx::Error),
    #[error("the folder {} for the history database cannot be created", path.display())]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the history database cannot be reached")]
    Unavailable(#[source] sqlx::Error),
    #[error("the history database schema cannot be brought up to date")]
    Migration(#[source] sqlx::migrate::MigrateError),
    #[error("a history database operation failed")]
    Database(#[source] sqlx::Error),
    #[error("there is no job {0} in the history")]
    NotFound(i64),
    #[error("job {id} is {from}, so it cannot become {to}")]
    InvalidTransition { id: i64, from: Outcome, to: Outcome },
    #[error("the page cursor is not valid")]
    BadCursor,
    #[error("DLI job {0} is already linked to another history record")]
    DliJobTaken(i64),
}

impl StoreError {
    /// A failed link of `dli_job_id` to a record: the unique index says another record holds it.
    pub(super) fn linking(error: sqlx::Error, dli_job_id: i64) -> Self {
        let taken = error
            .as_database_error()
            .is_some_and(|database| database.is_unique_violation());
        if taken {
            Self::DliJobTaken(dli_job_id)
        } else {
            error.into()
        }
    }
}

impl From<sqlx::Error> for StoreError {
    /// Losing the database is told apart from a failing statement: one is worth a retry later.
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => Self::Unavailable(error),
            other => Self::Database(other),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Self::Migration(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_connection_is_unavailable_and_a_bad_statement_is_not() {
        let lost = io::Error::new(io::ErrorKind::ConnectionReset, "reset");
        assert!(matches!(
            StoreError::from(sqlx::Error::Io(lost)),
            StoreError::Unavailable(_)
        ));
        let refused = sqlx::Error::Protocol("syntax error at or near \"SELEC\"".into());
        assert!(matches!(StoreError::from(refused), StoreError::Database(_)));
    }

    #[test]
    fn the_message_of_a_database_error_stays_out_of_display() {
        let error = StoreError::from(sqlx::Error::Protocol("password=hunter2".into()));
        assert!(!error.to_string().contains("hunter2"));
    }
}

//! Opening each backend: its connection settings and its migrations folder. This is where the
//! two dialects really differ; the queries themselves are shared.

use super::StoreError;
use sqlx::{
    ConnectOptions, Connection, PgPool, SqlitePool,
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions},
};
use std::{path::Path, str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// How long a statement waits for another connection's write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// WAL lets readers work beside the one writer; more connections would only queue on it.
const SQLITE_MAX_CONNECTIONS: u32 = 8;
const POSTGRES_MAX_CONNECTIONS: u32 = 10;
/// A page that waits longer than this for a connection had better fail and say so.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) async fn sqlite(url: &str) -> Result<SqlitePool, StoreError> {
    // `synchronous` stays FULL (sqlx's default): an attempt must be on disk before DLI is called.
    let options = SqliteConnectOptions::from_str(url)
        .map_err(StoreError::InvalidUrl)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT);
    create_parent_folder(options.get_filename())?;
    // Migrations run on a connection of their own with foreign keys off: rebuilding a table (the
    // only way SQLite changes a constraint) must not cascade the drop of the old one.
    let mut migrating = options
        .clone()
        .foreign_keys(false)
        .connect()
        .await
        .map_err(StoreError::Unavailable)?;
    SQLITE_MIGRATIONS.run(&mut migrating).await?;
    migrating.close().await.map_err(StoreError::Unavailable)?;
    SqlitePoolOptions::new()
        .max_connections(SQLITE_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(StoreError::Unavailable)
}

pub(super) async fn postgres(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url).map_err(StoreError::InvalidUrl)?;
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(StoreError::Unavailable)?;
    // sqlx holds an advisory lock while it migrates, so instances starting together take turns.
    POSTGRES_MIGRATIONS.run(&pool).await?;
    Ok(pool)
}

/// SQLite creates the file but not its folder (`data/` on a fresh checkout).
fn create_parent_folder(database_file: &Path) -> Result<(), StoreError> {
    let Some(folder) = database_file.parent() else {
        return Ok(());
    };
    std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
        path: folder.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_of_a_relative_database_file_is_created() {
        let root = std::env::temp_dir().join(format!("store-connect-{}", std::process::id()));
        let file = root.join("nested/portal.db");
        create_parent_folder(&file).unwrap();
        assert!(root.join("nested").is_dir());
        std::fs::remove_dir_all(root).unwrap();
    }
}

//! A PostgreSQL server for the tests and the benchmark: the one an environment variable names
//! (`TEST_DATABASE_URL`), or else a throwaway cluster (`cluster.rs`) started once per process,
//! with a fresh database for each scenario.

#[path = "pg/cluster.rs"]
mod cluster;

use sqlx::{Connection, Executor, PgConnection};
use std::sync::OnceLock;

/// Where a database can be created: a URL whose user has the CREATEDB privilege.
pub struct PgServer {
    admin_url: String,
}

/// A database made for one scenario.
pub struct FreshDatabase {
    pub url: String,
    name: String,
    admin_url: String,
}

/// The shared server, started on first use unless `url_variable` names one.
pub fn server(url_variable: &str) -> &'static PgServer {
    static SERVER: OnceLock<PgServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let admin_url = match std::env::var(url_variable) {
            Ok(url) if !url.trim().is_empty() => url,
            _ => cluster::start(),
        };
        PgServer { admin_url }
    })
}

impl PgServer {
    pub async fn create_database(&self) -> FreshDatabase {
        let name = format!("dli_portal_test_{}", uuid::Uuid::new_v4().simple());
        self.admin(&format!(r#"CREATE DATABASE "{name}""#)).await;
        FreshDatabase {
            url: with_database(&self.admin_url, &name),
            name,
            admin_url: self.admin_url.clone(),
        }
    }

    async fn admin(&self, statement: &str) {
        let mut connection = PgConnection::connect(&self.admin_url)
            .await
            .expect("the PostgreSQL server accepts connections");
        connection.execute(statement).await.expect(statement);
        connection
            .close()
            .await
            .expect("the admin connection closes");
    }
}

impl FreshDatabase {
    /// Drops the database, closing any connection still open to it.
    pub async fn drop_database(self) {
        let server = PgServer {
            admin_url: self.admin_url,
        };
        let name = self.name;
        server
            .admin(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
            .await;
    }
}

/// The URL with its database replaced; user, host and parameters stay.
fn with_database(url: &str, database: &str) -> String {
    let (base, parameters) = url.split_once('?').map_or((url, ""), |(b, p)| (b, p));
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match parameters {
        "" => format!("{server}/{database}"),
        _ => format!("{server}/{database}?{parameters}"),
    }
}
#[cfg(test)]
mod tests {

    #[test]
    fn the_database_of_a_url_is_replaced_and_its_parameters_kept() {
        let url = "postgres://u:p@db.example:5433/portal?sslmode=disable";
        assert_eq!(
            super::with_database(url, "t1"),
            "postgres://u:p@db.example:5433/t1?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u@h", "t1"),
            "postgres://u@h/t1"
        );
    }
}

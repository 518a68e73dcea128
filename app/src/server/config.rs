//! The server's configuration, from command-line flags or environment variables (clap).

use super::access::AccessConfig;
use clap::{Args, ValueEnum};
use dli::{DliConfig, DliConfigError, secret_arg, secret_from};
use secrecy::SecretString;
use std::{net::SocketAddr, path::PathBuf};

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Address and port the portal listens on.
    #[arg(long, env = "PORTAL_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Folder holding the built site: the wasm, JS and CSS under `pkg/`, and the public files.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// cargo-leptos' list of the assets' content hashes, which `make site` writes beside the
    /// server binary; relative to the binary's folder. Without it, assets keep their plain
    /// names and browsers check them on every visit.
    #[arg(long, env = "LEPTOS_HASH_FILE_NAME", default_value = "hash.txt")]
    pub hash_file: PathBuf,

    /// The path the portal is served under behind a reverse proxy, such as `/flink`; links,
    /// assets and server-function calls all carry it. Empty serves at the root.
    #[arg(long, env = "PORTAL_BASE_PATH", default_value = "", value_parser = base_path)]
    pub base_path: String,

    /// Log line format.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,

    /// The job history: `sqlite://path` (created if missing) or `postgres://...` when several
    /// portal instances share one history [default: sqlite://data/portal.db]. Kept secret: a
    /// PostgreSQL URL may hold a password.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, value_parser = secret_arg)]
    pub database_url: Option<SecretString>,

    /// A file holding the database URL, for a password mounted as a secret.
    #[arg(long, env = "DATABASE_URL_FILE")]
    pub database_url_file: Option<PathBuf>,

    /// How often, in milliseconds, the status poller refreshes jobs that are changing (steady
    /// jobs are looked at ten times less often).
    #[arg(long, env = "PORTAL_POLL_INTERVAL_MS", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(100..))]
    pub poll_interval_ms: u64,

    /// How long, in milliseconds, the poller's lease lasts without renewal: how soon another
    /// instance takes over from one that died [default: three poll intervals].
    #[arg(long, env = "PORTAL_POLL_LEASE_MS", value_parser = clap::value_parser!(u64).range(100..))]
    pub poll_lease_ms: Option<u64>,

    /// The URL of a DLI simulator backed by Flink (`server simulate --flink-rest`) as browsers
    /// reach it: the job page then links each job to its run in Flink's dashboard, through the
    /// simulator's `/_sim/jobs/{id}/dashboard`.
    #[arg(long, env = "PORTAL_FLINK_DASHBOARD", value_name = "URL")]
    pub flink_dashboard: Option<String>,

    /// The DLI console's page for a job, as your region's console shows it, with `{job_id}`
    /// (DLI's job id) and `{region}` where they go: the job page links each job there. Without
    /// it, the job page links to the DLI console of `--dli-region`; with neither (the built-in
    /// simulator, or only `--dli-endpoint`), to no console.
    #[arg(long, env = "PORTAL_DLI_CONSOLE_URL", value_name = "URL")]
    pub dli_console_url: Option<String>,

    /// Identity from the reverse proxy, who may act, and the team's guardrails.
    #[command(flatten)]
    pub access: AccessConfig,

    /// Where and how to reach DLI; no credentials means the built-in simulator.
    #[command(flatten)]
    pub dli: DliConfig,
}

impl Config {
    /// Where the job page links a job in the DLI console: the template with the region filled
    /// in, `{job_id}` still to fill. None for the built-in simulator, which has no console.
    pub fn dli_console(&self, simulator: bool) -> Option<String> {
        if simulator {
            return None;
        }
        let region = self.dli.region.as_deref();
        let template = match (&self.dli_console_url, region) {
            (Some(template), _) => template.clone(),
            (None, Some(_)) => DLI_CONSOLE.to_owned(),
            (None, None) => return None,
        };
        Some(template.replace("{region}", region.unwrap_or_default()))
    }

    /// The database URL given directly or in its file; SQLite under `./data` without either.
    pub fn database_url(&self) -> Result<SecretString, DliConfigError> {
        let given = secret_from("DATABASE_URL", &self.database_url, &self.database_url_file)?;
        Ok(given.unwrap_or_else(|| crate::server::store::DEFAULT_DATABASE_URL.into()))
    }
}

/// Huawei Cloud's DLI console for a region, where the region's Flink jobs are listed.
const DLI_CONSOLE: &str = "https://console.huaweicloud.com/dli/?region={region}";

/// `/flink/` and `flink` both mean `/flink`; the root is the empty string.
fn base_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_matches('/');
    let fine = trimmed.split('/').all(|segment| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
    });
    match trimmed {
        "" => Ok(String::new()),
        _ if fine => Ok(format!("/{trimmed}")),
        _ => Err("use path segments of letters, digits, -, _, . and ~, such as /flink".into()),
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Readable lines for a terminal.
    Human,
    /// One JSON object a line, for log collectors.
    Json,
}

#[cfg(test)]
mod tests {
    use super::{Config, base_path};
    use clap::Parser;
    use secrecy::ExposeSecret;

    fn config(args: &[&str]) -> Config {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            config: Config,
        }
        Wrapper::parse_from(std::iter::once("server").chain(args.iter().copied())).config
    }

    #[test]
    fn the_database_url_is_read_from_its_file_and_never_shown_by_debug() {
        let folder = std::env::temp_dir().join(format!("config-url-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("database_url");
        std::fs::write(&file, "postgres://portal:hunter2@db/portal\n").unwrap();
        let from_file = config(&["--database-url-file", file.to_str().unwrap()]);
        assert_eq!(
            from_file.database_url().unwrap().expose_secret(),
            "postgres://portal:hunter2@db/portal"
        );
        let given = config(&["--database-url", "postgres://portal:hunter2@db/portal"]);
        assert!(!format!("{given:?}").contains("hunter2"), "{given:?}");
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn the_dli_console_is_the_region_s_unless_a_job_page_is_given() {
        let region = config(&["--dli-region", "cn-north-4"]);
        assert_eq!(
            region.dli_console(false).as_deref(),
            Some("https://console.huaweicloud.com/dli/?region=cn-north-4")
        );
        let template = "https://console.example/{region}/flink/{job_id}";
        let given = config(&[
            "--dli-region",
            "ap-southeast-3",
            "--dli-console-url",
            template,
        ]);
        assert_eq!(
            given.dli_console(false).as_deref(),
            Some("https://console.example/ap-southeast-3/flink/{job_id}")
        );
        assert_eq!(
            given.dli_console(true),
            None,
            "the simulator has no console"
        );
        assert_eq!(
            config(&["--dli-endpoint", "http://127.0.0.1:9"]).dli_console(false),
            None
        );
    }

    #[test]
    fn without_a_database_url_the_history_is_sqlite_under_data() {
        let url = config(&[]).database_url().unwrap();
        assert_eq!(url.expose_secret(), "sqlite://data/portal.db");
        let both = config(&[
            "--database-url",
            "sqlite://a.db",
            "--database-url-file",
            "/f",
        ]);
        assert!(both.database_url().is_err(), "one or the other");
    }

    #[test]
    fn a_base_path_is_normalised_to_a_leading_slash_and_no_trailing_one() {
        for (raw, normalised) in [
            ("", ""),
            ("/", ""),
            ("/flink/", "/flink"),
            ("flink", "/flink"),
            ("/a/b", "/a/b"),
        ] {
            assert_eq!(base_path(raw).as_deref(), Ok(normalised), "{raw}");
        }
    }

    #[test]
    fn a_base_path_with_odd_characters_is_refused() {
        for raw in ["/fl ink", "/a//b", "/<script>", "/a?b"] {
            assert!(base_path(raw).is_err(), "{raw}");
        }
    }
}

//! The command line of the `server` binary: the portal (no subcommand), or `simulate`, the DLI
//! simulator on its own for the portal or any other DLI client to call.

use anyhow::Context;
use app::server::config::Config;
use clap::{Args, Parser, Subcommand};
use dli::{
    Credentials, PasswordLogin, secret_arg,
    sim::{self, FlinkBackend, ObsRoot, OperationFault, SimConfig},
};
use secrecy::SecretString;
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Parser, Debug)]
#[command(
    name = "server",
    version,
    about = "dli-portal: create Flink Jar jobs on Huawei Cloud DLI"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run only the DLI simulator (DLI and IAM endpoints, signature checks, faults).
    Simulate(SimulateArgs),
}

#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// Address and port the simulator listens on.
    #[arg(long, env = "SIM_LISTEN", default_value = "127.0.0.1:9000")]
    pub listen: SocketAddr,
    /// The access key the simulator accepts.
    #[arg(long, env = "HUAWEICLOUD_SDK_AK", hide_env_values = true)]
    pub ak: String,
    /// The secret key that signatures must be made with.
    #[arg(long, env = "HUAWEICLOUD_SDK_SK", hide_env_values = true, value_parser = secret_arg)]
    pub sk: SecretString,
    /// Require this security token, as for temporary credentials.
    #[arg(long, env = "HUAWEICLOUD_SDK_SECURITY_TOKEN", hide_env_values = true, value_parser = secret_arg)]
    pub security_token: Option<SecretString>,
    /// The project id in the simulated DLI paths.
    #[arg(long, env = "HUAWEICLOUD_SDK_PROJECT_ID", default_value = sim::DEFAULT_PROJECT_ID)]
    pub project_id: String,
    /// The region name, which IAM lists as the project's name.
    #[arg(long, env = "DLI_REGION", default_value = sim::DEFAULT_REGION)]
    pub region: String,
    /// Flink-capable (`general`) queues, comma-separated.
    #[arg(long, value_delimiter = ',', default_values = sim::DEFAULT_QUEUES)]
    pub queues: Vec<String>,
    /// Milliseconds a job spends submitting after run and canceling after stop.
    #[arg(long, default_value_t = 2000)]
    pub transition_ms: u64,
    /// A fault, e.g. `create:drop_share=1,times=1` or `list:status=503,status_share=0.3,latency_ms=200`.
    /// Operations: create, show, list, run, stop, delete, queues, projects, token. Repeatable.
    #[arg(long = "fault", value_name = "OPERATION:KEY=VALUE,...")]
    pub faults: Vec<OperationFault>,
    /// An IAM user that may log in with a password for a token.
    #[arg(long, env = "DLI_IAM_USER", requires = "iam_password")]
    pub iam_user: Option<String>,
    /// That user's password.
    #[arg(long, env = "DLI_IAM_PASSWORD", hide_env_values = true, value_parser = secret_arg)]
    pub iam_password: Option<SecretString>,
    /// That user's account (domain) name; the user name when not given.
    #[arg(long, env = "DLI_IAM_DOMAIN")]
    pub iam_domain: Option<String>,
    /// Run each job on this Apache Flink (its REST URL, e.g. http://127.0.0.1:8081) instead of
    /// only simulating its status. Needs --obs-root.
    #[arg(long, env = "SIM_FLINK_REST", requires = "obs_root")]
    pub flink_rest: Option<String>,
    /// The folder that plays OBS for Flink: obs://bucket/key is DIR/bucket/key, a package
    /// group/name.jar is DIR/packages/group/name.jar, savepoints go to DIR/savepoints.
    #[arg(long, env = "SIM_OBS_ROOT", requires = "flink_rest")]
    pub obs_root: Option<PathBuf>,
}

impl SimulateArgs {
    pub fn into_sim_config(self) -> anyhow::Result<SimConfig> {
        let credentials = Credentials::new(self.ak, self.sk).context("HUAWEICLOUD_SDK_AK")?;
        let credentials = match self.security_token {
            Some(token) => credentials
                .with_security_token(token)
                .context("HUAWEICLOUD_SDK_SECURITY_TOKEN")?,
            None => credentials,
        };
        let iam_user = match (self.iam_user, self.iam_password) {
            (Some(user), Some(password)) => {
                let domain = self.iam_domain.unwrap_or_else(|| user.clone());
                Some(PasswordLogin {
                    user,
                    password,
                    domain,
                })
            }
            _ => None,
        };
        let mut config = SimConfig::new(credentials);
        config.iam_user = iam_user;
        config.project_id = self.project_id;
        config.region = self.region;
        config.queues = self.queues;
        config.transition = Duration::from_millis(self.transition_ms);
        config.faults = self
            .faults
            .into_iter()
            .map(|OperationFault(operation, fault)| (operation, fault))
            .collect();
        if let (Some(rest_url), Some(obs_root)) = (self.flink_rest, self.obs_root) {
            config.flink = Some(flink_backend(rest_url, &obs_root)?);
        }
        Ok(config)
    }
}

/// Flink's URL checked, and the OBS folder made absolute (Flink reads files by `file://` URL).
fn flink_backend(rest_url: String, obs_root: &std::path::Path) -> anyhow::Result<FlinkBackend> {
    let url = dli::Url::parse(&rest_url).context("--flink-rest must be a URL")?;
    anyhow::ensure!(
        matches!(url.scheme(), "http" | "https"),
        "--flink-rest must be an http or https URL, got {rest_url}"
    );
    let obs_root = std::fs::canonicalize(obs_root)
        .with_context(|| format!("--obs-root {} is not a folder", obs_root.display()))?;
    anyhow::ensure!(
        obs_root.is_dir(),
        "--obs-root {} is not a folder",
        obs_root.display()
    );
    Ok(FlinkBackend {
        rest_url,
        obs: ObsRoot::new(obs_root),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dli::sim::Operation;
    use secrecy::ExposeSecret;

    fn simulate(args: &[&str]) -> SimConfig {
        let cli =
            Cli::try_parse_from(["server", "simulate"].iter().chain(args)).expect("valid flags");
        let Some(Command::Simulate(args)) = cli.command else {
            panic!("simulate expected")
        };
        args.into_sim_config()
            .expect("a valid simulator configuration")
    }

    #[test]
    fn simulate_takes_keys_queues_and_faults_from_flags() {
        let config = simulate(&[
            "--ak",
            "AK1",
            "--sk",
            "SK1",
            "--queues",
            "q1,q2",
            "--transition-ms",
            "50",
            "--fault",
            "create:drop_share=1,times=1",
            "--fault",
            "list:latency_ms=5",
        ]);
        assert_eq!(config.credentials.access_key(), "AK1");
        assert_eq!(config.credentials.secret_key().expose_secret(), "SK1");
        assert_eq!(config.queues, ["q1", "q2"]);
        assert_eq!(config.transition, Duration::from_millis(50));
        assert_eq!(config.faults[&Operation::Create].drop_share, 1.0);
        assert_eq!(config.faults[&Operation::List].latency_ms, 5);
        assert_eq!(
            (config.project_id.as_str(), config.region.as_str()),
            (sim::DEFAULT_PROJECT_ID, sim::DEFAULT_REGION)
        );
    }

    #[test]
    fn simulate_defaults_to_the_two_flink_queues_and_no_iam_user() {
        let config = simulate(&["--ak", "AK1", "--sk", "SK1"]);
        assert_eq!(config.queues, sim::DEFAULT_QUEUES);
        assert!(config.iam_user.is_none());
    }

    #[test]
    fn an_iam_user_logs_in_to_its_own_account_unless_told_otherwise() {
        let config = simulate(&[
            "--ak",
            "A",
            "--sk",
            "S",
            "--iam-user",
            "alice",
            "--iam-password",
            "pw",
        ]);
        let login = config.iam_user.expect("an IAM user");
        assert_eq!(
            (login.user.as_str(), login.domain.as_str()),
            ("alice", "alice")
        );
    }

    #[test]
    fn a_bad_fault_flag_is_refused_when_parsing() {
        let error = Cli::try_parse_from([
            "server",
            "simulate",
            "--ak",
            "A",
            "--sk",
            "S",
            "--fault",
            "create:status=418",
        ])
        .expect_err("refused");
        assert!(error.to_string().contains("not one of"), "{error}");
    }

    /// `server simulate` with keys and Flink at `FLINK`, plus `extra`.
    fn with_flink(extra: &[&str]) -> Result<Cli, clap::Error> {
        let flags = ["--ak", "A", "--sk", "S", "--flink-rest", FLINK];
        Cli::try_parse_from(["server", "simulate"].iter().chain(&flags).chain(extra))
    }

    const FLINK: &str = "http://127.0.0.1:8081";

    #[test]
    fn flink_needs_an_obs_folder_that_exists_and_is_made_absolute() {
        let without = with_flink(&[]).unwrap_err();
        assert!(without.to_string().contains("--obs-root"), "{without}");
        let sim_config = |cli: Cli| match cli.command {
            Some(Command::Simulate(args)) => args.into_sim_config(),
            None => panic!("simulate expected"),
        };
        let config = sim_config(with_flink(&["--obs-root", "."]).unwrap()).unwrap();
        let flink = config.flink.expect("a Flink backend");
        assert!(flink.obs.dir().is_absolute() && flink.rest_url == FLINK);
        let missing = with_flink(&["--obs-root", "/no/such/dir"]).unwrap();
        let error = sim_config(missing).unwrap_err().to_string();
        assert!(error.contains("/no/such/dir is not a folder"), "{error}");
    }

    #[test]
    fn without_a_subcommand_the_portal_runs() {
        assert!(Cli::try_parse_from(["server"]).unwrap().command.is_none());
    }
}

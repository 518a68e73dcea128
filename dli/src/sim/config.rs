//! What a simulator is started with: the credentials its gateway accepts, its project, region
//! and queues, how long its jobs take to change, the faults to inject from the start, and the
//! Flink that runs its jobs, if any.

use super::{faults::FaultPlan, flink::FlinkBackend};
use crate::{Credentials, PasswordLogin};
use std::time::Duration;

/// The project id the simulator serves unless told otherwise (32 hex digits, like DLI's).
pub const DEFAULT_PROJECT_ID: &str = "0f5e1a7c3b9d4e2a8c6b1d0e9f7a3c51";
pub const DEFAULT_REGION: &str = "sim-local-1";
pub const DEFAULT_QUEUES: [&str; 2] = ["flink_queue", "flink_queue_2"];

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The only AK/SK (and, for temporary credentials, security token) the gateway accepts.
    pub credentials: Credentials,
    /// The IAM user that may log in with a password for a token.
    pub iam_user: Option<PasswordLogin>,
    pub project_id: String,
    /// Also the name of the project IAM lists.
    pub region: String,
    /// `user_name` of jobs created with AK/SK.
    pub user_name: String,
    /// `general` queues, the kind that runs Flink Jar jobs.
    pub queues: Vec<String>,
    /// How long a job stays `job_submitting` after run, and `job_canceling` (or, taking a
    /// savepoint, `job_savepointing`) after stop.
    pub transition: Duration,
    pub token_lifetime: Duration,
    pub faults: FaultPlan,
    /// A real Flink that runs each job (`--flink-rest`, `--obs-root`); without one, a job's
    /// status follows the transition time.
    pub flink: Option<FlinkBackend>,
}

impl SimConfig {
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            iam_user: None,
            project_id: DEFAULT_PROJECT_ID.to_string(),
            region: DEFAULT_REGION.to_string(),
            user_name: "sim_user".to_string(),
            queues: DEFAULT_QUEUES.map(str::to_string).to_vec(),
            transition: Duration::from_secs(2),
            token_lifetime: Duration::from_secs(24 * 3600),
            faults: FaultPlan::new(),
            flink: None,
        }
    }

    /// A fresh random AK/SK from the operating system's generator (via UUID v4), so that the
    /// portal's requests to its own simulator are still really signed.
    pub fn with_fresh_credentials() -> Self {
        let random_hex = || uuid::Uuid::new_v4().simple().to_string();
        let access_key = random_hex()[..20].to_ascii_uppercase();
        let secret_key = format!("{}{}", random_hex(), random_hex());
        Self::new(Credentials::new(access_key, secret_key.into()).expect("hex digits"))
    }
}

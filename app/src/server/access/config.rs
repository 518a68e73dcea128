//! The access flags: which proxies vouch for identities and with which headers, who may act, the
//! team's guardrails and the create rate.

use clap::{Args, ValueEnum};
use ipnet::IpNet;
use std::net::IpAddr;

#[derive(Args, Debug, Clone)]
pub struct AccessConfig {
    /// Addresses (CIDRs, comma-separated) of the reverse proxies whose identity headers and
    /// X-Forwarded-For are believed, e.g. 127.0.0.1/32,10.0.0.0/8. Empty: believe no one.
    #[arg(long, env = "PORTAL_TRUSTED_PROXIES", value_delimiter = ',', value_parser = cidr)]
    pub trusted_proxies: Vec<IpNet>,

    /// The header names the proxy sets: X-Forwarded-User/-Email/-Groups, or oauth2-proxy's
    /// X-Auth-Request-User/-Email/-Groups.
    #[arg(long, env = "PORTAL_IDENTITY_HEADERS", value_enum, default_value_t = HeaderNames::Forwarded)]
    pub identity_headers: HeaderNames,

    /// Refuse requests without an identity (401, with a page saying to sign in via the proxy).
    #[arg(long, env = "PORTAL_REQUIRE_USER")]
    pub require_user: bool,

    /// Groups (comma-separated) whose members may create, start, stop and delete jobs; everyone
    /// else may only read. Empty: everyone may.
    #[arg(long, env = "PORTAL_ACTOR_GROUPS", value_delimiter = ',')]
    pub actor_groups: Vec<String>,

    /// The only queues jobs may use (comma-separated); the form offers just these. Empty: any.
    #[arg(long, env = "PORTAL_ALLOWED_QUEUES", value_delimiter = ',')]
    pub allowed_queues: Vec<String>,

    /// The most CUs one job may take.
    #[arg(long, env = "PORTAL_MAX_CU_PER_JOB")]
    pub max_cu_per_job: Option<u32>,

    /// Jobs one person may create per minute (0 turns the limit off).
    #[arg(long, env = "PORTAL_CREATES_PER_MINUTE", default_value_t = 30)]
    pub creates_per_minute: u32,
}

fn cidr(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an address or a CIDR such as 10.0.0.0/8"))
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderNames {
    /// X-Forwarded-User, X-Forwarded-Email, X-Forwarded-Groups.
    Forwarded,
    /// X-Auth-Request-User, X-Auth-Request-Email, X-Auth-Request-Groups (oauth2-proxy).
    AuthRequest,
}

impl HeaderNames {
    /// `(user, email, groups)`, lower-case as HTTP/2 and the `http` crate write them.
    pub fn names(self) -> [&'static str; 3] {
        match self {
            Self::Forwarded => [
                "x-forwarded-user",
                "x-forwarded-email",
                "x-forwarded-groups",
            ],
            Self::AuthRequest => [
                "x-auth-request-user",
                "x-auth-request-email",
                "x-auth-request-groups",
            ],
        }
    }
}

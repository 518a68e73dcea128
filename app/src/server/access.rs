//! Who may do what: the identity the reverse proxy vouches for (only when the connection
//! comes from a trusted proxy), the group allowed to change jobs, the team's guardrails and
//! the per-person create rate. Configured by flags; enforced by the middleware and the service.

use crate::guardrails::Guardrails;
use clap::{Args, ValueEnum};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

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

/// The person behind a request, as the trusted proxy told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    pub email: Option<String>,
    pub groups: Vec<String>,
}

/// The access rules in force, shared by every request.
#[derive(Clone)]
pub struct Access {
    pub trusted_proxies: Vec<IpNet>,
    pub header_names: [&'static str; 3],
    pub require_user: bool,
    actor_groups: Vec<String>,
    pub guardrails: Guardrails,
    create_limiter: Option<Arc<DefaultKeyedRateLimiter<String>>>,
}

impl Access {
    pub fn new(config: &AccessConfig) -> Self {
        let per_minute = NonZeroU32::new(config.creates_per_minute);
        Self {
            trusted_proxies: config.trusted_proxies.clone(),
            header_names: config.identity_headers.names(),
            require_user: config.require_user,
            actor_groups: trimmed(&config.actor_groups),
            guardrails: Guardrails {
                allowed_queues: trimmed(&config.allowed_queues),
                max_cu_per_job: config.max_cu_per_job,
            },
            create_limiter: per_minute
                .map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate)))),
        }
    }

    pub fn is_trusted(&self, peer: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(&peer))
    }

    /// Whether this person may create, start, stop and delete jobs.
    pub fn may_act(&self, identity: Option<&Identity>) -> bool {
        self.actor_groups.is_empty()
            || identity.is_some_and(|identity| {
                identity
                    .groups
                    .iter()
                    .any(|group| self.actor_groups.contains(group))
            })
    }

    /// The groups allowed to act, for the message to those who may not.
    pub fn actor_groups(&self) -> &[String] {
        &self.actor_groups
    }

    /// Takes one create from `user`'s allowance, or says how long until the next one.
    pub fn take_create(&self, user: &str) -> Result<(), Duration> {
        let Some(limiter) = &self.create_limiter else {
            return Ok(());
        };
        limiter.check_key(&user.to_owned()).map_err(|not_until| {
            not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ))
        })
    }
}

fn trimmed(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn access(args: &[&str]) -> Access {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            config: AccessConfig,
        }
        let args = std::iter::once("server").chain(args.iter().copied());
        Access::new(&Wrapper::parse_from(args).config)
    }

    fn member_of(groups: &[&str]) -> Identity {
        Identity {
            user: "ann".into(),
            email: None,
            groups: groups.iter().map(|group| group.to_string()).collect(),
        }
    }

    #[test]
    fn trusted_proxies_take_cidrs_and_bare_addresses() {
        let access = access(&["--trusted-proxies", "10.0.0.0/8, 127.0.0.1"]);
        assert!(access.is_trusted("10.1.2.3".parse().unwrap()));
        assert!(access.is_trusted("127.0.0.1".parse().unwrap()));
        assert!(!access.is_trusted("192.168.0.1".parse().unwrap()));
    }

    #[test]
    fn without_actor_groups_everyone_may_act_and_with_them_only_members() {
        assert!(access(&[]).may_act(None));
        let access = access(&["--actor-groups", "flink-admins,data"]);
        assert!(access.may_act(Some(&member_of(&["data"]))));
        assert!(!access.may_act(Some(&member_of(&["sales"]))));
        assert!(!access.may_act(None));
    }

    #[test]
    fn the_create_rate_is_per_person() {
        let access = access(&["--creates-per-minute", "2"]);
        assert!(access.take_create("ann").is_ok());
        assert!(access.take_create("ann").is_ok());
        let wait = access
            .take_create("ann")
            .expect_err("a third create within the minute");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert!(
            access.take_create("bob").is_ok(),
            "bob has his own allowance"
        );
    }
}

//! The access rules in force: which peers are trusted proxies, who may act, the guardrails, and
//! each person's allowance of creates per minute (`governor`).

use super::config::AccessConfig;
use super::identity::Identity;
use crate::domain::Guardrails;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

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

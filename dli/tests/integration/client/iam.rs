//! IAM password tokens against the simulator's IAM: one token for many calls, renewed once when
//! the gateway says it expired, and refusals mapped to auth errors.

use crate::support::job_body;
use crate::support::{sim_count, sim_jobs, sim_settings, spawn_sim_with};
use dli::sim::{RunningSim, SimConfig};
use dli::{DliAuth, DliClient, DliErrorKind, ListJobsQuery, PasswordLogin};
use std::time::Duration;

pub const PASSWORD: &str = "alice-PASSWORD-1";

fn alice(password: &str) -> PasswordLogin {
    PasswordLogin {
        user: "alice".into(),
        password: password.into(),
        domain: "acme".into(),
    }
}

pub fn with_iam_user(config: &mut SimConfig) {
    config.iam_user = Some(alice(PASSWORD));
}

/// A client that logs in as alice, with no project id configured (so it is looked up too).
pub fn token_client(sim: &RunningSim, password: &str) -> DliClient {
    let mut settings = sim_settings(sim);
    settings.auth = DliAuth::Password(alice(password));
    settings.project_id = None;
    DliClient::new(settings).unwrap()
}

#[tokio::test]
async fn an_iam_token_is_cached_and_renewed_once_when_dli_says_it_expired() {
    let sim = spawn_sim_with(with_iam_user).await;
    let client = token_client(&sim, PASSWORD);
    let created = client
        .create_flink_jar_job(&job_body("by_token"))
        .await
        .unwrap();
    client.list_jobs(&ListJobsQuery::default()).await.unwrap();
    assert_eq!(
        sim_count(&sim, "token").await,
        1,
        "one token serves every call"
    );
    let shown = client.show_job(created.job_id).await.unwrap();
    assert_eq!(shown.user_name.as_deref(), Some("alice"));

    let expire = format!("{}/_sim/tokens/expire", sim.base_url);
    reqwest::Client::new().post(expire).send().await.unwrap();
    client
        .create_flink_jar_job(&job_body("after_expiry"))
        .await
        .unwrap();
    assert_eq!(sim_count(&sim, "token").await, 2, "renewed once");
    assert_eq!(
        sim_jobs(&sim).await.len(),
        2,
        "the refused create was sent again, once"
    );
}

#[tokio::test]
async fn a_token_that_stays_expired_is_renewed_only_once() {
    let sim = spawn_sim_with(|config| {
        with_iam_user(config);
        config.token_lifetime = Duration::ZERO;
    })
    .await;
    let client = token_client(&sim, PASSWORD);
    let error = client
        .list_jobs(&ListJobsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.code()),
        (DliErrorKind::Auth, Some("APIGW.0307"))
    );
    assert_eq!(sim_count(&sim, "token").await, 2);
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_from_iam() {
    let sim = spawn_sim_with(with_iam_user).await;
    let error = token_client(&sim, "guess").show_job(1).await.unwrap_err();
    assert_eq!(error.kind(), DliErrorKind::Auth);
    assert!(
        error.to_string().starts_with("IAM answered HTTP 401"),
        "{error}"
    );
    assert_eq!(
        error.dli_message(),
        Some("The username or password is wrong.")
    );
}

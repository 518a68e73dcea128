//! The retry contract of `POST /api/v1/jobs`, rule by rule, on a SQLite and on a PostgreSQL
//! history: keys belong to their person and name one request, a repeat is answered before the
//! rate limit, a try that provably made nothing is made again, a lost answer is reconciled at
//! once, and one DLI job is linked to one record.

use super::{failures::later, job_request};
use crate::helpers::{
    TestApp, client_for, fail_always, set_faults, sim_count, sim_jobs, spawn_app_for_with,
    spawn_sim,
};
use app::server::config::Config;
use app::server::jobs::{now_ms, reconcile};
use app::server::store::{JobRecord, NewAttempt, Store, StoreError};
use dli::sim::RunningSim;
use serde_json::{Value, json};
use std::time::Duration;

/// A portal behind a proxy (this test, from 127.0.0.1) and the simulator it talks to.
pub struct Contract {
    pub sim: RunningSim,
    pub app: TestApp,
}

impl Contract {
    async fn start(database_url: Option<String>, adjust: impl FnOnce(&mut Config)) -> Contract {
        let sim = spawn_sim().await;
        let app = spawn_app_for_with(&sim, |config| {
            if let Some(url) = database_url {
                config.database_url = Some(url.into());
            }
            config.access.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
            adjust(config);
        })
        .await;
        Contract { sim, app }
    }

    /// `POST /api/v1/jobs` as `user` (none: anonymous) under `key`.
    async fn post(&self, user: Option<&str>, body: &Value, key: &str) -> (u16, Value, Option<u64>) {
        let mut request = self
            .app
            .client
            .post(self.app.url("/api/v1/jobs"))
            .header("idempotency-key", key)
            .json(body);
        if let Some(user) = user {
            request = request.header("x-forwarded-user", user);
        }
        let response = request.send().await.expect("the portal answers");
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|value| value.to_str().unwrap().parse().expect("seconds"));
        (status, response.json().await.unwrap(), retry_after)
    }

    /// What a client following the contract ends with: it repeats the same request under the
    /// same key, after `Retry-After`, for as long as the answer says to repeat it.
    async fn until_final(&self, body: &Value, key: &str) -> (u16, Value) {
        for _ in 0..30 {
            let (status, answer, retry_after) = self.post(None, body, key).await;
            if status < 300 || (400..500).contains(&status) && status != 409 && status != 429 {
                assert_eq!(
                    retry_after, None,
                    "a final answer says no Retry-After: {answer}"
                );
                return (status, answer);
            }
            let wait = retry_after.unwrap_or_else(|| panic!("{status} without Retry-After"));
            tokio::time::sleep(Duration::from_secs(wait)).await;
        }
        panic!("no final answer after 30 repeats");
    }

    async fn events(&self, record: i64) -> Vec<(String, String)> {
        let events = self.app.portal.state.store.events_of(record).await.unwrap();
        events
            .into_iter()
            .map(|event| (event.action, event.outcome.as_str().to_owned()))
            .collect()
    }
}

/// Runs each scenario as `<scenario>::on_sqlite` and `<scenario>::on_postgres`, on a portal
/// whose configuration `with |config| ...` adjusts, if given.
macro_rules! on_both_histories {
    ($($scenario:ident $(with |$config:ident| $adjust:expr)?),+ $(,)?) => {$(
        mod $scenario {
            #[allow(unused_variables)]
            fn adjust(config: &mut app::server::config::Config) {
                $(let $config = config; $adjust;)?
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$scenario(super::Contract::start(None, adjust).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let database = crate::pg::server("TEST_DATABASE_URL").create_database().await;
                let url = Some(database.url.clone());
                super::$scenario(super::Contract::start(url, adjust).await).await;
                database.drop_database().await;
            }
        }
    )+};
}

on_both_histories!(
    a_key_belongs_to_its_person,
    a_key_reused_with_another_body_is_refused_and_makes_nothing,
    a_repeat_is_answered_before_the_rate_limit
        with |config| config.access.creates_per_minute = 1,
    a_try_dli_refused_before_acting_is_made_again_on_the_same_record,
    a_lost_answer_is_reconciled_within_the_request,
    a_dli_500_is_reconciled_at_once_and_the_repeat_makes_the_job,
    a_timeout_is_settled_by_repeats_after_the_dli_timeout,
    one_dli_job_is_linked_to_one_record_only,
);

async fn a_key_belongs_to_its_person(c: Contract) {
    let (alice, bob) = (job_request("alices_etl"), job_request("bobs_etl"));
    let (status, first, _) = c.post(Some("alice"), &alice, "release-7").await;
    assert_eq!(status, 201, "{first}");
    let (status, other, _) = c.post(Some("bob"), &bob, "release-7").await;
    assert_eq!(status, 201, "another person's key is another key: {other}");
    let (status, anonymous, _) = c.post(None, &bob, "release-7").await;
    assert_eq!(status, 201, "{anonymous}");
    let (status, again, _) = c.post(Some("alice"), &alice, "release-7").await;
    assert_eq!(status, 201, "{again}");

    assert_eq!(again["record_id"], first["record_id"]);
    let records = [&first, &other, &anonymous].map(|answer| answer["record_id"].as_i64());
    assert!(
        records[0] != records[1] && records[1] != records[2] && records[0] != records[2],
        "{records:?}"
    );
    assert_eq!(sim_jobs(&c.sim).await.len(), 3);
}

async fn a_key_reused_with_another_body_is_refused_and_makes_nothing(c: Contract) {
    let first = job_request("nightly_load");
    assert_eq!(c.post(None, &first, "nightly").await.0, 201);
    let mut renamed = first.clone();
    renamed["name"] = json!("nightly_load_v2");
    let mut started = first.clone();
    started["start"] = json!(true);

    for other in [renamed, started] {
        let (status, problem, retry_after) = c.post(None, &other, "nightly").await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(retry_after, None);
        let message = problem["errors"]["idempotency_key"].as_str().unwrap();
        assert!(message.contains("different request"), "{message}");
    }
    assert_eq!(sim_count(&c.sim, "create").await, 1);
}

async fn a_repeat_is_answered_before_the_rate_limit(c: Contract) {
    let request = job_request("limited");
    let (status, first, _) = c.post(None, &request, "only-one").await;
    assert_eq!(status, 201, "{first}");

    let (status, repeat, _) = c.post(None, &request, "only-one").await;
    assert_eq!(status, 201, "a repeat gets its outcome, not 429: {repeat}");
    assert_eq!(repeat["record_id"], first["record_id"]);
    let (status, _, retry_after) = c.post(None, &job_request("second"), "another").await;
    assert_eq!(
        (status, retry_after.is_some()),
        (429, true),
        "a new create is limited"
    );
    assert_eq!(sim_count(&c.sim, "create").await, 1);
}

async fn a_try_dli_refused_before_acting_is_made_again_on_the_same_record(c: Contract) {
    for (refusal, answered) in [(503, 502), (429, 429)] {
        let name = format!("refused_with_{refusal}");
        let request = job_request(&name);
        set_faults(
            &c.sim,
            json!({"create": {"status": refusal, "status_share": 1.0, "times": 1}}),
        )
        .await;
        let (status, problem, retry_after) = c.post(None, &request, &name).await;
        assert_eq!(status, answered, "{problem}");
        assert!(retry_after.is_some(), "{status} carries Retry-After");

        let (status, created, _) = c.post(None, &request, &name).await;
        assert_eq!(status, 201, "the repeat makes the job: {created}");
        let record = created["record_id"].as_i64().unwrap();
        let job = c.app.job(record).await;
        assert_eq!(job["summary"]["outcome"], "created");
        let tries = [("create", "failed"), ("create", "ok")].map(|(a, o)| (a.into(), o.into()));
        assert_eq!(
            c.events(record).await,
            tries,
            "both tries are on the record"
        );
    }
    assert_eq!(sim_jobs(&c.sim).await.len(), 2);
    // One call per request, never one more: each refused try and its repeat, twice.
    assert_eq!(sim_count(&c.sim, "create").await, 4);
}

async fn a_lost_answer_is_reconciled_within_the_request(c: Contract) {
    for (name, fault) in [("dropped", "drop_share"), ("garbled", "malformed_share")] {
        set_faults(&c.sim, json!({"create": {fault: 1.0, "times": 1}})).await;
        let (status, created, _) = c.post(None, &job_request(name), name).await;
        assert_eq!(status, 201, "{name}: {created}");
        let on_dli = sim_jobs(&c.sim).await;
        let made = on_dli.iter().find(|job| job.name.as_deref() == Some(name));
        assert_eq!(
            created["dli_job_id"].as_i64(),
            made.and_then(|job| job.job_id)
        );
    }
    assert_eq!(sim_jobs(&c.sim).await.len(), 2);
}

async fn a_dli_500_is_reconciled_at_once_and_the_repeat_makes_the_job(c: Contract) {
    fail_always(&c.sim, "create", 500).await;
    let request = job_request("hit_a_500");
    let (status, problem, retry_after) = c.post(None, &request, "five-hundred").await;
    // DLI's list shows no such job: the 500 came before it acted, so repeating is the answer.
    assert_eq!(status, 502, "{problem}");
    assert!(retry_after.is_some());
    assert!(sim_jobs(&c.sim).await.is_empty());

    set_faults(&c.sim, json!({})).await;
    let (status, created) = c.until_final(&request, "five-hundred").await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(sim_jobs(&c.sim).await.len(), 1);
    let history: Value = c.app.get("/api/v1/jobs").await.json().await.unwrap();
    let records = history["jobs"].as_array().unwrap();
    assert_eq!(records.len(), 1, "the same record, tried again: {history}");
    assert_eq!(records[0]["id"], created["record_id"]);
}

async fn a_timeout_is_settled_by_repeats_after_the_dli_timeout(c: Contract) {
    // The portal gives up after 2 s; the simulator drops the request it was holding.
    set_faults(
        &c.sim,
        json!({"create": {"latency_ms": 600_000, "times": 1}}),
    )
    .await;
    let request = job_request("slow_create");
    let (status, problem, retry_after) = c.post(None, &request, "slow").await;
    assert_eq!(status, 504, "{problem}");
    assert!(retry_after.is_some());

    let (status, created) = c.until_final(&request, "slow").await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["record_id"], problem["record_id"]);
    assert_eq!(sim_jobs(&c.sim).await.len(), 1);
    assert_eq!(
        sim_count(&c.sim, "create").await,
        2,
        "one timed out, one made the job"
    );
}

async fn one_dli_job_is_linked_to_one_record_only(c: Contract) {
    let store = &c.app.portal.state.store;
    // Two attempts of one name whose answers were lost, and one job on DLI: it is one's only.
    let unanswered = |key: &str| NewAttempt {
        idempotency_key: key.into(),
        created_at_ms: now_ms(),
        created_by: "anonymous".into(),
        name: "twice_lost".into(),
        queue_name: Some("flink_queue".into()),
        start_requested: false,
        request_body: job_request("twice_lost").to_string(),
        reconcile_after_ms: later() - 1,
    };
    let first = crate::store::insert_new(store, &unanswered("lost-1"))
        .await
        .id;
    let second = crate::store::insert_new(store, &unanswered("lost-2"))
        .await
        .id;
    let made = client_for(&c.sim)
        .create_flink_jar_job(&job_request("twice_lost").to_string())
        .await
        .unwrap();

    reconcile(&c.app.portal.state, later()).await;

    let (first, second) = (record(store, first).await, record(store, second).await);
    let linked: Vec<_> = [&first, &second]
        .iter()
        .filter_map(|r| r.dli_job_id)
        .collect();
    assert_eq!(linked, [made.job_id], "{first:?} {second:?}");
    let third = crate::store::insert_new(store, &unanswered("lost-3"))
        .await
        .id;
    match store
        .mark_created(third, made.job_id, None, None, now_ms())
        .await
    {
        Err(StoreError::DliJobTaken(taken)) => assert_eq!(taken, made.job_id),
        other => panic!("a second link of one DLI job was not refused: {other:?}"),
    }
}

async fn record(store: &Store, id: i64) -> JobRecord {
    store.get(id).await.unwrap().expect("the record exists")
}

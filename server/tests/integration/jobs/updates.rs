//! Updating a job in place through `PUT /api/v1/jobs/{id}`, on SQLite and PostgreSQL: each
//! path (not running, live changes, a restart refused, a restart with and without a
//! savepoint), an instance that goes away between two steps, DLI failing at each step, tags,
//! rollback and the idempotency key. The simulator's transitions and the poller take 100 ms.

use super::{job_request, record_id_of, status_is};
use crate::helpers::{
    TestApp, eventually, fail_always, set_faults, sim_count, sim_job_view, spawn_app_for_with,
    spawn_sim,
};
use dli::sim::RunningSim;
use serde_json::{Value, json};
use std::time::Duration;

/// A simulator and a portal on a history the scenario may hand to a second portal.
struct Life {
    sim: RunningSim,
    app: TestApp,
    database_url: String,
    _sqlite: Option<tempfile::TempDir>,
}

impl Life {
    async fn start(postgres_url: Option<String>) -> Life {
        let sim = spawn_sim().await;
        let (database_url, sqlite) = match postgres_url {
            Some(url) => (url, None),
            None => {
                let folder = tempfile::tempdir().expect("a temporary folder");
                let url = format!("sqlite://{}/portal.db", folder.path().display());
                (url, Some(folder))
            }
        };
        let app = portal(&sim, &database_url).await;
        Life {
            sim,
            app,
            database_url,
            _sqlite: sqlite,
        }
    }

    /// The portal goes away and another takes over its history (and its updates under way).
    async fn replace_portal(self) -> Life {
        self.app.portal.stop().await.expect("the portal stops");
        let app = portal(&self.sim, &self.database_url).await;
        Life { app, ..self }
    }

    /// A job DLI runs, with a log bucket (so that the unchanged-bucket rule applies).
    async fn running_job(&self, name: &str) -> i64 {
        let mut request = settings(name);
        request["start"] = json!(true);
        let record = record_id_of(self.app.post_job(&request, None).await, 201).await;
        self.app.job_when(record, status_is("job_running")).await;
        record
    }

    async fn put(&self, record: i64, body: &Value, key: &str) -> (u16, Value) {
        let response = self
            .app
            .client
            .put(self.app.url(&format!("/api/v1/jobs/{record}")))
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .expect("request reaches the portal");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> Value {
        let response = self.app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.unwrap()
    }

    /// Waits until the job's latest update is over; the job then.
    async fn update_over(&self, record: i64) -> Value {
        self.app
            .job_when(record, |job| {
                matches!(job["update"]["step"].as_str(), Some("done" | "failed"))
            })
            .await
    }

    async fn dli_job_id(&self, record: i64) -> i64 {
        self.app.job(record).await["summary"]["dli_job_id"]
            .as_i64()
            .expect("a DLI job")
    }

    /// The actions of the job's events with their outcomes, oldest first.
    async fn trail(&self, record: i64) -> Vec<String> {
        let events = self.get(&format!("/api/v1/jobs/{record}/events")).await;
        events
            .as_array()
            .unwrap()
            .iter()
            .map(|event| {
                format!(
                    "{} {}",
                    event["action"].as_str().unwrap(),
                    event["outcome"].as_str().unwrap()
                )
            })
            .collect()
    }
}

async fn portal(sim: &RunningSim, database_url: &str) -> TestApp {
    let url = database_url.to_owned();
    spawn_app_for_with(sim, move |config| config.database_url = Some(url.into())).await
}

/// The create request of the job the scenarios update.
fn settings(name: &str) -> Value {
    let mut request = job_request(name);
    request["log_enabled"] = json!(true);
    request["obs_bucket"] = json!("job-logs");
    request
}

/// Runs each scenario as `<scenario>::on_sqlite` and `<scenario>::on_postgres`.
macro_rules! on_both_histories {
    ($($scenario:ident),+ $(,)?) => {$(
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$scenario(super::Life::start(None).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let database = crate::pg::server("TEST_DATABASE_URL").create_database().await;
                super::$scenario(super::Life::start(Some(database.url.clone())).await).await;
                database.drop_database().await;
            }
        }
    )+};
}

on_both_histories!(
    a_job_that_is_not_running_is_updated_in_one_call,
    a_live_change_is_one_call_and_the_job_keeps_running,
    a_change_that_needs_a_restart_is_refused_by_default_and_names_its_fields,
    a_restart_from_a_savepoint_stops_updates_and_starts_from_it,
    another_instance_carries_on_after_the_stop,
    another_instance_carries_on_after_the_update,
    dli_failing_at_each_step_stops_the_update_there_and_says_so,
    rollback_updates_back_to_a_version_and_the_diff_names_the_fields,
    the_same_key_answers_with_the_first_update_and_tags_cannot_change,
);

async fn a_job_that_is_not_running_is_updated_in_one_call(life: Life) {
    let record = record_id_of(life.app.post_job(&settings("idle"), None).await, 201).await;
    let mut wanted = settings("idle");
    wanted["parallel_number"] = json!(2);
    wanted["main_class"] = Value::Null;

    let (status, update) = life.put(record, &wanted, "edit-1").await;

    assert_eq!(status, 200, "{update}");
    assert_eq!(
        (update["mode"].as_str(), update["step"].as_str()),
        (Some("direct"), Some("done"))
    );
    assert_eq!(update["version"], 2);
    assert_eq!(sim_count(&life.sim, "update").await, 1);
    let on_dli = sim_job_view(&life.sim, life.dli_job_id(record).await).await;
    assert_eq!(on_dli["job_config"]["parallel_number"], 2, "{on_dli}");
    assert!(
        on_dli["main_class"].is_null(),
        "a field left out is DLI's default again: {on_dli}"
    );
    let versions = life.get(&format!("/api/v1/jobs/{record}/versions")).await;
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["settings"]["parallel_number"], 2);
    let sent: Value = serde_json::from_str(versions[1]["request_body"].as_str().unwrap()).unwrap();
    assert_eq!(
        sent["job_type"], "flink_jar_job",
        "the exact PUT body is kept: {sent}"
    );
    assert!(sent.get("tags").is_none());
    assert_eq!(life.trail(record).await, ["create ok", "update ok"]);
}

async fn a_live_change_is_one_call_and_the_job_keeps_running(life: Life) {
    let record = life.running_job("live").await;
    let mut wanted = settings("live");
    wanted["smn_topic"] = json!("alerts");
    wanted["restart_when_exception"] = json!(true);

    let (status, update) = life.put(record, &wanted, "live-1").await;

    // The bucket is sent unchanged in the request; DLI would refuse it on a running job, so
    // the portal leaves it out.
    assert_eq!(status, 200, "{update}");
    assert_eq!(update["mode"], "direct");
    assert_eq!(sim_count(&life.sim, "update").await, 1);
    assert_eq!(sim_count(&life.sim, "stop").await, 0);
    let job = life.app.job(record).await;
    assert_eq!(job["summary"]["status"], "job_running");
    let on_dli = sim_job_view(&life.sim, life.dli_job_id(record).await).await;
    assert_eq!(on_dli["job_config"]["smn_topic"], "alerts", "{on_dli}");
}

async fn a_change_that_needs_a_restart_is_refused_by_default_and_names_its_fields(life: Life) {
    let record = life.running_job("refused").await;
    let mut wanted = settings("refused");
    wanted["parallel_number"] = json!(4);
    wanted["smn_topic"] = json!("alerts");

    let (status, problem) = life.put(record, &wanted, "refused-1").await;

    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["fields"], json!(["parallel_number"]));
    assert!(
        problem["detail"].as_str().unwrap().contains("Parallelism"),
        "{problem}"
    );
    assert_eq!(sim_count(&life.sim, "update").await, 0);
    assert_eq!(sim_count(&life.sim, "stop").await, 0);
}

async fn a_restart_from_a_savepoint_stops_updates_and_starts_from_it(life: Life) {
    let record = life.running_job("restarted").await;
    let mut wanted = settings("restarted");
    wanted["parallel_number"] = json!(3);
    wanted["when_running"] = json!("restart_from_savepoint");

    let (status, update) = life.put(record, &wanted, "restart-1").await;
    assert_eq!(status, 202, "{update}");
    assert_eq!(update["mode"], "restart_from_savepoint");

    let job = life.update_over(record).await;
    assert_eq!(job["update"]["step"], "done", "{job}");
    assert_eq!(job["update"]["version"], 2);
    let job = life.app.job_when(record, status_is("job_running")).await;
    assert_eq!(
        job["has_savepoint"], true,
        "DLI says the stop took a savepoint: {job}"
    );
    let on_dli = sim_job_view(&life.sim, life.dli_job_id(record).await).await;
    assert_eq!(on_dli["job_config"]["parallel_number"], 3, "{on_dli}");
    assert!(
        on_dli["resumed_from_savepoint"].is_string(),
        "started from the savepoint its stop took: {on_dli}"
    );
    // What the restart costs: one stop, one update, one run (besides the create's).
    assert_eq!(sim_count(&life.sim, "stop").await, 1);
    assert_eq!(sim_count(&life.sim, "update").await, 1);
    assert_eq!(sim_count(&life.sim, "run").await, 2);
    assert_eq!(
        life.trail(record).await,
        ["create ok", "start ok", "stop ok", "update ok", "start ok"]
    );
}

async fn another_instance_carries_on_after_the_stop(life: Life) {
    let record = life.running_job("handover_stop").await;
    // DLI fails every update: the first instance stops the job, then keeps retrying the PUT.
    fail_always(&life.sim, "update", 500).await;
    let mut wanted = settings("handover_stop");
    wanted["cu_number"] = json!(4);
    wanted["when_running"] = json!("restart");
    let (status, update) = life.put(record, &wanted, "handover-1").await;
    assert_eq!(status, 202, "{update}");
    life.app
        .job_when(record, |job| {
            job["update"]["step"] == "update"
                && job["update"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("trying again"))
        })
        .await;

    let life = life.replace_portal().await;
    set_faults(&life.sim, json!({})).await;

    let job = life.update_over(record).await;
    assert_eq!(job["update"]["step"], "done", "{job}");
    life.app.job_when(record, status_is("job_running")).await;
    assert_eq!(
        sim_count(&life.sim, "stop").await,
        1,
        "the stop is not sent twice"
    );
    let on_dli = sim_job_view(&life.sim, life.dli_job_id(record).await).await;
    assert_eq!(on_dli["job_config"]["cu_number"], 4, "{on_dli}");
}

async fn another_instance_carries_on_after_the_update(life: Life) {
    let record = life.running_job("handover_update").await;
    // DLI fails every run: the first instance stops and updates the job, then retries the run.
    fail_always(&life.sim, "run", 500).await;
    let mut wanted = settings("handover_update");
    wanted["cu_number"] = json!(4);
    wanted["when_running"] = json!("restart");
    let (status, _) = life.put(record, &wanted, "handover-2").await;
    assert_eq!(status, 202);
    life.app
        .job_when(record, |job| {
            job["update"]["step"] == "start" && job["update"]["version"] == 2
        })
        .await;

    let life = life.replace_portal().await;
    set_faults(&life.sim, json!({})).await;

    let job = life.update_over(record).await;
    assert_eq!(job["update"]["step"], "done", "{job}");
    life.app.job_when(record, status_is("job_running")).await;
    assert_eq!(
        sim_count(&life.sim, "update").await,
        1,
        "the update is not sent twice"
    );
    let versions = life.get(&format!("/api/v1/jobs/{record}/versions")).await;
    assert_eq!(versions.as_array().unwrap().len(), 2);
}

async fn dli_failing_at_each_step_stops_the_update_there_and_says_so(life: Life) {
    // The stop always fails: after its tries the update stops, and the job runs as it was.
    let stopping = life.running_job("fails_at_stop").await;
    fail_always(&life.sim, "stop", 500).await;
    let mut wanted = settings("fails_at_stop");
    wanted["cu_number"] = json!(4);
    wanted["when_running"] = json!("restart");
    let (status, _) = life.put(stopping, &wanted, "fail-stop").await;
    assert_eq!(status, 202);
    let job = eventually(
        "the stop's tries run out",
        Duration::from_secs(30),
        async || {
            let job = life.app.job(stopping).await;
            (job["update"]["step"] == "failed").then_some(job)
        },
    )
    .await;
    let message = job["update"]["message"].as_str().unwrap();
    assert!(message.contains("keeps version 1"), "{message}");
    assert_eq!(job["summary"]["status"], "job_running");
    set_faults(&life.sim, json!({})).await;

    // DLI refuses the update itself (a queue it does not have): the job is left stopped, and
    // the update says so.
    let refused = life.running_job("fails_at_update").await;
    let mut wanted = settings("fails_at_update");
    wanted["queue_name"] = json!("no_such_queue");
    wanted["when_running"] = json!("restart");
    let (status, problem) = life.put(refused, &wanted, "fail-update").await;
    let job = match status {
        422 => life.app.job(refused).await,
        _ => life.update_over(refused).await,
    };
    assert_eq!(job["update"]["step"], "failed", "{problem} {job}");
    let message = job["update"]["message"].as_str().unwrap();
    assert!(
        message.contains("is stopped and keeps version 1"),
        "{message}"
    );

    // DLI fails every start after the update: the new version is in place and the job is
    // stopped, and the update says so.
    let starting = life.running_job("fails_at_start").await;
    fail_always(&life.sim, "run", 500).await;
    let mut wanted = settings("fails_at_start");
    wanted["cu_number"] = json!(4);
    wanted["when_running"] = json!("restart");
    let (status, _) = life.put(starting, &wanted, "fail-start").await;
    assert_eq!(status, 202);
    let job = eventually(
        "the start's tries run out",
        Duration::from_secs(30),
        async || {
            let job = life.app.job(starting).await;
            (job["update"]["step"] == "failed").then_some(job)
        },
    )
    .await;
    let message = job["update"]["message"].as_str().unwrap();
    assert!(
        message.contains("version 2") && message.contains("is stopped"),
        "{message}"
    );
    assert_eq!(job["update"]["version"], 2);
}

async fn rollback_updates_back_to_a_version_and_the_diff_names_the_fields(life: Life) {
    let record = record_id_of(life.app.post_job(&settings("rolled"), None).await, 201).await;
    let mut wanted = settings("rolled");
    wanted["parallel_number"] = json!(5);
    assert_eq!(life.put(record, &wanted, "to-v2").await.0, 200);

    let response = life
        .app
        .client
        .post(life.app.url(&format!("/api/v1/jobs/{record}/rollback")))
        .header("Idempotency-Key", "back-to-v1")
        .json(&json!({"version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let update: Value = response.json().await.unwrap();
    assert_eq!(
        (update["action"].as_str(), update["version"].as_i64()),
        (Some("rollback"), Some(3))
    );

    let versions = life.get(&format!("/api/v1/jobs/{record}/versions")).await;
    let versions = versions.as_array().unwrap();
    assert_eq!(versions[2]["settings"], versions[0]["settings"]);
    let on_dli = sim_job_view(&life.sim, life.dli_job_id(record).await).await;
    assert_eq!(on_dli["job_config"]["parallel_number"], 1, "{on_dli}");
    assert_eq!(
        life.trail(record).await,
        ["create ok", "update ok", "rollback ok"]
    );
}

async fn the_same_key_answers_with_the_first_update_and_tags_cannot_change(life: Life) {
    let record = record_id_of(life.app.post_job(&settings("keyed"), None).await, 201).await;
    let mut wanted = settings("keyed");
    wanted["parallel_number"] = json!(2);

    let (first_status, first) = life.put(record, &wanted, "same-key").await;
    let (again_status, again) = life.put(record, &wanted, "same-key").await;

    assert_eq!((first_status, again_status), (200, 200));
    assert_eq!(first["id"], again["id"]);
    assert_eq!(sim_count(&life.sim, "update").await, 1);
    wanted["parallel_number"] = json!(3);
    let (status, problem) = life.put(record, &wanted, "same-key").await;
    assert_eq!(status, 422);
    assert!(
        problem["errors"]["idempotency_key"].is_string(),
        "{problem}"
    );

    wanted["parallel_number"] = json!(2);
    let (status, problem) = life.put(record, &wanted, "new-key").await;
    assert_eq!(
        status, 422,
        "the settings of version 2 again change nothing: {problem}"
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("version 2"),
        "{problem}"
    );
    wanted["tags"] = json!([{"key": "team", "value": "data"}]);
    let (status, problem) = life.put(record, &wanted, "tags").await;
    assert_eq!(status, 422);
    assert!(problem["errors"]["tags"].is_string(), "{problem}");
    wanted["start"] = json!(true);
    let (status, problem) = life.put(record, &wanted, "start").await;
    assert_eq!(status, 422);
    assert!(problem["errors"]["start"].is_string(), "{problem}");
}

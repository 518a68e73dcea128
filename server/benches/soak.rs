//! `make soak` and `make soak-pg`: logical creates through `POST /api/v1/jobs` while the DLI
//! simulator fails a fifth of the calls and the portal is killed with SIGKILL and restarted,
//! each client following the README's retry contract with one key per logical job. Prints what
//! was lost, duplicated, left unsettled, answered 4xx, linked twice (all must be 0) and the time
//! to a final answer; exits 1 when a count that must be 0 is not.
//!
//! `SOAK_CREATES` (1000), `SOAK_CLIENTS` (concurrent clients, 32), `SOAK_INSTANCES` (portals
//! sharing one history, 1), `SOAK_KILLS` (2), `SOAK_DATABASE` (`sqlite` or `postgres`: the
//! tests' throwaway cluster, or `SOAK_DATABASE_URL`'s server).

#[path = "../tests/integration/pg.rs"]
mod pg;

use app::server::store::{JobRecord, ListQuery, Outcome, Store};
use futures::{StreamExt, stream};
use reqwest::{StatusCode, header::RETRY_AFTER};
use serde_json::{Value, json};
use std::{
    collections::HashMap,
    net::TcpListener,
    path::{Path, PathBuf},
    process::Stdio,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::{process::Child, sync::Mutex};

const ACCESS_KEY: &str = "SOAKTESTACCESSKEY";
const SECRET_KEY: &str = "soak-test-secret-key-not-a-credential";
/// A fifth of each faulted operation's calls fail: create's in every ambiguous way (a 500
/// instead of acting, a garbled answer or a dropped connection after acting), the reads' and
/// run's with a 500.
const FAULTS: [&str; 4] = [
    "create:status=500,status_share=0.07,malformed_share=0.07,drop_share=0.06",
    "list:status=500,status_share=0.2",
    "show:status=500,status_share=0.2",
    "run:status=500,status_share=0.2",
];
/// A logical create with no final answer by then counts as unsettled.
const GIVE_UP: Duration = Duration::from_secs(180);
/// How long the history may take, once every client is done, to settle every record.
const SETTLE_WAIT: Duration = Duration::from_secs(120);
/// How long a client waits before trying again when the portal cannot be reached at all.
const UNREACHABLE_PAUSE: Duration = Duration::from_millis(200);

struct Settings {
    creates: usize,
    clients: usize,
    instances: usize,
    kills: usize,
    postgres: bool,
}

impl Settings {
    fn from_env() -> Self {
        let number = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .map(|text| {
                    text.parse()
                        .unwrap_or_else(|_| panic!("{name} is a number"))
                })
                .unwrap_or(default)
        };
        let postgres = match std::env::var("SOAK_DATABASE").as_deref() {
            Ok("postgres") => true,
            Ok("sqlite") | Err(_) => false,
            Ok(other) => panic!("SOAK_DATABASE is sqlite or postgres, not {other}"),
        };
        Self {
            creates: number("SOAK_CREATES", 1000),
            clients: number("SOAK_CLIENTS", 32),
            instances: number("SOAK_INSTANCES", 1).max(1),
            kills: number("SOAK_KILLS", 2),
            postgres,
        }
    }
}

/// What one logical create came to.
enum Final {
    Created {
        record_id: i64,
        dli_job_id: i64,
        took: Duration,
    },
    /// A 4xx to a valid request: the client would have given up.
    Refused {
        status: StatusCode,
        body: String,
    },
    NoAnswer,
}

/// Answers that break the contract without ending the logical create.
#[derive(Default)]
struct Breaches {
    /// A 5xx (or 409, 429) without `Retry-After`.
    without_retry_after: AtomicUsize,
}

fn main() {
    let settings = Settings::from_env();
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let clean = runtime.block_on(soak(settings));
    std::process::exit(if clean { 0 } else { 1 });
}

async fn soak(settings: Settings) -> bool {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pg_database = match settings.postgres {
        true => Some(pg::server("SOAK_DATABASE_URL").create_database().await),
        false => None,
    };
    let database_url = match &pg_database {
        Some(database) => database.url.clone(),
        None => format!("sqlite://{}/history.db", folder.path().display()),
    };
    let simulator = Process::simulator(folder.path()).await;
    let mut portals = Vec::new();
    for instance in 0..settings.instances {
        portals.push(Process::portal(folder.path(), instance, &database_url, &simulator.url).await);
    }
    let urls: Vec<String> = portals.iter().map(|portal| portal.url.clone()).collect();
    let portals = Arc::new(Mutex::new(portals));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(90))
        .build()
        .expect("an HTTP client");
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    println!(
        "soak {run}: {} creates by {} clients, {} portal(s) on {}, {} kill(s), faults {}",
        settings.creates,
        settings.clients,
        settings.instances,
        if settings.postgres {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        settings.kills,
        FAULTS.join(" "),
    );

    let finished = Arc::new(AtomicUsize::new(0));
    let breaches = Arc::new(Breaches::default());
    let most_leaders = Arc::new(AtomicUsize::new(0));
    let leaders = tokio::spawn(count_leaders(
        http.clone(),
        urls.clone(),
        most_leaders.clone(),
    ));
    let killer = tokio::spawn(kill_during_run(
        portals.clone(),
        finished.clone(),
        settings.creates,
        settings.kills,
    ));
    let finals: Vec<(String, Final)> = stream::iter(0..settings.creates)
        .map(|index| {
            let (http, urls, finished, breaches) =
                (&http, &urls, finished.clone(), breaches.clone());
            let name = format!("soak_{run}_{index}");
            async move {
                let outcome = logical_create(http, urls, index, &name, &breaches).await;
                finished.fetch_add(1, Ordering::Relaxed);
                (name, outcome)
            }
        })
        .buffer_unordered(settings.clients)
        .collect()
        .await;
    killer.await.expect("the killer finished");

    let store = Store::connect(&database_url).await.expect("the history");
    let unsettled_records = wait_until_settled(&store).await;
    leaders.abort();
    let most_leaders = most_leaders.load(Ordering::Relaxed);
    let records = all_records(&store).await;
    let dli_jobs = simulator_jobs(&http, &simulator.url).await;
    drop(portals);
    drop(simulator);
    drop(store);
    if let Some(database) = pg_database {
        database.drop_database().await;
    }
    report(
        &finals,
        &records,
        &dli_jobs,
        unsettled_records,
        &breaches,
        most_leaders,
        &urls,
    )
}

/// One logical job: the same key and body until a final answer, as the README tells clients.
async fn logical_create(
    http: &reqwest::Client,
    urls: &[String],
    index: usize,
    name: &str,
    breaches: &Breaches,
) -> Final {
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({
        "name": name,
        "queue_name": "flink_queue",
        "entrypoint": "obs://soak-bucket/jars/app.jar",
        "main_class": "com.example.Main",
        "start": index.is_multiple_of(2),
    });
    let begin = Instant::now();
    // Clients are spread over the instances; one that cannot reach its portal tries the next.
    let mut instance = index % urls.len();
    while begin.elapsed() < GIVE_UP {
        let answer = http
            .post(format!("{}/api/v1/jobs", urls[instance]))
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
            .await;
        let answer = match answer {
            Ok(answer) => answer,
            Err(_) => {
                instance = (instance + 1) % urls.len();
                tokio::time::sleep(UNREACHABLE_PAUSE).await;
                continue;
            }
        };
        let status = answer.status();
        let retry_after = answer
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        let text = answer.text().await.unwrap_or_default();
        if status.is_success() {
            let created: Value = match serde_json::from_str(&text) {
                Ok(created) => created,
                Err(_) => return Final::Refused { status, body: text },
            };
            return Final::Created {
                record_id: created["record_id"].as_i64().unwrap_or(-1),
                dli_job_id: created["dli_job_id"].as_i64().unwrap_or(-1),
                took: begin.elapsed(),
            };
        }
        let repeat = status.is_server_error()
            || status == StatusCode::CONFLICT
            || status == StatusCode::TOO_MANY_REQUESTS;
        if !repeat {
            return Final::Refused { status, body: text };
        }
        let wait = retry_after.unwrap_or_else(|| {
            breaches.without_retry_after.fetch_add(1, Ordering::Relaxed);
            1
        });
        tokio::time::sleep(Duration::from_secs(wait)).await;
    }
    Final::NoAnswer
}

/// Kills (SIGKILL) and restarts a portal each time another share of the creates has finished,
/// alternating between the instances.
async fn kill_during_run(
    portals: Arc<Mutex<Vec<Process>>>,
    finished: Arc<AtomicUsize>,
    creates: usize,
    kills: usize,
) {
    for kill in 0..kills {
        let due = creates * (kill + 1) / (kills + 1);
        while finished.load(Ordering::Relaxed) < due {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut portals = portals.lock().await;
        let count = portals.len();
        let portal = &mut portals[kill % count];
        portal.kill_and_restart().await;
        println!(
            "killed portal {} with SIGKILL after {due} creates; restarted",
            kill % count
        );
    }
}

/// Raises `most` to the most portals that said at once that they lead the poller
/// (`dli_portal_poller_leading`), until aborted.
async fn count_leaders(http: reqwest::Client, urls: Vec<String>, most: Arc<AtomicUsize>) {
    loop {
        let mut leading = 0;
        for url in &urls {
            let Ok(answer) = http.get(format!("{url}/metrics")).send().await else {
                continue;
            };
            let text = answer.text().await.unwrap_or_default();
            let leads = text.lines().any(|line| {
                line.strip_prefix("dli_portal_poller_leading ")
                    .is_some_and(|value| value.trim() == "1")
            });
            leading += usize::from(leads);
        }
        most.fetch_max(leading, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until no record is pending or unknown; answers how many still are at the deadline.
async fn wait_until_settled(store: &Store) -> usize {
    let deadline = Instant::now() + SETTLE_WAIT;
    loop {
        let open = all_records(store)
            .await
            .iter()
            .filter(|record| matches!(record.outcome, Outcome::Pending | Outcome::Unknown))
            .count();
        if open == 0 || Instant::now() > deadline {
            return open;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn all_records(store: &Store) -> Vec<JobRecord> {
    let mut query = ListQuery {
        page_size: ListQuery::MAX_PAGE_SIZE,
        ..ListQuery::default()
    };
    let mut records = Vec::new();
    loop {
        let page = store.list(&query).await.expect("a history page");
        records.extend(page.records);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return records,
        }
    }
}

/// Every job the simulator holds, as (DLI id, name).
async fn simulator_jobs(http: &reqwest::Client, url: &str) -> Vec<(i64, String)> {
    let jobs: Vec<Value> = http
        .get(format!("{url}/_sim/jobs"))
        .send()
        .await
        .expect("the simulator's jobs")
        .json()
        .await
        .expect("the simulator's jobs as JSON");
    jobs.iter()
        .map(|job| {
            let id = job["job_id"].as_i64().expect("a job id");
            (id, job["name"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

fn report(
    finals: &[(String, Final)],
    records: &[JobRecord],
    dli_jobs: &[(i64, String)],
    unsettled_records: usize,
    breaches: &Breaches,
    most_leaders: usize,
    urls: &[String],
) -> bool {
    let by_id: HashMap<i64, &JobRecord> = records.iter().map(|r| (r.id, r)).collect();
    let dli_ids: HashMap<i64, &str> = dli_jobs.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let mut per_name: HashMap<&str, usize> = HashMap::new();
    for (_, name) in dli_jobs {
        *per_name.entry(name.as_str()).or_default() += 1;
    }
    let mut links: HashMap<i64, usize> = HashMap::new();
    for id in records.iter().filter_map(|record| record.dli_job_id) {
        *links.entry(id).or_default() += 1;
    }

    let mut times = Vec::new();
    let (mut answered_but_missing, mut refused, mut no_answer) = (0, 0, 0);
    for (name, outcome) in finals {
        match outcome {
            Final::Created {
                record_id,
                dli_job_id,
                took,
            } => {
                times.push(*took);
                let kept = by_id.get(record_id).is_some_and(|record| {
                    record.dli_job_id == Some(*dli_job_id) && record.outcome == Outcome::Created
                });
                if !kept || dli_ids.get(dli_job_id) != Some(&name.as_str()) {
                    answered_but_missing += 1;
                }
            }
            Final::Refused { status, body } => {
                refused += 1;
                if refused <= 5 {
                    println!("  {name} answered {status}: {body}");
                }
            }
            Final::NoAnswer => no_answer += 1,
        }
    }
    // A DLI job that no record holds is lost too: the history does not know it exists.
    let unknown_to_history = dli_jobs
        .iter()
        .filter(|(id, _)| !links.contains_key(id))
        .count();
    let lost = answered_but_missing + unknown_to_history;
    let duplicated: usize = per_name.values().map(|count| count - 1).sum();
    let unsettled = no_answer + unsettled_records;
    let double_linked = links.values().filter(|count| **count > 1).count();
    let without_retry_after = breaches.without_retry_after.load(Ordering::Relaxed);

    times.sort();
    let at = |share: f64| -> f64 {
        let index = ((times.len() as f64 * share).ceil() as usize).clamp(1, times.len().max(1));
        times.get(index - 1).map_or(0.0, Duration::as_secs_f64)
    };
    println!("lost {lost}");
    println!("duplicated {duplicated}");
    println!("unsettled {unsettled}");
    println!("mis-answered {refused}");
    println!("double-linked {double_linked}");
    println!("repeatable answers without Retry-After {without_retry_after}");
    if urls.len() > 1 {
        println!("most poller leaders at once {most_leaders}");
    }
    println!(
        "time to the final answer: p50 {:.2} s, p95 {:.2} s, max {:.2} s ({} answered; {} history records, {} DLI jobs)",
        at(0.50),
        at(0.95),
        at(1.0),
        times.len(),
        records.len(),
        dli_jobs.len(),
    );
    lost + duplicated + unsettled + refused + double_linked + without_retry_after == 0
        && most_leaders <= 1
}

/// A `server` process this run started: 127.0.0.1 on a free port, killed when dropped.
struct Process {
    url: String,
    arguments: Vec<String>,
    environment: Vec<(String, String)>,
    log: PathBuf,
    child: Child,
}

impl Process {
    async fn simulator(folder: &Path) -> Self {
        let port = free_port();
        let mut arguments = vec![
            "simulate".into(),
            "--listen".into(),
            format!("127.0.0.1:{port}"),
        ];
        for fault in FAULTS {
            arguments.extend(["--fault".into(), fault.into()]);
        }
        let environment = vec![
            ("HUAWEICLOUD_SDK_AK".into(), ACCESS_KEY.into()),
            ("HUAWEICLOUD_SDK_SK".into(), SECRET_KEY.into()),
        ];
        Self::start(
            port,
            arguments,
            environment,
            folder.join("simulator.log"),
            "/_sim/counts",
        )
        .await
    }

    async fn portal(folder: &Path, instance: usize, database_url: &str, dli: &str) -> Self {
        let port = free_port();
        let environment = vec![
            ("PORTAL_LISTEN".into(), format!("127.0.0.1:{port}")),
            ("DATABASE_URL".into(), database_url.into()),
            ("HUAWEICLOUD_SDK_AK".into(), ACCESS_KEY.into()),
            ("HUAWEICLOUD_SDK_SK".into(), SECRET_KEY.into()),
            ("DLI_ENDPOINT".into(), dli.into()),
            (
                "HUAWEICLOUD_SDK_PROJECT_ID".into(),
                dli::sim::DEFAULT_PROJECT_ID.into(),
            ),
            ("PORTAL_POLL_INTERVAL_MS".into(), "500".into()),
            // The soak measures the retry contract, not the team's create budget.
            ("PORTAL_CREATES_PER_MINUTE".into(), "1000000".into()),
        ];
        let log = folder.join(format!("portal-{instance}.log"));
        Self::start(port, Vec::new(), environment, log, "/healthz").await
    }

    async fn start(
        port: u16,
        arguments: Vec<String>,
        environment: Vec<(String, String)>,
        log: PathBuf,
        health: &str,
    ) -> Self {
        let child = spawn(&arguments, &environment, &log);
        let process = Self {
            url: format!("http://127.0.0.1:{port}"),
            arguments,
            environment,
            log,
            child,
        };
        process.wait_until_healthy(health).await;
        process
    }

    async fn kill_and_restart(&mut self) {
        self.child.kill().await.expect("SIGKILL");
        self.child = spawn(&self.arguments, &self.environment, &self.log);
        self.wait_until_healthy("/healthz").await;
    }

    async fn wait_until_healthy(&self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let answer = reqwest::get(format!("{}{path}", self.url)).await;
            if answer.is_ok_and(|answer| answer.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        panic!("{} did not come up; it printed:\n{log}", self.url);
    }
}

/// The `server` binary with only the settings given: none of the developer's DLI or portal
/// variables, output appended to `log`.
fn spawn(arguments: &[String], environment: &[(String, String)], log: &Path) -> Child {
    let output = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("a log file");
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"));
    for (name, _) in std::env::vars() {
        let ours = ["HUAWEICLOUD_SDK_", "DLI_", "PORTAL_", "DATABASE_URL"];
        if ours.iter().any(|prefix| name.starts_with(prefix)) {
            command.env_remove(name);
        }
    }
    command
        .args(arguments)
        .envs(environment.iter().cloned())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(output.try_clone().expect("a log file"))
        .stderr(output)
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary")
}

/// A port nothing listens on now (the kernel's pick; the server binds it right after).
fn free_port() -> u16 {
    let probe = TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("its address").port()
}

//! What the simulator remembers: its configuration, the jobs, the fault plan, the request counts
//! and the IAM tokens it issued. One lock per part, never held across an await.

use super::{
    config::SimConfig,
    faults::{Fault, FaultPlan, Operation},
    flink::{FlinkBackend, FlinkRest},
    job::SimJob,
};
use crate::CreateFlinkJarJobRequest;
use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex, MutexGuard},
};

/// Milliseconds since the epoch, the unit of every DLI timestamp (the portal's own clock).
pub use crate::now_ms;

/// Who the gateway let in, as the job's `user_name` shows it.
#[derive(Debug, Clone)]
pub struct Identity {
    pub user_name: String,
}

struct IssuedToken {
    user_name: String,
    expires_ms: i64,
}

/// The token check's verdict.
pub enum TokenCheck {
    Valid(Identity),
    Expired,
    Unknown,
}

/// Shared by every handler (cheap to clone).
#[derive(Clone)]
pub struct Sim(Arc<Shared>);

struct Shared {
    config: SimConfig,
    /// The client for `config.flink`'s REST API, made once.
    flink_rest: Option<FlinkRest>,
    started_ms: i64,
    jobs: Mutex<Jobs>,
    faults: Mutex<FaultPlan>,
    counts: Mutex<BTreeMap<Operation, u64>>,
    tokens: Mutex<HashMap<String, IssuedToken>>,
}

pub struct Jobs {
    next_id: i64,
    by_id: BTreeMap<i64, SimJob>,
    /// The configured transition time, which every job is created with; none on Flink, where
    /// Flink says when a job has started or stopped.
    transition_ms: Option<i64>,
}

/// A poisoned lock only means another handler panicked; the data is still consistent.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sim {
    pub fn new(config: SimConfig) -> Self {
        let faults = config.faults.clone();
        // Ids well beyond 32 bits, so that a client that truncates them fails in tests.
        let jobs = Jobs {
            next_id: 5_000_000_001,
            by_id: BTreeMap::new(),
            transition_ms: config
                .flink
                .is_none()
                .then(|| i64::try_from(config.transition.as_millis()).unwrap_or(i64::MAX)),
        };
        let flink_rest = config
            .flink
            .as_ref()
            .map(|flink| FlinkRest::new(&flink.rest_url));
        Self(Arc::new(Shared {
            config,
            flink_rest,
            started_ms: now_ms(),
            jobs: Mutex::new(jobs),
            faults: Mutex::new(faults),
            counts: Mutex::default(),
            tokens: Mutex::default(),
        }))
    }

    pub fn config(&self) -> &SimConfig {
        &self.0.config
    }

    /// The Flink that runs the jobs and its REST client, when there is one.
    pub fn flink(&self) -> Option<(&FlinkBackend, &FlinkRest)> {
        Some((self.0.config.flink.as_ref()?, self.0.flink_rest.as_ref()?))
    }

    pub fn started_ms(&self) -> i64 {
        self.0.started_ms
    }

    pub fn jobs(&self) -> MutexGuard<'_, Jobs> {
        lock(&self.0.jobs)
    }

    pub fn faults(&self) -> FaultPlan {
        lock(&self.0.faults).clone()
    }

    pub fn set_faults(&self, plan: FaultPlan) {
        *lock(&self.0.faults) = plan;
    }

    /// Counts a request for `operation` and hands out the fault it gets, using up one of the
    /// fault's `times` when it has a limit.
    pub fn take_fault(&self, operation: Operation) -> Fault {
        *lock(&self.0.counts).entry(operation).or_default() += 1;
        let mut plan = lock(&self.0.faults);
        let Some(fault) = plan.get_mut(&operation) else {
            return Fault::default();
        };
        let taken = fault.clone();
        if let Some(times) = &mut fault.times {
            *times = times.saturating_sub(1);
            if *times == 0 {
                plan.remove(&operation);
            }
        }
        taken
    }

    pub fn counts(&self) -> BTreeMap<Operation, u64> {
        lock(&self.0.counts).clone()
    }

    pub fn issue_token(&self, token: String, user_name: String, expires_ms: i64) {
        lock(&self.0.tokens).insert(
            token,
            IssuedToken {
                user_name,
                expires_ms,
            },
        );
    }

    pub fn check_token(&self, token: &str) -> TokenCheck {
        match lock(&self.0.tokens).get(token) {
            None => TokenCheck::Unknown,
            Some(issued) if issued.expires_ms <= now_ms() => TokenCheck::Expired,
            Some(issued) => TokenCheck::Valid(Identity {
                user_name: issued.user_name.clone(),
            }),
        }
    }

    /// Makes every token issued so far expired, as if 24 hours had passed.
    pub fn expire_tokens(&self) {
        for issued in lock(&self.0.tokens).values_mut() {
            issued.expires_ms = 0;
        }
    }
}

impl Jobs {
    pub fn create(&mut self, request: CreateFlinkJarJobRequest, user_name: String) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let job = SimJob::new(id, request, user_name, now_ms(), self.transition_ms);
        self.by_id.insert(id, job);
        id
    }

    pub fn get(&self, id: i64) -> Option<&SimJob> {
        self.by_id.get(&id)
    }

    pub fn get_mut(&mut self, id: i64) -> Option<&mut SimJob> {
        self.by_id.get_mut(&id)
    }

    pub fn remove(&mut self, id: i64) -> Option<SimJob> {
        self.by_id.remove(&id)
    }

    pub fn all(&self) -> impl Iterator<Item = &SimJob> {
        self.by_id.values()
    }
}

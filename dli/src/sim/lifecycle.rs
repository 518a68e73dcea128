//! A simulated job's lifecycle: its status at any moment, computed from when it was run, stopped
//! or ended (so it moves on with no timer) or, on a real Flink, moved on by what Flink reports;
//! and which run, stop and `/_sim` status changes each status allows.

use super::{
    savepoints::Savepoints,
    status::{ForcedStatus, STARTABLE, Status},
};

enum Phase {
    Draft,
    /// `job_submitting` from `run_ms`, `job_running` once the transition time has passed (or,
    /// on Flink, `Running` once Flink says so).
    Started {
        run_ms: i64,
    },
    /// On Flink only: Flink reported the run as running.
    Running {
        started_ms: i64,
    },
    /// `job_canceling` (or `job_savepointing`) from `stop_ms` for the transition time (or until
    /// Flink's job ends), then `job_cancel_success`. `started_ms` is when the run reached
    /// `job_running`, if it did.
    Stopping {
        stop_ms: i64,
        started_ms: Option<i64>,
        savepoint: bool,
    },
    Ended {
        name: &'static str,
        at_ms: i64,
        started_ms: Option<i64>,
        desc: String,
    },
}

pub struct Lifecycle {
    created_ms: i64,
    /// How long submitting and stopping take; `None` when a real Flink reports each change.
    transition_ms: Option<i64>,
    phase: Phase,
    savepoints: Savepoints,
    /// Runs so far: what Flink reports about an earlier run must not move a later one.
    runs: u64,
}

impl Lifecycle {
    pub fn new(created_ms: i64, transition_ms: Option<i64>) -> Self {
        Self {
            created_ms,
            transition_ms,
            phase: Phase::Draft,
            savepoints: Savepoints::default(),
            runs: 0,
        }
    }

    /// When a change that began at `from_ms` is over by the clock (never on Flink).
    fn over_at(&self, from_ms: i64) -> Option<i64> {
        self.transition_ms.map(|t| from_ms + t)
    }

    fn elapsed(&self, from_ms: i64, now_ms: i64) -> bool {
        self.over_at(from_ms).is_some_and(|over| now_ms >= over)
    }

    pub fn status(&self, now_ms: i64) -> Status {
        let status = |name, since_ms, started_ms| Status {
            name,
            since_ms,
            started_ms,
        };
        match &self.phase {
            Phase::Draft => status("job_init", self.created_ms, None),
            Phase::Started { run_ms } => match self.over_at(*run_ms) {
                Some(over) if now_ms >= over => status("job_running", over, Some(over)),
                _ => status("job_submitting", *run_ms, None),
            },
            Phase::Running { started_ms } => status("job_running", *started_ms, Some(*started_ms)),
            Phase::Stopping {
                stop_ms,
                started_ms,
                savepoint,
            } => match self.over_at(*stop_ms) {
                Some(over) if now_ms >= over => status("job_cancel_success", over, *started_ms),
                _ if *savepoint => status("job_savepointing", *stop_ms, *started_ms),
                _ => status("job_canceling", *stop_ms, *started_ms),
            },
            Phase::Ended {
                name,
                at_ms,
                started_ms,
                ..
            } => status(name, *at_ms, *started_ms),
        }
    }

    /// From run until its stop has completed: what DLI will not reconfigure wholesale.
    pub fn is_running(&self, now_ms: i64) -> bool {
        match self.phase {
            Phase::Started { .. } | Phase::Running { .. } => true,
            Phase::Stopping { stop_ms, .. } => !self.elapsed(stop_ms, now_ms),
            Phase::Draft | Phase::Ended { .. } => false,
        }
    }

    /// How long the latest run has been (or was) running, if it got that far.
    pub fn duration_ms(&self, now_ms: i64) -> Option<i64> {
        let until = match self.phase {
            Phase::Stopping { stop_ms, .. } => stop_ms,
            Phase::Ended { at_ms, .. } => at_ms,
            Phase::Draft | Phase::Started { .. } | Phase::Running { .. } => now_ms,
        };
        self.status(now_ms)
            .started_ms
            .map(|started| until - started)
    }

    /// `job_submit_fail` and the like say why; every other status has no description.
    pub fn status_desc(&self) -> &str {
        match &self.phase {
            Phase::Ended { desc, .. } => desc,
            _ => "",
        }
    }

    pub fn savepoints(&self) -> &Savepoints {
        &self.savepoints
    }

    /// The number of the latest run (from 1), which Flink's reports about it carry.
    pub fn run_number(&self) -> u64 {
        self.runs
    }

    /// Starts the job, from its latest savepoint if `resume_savepoint`; `Err` says why not.
    pub fn run(&mut self, now_ms: i64, resume_savepoint: bool) -> Result<(), String> {
        let status = self.status(now_ms).name;
        if !STARTABLE.contains(&status) {
            return Err(format!("is {status} and cannot be started"));
        }
        self.savepoints.start_run(now_ms, resume_savepoint)?;
        self.phase = Phase::Started { run_ms: now_ms };
        self.runs += 1;
        Ok(())
    }

    /// Stops a submitted or running job, taking a savepoint first if `trigger_savepoint`
    /// (which needs a running job: there is no state to save before).
    pub fn stop(&mut self, now_ms: i64, trigger_savepoint: bool) -> Result<(), String> {
        let Status {
            name, started_ms, ..
        } = self.status(now_ms);
        match (name, trigger_savepoint) {
            ("job_running", _) | ("job_submitting", false) => {}
            ("job_submitting", true) => {
                return Err("is job_submitting: a savepoint needs a running job".into());
            }
            _ => return Err(format!("is {name} and cannot be stopped")),
        }
        // On Flink the savepoint counts once Flink has written it (`flink_stopped`).
        if trigger_savepoint && let Some(complete_ms) = self.over_at(now_ms) {
            self.savepoints.take(complete_ms);
        }
        self.phase = Phase::Stopping {
            stop_ms: now_ms,
            started_ms,
            savepoint: trigger_savepoint,
        };
        Ok(())
    }

    /// Puts the job into `status` with `desc`, as DLI would on its own.
    pub fn force(&mut self, now_ms: i64, status: ForcedStatus, desc: String) -> Result<(), String> {
        let current = self.status(now_ms);
        if current.name != status.follows() {
            return Err(format!(
                "is {}: {} can only follow {}",
                current.name,
                status.name(),
                status.follows()
            ));
        }
        self.end(now_ms, status.name(), desc);
        Ok(())
    }

    fn end(&mut self, now_ms: i64, name: &'static str, desc: String) {
        let started_ms = self.status(now_ms).started_ms;
        self.phase = Phase::Ended {
            name,
            at_ms: now_ms,
            started_ms,
            desc,
        };
    }

    /// Flink runs run number `run`; a report about an earlier run changes nothing.
    pub fn flink_running(&mut self, run: u64, now_ms: i64) {
        if run == self.runs && matches!(self.phase, Phase::Started { .. }) {
            self.phase = Phase::Running { started_ms: now_ms };
        }
    }

    /// Run `run` ended on Flink (or never started there) as DLI's status `name` says, with
    /// `desc`; while a stop is under way, any end is that stop's `job_cancel_success`.
    pub fn flink_ended(&mut self, run: u64, now_ms: i64, name: &'static str, desc: String) {
        match self.phase {
            _ if run != self.runs => {}
            Phase::Started { .. } | Phase::Running { .. } => self.end(now_ms, name, desc),
            Phase::Stopping { .. } => self.end(now_ms, "job_cancel_success", String::new()),
            Phase::Draft | Phase::Ended { .. } => {}
        }
    }

    /// The stop of run `run` is over: Flink's job ended, with a savepoint at `savepoint` if it
    /// took one.
    pub fn flink_stopped(&mut self, run: u64, now_ms: i64, savepoint: Option<String>) {
        if run != self.runs || !matches!(self.phase, Phase::Stopping { .. }) {
            return;
        }
        if let Some(location) = savepoint {
            self.savepoints.record(now_ms, location);
        }
        self.end(now_ms, "job_cancel_success", String::new());
    }

    /// Flink refused to stop run `run`, which still runs: the stop is over, the job running.
    pub fn flink_stop_refused(&mut self, run: u64, now_ms: i64) {
        if let Phase::Stopping { started_ms, .. } = self.phase
            && run == self.runs
        {
            self.phase = Phase::Running {
                started_ms: started_ms.unwrap_or(now_ms),
            };
        }
    }
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;

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
mod tests {
    use super::*;

    const T: i64 = 1_000;

    fn status(name: &'static str, since_ms: i64, started_ms: Option<i64>) -> Status {
        Status {
            name,
            since_ms,
            started_ms,
        }
    }

    /// A job run at 0, so running from T.
    fn running() -> Lifecycle {
        let mut job = Lifecycle::new(0, Some(T));
        job.run(0, false).unwrap();
        job
    }

    #[test]
    fn a_new_job_is_a_draft_until_run() {
        assert_eq!(
            Lifecycle::new(0, Some(T)).status(50_000),
            status("job_init", 0, None)
        );
    }

    #[test]
    fn run_submits_first_and_runs_after_the_transition() {
        let mut job = Lifecycle::new(0, Some(T));
        job.run(100, false).unwrap();
        assert_eq!(job.status(100 + T - 1).name, "job_submitting");
        let started = Some(100 + T);
        assert_eq!(job.status(100 + T), status("job_running", 100 + T, started));
        assert_eq!(
            job.run(100 + T, false).unwrap_err(),
            "is job_running and cannot be started"
        );
    }

    #[test]
    fn stop_cancels_after_the_transition_and_the_job_can_run_again() {
        let mut job = running();
        job.stop(5 * T, false).unwrap();
        assert_eq!(job.status(5 * T).name, "job_canceling");
        assert!(job.is_running(6 * T - 1) && !job.is_running(6 * T));
        assert_eq!(
            job.status(6 * T),
            status("job_cancel_success", 6 * T, Some(T))
        );
        assert_eq!(job.duration_ms(9 * T), Some(4 * T));
        assert_eq!(job.savepoints.latest(9 * T), None);
        job.run(6 * T, false).unwrap();
    }

    #[test]
    fn a_stop_with_a_savepoint_saves_first_and_needs_a_running_job() {
        let mut job = Lifecycle::new(0, Some(T));
        job.run(0, false).unwrap();
        let refused = job.stop(0, true).unwrap_err();
        assert_eq!(
            refused,
            "is job_submitting: a savepoint needs a running job"
        );
        job.stop(2 * T, true).unwrap();
        assert_eq!(job.status(2 * T).name, "job_savepointing");
        assert_eq!(job.status(3 * T).name, "job_cancel_success");
        assert_eq!(
            job.savepoints.latest(3 * T).map(|saved| saved.taken_ms),
            Some(3 * T)
        );
        job.run(3 * T, true).unwrap();
        assert_eq!(
            job.savepoints.resumed_from().map(|saved| saved.number),
            Some(1)
        );
    }

    #[test]
    fn forced_statuses_follow_only_the_status_they_can_happen_in() {
        let mut job = Lifecycle::new(0, Some(T));
        job.run(0, false).unwrap();
        assert_eq!(
            job.force(0, ForcedStatus::Finish, String::new())
                .unwrap_err(),
            "is job_submitting: job_finish can only follow job_running"
        );
        job.force(0, ForcedStatus::SubmitFail, "no resources".into())
            .unwrap();
        assert_eq!(
            (job.status(5 * T), job.status_desc()),
            (status("job_submit_fail", 0, None), "no resources")
        );
        assert!(!job.is_running(0));
        job.run(T, false).unwrap();
        assert_eq!(job.status_desc(), "", "a new run clears the description");
    }

    #[test]
    fn a_job_that_failed_or_finished_runs_again_but_cannot_be_stopped() {
        for ended in [ForcedStatus::RunningException, ForcedStatus::Finish] {
            let mut job = running();
            job.force(3 * T, ended, "boom".into()).unwrap();
            assert_eq!(job.status(4 * T), status(ended.name(), 3 * T, Some(T)));
            assert_eq!(job.duration_ms(9 * T), Some(2 * T));
            let refused = job.stop(4 * T, false).unwrap_err();
            assert_eq!(
                refused,
                format!("is {} and cannot be stopped", ended.name())
            );
            job.run(4 * T, false).unwrap();
        }
    }
}

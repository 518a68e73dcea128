//! The savepoints a job's stops took, each complete once its stop's transition time has passed
//! (or, on a real Flink, once Flink wrote it), and the one the job's latest run resumed from.

/// The job's `number`-th savepoint (from 1), complete at `taken_ms`.
#[derive(Debug, Clone, PartialEq)]
pub struct Savepoint {
    pub number: u32,
    pub taken_ms: i64,
    /// Where a real Flink wrote it (an `obs://` path); a simulated one has a made-up path.
    pub location: Option<String>,
}

#[derive(Debug, Default)]
pub struct Savepoints {
    taken: Vec<Savepoint>,
    resumed_from: Option<u32>,
}

impl Savepoints {
    /// Starts the next savepoint, complete at `complete_ms`.
    pub fn take(&mut self, complete_ms: i64) {
        self.push(complete_ms, None);
    }

    /// Records a savepoint Flink completed at `taken_ms` in `location`.
    pub fn record(&mut self, taken_ms: i64, location: String) {
        self.push(taken_ms, Some(location));
    }

    fn push(&mut self, taken_ms: i64, location: Option<String>) {
        self.taken.push(Savepoint {
            number: self.taken.len() as u32 + 1,
            taken_ms,
            location,
        });
    }

    /// The newest complete savepoint (one being taken does not count yet).
    pub fn latest(&self, now_ms: i64) -> Option<&Savepoint> {
        self.taken
            .iter()
            .rev()
            .find(|savepoint| savepoint.taken_ms <= now_ms)
    }

    /// The savepoint the latest run resumed from.
    pub fn resumed_from(&self) -> Option<&Savepoint> {
        let number = self.resumed_from?;
        self.taken.get(number as usize - 1)
    }

    /// Records what a run starts from: the latest savepoint if `resume`, or nothing. Without a
    /// savepoint to resume from, `Err` says so and nothing changes.
    pub fn start_run(&mut self, now_ms: i64, resume: bool) -> Result<(), String> {
        self.resumed_from = match (resume, self.latest(now_ms)) {
            (false, _) => None,
            (true, Some(savepoint)) => Some(savepoint.number),
            (true, None) => return Err("has no savepoint to resume from".into()),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_savepoint_counts_once_complete_and_the_newest_complete_one_wins() {
        let mut savepoints = Savepoints::default();
        savepoints.take(100);
        assert_eq!(savepoints.latest(99), None);
        savepoints.take(300);
        let first = Savepoint {
            number: 1,
            taken_ms: 100,
            location: None,
        };
        assert_eq!(
            savepoints.latest(299),
            Some(&first),
            "the second is being taken"
        );
        assert_eq!(savepoints.latest(300).map(|latest| latest.number), Some(2));
    }

    #[test]
    fn a_run_remembers_the_savepoint_it_resumed_from_until_the_next_run() {
        let mut savepoints = Savepoints::default();
        assert_eq!(
            savepoints.start_run(0, true).unwrap_err(),
            "has no savepoint to resume from"
        );
        savepoints.take(10);
        savepoints.record(10, "obs://savepoints/sp-1".into());
        savepoints.start_run(10, true).unwrap();
        let resumed = savepoints.resumed_from().unwrap();
        assert_eq!(resumed.location.as_deref(), Some("obs://savepoints/sp-1"));
        savepoints.start_run(20, false).unwrap();
        assert_eq!(savepoints.resumed_from(), None);
    }
}

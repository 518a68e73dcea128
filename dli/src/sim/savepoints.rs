//! The savepoints a job's stops took, each complete once its stop's transition time has passed,
//! and the one the job's latest run resumed from.

/// The job's `number`-th savepoint (from 1), complete at `taken_ms`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Savepoint {
    pub number: u32,
    pub taken_ms: i64,
}

#[derive(Debug, Default)]
pub struct Savepoints {
    taken: Vec<Savepoint>,
    resumed_from: Option<u32>,
}

impl Savepoints {
    /// Starts the next savepoint, complete at `complete_ms`.
    pub fn take(&mut self, complete_ms: i64) {
        self.taken.push(Savepoint {
            number: self.taken.len() as u32 + 1,
            taken_ms: complete_ms,
        });
    }

    /// The newest complete savepoint (one being taken does not count yet).
    pub fn latest(&self, now_ms: i64) -> Option<Savepoint> {
        self.taken
            .iter()
            .rev()
            .find(|savepoint| savepoint.taken_ms <= now_ms)
            .copied()
    }

    /// The number of the savepoint the latest run resumed from.
    pub fn resumed_from(&self) -> Option<u32> {
        self.resumed_from
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
        };
        assert_eq!(
            savepoints.latest(299),
            Some(first),
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
        savepoints.start_run(10, true).unwrap();
        assert_eq!(savepoints.resumed_from(), Some(1));
        savepoints.start_run(20, false).unwrap();
        assert_eq!(savepoints.resumed_from(), None);
    }
}

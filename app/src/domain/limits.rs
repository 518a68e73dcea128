//! DLI's limits on a job's numbers (docs/dli-api.md §1): the ranges its sizing fields take and
//! the defaults it uses for the ones left out. The parsing rules and the sizing hints read them.

/// A whole-number field: its range and the message for anything outside it (or not a number).
pub struct IntRule {
    pub min: i64,
    pub max: i64,
    pub message: &'static str,
}

impl IntRule {
    /// The value if `text` is a whole number in range; `estimate` uses this to skip bad input.
    pub fn read(&self, text: &str) -> Option<i64> {
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|number| (self.min..=self.max).contains(number))
    }
}

/// DLI's documented range for a job's CUs (FlinkJobConfig, [2, 400]).
pub const CU_NUMBER: IntRule = IntRule {
    min: 2,
    max: 400,
    message: "Enter a whole number of CUs from 2 to 400.",
};
/// Undocumented upper bound; the job's CUs (at most 400) must exceed it anyway.
pub const MANAGER_CU_NUMBER: IntRule = IntRule {
    min: 1,
    max: 399,
    message: "Enter a whole number of CUs from 1 to 399.",
};
/// DLI's documented range for parallelism ([1, 2000]).
pub const PARALLEL_NUMBER: IntRule = IntRule {
    min: 1,
    max: 2000,
    message: "Enter a whole number from 1 to 2000.",
};
/// Undocumented upper bound; a TaskManager shares the CUs left after the JobManager (at most 399).
pub const TM_CUS: IntRule = IntRule {
    min: 1,
    max: 399,
    message: "Enter a whole number of CUs from 1 to 399.",
};
/// Undocumented upper bound: slots beyond the highest parallelism (2000) could never be used.
pub const SLOTS: IntRule = IntRule {
    min: 1,
    max: 2000,
    message: "Enter a whole number of slots from 1 to 2000.",
};

/// DLI's defaults for omitted fields (docs/dli-api.md §1).
pub const DEFAULT_CU_NUMBER: u32 = 2;
pub const DEFAULT_MANAGER_CU_NUMBER: u32 = 1;
pub const DEFAULT_PARALLEL_NUMBER: u32 = 1;
pub const DEFAULT_TM_CUS: u32 = 1;

/// The most tags one job may carry (docs/dli-api.md §1).
pub const MAX_TAGS: usize = 20;

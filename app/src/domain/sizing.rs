//! Sizing explained while typing (v1 resource model): DLI's default slots per TaskManager, how
//! many TaskManagers the parallelism needs, how many the CUs hold, and a warning when short.

use super::form::JobForm;
use super::limits::{
    CU_NUMBER, DEFAULT_CU_NUMBER, DEFAULT_MANAGER_CU_NUMBER, DEFAULT_PARALLEL_NUMBER,
    DEFAULT_TM_CUS, IntRule, MANAGER_CU_NUMBER, PARALLEL_NUMBER, SLOTS, TM_CUS,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceEstimate {
    /// What DLI uses when `tm_slot_num` is empty.
    pub default_slots_per_task_manager: u32,
    /// `tm_slot_num` if given, else the default.
    pub slots_per_task_manager: u32,
    pub task_managers_needed: u32,
    pub task_managers_available: u32,
    /// Set when the parallelism needs more TaskManagers than the CUs hold.
    pub warning: Option<String>,
}

/// Never fails: a field that is empty or does not pass its rule counts as DLI's default (its
/// error is shown by `parse`). Meaningful for resource model v1 only.
pub fn estimate(form: &JobForm) -> ResourceEstimate {
    let read = |rule: &IntRule, raw: &str, default: u32| {
        rule.read(raw)
            .and_then(|number| u32::try_from(number).ok())
            .unwrap_or(default)
    };
    let cu = read(&CU_NUMBER, &form.cu_number, DEFAULT_CU_NUMBER);
    let manager = read(
        &MANAGER_CU_NUMBER,
        &form.manager_cu_number,
        DEFAULT_MANAGER_CU_NUMBER,
    );
    let parallel = read(
        &PARALLEL_NUMBER,
        &form.parallel_number,
        DEFAULT_PARALLEL_NUMBER,
    );
    let tm_cus = read(&TM_CUS, &form.tm_cus, DEFAULT_TM_CUS);
    let task_manager_cus = cu.saturating_sub(manager);
    // DLI documents (parallel_number * tm_cus) / (cu_number - manager_cu_number) without its
    // rounding. Rounding down can give 0 slots, which cannot run, so this rounds up (at least
    // 1); a form whose CUs do not exceed the JobManager's already shows an error.
    let default_slots = (parallel * tm_cus).div_ceil(task_manager_cus.max(1)).max(1);
    let slots = read(&SLOTS, &form.tm_slot_num, default_slots);
    let needed = parallel.div_ceil(slots);
    let available = task_manager_cus / tm_cus;
    let warning = (needed > available).then(|| {
        format!(
            "Parallelism {parallel} needs {} with {} each, but the {} left after the \
             JobManager hold {} of {} each. Add CUs or slots, or lower the parallelism.",
            count(needed, "TaskManager"),
            count(slots, "slot"),
            count(task_manager_cus, "CU"),
            count(available, "TaskManager"),
            count(tm_cus, "CU"),
        )
    });
    ResourceEstimate {
        default_slots_per_task_manager: default_slots,
        slots_per_task_manager: slots,
        task_managers_needed: needed,
        task_managers_available: available,
        warning,
    }
}

fn count(number: u32, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(cu: &str, manager: &str, parallel: &str, tm_cus: &str, slots: &str) -> JobForm {
        JobForm {
            cu_number: cu.into(),
            manager_cu_number: manager.into(),
            parallel_number: parallel.into(),
            tm_cus: tm_cus.into(),
            tm_slot_num: slots.into(),
            ..JobForm::default()
        }
    }

    #[test]
    fn an_empty_form_uses_dli_defaults() {
        let estimate = estimate(&JobForm::default());
        assert_eq!(
            estimate,
            ResourceEstimate {
                default_slots_per_task_manager: 1,
                slots_per_task_manager: 1,
                task_managers_needed: 1,
                task_managers_available: 1,
                warning: None,
            }
        );
    }

    #[test]
    fn the_default_slot_count_rounds_up() {
        // (3 * 1) / (3 - 1) = 1.5 slots: 2.
        let estimate = estimate(&form("3", "1", "3", "1", ""));
        assert_eq!(estimate.default_slots_per_task_manager, 2);
        assert_eq!(
            (
                estimate.task_managers_needed,
                estimate.task_managers_available
            ),
            (2, 2)
        );
        assert_eq!(estimate.warning, None);
    }

    #[test]
    fn the_default_slot_count_is_never_zero() {
        // (1 * 1) / (10 - 1) rounds down to 0, which could not run.
        assert_eq!(
            estimate(&form("10", "1", "1", "1", "")).default_slots_per_task_manager,
            1
        );
    }

    #[test]
    fn given_slots_replace_the_default() {
        let estimate = estimate(&form("10", "1", "6", "1", "3"));
        assert_eq!(
            (
                estimate.slots_per_task_manager,
                estimate.task_managers_needed
            ),
            (3, 2)
        );
    }

    #[test]
    fn parallelism_beyond_what_the_cus_hold_warns() {
        let estimate = estimate(&form("5", "1", "8", "1", "1"));
        assert_eq!(
            (
                estimate.task_managers_needed,
                estimate.task_managers_available
            ),
            (8, 4)
        );
        assert_eq!(
            estimate.warning.as_deref(),
            Some(
                "Parallelism 8 needs 8 TaskManagers with 1 slot each, but the 4 CUs left after \
                 the JobManager hold 4 TaskManagers of 1 CU each. Add CUs or slots, or lower \
                 the parallelism."
            )
        );
    }

    #[test]
    fn larger_task_managers_fit_fewer_times_into_the_cus() {
        let estimate = estimate(&form("4", "1", "2", "2", ""));
        // (2 * 2) / 3 rounds up to 2 slots: 1 TaskManager of 2 CUs fits in the 3 left.
        assert_eq!(estimate.task_managers_available, 1);
        assert_eq!(estimate.task_managers_needed, 1);
        assert_eq!(estimate.warning, None);
    }

    #[test]
    fn input_that_does_not_parse_counts_as_the_default() {
        assert_eq!(
            estimate(&form("abc", "0", "-4", "1.5", "x")),
            estimate(&JobForm::default())
        );
    }

    #[test]
    fn cus_that_do_not_exceed_the_job_manager_hold_nothing_and_do_not_panic() {
        let estimate = estimate(&form("3", "3", "2", "1", ""));
        assert_eq!(estimate.task_managers_available, 0);
        assert!(estimate.warning.is_some());
    }
}

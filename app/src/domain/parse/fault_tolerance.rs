//! Fault-tolerance rules: automatic restarts and what they resume from, and DLI's checkpoints.
//! A setting that only applies under a switch that is off is an error, never dropped silently.

use super::check::{Check, any_text};
use crate::domain::form::JobForm;
use crate::domain::limits::IntRule;
use crate::domain::spec::JobSpec;

/// DLI: -1 (its default) means unlimited, otherwise above 0.
const RESUME_MAX_NUM: IntRule = IntRule {
    min: -1,
    max: i32::MAX as i64,
    message: "Enter -1 for no limit, or a number of restarts per hour above 0.",
};
const CHECKPOINT_INTERVAL: IntRule = IntRule {
    min: 1,
    max: 3600,
    message: "Enter a whole number of seconds from 1 to 3600.",
};

const NEEDS_RESTART: &str =
    "Tick \u{201c}Restart on failure\u{201d} too, or clear this: it applies to automatic restarts.";
const NEEDS_CHECKPOINTS: &str = "Tick \u{201c}Enable checkpoints\u{201d} to use this, or clear it.";

pub(crate) fn apply(check: &mut Check, form: &JobForm, spec: &mut JobSpec) {
    spec.restart_when_exception = form.restart_when_exception;
    // DLI's console shows both as parts of automatic restart; they do nothing without it.
    spec.resume_checkpoint = form.resume_checkpoint;
    if form.resume_checkpoint && !form.restart_when_exception {
        check.fail("resume_checkpoint", NEEDS_RESTART);
    }
    if check.only_with(
        form.restart_when_exception,
        "resume_max_num",
        &form.resume_max_num,
        NEEDS_RESTART,
    ) {
        spec.resume_max_num = check.int("resume_max_num", &form.resume_max_num, &RESUME_MAX_NUM);
        if spec.resume_max_num == Some(0) {
            check.fail("resume_max_num", RESUME_MAX_NUM.message);
        }
    }

    spec.checkpoint_enabled = form.checkpoint_enabled;
    if check.only_with(
        form.checkpoint_enabled,
        "checkpoint_mode",
        &form.checkpoint_mode,
        NEEDS_CHECKPOINTS,
    ) {
        let message = "Choose 1 (exactly once) or 2 (at least once).";
        spec.checkpoint_mode = check.choice("checkpoint_mode", &form.checkpoint_mode, message);
    }
    if check.only_with(
        form.checkpoint_enabled,
        "checkpoint_interval",
        &form.checkpoint_interval,
        NEEDS_CHECKPOINTS,
    ) {
        spec.checkpoint_interval = check.int(
            "checkpoint_interval",
            &form.checkpoint_interval,
            &CHECKPOINT_INTERVAL,
        );
    }
    // checkpoint_path is the JAR's own checkpoint location, not DLI's: it does not depend on
    // checkpoint_enabled, and the Terraform docs call it needed exactly when resuming without
    // DLI's checkpoints.
    spec.checkpoint_path = check.text("checkpoint_path", &form.checkpoint_path, 1024, any_text);
    if form.resume_checkpoint && !form.checkpoint_enabled && form.checkpoint_path.trim().is_empty()
    {
        check.fail(
            "checkpoint_path",
            "Give the path your JAR writes checkpoints to, or enable checkpoints, so that a restart has one to resume from.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wire::CheckpointMode;

    fn run(form: JobForm) -> (JobSpec, Check) {
        let (mut check, mut spec) = (Check::default(), JobSpec::default());
        apply(&mut check, &form, &mut spec);
        (spec, check)
    }

    fn restarts(resume_max_num: &str) -> (JobSpec, Check) {
        run(JobForm {
            restart_when_exception: true,
            resume_max_num: resume_max_num.into(),
            ..JobForm::default()
        })
    }

    #[test]
    fn resume_max_num_is_minus_one_or_above_zero() {
        assert_eq!(restarts("-1").0.resume_max_num, Some(-1));
        assert_eq!(restarts("1").0.resume_max_num, Some(1));
        assert_eq!(restarts("2147483647").0.resume_max_num, Some(i32::MAX));
        for bad in ["0", "-2", "2147483648", "1.5", "many"] {
            assert_eq!(
                restarts(bad).1.errors.get("resume_max_num"),
                Some(RESUME_MAX_NUM.message),
                "{bad}"
            );
        }
    }

    #[test]
    fn resume_settings_need_restart_on_failure() {
        let (_, check) = run(JobForm {
            resume_checkpoint: true,
            resume_max_num: "3".into(),
            checkpoint_enabled: true,
            ..JobForm::default()
        });
        assert_eq!(check.errors.get("resume_checkpoint"), Some(NEEDS_RESTART));
        assert_eq!(check.errors.get("resume_max_num"), Some(NEEDS_RESTART));
    }

    #[test]
    fn checkpoint_interval_runs_from_1_to_3600_seconds() {
        let interval = |raw: &str| {
            run(JobForm {
                checkpoint_enabled: true,
                checkpoint_interval: raw.into(),
                ..JobForm::default()
            })
        };
        assert_eq!(interval("1").0.checkpoint_interval, Some(1));
        assert_eq!(interval("3600").0.checkpoint_interval, Some(3600));
        assert_eq!(
            interval("0").1.errors.get("checkpoint_interval"),
            Some(CHECKPOINT_INTERVAL.message)
        );
        assert_eq!(
            interval("3601").1.errors.get("checkpoint_interval"),
            Some(CHECKPOINT_INTERVAL.message)
        );
    }

    #[test]
    fn checkpoint_mode_is_1_or_2() {
        let mode = |raw: &str| {
            run(JobForm {
                checkpoint_enabled: true,
                checkpoint_mode: raw.into(),
                ..JobForm::default()
            })
        };
        assert_eq!(
            mode("1").0.checkpoint_mode,
            Some(CheckpointMode::ExactlyOnce)
        );
        assert_eq!(
            mode("2").0.checkpoint_mode,
            Some(CheckpointMode::AtLeastOnce)
        );
        assert!(mode("3").1.errors.get("checkpoint_mode").is_some());
    }

    #[test]
    fn checkpoint_settings_need_checkpoints_enabled() {
        let (spec, check) = run(JobForm {
            checkpoint_mode: "1".into(),
            checkpoint_interval: "30".into(),
            ..JobForm::default()
        });
        assert_eq!(check.errors.get("checkpoint_mode"), Some(NEEDS_CHECKPOINTS));
        assert_eq!(
            check.errors.get("checkpoint_interval"),
            Some(NEEDS_CHECKPOINTS)
        );
        assert_eq!(
            (spec.checkpoint_mode, spec.checkpoint_interval),
            (None, None)
        );
    }

    #[test]
    fn resuming_without_dli_checkpoints_needs_a_checkpoint_path() {
        let resume = |enabled: bool, path: &str| {
            run(JobForm {
                restart_when_exception: true,
                resume_checkpoint: true,
                checkpoint_enabled: enabled,
                checkpoint_path: path.into(),
                ..JobForm::default()
            })
        };
        assert!(resume(false, "").1.errors.get("checkpoint_path").is_some());
        assert!(
            resume(false, "obs://abc/checkpoints/job1")
                .1
                .errors
                .is_empty()
        );
        assert!(resume(true, "").1.errors.is_empty());
    }

    #[test]
    fn checked_boxes_are_carried_over() {
        let (spec, check) = run(JobForm {
            restart_when_exception: true,
            checkpoint_enabled: true,
            ..JobForm::default()
        });
        assert!(check.errors.is_empty());
        assert!(spec.restart_when_exception && spec.checkpoint_enabled && !spec.resume_checkpoint);
    }
}

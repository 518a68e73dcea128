//! Resource rules: the v1 CU fields within DLI's ranges and its slot formula's constraint, or
//! the v2 `resource_config` (CPU and memory per JobManager and TaskManager), never both.

use super::check::Check;
use super::resource_config;
use crate::domain::form::JobForm;
use crate::domain::limits::{
    CU_NUMBER, DEFAULT_CU_NUMBER, DEFAULT_MANAGER_CU_NUMBER, MANAGER_CU_NUMBER, PARALLEL_NUMBER,
    SLOTS, TM_CUS,
};
use crate::domain::spec::JobSpec;
use crate::domain::wire::ResourceConfigVersion;

const NOT_WITH_V2: &str = "Not used with resource model v2: clear this, or choose v1.";
const ONLY_WITH_V2: &str = "Used only with resource model v2: choose v2, or clear this.";

pub(crate) fn apply(check: &mut Check, form: &JobForm, spec: &mut JobSpec) {
    let version = check.choice(
        "resource_config_version",
        &form.resource_config_version,
        "Choose v1 or v2.",
    );
    spec.resource_config_version = version;
    let v1_fields = [
        ("cu_number", &form.cu_number),
        ("manager_cu_number", &form.manager_cu_number),
        ("parallel_number", &form.parallel_number),
        ("tm_cus", &form.tm_cus),
        ("tm_slot_num", &form.tm_slot_num),
    ];
    let v2_fields = [
        ("resource_config.max_slot", &form.max_slot),
        ("resource_config.parallel_number", &form.v2_parallel_number),
        (
            "resource_config.jobmanager_resource_spec.cpu",
            &form.jobmanager_cpu,
        ),
        (
            "resource_config.jobmanager_resource_spec.memory",
            &form.jobmanager_memory,
        ),
        (
            "resource_config.taskmanager_resource_spec.cpu",
            &form.taskmanager_cpu,
        ),
        (
            "resource_config.taskmanager_resource_spec.memory",
            &form.taskmanager_memory,
        ),
    ];
    // Under v2 DLI sizes the job from resource_config and the CU fields would be dropped;
    // under v1 it is the other way round. Either is reported, not silently lost.
    if version == Some(ResourceConfigVersion::V2) {
        for (path, raw) in v1_fields {
            check.only_with(false, path, raw, NOT_WITH_V2);
        }
        spec.resource_config = resource_config::parse(check, form);
    } else {
        for (path, raw) in v2_fields {
            check.only_with(false, path, raw, ONLY_WITH_V2);
        }
        cu_fields(check, form, spec);
    }
}

fn cu_fields(check: &mut Check, form: &JobForm, spec: &mut JobSpec) {
    spec.cu_number = check.int("cu_number", &form.cu_number, &CU_NUMBER);
    spec.manager_cu_number = check.int(
        "manager_cu_number",
        &form.manager_cu_number,
        &MANAGER_CU_NUMBER,
    );
    spec.parallel_number = check.int("parallel_number", &form.parallel_number, &PARALLEL_NUMBER);
    spec.tm_cus = check.int("tm_cus", &form.tm_cus, &TM_CUS);
    spec.tm_slot_num = check.int("tm_slot_num", &form.tm_slot_num, &SLOTS);
    // A field that is filled but did not parse has its message already; compare the rest,
    // with DLI's defaults standing in for empty fields.
    let usable = |value: Option<u32>, raw: &str| value.is_some() || raw.trim().is_empty();
    if !usable(spec.cu_number, &form.cu_number)
        || !usable(spec.manager_cu_number, &form.manager_cu_number)
    {
        return;
    }
    let cu = spec.cu_number.unwrap_or(DEFAULT_CU_NUMBER);
    let manager = spec.manager_cu_number.unwrap_or(DEFAULT_MANAGER_CU_NUMBER);
    // DLI's default slot count divides by (cu_number - manager_cu_number).
    if cu <= manager {
        if spec.cu_number.is_some() {
            check.fail(
                "cu_number",
                format!("Give the job more CUs than the JobManager's {manager}."),
            );
        } else {
            check.fail(
                "manager_cu_number",
                format!("Use fewer CUs than the job's {cu} (DLI's default)."),
            );
        }
    } else if let Some(tm_cus) = spec.tm_cus
        && tm_cus > cu - manager
    {
        check.fail(
            "tm_cus",
            format!("Use at most {} CUs: what is left of the job's {cu} after the JobManager's {manager}.", cu - manager),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the resource rules to an empty form with one change.
    fn run(change: impl FnOnce(&mut JobForm)) -> (JobSpec, Check) {
        let (mut form, mut check, mut spec) =
            (JobForm::default(), Check::default(), JobSpec::default());
        change(&mut form);
        apply(&mut check, &form, &mut spec);
        (spec, check)
    }

    fn cus(cu: &str, manager: &str, tm_cus: &str) -> Check {
        run(|f| {
            (f.cu_number, f.manager_cu_number, f.tm_cus) =
                (cu.into(), manager.into(), tm_cus.into())
        })
        .1
    }

    #[test]
    fn cu_number_runs_from_2_to_400() {
        assert_eq!(run(|f| f.cu_number = "2".into()).0.cu_number, Some(2));
        assert_eq!(run(|f| f.cu_number = "400".into()).0.cu_number, Some(400));
        for bad in ["1", "401", "abc", "2.5"] {
            assert_eq!(
                cus(bad, "", "").errors.get("cu_number"),
                Some(CU_NUMBER.message),
                "{bad}"
            );
        }
    }

    #[test]
    fn parallelism_runs_from_1_to_2000() {
        assert_eq!(
            run(|f| f.parallel_number = "1".into()).0.parallel_number,
            Some(1)
        );
        assert_eq!(
            run(|f| f.parallel_number = "2000".into()).0.parallel_number,
            Some(2000)
        );
        for bad in ["0", "2001"] {
            let (_, check) = run(|f| f.parallel_number = bad.into());
            assert_eq!(
                check.errors.get("parallel_number"),
                Some(PARALLEL_NUMBER.message)
            );
        }
    }

    #[test]
    fn slots_per_task_manager_must_be_positive() {
        assert_eq!(run(|f| f.tm_slot_num = "1".into()).0.tm_slot_num, Some(1));
        let (_, check) = run(|f| f.tm_slot_num = "0".into());
        assert_eq!(check.errors.get("tm_slot_num"), Some(SLOTS.message));
    }

    #[test]
    fn the_job_needs_more_cus_than_the_job_manager() {
        assert!(cus("4", "3", "").errors.is_empty());
        let message = "Give the job more CUs than the JobManager's 3.";
        assert_eq!(cus("3", "3", "").errors.get("cu_number"), Some(message));
    }

    #[test]
    fn without_cus_the_job_manager_must_stay_under_dli_default_of_2() {
        let message = "Use fewer CUs than the job's 2 (DLI's default).";
        assert_eq!(
            cus("", "2", "").errors.get("manager_cu_number"),
            Some(message)
        );
    }

    #[test]
    fn a_task_manager_gets_at_most_the_cus_left_after_the_job_manager() {
        assert!(cus("5", "2", "3").errors.is_empty());
        let message = "Use at most 3 CUs: what is left of the job's 5 after the JobManager's 2.";
        assert_eq!(cus("5", "2", "4").errors.get("tm_cus"), Some(message));
        assert!(cus("", "", "2").errors.get("tm_cus").is_some());
    }

    #[test]
    fn a_bad_cu_number_is_not_compared_again() {
        assert_eq!(cus("x", "1", "5").errors.len(), 1);
    }

    #[test]
    fn resource_model_is_v1_or_v2() {
        let (spec, _) = run(|f| f.resource_config_version = "v1".into());
        assert_eq!(
            spec.resource_config_version,
            Some(ResourceConfigVersion::V1)
        );
        let (_, check) = run(|f| f.resource_config_version = "v3".into());
        assert_eq!(
            check.errors.get("resource_config_version"),
            Some("Choose v1 or v2.")
        );
    }

    #[test]
    fn under_v2_the_cu_fields_are_errors() {
        let (_, check) = run(|f| {
            f.resource_config_version = "v2".into();
            (f.cu_number, f.parallel_number) = ("4".into(), "2".into());
        });
        assert!(check.errors.get("cu_number").is_some());
        assert!(check.errors.get("parallel_number").is_some());
    }

    #[test]
    fn under_v2_resource_config_is_read() {
        let (spec, check) =
            run(|f| (f.resource_config_version, f.max_slot) = ("v2".into(), "2".into()));
        assert!(check.errors.is_empty());
        assert_eq!(
            spec.resource_config.and_then(|config| config.max_slot),
            Some(2)
        );
    }

    #[test]
    fn without_v2_the_resource_config_fields_are_errors() {
        let (_, check) = run(|f| (f.max_slot, f.taskmanager_memory) = ("2".into(), "4GB".into()));
        assert!(check.errors.get("resource_config.max_slot").is_some());
        let memory = "resource_config.taskmanager_resource_spec.memory";
        assert!(check.errors.get(memory).is_some());
    }
}

//! Parsing `resource_config`, DLI's v2 resource model: slots, parallelism, and CPU and memory
//! for the JobManager and each TaskManager, each within DLI's minimums.

use super::check::Check;
use crate::domain::form::JobForm;
use crate::domain::limits::{PARALLEL_NUMBER, SLOTS};
use crate::domain::wire::{ResourceConfig, ResourceSpec};

/// 2 GB, DLI's minimum for a JobManager or TaskManager.
const MIN_MEMORY_MB: u64 = 2048;

/// `None` when the whole section is empty (and a spec when its two fields are), so that an
/// empty form section is never sent as `{}`.
pub(crate) fn parse(check: &mut Check, form: &JobForm) -> Option<ResourceConfig> {
    let parallel = &form.v2_parallel_number;
    let config = ResourceConfig {
        max_slot: check.int("resource_config.max_slot", &form.max_slot, &SLOTS),
        parallel_number: check.int(
            "resource_config.parallel_number",
            parallel,
            &PARALLEL_NUMBER,
        ),
        jobmanager_resource_spec: resource_spec(
            check,
            "resource_config.jobmanager_resource_spec",
            (&form.jobmanager_cpu, &form.jobmanager_memory),
        ),
        taskmanager_resource_spec: resource_spec(
            check,
            "resource_config.taskmanager_resource_spec",
            (&form.taskmanager_cpu, &form.taskmanager_memory),
        ),
    };
    (config != ResourceConfig::default()).then_some(config)
}

fn resource_spec(
    check: &mut Check,
    prefix: &str,
    (cpu, memory): (&str, &str),
) -> Option<ResourceSpec> {
    let cpu_message = "Enter at least 0.5 vCPUs, such as 1 or 2.5.";
    let memory_message = "Enter at least 2GB, such as 4GB or 4096MB.";
    let spec = ResourceSpec {
        cpu: check.value(&format!("{prefix}.cpu"), cpu, cpu_cores, cpu_message),
        memory: check.value(
            &format!("{prefix}.memory"),
            memory,
            memory_size,
            memory_message,
        ),
    };
    (spec != ResourceSpec::default()).then_some(spec)
}

fn cpu_cores(text: &str) -> Option<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|cores| cores.is_finite() && *cores >= 0.5)
}

/// `4GB`, `4096MB` or a bare `4` (DLI's default unit is GB), in any case, normalised to
/// `<n>GB` / `<n>MB`.
fn memory_size(text: &str) -> Option<String> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let (megabytes, unit) = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "GB" => (number.checked_mul(1024)?, "GB"),
        "MB" => (number, "MB"),
        _ => return None,
    };
    (megabytes >= MIN_MEMORY_MB).then(|| format!("{number}{unit}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(form: JobForm) -> (Option<ResourceConfig>, Check) {
        let mut check = Check::default();
        (parse(&mut check, &form), check)
    }

    #[test]
    fn an_empty_section_sends_no_resource_config() {
        let (config, check) = read(JobForm::default());
        assert_eq!(config, None);
        assert!(check.errors.is_empty());
    }

    #[test]
    fn resources_are_read_and_memory_normalised() {
        let (config, check) = read(JobForm {
            max_slot: "2".into(),
            v2_parallel_number: "4".into(),
            jobmanager_cpu: "0.5".into(),
            jobmanager_memory: "2048mb".into(),
            taskmanager_memory: " 4 gb".into(),
            ..JobForm::default()
        });
        assert!(check.errors.is_empty(), "{}", check.errors);
        let config = config.expect("a v2 config");
        assert_eq!(
            (config.max_slot, config.parallel_number),
            (Some(2), Some(4))
        );
        let jobmanager = ResourceSpec {
            cpu: Some(0.5),
            memory: Some("2048MB".into()),
        };
        assert_eq!(config.jobmanager_resource_spec, Some(jobmanager));
        let taskmanager = ResourceSpec {
            cpu: None,
            memory: Some("4GB".into()),
        };
        assert_eq!(config.taskmanager_resource_spec, Some(taskmanager));
    }

    #[test]
    fn slots_and_parallelism_follow_the_v1_ranges() {
        let (_, check) = read(JobForm {
            max_slot: "0".into(),
            v2_parallel_number: "2001".into(),
            ..JobForm::default()
        });
        assert_eq!(
            check.errors.get("resource_config.max_slot"),
            Some(SLOTS.message)
        );
        assert_eq!(
            check.errors.get("resource_config.parallel_number"),
            Some(PARALLEL_NUMBER.message)
        );
    }

    #[test]
    fn cpu_is_at_least_half_a_core() {
        assert_eq!(cpu_cores("0.5"), Some(0.5));
        for bad in ["0.4", "0", "-1", "NaN", "inf", "lots"] {
            let (_, check) = read(JobForm {
                taskmanager_cpu: bad.into(),
                ..JobForm::default()
            });
            let error = check
                .errors
                .get("resource_config.taskmanager_resource_spec.cpu");
            assert_eq!(
                error,
                Some("Enter at least 0.5 vCPUs, such as 1 or 2.5."),
                "{bad}"
            );
        }
    }

    #[test]
    fn memory_is_at_least_2gb() {
        assert_eq!(memory_size("2GB").as_deref(), Some("2GB"));
        assert_eq!(memory_size("2").as_deref(), Some("2GB"));
        assert_eq!(memory_size("2048MB").as_deref(), Some("2048MB"));
        for bad in [
            "1GB",
            "2047MB",
            "4TB",
            "GB",
            "4.5GB",
            "99999999999999999999GB",
        ] {
            assert_eq!(memory_size(bad), None, "{bad}");
        }
    }
}

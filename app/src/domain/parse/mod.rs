//! `JobForm::parse`: every rule applied to the posted form, giving the `JobSpec` DLI takes or
//! all the problems at once, each on its field. The same code runs per keystroke in the browser.

mod advanced;
mod check;
mod fault_tolerance;
mod paths;
mod resource_config;
mod resources;
mod rows;
pub(crate) mod shapes;
mod tags;

use crate::domain::errors::FieldErrors;
use crate::domain::form::JobForm;
use crate::domain::spec::JobSpec;
use check::{Check, any_text};

const MAX_NAME_CHARS: usize = 57;

const NEEDS_BUCKET: &str =
    "Give the OBS bucket for the logs, or untick \u{201c}Save job logs to OBS\u{201d}.";
const NEEDS_LOGS: &str =
    "Tick \u{201c}Save job logs to OBS\u{201d} to use this bucket, or clear it.";

impl JobForm {
    /// Values are trimmed before they are checked (tags excepted, see `tags::tags`).
    pub fn parse(&self) -> Result<JobSpec, FieldErrors> {
        let (mut check, mut spec) = (Check::default(), JobSpec::default());
        self.job(&mut check, &mut spec);
        self.code(&mut check, &mut spec);
        resources::apply(&mut check, self, &mut spec);
        fault_tolerance::apply(&mut check, self, &mut spec);
        self.logs_and_alerts(&mut check, &mut spec);
        self.advanced(&mut check, &mut spec);
        self.obs_paths_from_flink_1_15(&mut check, &spec);
        if check.errors.is_empty() {
            Ok(spec)
        } else {
            Err(check.errors)
        }
    }

    fn job(&self, check: &mut Check, spec: &mut JobSpec) {
        let missing = "Give the job a name.";
        let name = check.required_text(
            "name",
            &self.name,
            MAX_NAME_CHARS,
            shapes::job_name,
            missing,
        );
        spec.name = name.unwrap_or_default();
        spec.desc = check.text("desc", &self.desc, 512, any_text);
        // DLI marks queue_name optional, but Flink Jar jobs run only in a dedicated queue and the
        // simulator (like DLI) refuses a Jar job without one: the stricter rule.
        let no_queue = "Choose the queue that runs the job.";
        spec.queue_name =
            check.required_text("queue_name", &self.queue_name, 128, any_text, no_queue);
    }

    fn code(&self, check: &mut Check, spec: &mut JobSpec) {
        // DLI marks entrypoint optional, but a JAR job without its JAR has no code to run.
        let missing =
            "Give the JAR with the main class: obs://bucket/path/app.jar or group/app.jar.";
        let max = paths::MAX_REFERENCE_CHARS;
        let entrypoint =
            check.required_text("entrypoint", &self.entrypoint, max, paths::jar, missing);
        spec.entrypoint = entrypoint.unwrap_or_default();
        spec.main_class = check.text("main_class", &self.main_class, 255, shapes::main_class);
        spec.entrypoint_args = check.text("entrypoint_args", &self.entrypoint_args, 1024, any_text);
        let (jars, files) = (&self.dependency_jars, &self.dependency_files);
        spec.dependency_jars = paths::list(check, "dependency_jars", jars, paths::jar);
        spec.dependency_files = paths::list(check, "dependency_files", files, paths::any_file);
    }

    /// From Flink 1.15 on, DLI reads JARs and files only from OBS, not as package names
    /// (Open Telekom Cloud's DLI reference and the SDK's docstring for `entrypoint`).
    fn obs_paths_from_flink_1_15(&self, check: &mut Check, spec: &JobSpec) {
        if !spec
            .flink_version
            .as_deref()
            .is_some_and(shapes::reads_only_obs)
        {
            return;
        }
        let message =
            "From Flink 1.15 on, DLI reads JARs and files only from OBS: use obs://bucket/path.";
        let not_obs = |value: &str| !value.trim().is_empty() && !value.trim().starts_with("obs://");
        if not_obs(&self.entrypoint) {
            check.fail("entrypoint", message);
        }
        for (list, rows) in [
            ("dependency_jars", &self.dependency_jars),
            ("dependency_files", &self.dependency_files),
        ] {
            for (row, value) in rows.iter().enumerate() {
                if not_obs(value) {
                    check.fail(format!("{list}.{row}"), message);
                }
            }
        }
    }

    fn logs_and_alerts(&self, check: &mut Check, spec: &mut JobSpec) {
        spec.log_enabled = self.log_enabled;
        spec.obs_bucket = check.text("obs_bucket", &self.obs_bucket, 63, shapes::obs_bucket);
        // Each requires the other (Terraform's RequiredWith): logs need somewhere to go, and a
        // bucket without logging would be dropped unnoticed.
        let bucket_given = !self.obs_bucket.trim().is_empty();
        if self.log_enabled && !bucket_given {
            check.fail("obs_bucket", NEEDS_BUCKET);
        } else if !self.log_enabled && bucket_given {
            check.fail("obs_bucket", NEEDS_LOGS);
        }
        spec.smn_topic = check.text("smn_topic", &self.smn_topic, 255, shapes::smn_topic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{error_at, form_with, valid_form};

    const TOO_LONG_58: &str = "Use at most 57 characters (this has 58).";

    #[test]
    fn the_valid_form_parses() {
        assert!(valid_form().parse().is_ok());
    }

    #[test]
    fn a_name_of_57_chars_is_accepted() {
        let spec = form_with(|f| f.name = "n".repeat(57)).parse();
        assert_eq!(spec.map(|spec| spec.name.len()), Ok(57));
    }

    #[test]
    fn a_name_of_58_chars_is_rejected() {
        let form = form_with(|f| f.name = "n".repeat(58));
        assert_eq!(error_at(&form, "name").as_deref(), Some(TOO_LONG_58));
    }

    #[test]
    fn a_multi_byte_name_is_counted_in_characters() {
        // 30 characters in 60 bytes: the length is fine, the letters are what is refused.
        let form = form_with(|f| f.name = "é".repeat(30));
        let letters = "Use only letters A-Z and a-z, digits, _ and -.";
        assert_eq!(error_at(&form, "name").as_deref(), Some(letters));
        let form = form_with(|f| f.name = "é".repeat(58));
        assert_eq!(error_at(&form, "name").as_deref(), Some(TOO_LONG_58));
    }

    #[test]
    fn a_name_is_required_and_trimmed() {
        let blank = form_with(|f| f.name = "  ".into());
        assert_eq!(
            error_at(&blank, "name").as_deref(),
            Some("Give the job a name.")
        );
        let spaced = form_with(|f| f.name = " job_1 ".into());
        assert_eq!(spaced.parse().map(|spec| spec.name), Ok("job_1".into()));
    }

    #[test]
    fn desc_takes_512_characters_and_queue_name_128() {
        let longest = form_with(|f| (f.desc, f.queue_name) = ("d".repeat(512), "q".repeat(128)));
        assert!(longest.parse().is_ok());
        let too_long = form_with(|f| (f.desc, f.queue_name) = ("d".repeat(513), "q".repeat(129)));
        assert!(error_at(&too_long, "desc").is_some());
        assert!(error_at(&too_long, "queue_name").is_some());
    }

    #[test]
    fn the_main_jar_is_required_and_must_be_a_jar() {
        assert!(error_at(&form_with(|f| f.entrypoint.clear()), "entrypoint").is_some());
        let zip = form_with(|f| f.entrypoint = "app.zip".into());
        assert!(error_at(&zip, "entrypoint").is_some());
    }

    #[test]
    fn main_class_must_look_like_a_java_class() {
        let form = form_with(|f| f.main_class = "com example".into());
        assert!(error_at(&form, "main_class").is_some());
    }

    #[test]
    fn dependency_rows_are_checked_and_deduplicated() {
        let form = form_with(|f| {
            f.flink_version = "1.12".into();
            f.dependency_jars = vec!["a.jar".into(), String::new(), "a.jar".into()];
            f.dependency_files = vec!["myGroup/test.csv".into(), "obs://x/y".into()];
        });
        let errors = form.parse().expect_err("a repeated jar and a bad bucket");
        assert_eq!(
            errors.get("dependency_jars.2"),
            Some("Already listed in row 1.")
        );
        assert!(errors.get("dependency_files.1").is_some());
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn from_flink_1_15_on_code_must_come_from_obs() {
        let packages = form_with(|f| {
            f.entrypoint = "group/app.jar".into();
            f.dependency_jars = vec!["obs://code-bucket/lib.jar".into(), "libs/json.jar".into()];
            f.dependency_files = vec!["group/lookup.csv".into()];
        });
        for version in ["1.15", "1.17", "2.0"] {
            let form = JobForm {
                flink_version: version.into(),
                ..packages.clone()
            };
            let errors = form.parse().expect_err(version);
            for path in ["entrypoint", "dependency_jars.1", "dependency_files.0"] {
                assert!(
                    errors.get(path).is_some_and(|m| m.contains("OBS")),
                    "{version} {path}"
                );
            }
            assert_eq!(errors.len(), 3, "{version}: the OBS row is fine");
        }
        let older = JobForm {
            flink_version: "1.12".into(),
            ..packages
        };
        assert!(older.parse().is_ok(), "package names are fine before 1.15");
    }

    #[test]
    fn a_queue_is_required() {
        let form = form_with(|f| f.queue_name = "  ".into());
        assert_eq!(
            error_at(&form, "queue_name").as_deref(),
            Some("Choose the queue that runs the job.")
        );
    }

    #[test]
    fn log_enabled_and_obs_bucket_require_each_other() {
        let no_bucket = form_with(|f| f.obs_bucket.clear());
        assert_eq!(
            error_at(&no_bucket, "obs_bucket").as_deref(),
            Some(NEEDS_BUCKET)
        );
        let no_logs = form_with(|f| f.log_enabled = false);
        assert_eq!(
            error_at(&no_logs, "obs_bucket").as_deref(),
            Some(NEEDS_LOGS)
        );
        let neither = form_with(|f| (f.log_enabled, f.obs_bucket) = (false, String::new()));
        assert!(neither.parse().is_ok());
    }

    #[test]
    fn obs_bucket_follows_bucket_naming() {
        let form = form_with(|f| f.obs_bucket = "Logs".into());
        assert!(error_at(&form, "obs_bucket").is_some());
    }

    #[test]
    fn smn_topic_has_a_topic_name_shape() {
        let form = form_with(|f| f.smn_topic = "my topic".into());
        assert!(error_at(&form, "smn_topic").is_some());
    }

    #[test]
    fn free_text_fields_have_length_caps() {
        let form = form_with(|f| {
            f.entrypoint_args = "a".repeat(1025);
            f.execution_agency_urn = "a".repeat(256);
            f.checkpoint_path = "a".repeat(1025);
            f.smn_topic = "a".repeat(256);
            f.main_class = "a".repeat(256);
        });
        let errors = form.parse().expect_err("every field is too long");
        let paths: Vec<&str> = errors.in_form_order().map(|(path, _)| path).collect();
        let expected = [
            "main_class",
            "entrypoint_args",
            "checkpoint_path",
            "smn_topic",
            "execution_agency_urn",
        ];
        assert_eq!(paths, expected);
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let form = form_with(|f| {
            f.name.clear();
            f.cu_number = "1".into();
            f.tag_keys = vec!["_sys_x".into()];
        });
        let errors = form.parse().expect_err("three problems");
        let paths: Vec<&str> = errors.in_form_order().map(|(path, _)| path).collect();
        assert_eq!(paths, ["name", "cu_number", "tags.0.key"]);
    }
}

//! Test support: a filled-in valid form and shortcuts for checking one change to it.

use super::form::JobForm;

pub(crate) fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

/// A form a person could submit as is, with something in most sections.
pub(crate) fn valid_form() -> JobForm {
    JobForm {
        name: "demo_jar_job".into(),
        queue_name: "flink_queue".into(),
        entrypoint: "obs://my-bucket/jars/app.jar".into(),
        main_class: "com.example.Main".into(),
        dependency_jars: strings(&["obs://my-bucket/libs/extra.jar", ""]),
        cu_number: "4".into(),
        manager_cu_number: "1".into(),
        parallel_number: "2".into(),
        log_enabled: true,
        obs_bucket: "job-logs".into(),
        feature: "basic".into(),
        flink_version: "1.15".into(),
        tag_keys: strings(&["env", ""]),
        tag_values: strings(&["dev", ""]),
        root_logger_level: "INFO".into(),
        logger_classes: strings(&["org.apache.flink"]),
        logger_levels: strings(&["WARN"]),
        ..JobForm::default()
    }
}

/// [`valid_form`] with one change.
pub(crate) fn form_with(change: impl FnOnce(&mut JobForm)) -> JobForm {
    let mut form = valid_form();
    change(&mut form);
    form
}

/// The message `parse` gives at `path` for `form`, if any.
pub(crate) fn error_at(form: &JobForm, path: &str) -> Option<String> {
    form.parse().err()?.get(path).map(str::to_owned)
}

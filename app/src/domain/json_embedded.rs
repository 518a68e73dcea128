//! The two fields DLI takes as JSON inside a string, read for the JSON API from that string
//! or (friendlier for automation) from plain JSON: runtime_config and flink_log_config.

use super::errors::FieldErrors;
use super::form::JobForm;
use super::json_fields::{fail, members, rows, string};
use super::row_lists::{LOGGER_LEVELS, RUNTIME_OPTIONS};
use super::wire::FlinkLogConfig;
use serde_json::Value;

const EMBEDDED: &str =
    "Send a JSON array of {\"key\", \"value\"} objects, or DLI's string holding one.";

/// DLI's JSON string of option rows, or (friendlier for automation) the array itself.
pub(crate) fn runtime_config(
    errors: &mut FieldErrors,
    path: &str,
    value: &Value,
) -> (Vec<String>, Vec<String>) {
    match value {
        Value::String(text) if text.trim().is_empty() => Default::default(),
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(decoded @ Value::Array(_)) => rows(errors, RUNTIME_OPTIONS, &decoded),
            _ => fail(errors, path, EMBEDDED),
        },
        Value::Array(_) => rows(errors, RUNTIME_OPTIONS, value),
        _ => fail(errors, path, EMBEDDED),
    }
}

/// DLI's JSON string, or the object itself.
pub(crate) fn flink_log_config(
    errors: &mut FieldErrors,
    path: &str,
    value: &Value,
    form: &mut JobForm,
) {
    let (config, mut written_order) = match value {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(decoded) => (decoded, logger_order(text)),
            Err(_) => {
                return errors.insert(path, "Send a JSON object, or DLI's string holding one.");
            }
        },
        _ => (value.clone(), None),
    };
    members(errors, path, &config, |errors, key, path, value| {
        match key {
            "root_logger_level" => form.root_logger_level = string(errors, path, value),
            "loggers_level_of_class" => {
                let Some(loggers) = value.as_object() else {
                    errors.insert(path, "Send an object of logger name to level.");
                    return true;
                };
                let classes = written_order
                    .take()
                    .unwrap_or_else(|| loggers.keys().cloned().collect());
                for (index, class) in classes.into_iter().enumerate() {
                    let level_path =
                        format!("{}.{index}.{}", LOGGER_LEVELS.list, LOGGER_LEVELS.pair()[1]);
                    let level = loggers.get(&class).unwrap_or(&Value::Null);
                    form.logger_levels.push(string(errors, &level_path, level));
                    form.logger_classes.push(class);
                }
            }
            _ => return false,
        }
        true
    });
}

/// `serde_json::Value` sorts object keys, but the order of loggers is the person's. A config
/// in exactly DLI's form (what the portal stores) is read again in its written order; anything
/// else keeps the sorted order.
fn logger_order(text: &str) -> Option<Vec<String>> {
    let config = serde_json::from_str::<FlinkLogConfig>(text).ok()?;
    Some(
        config
            .loggers_level_of_class
            .0
            .into_iter()
            .map(|(class, _)| class)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(value: Value) -> (Vec<String>, Vec<String>, FieldErrors) {
        let mut errors = FieldErrors::default();
        let (keys, values) = runtime_config(&mut errors, "runtime_config", &value);
        (keys, values, errors)
    }

    fn log_config(value: Value) -> (JobForm, FieldErrors) {
        let (mut form, mut errors) = (JobForm::default(), FieldErrors::default());
        flink_log_config(&mut errors, "flink_log_config", &value, &mut form);
        (form, errors)
    }

    #[test]
    fn runtime_config_is_read_from_dli_string_or_from_an_array() {
        let expected = (
            vec!["a.b".to_owned()],
            vec!["1".to_owned()],
            FieldErrors::default(),
        );
        assert_eq!(options(json!(r#"[{"key":"a.b","value":"1"}]"#)), expected);
        assert_eq!(options(json!([{"key": "a.b", "value": "1"}])), expected);
        assert_eq!(options(json!("")), (vec![], vec![], FieldErrors::default()));
    }

    #[test]
    fn runtime_config_in_another_shape_is_reported() {
        for value in [json!("a.b=1"), json!(r#"{"a.b":"1"}"#), json!(3)] {
            let (_, _, errors) = options(value);
            assert_eq!(errors.get("runtime_config"), Some(EMBEDDED));
        }
    }

    #[test]
    fn flink_log_config_from_dli_string_keeps_the_written_logger_order() {
        let text = r#"{"root_logger_level":"INFO","loggers_level_of_class":{"org.b":"WARN","org.a":"DEBUG"}}"#;
        let (form, errors) = log_config(json!(text));
        assert!(errors.is_empty());
        assert_eq!(form.root_logger_level, "INFO");
        assert_eq!(form.logger_classes, ["org.b", "org.a"]);
        assert_eq!(form.logger_levels, ["WARN", "DEBUG"]);
    }

    #[test]
    fn flink_log_config_is_also_read_from_an_object() {
        let (form, errors) = log_config(json!({"loggers_level_of_class": {"org.a": "warn"}}));
        assert!(errors.is_empty());
        assert_eq!(
            (form.logger_classes, form.logger_levels),
            (vec!["org.a".to_owned()], vec!["warn".to_owned()])
        );
    }

    #[test]
    fn flink_log_config_in_another_shape_is_reported() {
        let (_, errors) = log_config(json!("INFO"));
        assert!(errors.get("flink_log_config").is_some());
        let (_, errors) = log_config(json!({"loggers_level_of_class": ["org"]}));
        assert!(
            errors
                .get("flink_log_config.loggers_level_of_class")
                .is_some()
        );
        let (_, errors) = log_config(json!({"loggers_level_of_class": {"org": 3}}));
        assert_eq!(
            errors.get("flink_log_config.0.level"),
            Some("Send a string.")
        );
    }
}

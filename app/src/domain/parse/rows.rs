//! What the key/value row editors share (blank rows ignored, errors at the row's index as
//! posted, a repeated key refused), and the runtime-option and per-logger-level editors.

use super::check::{Check, Seen, any_text};
use super::shapes;
use crate::domain::row_lists::{LOGGER_LEVELS, RUNTIME_OPTIONS, RowList};
use crate::domain::wire::{KeyValue, LogLevel};

pub(crate) const CHOOSE_LEVEL: &str = "Choose TRACE, DEBUG, INFO, WARN or ERROR.";

pub(crate) struct Row<'a> {
    pub index: usize,
    pub key: &'a str,
    pub value: &'a str,
}

/// Pairs up the two posted columns (a short column reads as blank cells) and skips blank rows.
pub(crate) fn rows<'a>(keys: &'a [String], values: &'a [String]) -> impl Iterator<Item = Row<'a>> {
    (0..keys.len().max(values.len())).filter_map(move |index| {
        let key = keys.get(index).map_or("", String::as_str);
        let value = values.get(index).map_or("", String::as_str);
        let blank = key.trim().is_empty() && value.trim().is_empty();
        (!blank).then_some(Row { index, key, value })
    })
}

/// Reads each non-blank row with `read(check, row, key_path, value_path)`, which reports its
/// own cell errors and gives back the key and value that passed; a key already seen in an
/// earlier row is reported as "`repeated` row N.".
pub(crate) fn unique_rows<V>(
    check: &mut Check,
    editor: RowList,
    (keys, values): (&[String], &[String]),
    repeated: &str,
    mut read: impl FnMut(&mut Check, &Row, &str, &str) -> (Option<String>, Option<V>),
) -> Vec<(String, V)> {
    let (mut accepted, mut seen) = (Vec::new(), Seen::default());
    for row in rows(keys, values) {
        let [key_column, value_column] = editor.pair();
        let key_path = format!("{}.{}.{key_column}", editor.list, row.index);
        let value_path = format!("{}.{}.{value_column}", editor.list, row.index);
        let (key, value) = read(check, &row, &key_path, &value_path);
        let Some(key) = key else { continue };
        if let Some(earlier) = seen.earlier_row(row.index, &key) {
            check.fail(key_path, format!("{repeated} row {}.", earlier + 1));
        } else if let Some(value) = value {
            accepted.push((key, value));
        }
    }
    accepted
}

/// Flink runtime options: unique, non-empty keys, and a value for each (Flink has no option
/// that is set by its key alone).
pub(crate) fn runtime_options(
    check: &mut Check,
    keys: &[String],
    values: &[String],
) -> Vec<KeyValue> {
    let repeated = "This option is already set in";
    let options = unique_rows(
        check,
        RUNTIME_OPTIONS,
        (keys, values),
        repeated,
        |check, row, key_path, value_path| {
            let key =
                check.required_text(key_path, row.key, 255, option_key, "Give the option's key.");
            let missing = "Give the option a value.";
            (
                key,
                check.required_text(value_path, row.value, 4096, any_text, missing),
            )
        },
    );
    options.into_iter().map(KeyValue::from).collect()
}

fn option_key(key: &str) -> Result<(), &'static str> {
    if key.chars().any(char::is_whitespace) {
        Err("Use an option key without spaces, such as state.backend.")
    } else {
        Ok(())
    }
}

/// Per-logger levels: each row names a logger and a level, and a logger appears once.
pub(crate) fn logger_levels(
    check: &mut Check,
    classes: &[String],
    levels: &[String],
) -> Vec<(String, LogLevel)> {
    let repeated = "This logger already has a level in";
    unique_rows(
        check,
        LOGGER_LEVELS,
        (classes, levels),
        repeated,
        |check, row, class_path, level_path| {
            let missing = "Name the logger, e.g. org.apache.flink.";
            let class = check.required_text(class_path, row.key, 255, shapes::logger_name, missing);
            if row.value.trim().is_empty() {
                check.fail(level_path, "Choose a level for this logger.");
            }
            (class, check.choice(level_path, row.value, CHOOSE_LEVEL))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::strings;

    #[test]
    fn columns_of_different_lengths_pair_up_with_blank_cells() {
        let (keys, values) = (strings(&["a", "", "c"]), strings(&["1"]));
        let pairs: Vec<(usize, &str, &str)> = rows(&keys, &values)
            .map(|row| (row.index, row.key, row.value))
            .collect();
        assert_eq!(pairs, [(0, "a", "1"), (2, "c", "")]);
    }

    #[test]
    fn runtime_options_need_unique_keys_and_a_value() {
        let mut check = Check::default();
        let keys = strings(&["a.b", "", "a.b", "c d", "e"]);
        let values = strings(&["1", "2", "3", "4", ""]);
        let options = runtime_options(&mut check, &keys, &values);
        assert_eq!(
            options,
            [KeyValue {
                key: "a.b".into(),
                value: "1".into()
            }]
        );
        let errors = &check.errors;
        assert_eq!(
            errors.get("runtime_config.1.key"),
            Some("Give the option's key.")
        );
        assert_eq!(
            errors.get("runtime_config.2.key"),
            Some("This option is already set in row 1.")
        );
        assert!(errors.get("runtime_config.3.key").is_some());
        assert_eq!(
            errors.get("runtime_config.4.value"),
            Some("Give the option a value.")
        );
    }

    #[test]
    fn logger_rows_need_a_logger_name_and_a_known_level_once_each() {
        let mut check = Check::default();
        let classes = strings(&[
            "org.apache.flink",
            "",
            "org.apache.flink",
            "com.x",
            "bad name",
        ]);
        let levels = strings(&["warn", "INFO", "DEBUG", "LOUD", "INFO"]);
        let loggers = logger_levels(&mut check, &classes, &levels);
        assert_eq!(loggers, [("org.apache.flink".to_owned(), LogLevel::Warn)]);
        let errors = &check.errors;
        assert!(errors.get("flink_log_config.1.class").is_some());
        let repeated = "This logger already has a level in row 1.";
        assert_eq!(errors.get("flink_log_config.2.class"), Some(repeated));
        assert_eq!(errors.get("flink_log_config.3.level"), Some(CHOOSE_LEVEL));
        assert!(errors.get("flink_log_config.4.class").is_some());
    }

    #[test]
    fn a_logger_without_a_level_is_reported_on_the_level() {
        let mut check = Check::default();
        logger_levels(&mut check, &strings(&["org.apache"]), &[]);
        let message = check.errors.get("flink_log_config.0.level");
        assert_eq!(message, Some("Choose a level for this logger."));
    }
}

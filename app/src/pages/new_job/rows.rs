//! The job form's row lists, named as DLI names the fields. The page renders them and the
//! server uses them to add or remove a row for a browser without JavaScript.

use crate::components::rows_editor::{Column, RowList};
use crate::domain::fields::split_row_path;
use crate::lens;

const LOG_LEVELS: &[(&str, &str)] = &[
    ("", "Choose a level"),
    ("TRACE", "TRACE"),
    ("DEBUG", "DEBUG"),
    ("INFO", "INFO"),
    ("WARN", "WARN"),
    ("ERROR", "ERROR"),
];

pub const DEPENDENCY_JARS: RowList = RowList {
    list: "dependency_jars",
    columns: &[Column {
        name: "dependency_jars",
        lens: lens!(dependency_jars),
        choices: &[],
    }],
    noun: "JAR",
};

pub const DEPENDENCY_FILES: RowList = RowList {
    list: "dependency_files",
    columns: &[Column {
        name: "dependency_files",
        lens: lens!(dependency_files),
        choices: &[],
    }],
    noun: "file",
};

pub const RUNTIME_OPTIONS: RowList = RowList {
    list: "runtime_config",
    columns: &[
        Column {
            name: "runtime_config.key",
            lens: lens!(runtime_config_keys),
            choices: &[],
        },
        Column {
            name: "runtime_config.value",
            lens: lens!(runtime_config_values),
            choices: &[],
        },
    ],
    noun: "option",
};

pub const LOGGER_LEVELS: RowList = RowList {
    list: "flink_log_config",
    columns: &[
        Column {
            name: "flink_log_config.class",
            lens: lens!(logger_classes),
            choices: &[],
        },
        Column {
            name: "flink_log_config.level",
            lens: lens!(logger_levels),
            choices: LOG_LEVELS,
        },
    ],
    noun: "logger",
};

pub const TAGS: RowList = RowList {
    list: "tags",
    columns: &[
        Column {
            name: "tags.key",
            lens: lens!(tag_keys),
            choices: &[],
        },
        Column {
            name: "tags.value",
            lens: lens!(tag_values),
            choices: &[],
        },
    ],
    noun: "tag",
};

pub const ALL: [RowList; 5] = [
    DEPENDENCY_JARS,
    DEPENDENCY_FILES,
    RUNTIME_OPTIONS,
    LOGGER_LEVELS,
    TAGS,
];

/// The row list an `_add` / `_remove` button names (`tags`, `tags.3`), with the row if given.
pub fn find(button_value: &str) -> Option<(RowList, Option<usize>)> {
    let (list, row) = match split_row_path(button_value) {
        Some((list, row, "")) => (list, Some(row)),
        _ => (button_value, None),
    };
    ALL.into_iter()
        .find(|rows| rows.list == list)
        .map(|rows| (rows, row))
}

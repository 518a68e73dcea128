//! Looking up a form field's label and help (the table is in `field_table`), the form's groups,
//! and reading error paths such as `tags.3.key` back into their list, row and column.

pub use super::field_table::{FIELDS, FieldInfo};

/// The form's groups in order, each with the fields (or lists of rows) it holds: the form draws
/// its sections by them, and the job page summarises a job's settings by them.
pub const FORM_GROUPS: [(&str, &[&str]); 6] = [
    ("The job", &["name", "desc", "queue_name"]),
    (
        "The code",
        &[
            "entrypoint",
            "main_class",
            "entrypoint_args",
            "dependency_jars",
            "dependency_files",
        ],
    ),
    (
        "Resources",
        &[
            "cu_number",
            "manager_cu_number",
            "parallel_number",
            "tm_cus",
            "tm_slot_num",
        ],
    ),
    (
        "Fault tolerance",
        &[
            "restart_when_exception",
            "resume_checkpoint",
            "resume_max_num",
            "checkpoint_enabled",
            "checkpoint_mode",
            "checkpoint_interval",
            "checkpoint_path",
        ],
    ),
    (
        "Logs and alerts",
        &["log_enabled", "obs_bucket", "smn_topic"],
    ),
    (
        "Advanced",
        &[
            "feature",
            "flink_version",
            "image",
            "runtime_config",
            "flink_log_config",
            "execution_agency_urn",
            "resource_config_version",
            "resource_config",
            "tags",
        ],
    ),
];

/// The fields of the group titled `title` (none for a title the form does not have).
pub fn form_group(title: &str) -> &'static [&'static str] {
    FORM_GROUPS
        .iter()
        .find(|(group, _)| *group == title)
        .map_or(&[], |(_, names)| names)
}

/// Whether `path` is one of `names`, or a row or column of one of those lists.
pub fn is_under(path: &str, names: &[&str]) -> bool {
    names.iter().any(|name| {
        path.strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    })
}

/// The table entry for an HTML input name, such as `cu_number` or `tags.key`.
pub fn field(name: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|info| info.name == name)
}

/// The table entry for an error path: `tags.3.key` gives `tags.key`, `dependency_jars.2` gives
/// `dependency_jars`, and a list-wide `tags` gives the list's legend.
pub fn field_for_path(path: &str) -> Option<&'static FieldInfo> {
    match split_row_path(path) {
        Some((list, _, "")) => field(list),
        Some((list, _, column)) => FIELDS.iter().find(|info| {
            info.name
                .strip_prefix(list)
                .and_then(|rest| rest.strip_prefix('.'))
                == Some(column)
        }),
        None => field(path),
    }
}

/// Splits `list.row.column` (or `list.row`) at its row index; `None` for a path without one.
pub(crate) fn split_row_path(path: &str) -> Option<(&str, usize, &str)> {
    let mut offset = 0;
    for segment in path.split('.') {
        if offset > 0
            && let Ok(row) = segment.parse::<usize>()
        {
            let column = path.get(offset + segment.len() + 1..).unwrap_or("");
            return Some((&path[..offset - 1], row, column));
        }
        offset += segment.len() + 1;
    }
    None
}

pub(crate) fn position(name: &str) -> Option<usize> {
    FIELDS.iter().position(|info| info.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::JobForm;

    #[test]
    fn every_form_input_has_a_label_and_help() {
        let posted = serde_json::to_value(JobForm::default()).expect("a form serialises");
        let names = posted.as_object().expect("a form is an object").keys();
        for name in names {
            assert!(field(name).is_some(), "{name} has no entry in FIELDS");
        }
    }

    #[test]
    fn every_help_text_is_one_line_sentence() {
        for info in FIELDS {
            assert!(!info.help.contains('\n'), "{}", info.name);
            assert!(info.help.ends_with('.'), "{}", info.name);
            assert!(!info.label.is_empty(), "{}", info.name);
        }
    }

    #[test]
    fn field_names_are_unique() {
        for (index, info) in FIELDS.iter().enumerate() {
            assert_eq!(
                position(info.name),
                Some(index),
                "{} appears twice",
                info.name
            );
        }
    }

    #[test]
    fn every_row_editor_has_a_legend_and_both_columns() {
        for rows in crate::domain::row_lists::ALL {
            assert!(field(rows.list).is_some());
            for column in rows.columns {
                assert!(field(column.name).is_some(), "{}", column.name);
            }
        }
    }

    #[test]
    fn an_error_path_finds_the_input_it_belongs_to() {
        assert_eq!(
            field_for_path("tags.3.key").map(|f| f.name),
            Some("tags.key")
        );
        assert_eq!(
            field_for_path("dependency_jars.2").map(|f| f.name),
            Some("dependency_jars")
        );
        assert_eq!(field_for_path("tags").map(|f| f.name), Some("tags"));
        assert_eq!(
            field_for_path("flink_log_config.1.level").map(|f| f.name),
            Some("flink_log_config.level")
        );
        assert_eq!(
            field_for_path("resource_config.max_slot").map(|f| f.name),
            Some("resource_config.max_slot")
        );
        assert_eq!(field_for_path("no_such_field"), None);
    }

    #[test]
    fn a_row_path_splits_at_its_index() {
        assert_eq!(split_row_path("tags.12.value"), Some(("tags", 12, "value")));
        assert_eq!(
            split_row_path("dependency_jars.0"),
            Some(("dependency_jars", 0, ""))
        );
        assert_eq!(split_row_path("resource_config.max_slot"), None);
    }
}

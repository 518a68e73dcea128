//! The form's lists of rows (dependency JARs and files, Flink options, logger levels, tags),
//! declared once: their names, columns and the `JobForm` fields behind them. The page renders
//! them, the rules and the JSON reader name their cells by them, and the server adds or removes
//! a row with them for a browser without JavaScript.

use super::fields::split_row_path;
use super::form::JobForm;

/// A field of `JobForm`, readable and writable; made with [`lens!`](crate::lens).
pub struct Lens<T: 'static> {
    pub get: fn(&JobForm) -> &T,
    pub get_mut: fn(&mut JobForm) -> &mut T,
}

impl<T> Clone for Lens<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Lens<T> {}

/// `lens!(cu_number)`: the [`Lens`] of one `JobForm` field.
#[macro_export]
macro_rules! lens {
    ($field:ident) => {
        $crate::domain::Lens {
            get: |form| &form.$field,
            get_mut: |form| &mut form.$field,
        }
    };
}

/// One column of a row list: its input name (the list's own name for a one-column list) and,
/// for a fixed set of values, the choices of a select.
#[derive(Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub lens: Lens<Vec<String>>,
    pub choices: &'static [(&'static str, &'static str)],
}

/// A list of rows, named as DLI names the field ("tags", "dependency_jars").
#[derive(Clone, Copy)]
pub struct RowList {
    pub list: &'static str,
    pub columns: &'static [Column],
    /// What one row is, for button labels: "JAR", "tag".
    pub noun: &'static str,
}

impl RowList {
    /// A column's name within its row (`key` of `tags.key`); empty for a one-column list.
    pub fn cell_name(&self, column: &Column) -> &'static str {
        column
            .name
            .strip_prefix(self.list)
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or("")
    }

    /// The cell names of a key/value list, such as `["key", "value"]`.
    pub(crate) fn pair(&self) -> [&'static str; 2] {
        [
            self.cell_name(&self.columns[0]),
            self.cell_name(&self.columns[1]),
        ]
    }

    /// The error path of a cell: `dependency_jars.2` or `tags.0.key`.
    pub fn path(&self, row: usize, column: &Column) -> String {
        match self.cell_name(column) {
            "" => format!("{}.{row}", self.list),
            cell => format!("{}.{row}.{cell}", self.list),
        }
    }

    /// Rows shown: at least one, so there is always an empty row to type into.
    pub fn rows(&self, form: &JobForm) -> usize {
        self.columns
            .iter()
            .map(|column| (column.lens.get)(form).len())
            .max()
            .unwrap_or(0)
            .max(1)
    }

    pub fn add_row(&self, form: &mut JobForm) {
        let rows = self.rows(form) + 1;
        for column in self.columns {
            (column.lens.get_mut)(form).resize(rows, String::new());
        }
    }

    pub fn remove_row(&self, form: &mut JobForm, row: usize) {
        for column in self.columns {
            let cells = (column.lens.get_mut)(form);
            if row < cells.len() {
                cells.remove(row);
            }
        }
    }

    /// The list an `_add` / `_remove` button names (`tags`, `tags.3`), with the row if given.
    pub fn for_button(button_value: &str) -> Option<(RowList, Option<usize>)> {
        let (list, row) = match split_row_path(button_value) {
            Some((list, row, "")) => (list, Some(row)),
            _ => (button_value, None),
        };
        ALL.into_iter()
            .find(|rows| rows.list == list)
            .map(|rows| (rows, row))
    }
}

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
        lens: crate::lens!(dependency_jars),
        choices: &[],
    }],
    noun: "JAR",
};

pub const DEPENDENCY_FILES: RowList = RowList {
    list: "dependency_files",
    columns: &[Column {
        name: "dependency_files",
        lens: crate::lens!(dependency_files),
        choices: &[],
    }],
    noun: "file",
};

pub const RUNTIME_OPTIONS: RowList = RowList {
    list: "runtime_config",
    columns: &[
        Column {
            name: "runtime_config.key",
            lens: crate::lens!(runtime_config_keys),
            choices: &[],
        },
        Column {
            name: "runtime_config.value",
            lens: crate::lens!(runtime_config_values),
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
            lens: crate::lens!(logger_classes),
            choices: &[],
        },
        Column {
            name: "flink_log_config.level",
            lens: crate::lens!(logger_levels),
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
            lens: crate::lens!(tag_keys),
            choices: &[],
        },
        Column {
            name: "tags.value",
            lens: crate::lens!(tag_values),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::strings;

    fn tags(form: &JobForm) -> (Vec<String>, Vec<String>) {
        (form.tag_keys.clone(), form.tag_values.clone())
    }

    #[test]
    fn adding_a_row_grows_every_column_and_removing_one_takes_it_from_every_column() {
        let mut form = JobForm {
            tag_keys: vec!["a".into(), "b".into()],
            tag_values: vec!["1".into()],
            ..JobForm::default()
        };
        TAGS.add_row(&mut form);
        assert_eq!(
            tags(&form),
            (strings(&["a", "b", ""]), strings(&["1", "", ""]))
        );
        TAGS.remove_row(&mut form, 0);
        assert_eq!(tags(&form), (strings(&["b", ""]), strings(&["", ""])));
        TAGS.remove_row(&mut form, 7);
        assert_eq!(tags(&form).0.len(), 2, "a row beyond the list is ignored");
    }

    #[test]
    fn an_empty_list_shows_one_row_to_type_into() {
        let form = JobForm::default();
        assert_eq!(DEPENDENCY_JARS.rows(&form), 1);
    }

    #[test]
    fn cells_are_named_by_path_and_buttons_find_their_list() {
        assert_eq!(TAGS.path(3, &TAGS.columns[0]), "tags.3.key");
        assert_eq!(
            DEPENDENCY_FILES.path(2, &DEPENDENCY_FILES.columns[0]),
            "dependency_files.2"
        );
        assert_eq!(LOGGER_LEVELS.pair(), ["class", "level"]);
        let (list, row) = RowList::for_button("runtime_config.4").expect("a remove button");
        assert_eq!((list.list, row), ("runtime_config", Some(4)));
        let (list, row) = RowList::for_button("tags").expect("an add button");
        assert_eq!((list.list, row), ("tags", None));
        assert!(RowList::for_button("nothing").is_none());
    }
}

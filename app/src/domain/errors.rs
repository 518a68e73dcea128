//! `FieldErrors`: one user-facing message per field path, kept in form order, serialised as the
//! JSON object `{path: message}` that the page and the REST API (422) both show.

use super::fields;
use super::row_lists;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Everything wrong with a posted form. Paths are the serde names of the inputs (`cu_number`,
/// `resource_config.max_slot`), `<list>.<row>` for list rows (`dependency_jars.2`),
/// `<list>.<row>.<column>` for key/value rows (`tags.0.key`) and `<list>` for list-wide problems.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    path: String,
    message: String,
}

/// (position of the input in `FIELDS`, row + 1 or 0, column + 1 or 0).
type FormOrder = (usize, usize, usize);

impl FieldErrors {
    /// Records `message` for `path` unless the path already has one: the first problem found
    /// is the first one a person needs to fix.
    pub fn insert(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let path = path.into();
        if self.get(&path).is_some() {
            return;
        }
        let order = form_order(&path);
        let at = self.entries.partition_point(|entry| {
            (form_order(&entry.path), entry.path.as_str()) < (order, path.as_str())
        });
        self.entries.insert(
            at,
            Entry {
                path,
                message: message.into(),
            },
        );
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|entry| entry.path == path)
            .map(|entry| entry.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `(path, message)` pairs in the order the inputs appear on the form.
    pub fn in_form_order(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|entry| (entry.path.as_str(), entry.message.as_str()))
    }
}

/// The HTML id of the input for an error path, so that an error summary can link to it:
/// `tags.0.key` becomes `field-tags-0-key`.
pub fn field_id(path: &str) -> String {
    format!("field-{}", path.replace('.', "-"))
}

fn form_order(path: &str) -> FormOrder {
    let Some((list, row, column)) = fields::split_row_path(path) else {
        return (fields::position(path).unwrap_or(usize::MAX), 0, 0);
    };
    let rows = row_lists::ALL.into_iter().find(|rows| rows.list == list);
    let Some(rows) = rows else {
        return (fields::position(list).unwrap_or(usize::MAX), row + 1, 0);
    };
    // A row's cells sort together, under the first column's place in the form.
    let column_order = rows
        .columns
        .iter()
        .position(|cell| !column.is_empty() && rows.cell_name(cell) == column)
        .map_or(0, |c| c + 1);
    (
        fields::position(rows.columns[0].name).unwrap_or(usize::MAX),
        row + 1,
        column_order,
    )
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, (path, message)) in self.in_form_order().enumerate() {
            let separator = if index == 0 { "" } else { "; " };
            write!(f, "{separator}{path}: {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.in_form_order())
    }
}

/// Read in the order written, which is form order: only the portal writes these (`Serialize`).
/// Sorting here would link the form's field table into every wasm that reads an `AppError`.
impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(InOrder)
    }
}

struct InOrder;

impl<'de> Visitor<'de> for InOrder {
    type Value = FieldErrors;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object of field path to message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldErrors, A::Error> {
        let mut entries: Vec<Entry> = Vec::new();
        while let Some((path, message)) = map.next_entry::<String, String>()? {
            if !entries.iter().any(|entry| entry.path == path) {
                entries.push(Entry { path, message });
            }
        }
        Ok(FieldErrors { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_message_for_a_path_is_kept() {
        let mut errors = FieldErrors::default();
        errors.insert("name", "first");
        errors.insert("name", "second");
        assert_eq!(errors.get("name"), Some("first"));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn errors_come_out_in_form_order_whatever_the_order_found() {
        let mut errors = FieldErrors::default();
        for path in [
            "tags.1.key",
            "flink_log_config.0.class",
            "tags.0.value",
            "cu_number",
            "tags",
            "flink_log_config.root_logger_level",
            "tags.0.key",
            "dependency_jars.10",
            "dependency_jars.2",
            "name",
        ] {
            errors.insert(path, "problem");
        }
        let paths: Vec<&str> = errors.in_form_order().map(|(path, _)| path).collect();
        assert_eq!(
            paths,
            [
                "name",
                "dependency_jars.2",
                "dependency_jars.10",
                "cu_number",
                "flink_log_config.root_logger_level",
                "flink_log_config.0.class",
                "tags",
                "tags.0.key",
                "tags.0.value",
                "tags.1.key",
            ]
        );
    }

    #[test]
    fn unknown_paths_go_last() {
        let mut errors = FieldErrors::default();
        errors.insert("colour", "Unknown field.");
        errors.insert("tags.0.key", "problem");
        let paths: Vec<&str> = errors.in_form_order().map(|(path, _)| path).collect();
        assert_eq!(paths, ["tags.0.key", "colour"]);
    }

    #[test]
    fn errors_serialise_as_a_json_object_in_form_order_and_back() {
        let mut errors = FieldErrors::default();
        errors.insert("tags.0.key", "Give the tag a key.");
        errors.insert("name", "Give the job a name.");
        let json = serde_json::to_string(&errors).expect("errors serialise");
        assert_eq!(
            json,
            r#"{"name":"Give the job a name.","tags.0.key":"Give the tag a key."}"#
        );
        let back: FieldErrors = serde_json::from_str(&json).expect("errors deserialise");
        assert_eq!(back, errors);
        let repeated: FieldErrors =
            serde_json::from_str(r#"{"name":"a","name":"b"}"#).expect("a repeated path reads");
        assert_eq!(repeated.get("name"), Some("a"));
        assert_eq!(repeated.len(), 1);
    }

    #[test]
    fn display_lists_each_path_with_its_message() {
        let mut errors = FieldErrors::default();
        errors.insert("desc", "Too long.");
        errors.insert("name", "Missing.");
        assert_eq!(errors.to_string(), "name: Missing.; desc: Too long.");
    }

    #[test]
    fn field_ids_replace_dots_with_dashes() {
        assert_eq!(field_id("name"), "field-name");
        assert_eq!(field_id("tags.0.key"), "field-tags-0-key");
        assert_eq!(
            field_id("resource_config.jobmanager_resource_spec.cpu"),
            "field-resource_config-jobmanager_resource_spec-cpu"
        );
    }
}

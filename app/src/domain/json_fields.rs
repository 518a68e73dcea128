//! Reading a JSON request's members into form strings, with a per-field error for each wrong
//! JSON type and each unknown name, so that a typo in automation is never silently ignored.

use super::errors::FieldErrors;
use super::row_lists::RowList;
use serde_json::Value;

const UNKNOWN: &str = "Unknown field: DLI's create request has no field of this name.";

/// Calls `read(errors, key, path, value)` for each non-null member of the object at `path`
/// ("" for the request itself); a member `read` does not know (returns false) is reported.
pub(crate) fn members(
    errors: &mut FieldErrors,
    path: &str,
    value: &Value,
    mut read: impl FnMut(&mut FieldErrors, &str, &str, &Value) -> bool,
) {
    let Some(object) = value.as_object() else {
        errors.insert(
            if path.is_empty() { "request" } else { path },
            "Send a JSON object.",
        );
        return;
    };
    for (key, member) in object.iter().filter(|(_, member)| !member.is_null()) {
        let member_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if !read(errors, key, &member_path, member) {
            errors.insert(member_path, UNKNOWN);
        }
    }
}

pub(crate) fn string(errors: &mut FieldErrors, path: &str, value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        _ => fail(errors, path, "Send a string."),
    }
}

/// Numbers keep their JSON spelling, so `1.5` reaches `parse` and gets its range message.
pub(crate) fn number(errors: &mut FieldErrors, path: &str, value: &Value) -> String {
    match value {
        Value::Number(number) => number.to_string(),
        _ => fail(errors, path, "Send a number."),
    }
}

pub(crate) fn flag(errors: &mut FieldErrors, path: &str, value: &Value) -> bool {
    value.as_bool().unwrap_or_else(|| {
        errors.insert(path, "Send true or false.");
        false
    })
}

pub(crate) fn fail<T: Default>(errors: &mut FieldErrors, path: &str, message: &str) -> T {
    errors.insert(path, message);
    T::default()
}

fn array<'v>(errors: &mut FieldErrors, path: &str, value: &'v Value) -> &'v [Value] {
    match value {
        Value::Array(items) => items,
        _ => fail(errors, path, "Send an array."),
    }
}

pub(crate) fn strings(errors: &mut FieldErrors, path: &str, value: &Value) -> Vec<String> {
    let items = array(errors, path, value).iter().enumerate();
    items
        .map(|(index, item)| string(errors, &format!("{path}.{index}"), item))
        .collect()
}

/// `[{"key": .., "value": ..}]` into the two columns of a row editor.
pub(crate) fn rows(
    errors: &mut FieldErrors,
    editor: RowList,
    value: &Value,
) -> (Vec<String>, Vec<String>) {
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    for (index, item) in array(errors, editor.list, value).iter().enumerate() {
        let (mut key, mut text) = (String::new(), String::new());
        members(
            errors,
            &format!("{}.{index}", editor.list),
            item,
            |errors, name, path, value| {
                match name {
                    "key" => key = string(errors, path, value),
                    "value" => text = string(errors, path, value),
                    _ => return false,
                }
                true
            },
        );
        keys.push(key);
        values.push(text);
    }
    (keys, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::row_lists::TAGS;
    use serde_json::json;

    #[test]
    fn members_reports_names_the_reader_does_not_know_and_skips_nulls() {
        let mut errors = FieldErrors::default();
        let mut seen = Vec::new();
        members(
            &mut errors,
            "outer",
            &json!({"a": 1, "b": null, "c": 2}),
            |_, key, path, _| {
                seen.push(path.to_owned());
                key == "a"
            },
        );
        assert_eq!(seen, ["outer.a", "outer.c"]);
        assert_eq!(errors.get("outer.c"), Some(UNKNOWN));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn scalars_of_the_wrong_type_are_reported_and_read_as_empty() {
        let mut errors = FieldErrors::default();
        assert_eq!(string(&mut errors, "s", &json!(1)), "");
        assert_eq!(number(&mut errors, "n", &json!("1")), "");
        assert!(!flag(&mut errors, "f", &json!("true")));
        assert_eq!(errors.len(), 3);
        assert_eq!(number(&mut errors, "ok", &json!(-1)), "-1");
        assert!(flag(&mut errors, "ok", &json!(true)));
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn key_value_rows_keep_their_index_and_fill_missing_halves_with_blanks() {
        let mut errors = FieldErrors::default();
        let (keys, values) = rows(
            &mut errors,
            TAGS,
            &json!([{"key": "a"}, {"value": "b"}, "x"]),
        );
        assert_eq!(keys, ["a", "", ""]);
        assert_eq!(values, ["", "b", ""]);
        assert_eq!(errors.get("tags.2"), Some("Send a JSON object."));
    }
}

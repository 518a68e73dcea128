//! Tags, by the strictest reading of the sources (docs/dli-api.md §1): at most 20 with unique keys,
//! keys of 1-36 and values of 1-43 characters, no surrounding spaces, no `_sys_` keys.

use super::check::Check;
use super::rows::{rows, unique_rows};
use crate::domain::limits::MAX_TAGS;
use crate::domain::row_lists::TAGS;
use crate::domain::wire::KeyValue;

const RESERVED_PREFIX: &str = "_sys_";

pub(crate) fn tags(check: &mut Check, keys: &[String], values: &[String]) -> Vec<KeyValue> {
    let count = rows(keys, values).count();
    if count > MAX_TAGS {
        check.fail(
            TAGS.list,
            format!("Use at most {MAX_TAGS} tags (there are {count})."),
        );
    }
    let repeated = "This key is already used in";
    let tags = unique_rows(
        check,
        TAGS,
        (keys, values),
        repeated,
        |check, row, key_path, value_path| {
            let key = tag_text(check, key_path, row.key, 36, "Give the tag a key.");
            let value = tag_text(check, value_path, row.value, 43, "Give the tag a value.");
            if key
                .as_deref()
                .is_some_and(|key| key.starts_with(RESERVED_PREFIX))
            {
                check.fail(
                    key_path,
                    "Keys starting with _sys_ are reserved for the system.",
                );
                return (None, value);
            }
            (key, value)
        },
    );
    tags.into_iter().map(KeyValue::from).collect()
}

/// Checked as typed, not trimmed: DLI refuses surrounding spaces, and saying so beats
/// silently changing a label the person may rely on elsewhere.
fn tag_text(
    check: &mut Check,
    path: &str,
    raw: &str,
    max: usize,
    missing: &'static str,
) -> Option<String> {
    if raw.is_empty() {
        check.fail(path, missing);
        return None;
    }
    if raw.trim() != raw {
        check.fail(path, "Remove the spaces at the start and end.");
        return None;
    }
    check.text(path, raw, max, tag_characters)
}

/// The allow-list two of the three sources give (letters of any language, digits, spaces and
/// `_ . : + - @`): stricter than the third's deny-list `=*<>\|`, and it keeps `,` out of the
/// `k=v,k=v` tag filter of DLI's list API.
fn tag_characters(text: &str) -> Result<(), &'static str> {
    if text
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || "_.:+-@".contains(c))
    {
        Ok(())
    } else {
        Err("Use only letters, digits, spaces and _ . : + - @.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::strings;

    fn check_tags(keys: &[&str], values: &[&str]) -> (Vec<KeyValue>, Check) {
        let mut check = Check::default();
        let tags = tags(&mut check, &strings(keys), &strings(values));
        (tags, check)
    }

    fn error(keys: &[&str], values: &[&str], path: &str) -> Option<String> {
        check_tags(keys, values)
            .1
            .errors
            .get(path)
            .map(str::to_owned)
    }

    #[test]
    fn twenty_tags_are_accepted_and_twenty_one_are_not() {
        let keys: Vec<String> = (0..21).map(|n| format!("k{n}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let values = ["v"; 21];
        let (tags, check) = check_tags(&keys[..20], &values[..20]);
        assert_eq!((tags.len(), check.errors.len()), (20, 0));
        let too_many = error(&keys, &values, "tags");
        assert_eq!(
            too_many.as_deref(),
            Some("Use at most 20 tags (there are 21).")
        );
    }

    #[test]
    fn blank_tag_rows_are_ignored_and_paths_keep_the_posted_index() {
        let (tags, check) = check_tags(&["", "env", " "], &["", "dev", ""]);
        assert_eq!(
            tags,
            [KeyValue {
                key: "env".into(),
                value: "dev".into()
            }]
        );
        assert!(check.errors.is_empty());
        let missing = error(&["", "env"], &["", ""], "tags.1.value");
        assert_eq!(missing.as_deref(), Some("Give the tag a value."));
    }

    #[test]
    fn a_half_filled_tag_row_is_an_error_on_the_empty_half() {
        let (_, check) = check_tags(&["", ""], &["", "dev"]);
        assert_eq!(check.errors.get("tags.1.key"), Some("Give the tag a key."));
        assert_eq!(check.errors.len(), 1);
    }

    #[test]
    fn tag_keys_of_36_and_values_of_43_characters_are_the_limit() {
        let (key, value) = ("k".repeat(36), "é".repeat(43));
        assert!(check_tags(&[&key], &[&value]).1.errors.is_empty());
        let (key, value) = ("k".repeat(37), "é".repeat(44));
        assert!(error(&[&key], &[&value], "tags.0.key").is_some());
        assert!(error(&[&key], &[&value], "tags.0.value").is_some());
    }

    #[test]
    fn tag_keys_are_unique() {
        let repeated = error(&["env", "team", "env"], &["a", "b", "c"], "tags.2.key");
        assert_eq!(
            repeated.as_deref(),
            Some("This key is already used in row 1.")
        );
    }

    #[test]
    fn tag_text_refuses_surrounding_spaces() {
        let spaced = error(&[" env"], &["dev"], "tags.0.key");
        assert_eq!(
            spaced.as_deref(),
            Some("Remove the spaces at the start and end.")
        );
        assert!(error(&["env"], &["dev "], "tags.0.value").is_some());
    }

    #[test]
    fn tag_text_refuses_characters_outside_the_allow_list() {
        assert!(error(&["a=b"], &["v"], "tags.0.key").is_some());
        for bad in ["1,2", "a*", "a<", "a>", "a\\", "a|", "a/"] {
            assert!(error(&["k"], &[bad], "tags.0.value").is_some(), "{bad}");
        }
        let (tags, check) = check_tags(&["Owner name"], &["ana@example.com:8+1_x-y"]);
        assert_eq!((tags.len(), check.errors.len()), (1, 0));
    }

    #[test]
    fn tag_keys_starting_with_sys_are_reserved() {
        let reserved = error(&["_sys_owner"], &["me"], "tags.0.key");
        assert_eq!(
            reserved.as_deref(),
            Some("Keys starting with _sys_ are reserved for the system.")
        );
    }
}

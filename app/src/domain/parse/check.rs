//! The building blocks every rule uses: trimmed text with a length cap and a shape, whole
//! numbers in a range, fixed choices, repeated rows, and the error list they all write to.

use crate::domain::errors::FieldErrors;
use crate::domain::limits::IntRule;
use crate::domain::wire::Choice;

/// A check of a single value's shape; the error is the message shown next to the input.
pub(crate) type Shape = fn(&str) -> Result<(), &'static str>;

pub(crate) fn any_text(_: &str) -> Result<(), &'static str> {
    Ok(())
}

#[derive(Default)]
pub(crate) struct Check {
    pub errors: FieldErrors,
}

impl Check {
    pub fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.insert(path, message);
    }

    /// Trimmed text, `None` when blank. Too long or the wrong shape records an error.
    pub fn text(
        &mut self,
        path: &str,
        raw: &str,
        max_chars: usize,
        shape: Shape,
    ) -> Option<String> {
        let value = raw.trim();
        if value.is_empty() {
            return None;
        }
        let chars = value.chars().count();
        if chars > max_chars {
            self.fail(
                path,
                format!("Use at most {max_chars} characters (this has {chars})."),
            );
            return None;
        }
        match shape(value) {
            Ok(()) => Some(value.to_owned()),
            Err(message) => {
                self.fail(path, message);
                None
            }
        }
    }

    /// Like [`Check::text`], with `missing` as the error for a blank value.
    pub fn required_text(
        &mut self,
        path: &str,
        raw: &str,
        max_chars: usize,
        shape: Shape,
        missing: &'static str,
    ) -> Option<String> {
        if raw.trim().is_empty() {
            self.fail(path, missing);
        }
        self.text(path, raw, max_chars, shape)
    }

    /// A whole number within `rule`, `None` when blank. Letters, decimals and numbers too
    /// large for any integer type all get the rule's message, which names the range.
    pub fn int<T: TryFrom<i64>>(&mut self, path: &str, raw: &str, rule: &IntRule) -> Option<T> {
        let read = |text: &str| rule.read(text).and_then(|number| T::try_from(number).ok());
        self.value(path, raw, read, rule.message)
    }

    /// One of a fixed set of values (any case), `None` when blank.
    pub fn choice<T: Choice>(&mut self, path: &str, raw: &str, message: &str) -> Option<T> {
        self.value(path, raw, T::parse, message)
    }

    /// The trimmed text read by `read`, `None` when blank; `message` when `read` refuses it.
    pub fn value<T>(
        &mut self,
        path: &str,
        raw: &str,
        read: impl FnOnce(&str) -> Option<T>,
        message: &str,
    ) -> Option<T> {
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        let value = read(text);
        if value.is_none() {
            self.fail(path, message);
        }
        value
    }

    /// A value that only means something when `enabled` (a checkbox or a choice) is set:
    /// reported rather than silently dropped.
    pub fn only_with(
        &mut self,
        enabled: bool,
        path: &str,
        raw: &str,
        message: &'static str,
    ) -> bool {
        let stray = !enabled && !raw.trim().is_empty();
        if stray {
            self.fail(path, message);
        }
        !stray
    }
}

/// The values already accepted in a list, so that a repeat is reported against its first row.
#[derive(Default)]
pub(crate) struct Seen(Vec<(usize, String)>);

impl Seen {
    /// The posted row where `value` first appeared; `None` (and `value` is remembered at
    /// `row`) when it is new.
    pub fn earlier_row(&mut self, row: usize, value: &str) -> Option<usize> {
        let earlier = self
            .0
            .iter()
            .find(|(_, seen)| seen == value)
            .map(|(row, _)| *row);
        if earlier.is_none() {
            self.0.push((row, value.to_owned()));
        }
        earlier
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wire::Feature;

    const PERCENT: IntRule = IntRule {
        min: 1,
        max: 100,
        message: "Enter a whole number from 1 to 100.",
    };

    fn no_x(text: &str) -> Result<(), &'static str> {
        if text.contains('x') {
            Err("No x, please.")
        } else {
            Ok(())
        }
    }

    #[test]
    fn text_is_trimmed_and_blank_means_none() {
        let mut check = Check::default();
        assert_eq!(
            check.text("desc", "  hello \n", 10, any_text).as_deref(),
            Some("hello")
        );
        assert_eq!(check.text("desc", "   ", 10, any_text), None);
        assert!(check.errors.is_empty());
    }

    #[test]
    fn text_length_is_counted_in_characters_not_bytes() {
        let mut check = Check::default();
        assert_eq!(
            check.text("desc", "ééé", 3, any_text).as_deref(),
            Some("ééé")
        );
        assert_eq!(check.text("desc", "éééé", 3, any_text), None);
        assert_eq!(
            check.errors.get("desc"),
            Some("Use at most 3 characters (this has 4).")
        );
    }

    #[test]
    fn a_shape_error_is_reported_on_the_field() {
        let mut check = Check::default();
        assert_eq!(check.text("name", "box", 10, no_x), None);
        assert_eq!(check.errors.get("name"), Some("No x, please."));
    }

    #[test]
    fn a_blank_required_text_gets_the_missing_message() {
        let mut check = Check::default();
        assert_eq!(
            check.required_text("name", " ", 10, any_text, "Give a name."),
            None
        );
        assert_eq!(check.errors.get("name"), Some("Give a name."));
    }

    #[test]
    fn integers_reject_letters_decimals_overflow_and_out_of_range() {
        for bad in ["abc", "1.5", "99999999999999999999", "0", "101", "-3"] {
            let mut check = Check::default();
            assert_eq!(check.int::<u32>("n", bad, &PERCENT), None, "{bad}");
            assert_eq!(check.errors.get("n"), Some(PERCENT.message), "{bad}");
        }
    }

    #[test]
    fn integers_accept_the_range_bounds_and_surrounding_spaces() {
        let mut check = Check::default();
        assert_eq!(check.int::<u32>("n", " 1 ", &PERCENT), Some(1));
        assert_eq!(check.int::<u32>("n", "100", &PERCENT), Some(100));
        assert_eq!(check.int::<u32>("n", "", &PERCENT), None);
        assert!(check.errors.is_empty());
    }

    #[test]
    fn a_choice_is_read_in_any_case_and_anything_else_is_reported() {
        let mut check = Check::default();
        assert_eq!(
            check.choice("feature", " CUSTOM ", "Pick one."),
            Some(Feature::Custom)
        );
        assert_eq!(check.choice::<Feature>("feature", "", "Pick one."), None);
        assert!(check.errors.is_empty());
        assert_eq!(
            check.choice::<Feature>("feature", "gold", "Pick one."),
            None
        );
        assert_eq!(check.errors.get("feature"), Some("Pick one."));
    }

    #[test]
    fn a_repeat_is_reported_against_the_first_row_it_appeared_in() {
        let mut seen = Seen::default();
        assert_eq!(seen.earlier_row(0, "a"), None);
        assert_eq!(seen.earlier_row(2, "b"), None);
        assert_eq!(seen.earlier_row(3, "b"), Some(2));
        assert_eq!(seen.earlier_row(5, "a"), Some(0));
    }

    #[test]
    fn a_value_without_its_switch_is_reported() {
        let mut check = Check::default();
        assert!(check.only_with(true, "a", "5", "Needs the switch."));
        assert!(check.only_with(false, "b", " ", "Needs the switch."));
        assert!(!check.only_with(false, "c", "5", "Needs the switch."));
        assert_eq!(check.errors.len(), 1);
        assert_eq!(check.errors.get("c"), Some("Needs the switch."));
    }
}

//! Reading a formatted English message back into its values, so that the Chinese template can
//! take them: "Use at most 57 characters (this has 60)." against "Use at most {} characters
//! (this has {})." gives ["57", "60"]. Written by hand: gettext-style crates translate before
//! formatting, and the domain formats its messages in English where it finds the problem.

/// The values in `text` where `template` has `{}`, or `None` when `text` is not of that shape.
pub(super) fn values_in<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let mut pieces = template.split("{}");
    let mut rest = text.strip_prefix(pieces.next()?)?;
    let mut values = Vec::new();
    let mut pieces = pieces.peekable();
    while let Some(piece) = pieces.next() {
        let last = pieces.peek().is_none();
        // The last piece must end the text; any other one ends the value at its first match.
        let end = if last {
            rest.strip_suffix(piece)?.len()
        } else {
            rest.find(piece)?
        };
        values.push(&rest[..end]);
        rest = &rest[end + piece.len()..];
    }
    rest.is_empty().then_some(values)
}

/// `template` with its `{}` (in order) or `{0}`, `{1}`… (by position) replaced by `values`.
pub(super) fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let index = match &after[..close] {
            "" => {
                next += 1;
                next - 1
            }
            digits => digits.parse().unwrap_or(usize::MAX),
        };
        out.push_str(values.get(index).copied().unwrap_or_default());
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{fill, values_in};

    #[test]
    fn values_are_read_where_the_template_has_placeholders() {
        let template = "Use at most {} characters (this has {}).";
        assert_eq!(
            values_in(template, "Use at most 57 characters (this has 60)."),
            Some(vec!["57", "60"])
        );
        assert_eq!(
            values_in("{} is not a queue.", "a b is not a queue."),
            Some(vec!["a b"])
        );
        assert_eq!(values_in("Row {}", "Row 3"), Some(vec!["3"]));
        assert_eq!(values_in("Fixed.", "Fixed."), Some(vec![]));
    }

    #[test]
    fn text_of_another_shape_gives_no_values() {
        let template = "Use at most {} characters (this has {}).";
        assert_eq!(values_in(template, "Use at most 57 characters."), None);
        assert_eq!(values_in("Fixed.", "Fixed. And more"), None);
        assert_eq!(values_in("Row {}", "Column 3"), None);
        // The template's end would fall inside the text's last character but one.
        assert_eq!(values_in("{}x.", "untick “Save job logs to OBS”."), None);
        assert_eq!(
            values_in("{}”.", "untick “OBS”."),
            Some(vec!["untick “OBS"])
        );
    }

    #[test]
    fn values_fill_in_order_or_by_position() {
        assert_eq!(
            fill("最多 {} 个字符（现有 {} 个）", &["57", "60"]),
            "最多 57 个字符（现有 60 个）"
        );
        assert_eq!(fill("{1} 中的 {0}", &["2", "3"]), "3 中的 2");
    }
}

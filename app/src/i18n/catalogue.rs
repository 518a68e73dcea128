//! The Chinese for every English text the domain and the server write for people: field labels
//! and help, statuses, groups, and every error message. English is the key (as in gettext); a
//! message formatted with values has `{}` where they go, and its Chinese may reorder them with
//! `{0}`, `{1}`. Terms follow Huawei's Chinese DLI console (`docs/i18n.md`).

use super::template::{fill, values_in};

/// (English, Chinese) pairs. Fixed texts first, then formatted ones; `to_chinese` tries them in
/// order, so a fixed text wins over a template that would also match it.
pub const ZH: &[(&str, &str)] = &[
    ("Give the job a name.", "请填写作业名称。"),
    (
        "Use at most {} characters (this has {}).",
        "最多 {} 个字符（当前 {} 个）。",
    ),
];

/// `english` in Chinese, or `None` when the catalogue has no entry for it.
pub(super) fn to_chinese(english: &str) -> Option<String> {
    ZH.iter().find_map(|(en, zh)| {
        if !en.contains("{}") {
            return (*en == english).then(|| (*zh).to_owned());
        }
        values_in(en, english).map(|values| {
            let translated: Vec<String> = values.iter().map(|value| nested(value)).collect();
            let values: Vec<&str> = translated.iter().map(String::as_str).collect();
            fill(zh, &values)
        })
    })
}

/// A value that is itself a catalogue text (a label inside a message) is translated too; any
/// other value (a number, a name the person typed) is kept as it is.
fn nested(value: &str) -> String {
    ZH.iter()
        .find(|(en, _)| !en.contains("{}") && *en == value)
        .map(|(_, zh)| (*zh).to_owned())
        .unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{ZH, to_chinese};

    #[test]
    fn fixed_and_formatted_texts_are_found() {
        assert_eq!(
            to_chinese("Give the job a name.").as_deref(),
            Some("请填写作业名称。")
        );
        assert_eq!(
            to_chinese("Use at most 57 characters (this has 60).").as_deref(),
            Some("最多 57 个字符（当前 60 个）。")
        );
        assert_eq!(to_chinese("Nothing like this is in the catalogue."), None);
    }

    #[test]
    fn every_entry_has_chinese_with_the_same_values() {
        for (en, zh) in ZH {
            assert!(!zh.trim().is_empty(), "{en}");
            assert_ne!(en, zh, "untranslated: {en}");
            let slots = |text: &str| text.matches('{').count();
            assert_eq!(slots(en), slots(zh), "{en} → {zh}");
        }
    }

    #[test]
    fn no_english_text_is_listed_twice() {
        let mut seen = std::collections::HashSet::new();
        for (en, _) in ZH {
            assert!(seen.insert(en), "listed twice: {en}");
        }
    }
}

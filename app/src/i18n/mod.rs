//! The reader's language (English or Simplified Chinese) and how the portal's words are put in
//! it: views write both forms side by side (`Lang::pick`, `tr!`), and the domain's English
//! messages, labels and statuses are looked up in the Chinese catalogue (`Lang::text`).

mod accept_language;
mod catalogue;
#[cfg(test)]
mod coverage;
mod lang;
mod template;

pub use accept_language::preferred_lang;
pub use lang::Lang;

/// Text with values in it, in the page's language: `tr!(lang, "{} of {}", "{1} 中的 {0}", a, b)`.
/// Both templates take the same values; the Chinese one may reorder them with `{0}`, `{1}`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $en:literal, $zh:literal $(, $value:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en $(, $value)*),
            $crate::i18n::Lang::Zh => format!($zh $(, $value)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn formatted_text_takes_its_values_in_either_order() {
        let (done, all) = (2, 3);
        assert_eq!(
            tr!(Lang::En, "{} of {}", "{1} 中的 {0}", done, all),
            "2 of 3"
        );
        assert_eq!(
            tr!(Lang::Zh, "{} of {}", "{1} 中的 {0}", done, all),
            "3 中的 2"
        );
    }
}

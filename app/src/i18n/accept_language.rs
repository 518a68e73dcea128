//! Choosing a request's language: the `lang` cookie when the reader chose one with the switch,
//! else the best of English and Chinese in the browser's `Accept-Language` (RFC 9110 §12.5.4,
//! q-values included), else English.

use super::lang::Lang;
use crate::model::Preference;

/// The language for a request with these `Cookie` and `Accept-Language` headers.
pub fn preferred_lang(cookie_header: &str, accept_language: &str) -> Lang {
    Lang::from_cookie_header(cookie_header).unwrap_or_else(|| from_accept_language(accept_language))
}

/// The offered language with the highest weight; on a tie, the one listed first. Any Chinese
/// (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`) reads as Simplified Chinese, the only Chinese offered.
fn from_accept_language(header: &str) -> Lang {
    let mut best: Option<(Lang, f32)> = None;
    for range in header.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let weight = parts
            .filter_map(|param| param.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => continue,
        };
        if weight > 0.0 && best.is_none_or(|(_, top)| weight > top) {
            best = Some((lang, weight));
        }
    }
    best.map(|(lang, _)| lang).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{Lang, preferred_lang};

    #[test]
    fn the_browser_s_preferred_language_is_chosen_by_weight() {
        for (header, lang) in [
            ("zh-CN,zh;q=0.9,en;q=0.8", Lang::Zh),
            ("en-US,en;q=0.9,zh-CN;q=0.8", Lang::En),
            ("en;q=0.5, zh-Hans;q=0.7", Lang::Zh),
            ("fr-FR, zh-TW;q=0.6, en;q=0.4", Lang::Zh),
            ("ZH", Lang::Zh),
            ("zh;q=0, en", Lang::En),
            ("de, fr", Lang::En),
            ("", Lang::En),
            ("zh;q=bogus", Lang::Zh),
        ] {
            assert_eq!(preferred_lang("", header), lang, "{header}");
        }
    }

    #[test]
    fn the_switch_s_cookie_wins_over_the_browser() {
        assert_eq!(preferred_lang("a=1; lang=en", "zh-CN"), Lang::En);
        assert_eq!(preferred_lang("lang=zh", "en-US"), Lang::Zh);
        assert_eq!(preferred_lang("lang=klingon", "zh-CN"), Lang::Zh);
    }
}

//! `Lang`: the page's language, where it comes from on the server and in the browser, and the
//! ways a view's words are put in it (`pick` for both forms side by side, `text` and `message`
//! for the domain's English through the catalogue).

use super::catalogue;
use crate::model::Preference;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// What a reader gets when neither the cookie nor the browser asks for Chinese.
    #[default]
    En,
    /// Simplified Chinese, in the terms of Huawei's Chinese DLI console.
    Zh,
}

impl Preference for Lang {
    const COOKIE: &'static str = "lang";
    const PATH: &'static str = "/lang";
    const ALL: &'static [Lang] = &[Lang::En, Lang::Zh];

    fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`: screen readers pick their voice by it.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// One of two fixed texts: the view's words in each language, side by side.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A message, label or status the domain wrote in English, in this language. A text the
    /// catalogue lacks stays English (the catalogue test fails for any the source holds).
    pub fn text(self, english: &str) -> Cow<'_, str> {
        match self {
            Lang::En => Cow::Borrowed(english),
            Lang::Zh => catalogue::to_chinese(english)
                .map(Cow::Owned)
                .unwrap_or(Cow::Borrowed(english)),
        }
    }

    /// A status, or a message the server sent (an error, what an action did), in this
    /// language: `text` without the form's labels, help and rules, so that an island which shows
    /// no form does not carry them in its wasm. Field labels inside a message stay English.
    pub fn message(self, english: &str) -> Cow<'_, str> {
        match self {
            Lang::En => Cow::Borrowed(english),
            Lang::Zh => catalogue::message_to_chinese(english)
                .map(Cow::Owned)
                .unwrap_or(Cow::Borrowed(english)),
        }
    }

    /// The language this page is in. The server chose it for the request
    /// (`AppState::provide_page_context`) and wrote it on `<html lang>`; in the browser, scripts
    /// read it back from there, so both render the same words.
    pub fn for_this_page() -> Lang {
        #[cfg(feature = "hydrate")]
        {
            page_lang_in_browser()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            leptos::prelude::use_context::<Lang>().unwrap_or_default()
        }
    }

    #[cfg(any(feature = "hydrate", test))]
    fn from_html_tag(tag: &str) -> Lang {
        if tag.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// `<html lang>`, read once: the page's language does not change without a reload.
#[cfg(feature = "hydrate")]
fn page_lang_in_browser() -> Lang {
    use std::sync::OnceLock;
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        let tag = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .unwrap_or_default();
        Lang::from_html_tag(&tag)
    })
}

#[cfg(test)]
mod tests {
    use super::Lang;
    use crate::model::Preference;

    #[test]
    fn every_language_reads_back_from_its_cookie_value_and_its_html_tag() {
        for &lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
            assert_eq!(Lang::from_html_tag(lang.html_tag()), lang);
        }
    }

    #[test]
    fn english_text_is_shown_as_written() {
        assert_eq!(
            Lang::En.text("Give the job a name."),
            "Give the job a name."
        );
    }
}

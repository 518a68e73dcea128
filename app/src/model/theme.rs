//! The reader's colour theme: what the `theme` cookie holds, and the page's theme. The
//! server reads it for every page and renders it on `<html data-theme>`, so nothing flashes.

use super::Preference;
use leptos::prelude::use_context;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the device (`prefers-color-scheme`): what a reader without the cookie gets.
    #[default]
    System,
    Light,
    Dark,
}

impl Preference for Theme {
    const COOKIE: &'static str = "theme";
    const PATH: &'static str = "/theme";
    const ALL: &'static [Theme] = &[Theme::Light, Theme::Dark, Theme::System];

    /// The value in the cookie, the form and `data-theme`.
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Theme {
    /// The theme the server put in this page's context (`AppState::provide_page_context`);
    /// a page rendered without one follows the device.
    pub fn for_this_page() -> Theme {
        use_context::<Theme>().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{Preference, Theme};

    #[test]
    fn every_theme_reads_back_from_its_own_name() {
        for &theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
        }
        assert_eq!(Theme::parse("Dark"), None);
    }

    #[test]
    fn the_cookie_header_gives_the_theme_among_other_cookies() {
        assert_eq!(
            Theme::from_cookie_header("a=1; theme=dark; b=2"),
            Some(Theme::Dark)
        );
        assert_eq!(Theme::from_cookie_header("theme=light"), Some(Theme::Light));
    }

    #[test]
    fn without_a_known_theme_cookie_the_page_follows_the_device() {
        for header in ["", "a=1", "theme=", "theme=purple", "xtheme=dark", "theme"] {
            assert_eq!(Theme::from_cookie_header(header), None, "{header}");
        }
    }
}

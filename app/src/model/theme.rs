//! The reader's colour theme: what the `theme` cookie holds, and how the page names it. The
//! server reads it for every page and renders it on `<html data-theme>`, so nothing flashes.

use leptos::prelude::use_context;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the device (`prefers-color-scheme`): what a reader without the cookie gets.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// The cookie that remembers the choice.
    pub const COOKIE: &'static str = "theme";

    /// Where the toggle posts the choice, under the base path.
    pub const PATH: &'static str = "/theme";

    /// The choices in the order the toggle offers them.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::System];

    /// The value in the cookie, the form and `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The theme the server put in this page's context (`AppState::provide_page_context`);
    /// a page rendered without one follows the device.
    pub fn for_this_page() -> Theme {
        use_context::<Theme>().unwrap_or_default()
    }

    pub fn parse(value: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.as_str() == value)
    }

    /// The theme a request's `Cookie` header chose; an absent or unknown value is `System`.
    pub fn from_cookie_header(header: &str) -> Theme {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == Theme::COOKIE)
            .and_then(|(_, value)| Theme::parse(value))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn every_theme_reads_back_from_its_own_name() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
        }
        assert_eq!(Theme::parse("Dark"), None);
    }

    #[test]
    fn the_cookie_header_gives_the_theme_among_other_cookies() {
        assert_eq!(
            Theme::from_cookie_header("a=1; theme=dark; b=2"),
            Theme::Dark
        );
        assert_eq!(Theme::from_cookie_header("theme=light"), Theme::Light);
    }

    #[test]
    fn without_a_known_theme_cookie_the_page_follows_the_device() {
        for header in ["", "a=1", "theme=", "theme=purple", "xtheme=dark", "theme"] {
            assert_eq!(Theme::from_cookie_header(header), Theme::System, "{header}");
        }
    }
}

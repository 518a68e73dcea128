//! A choice a reader makes once and the portal remembers in a cookie (the theme, the language):
//! its cookie, where its switch posts, and its values.

pub trait Preference: Copy + Sized + 'static {
    /// The cookie that remembers the choice, and the name of the switch's form field.
    const COOKIE: &'static str;
    /// Where the switch posts the choice, under the base path.
    const PATH: &'static str;
    /// The choices in the order the switch offers them.
    const ALL: &'static [Self];

    /// The value in the cookie and the form.
    fn as_str(self) -> &'static str;

    fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|choice| choice.as_str() == value)
    }

    /// The choice a request's `Cookie` header holds; `None` when absent or unknown.
    fn from_cookie_header(header: &str) -> Option<Self> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == Self::COOKIE)
            .and_then(|(_, value)| Self::parse(value))
    }
}

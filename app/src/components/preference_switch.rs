//! The switches in the site header (Light / Dark / System, English / 中文): each a plain form
//! that posts the choice to its path, which remembers it in a cookie and sends the reader back
//! to this page. They work the same with or without JavaScript and add nothing to the wasm.

use crate::i18n::Lang;
use crate::model::{Preference, Theme, use_portal_info};
use leptos::prelude::*;
use leptos_router::hooks::use_url;

/// How a switch names each of its choices.
pub trait SwitchLabels: Preference {
    /// This choice's name for a reader of `lang`.
    fn label(self, lang: Lang) -> &'static str;

    /// The language `label` is written in when it is not the page's (a language's own name).
    fn label_lang(self) -> Option<Lang> {
        None
    }
}

impl SwitchLabels for Theme {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Theme::System => lang.pick("System", "跟随系统"),
            Theme::Light => lang.pick("Light", "浅色"),
            Theme::Dark => lang.pick("Dark", "深色"),
        }
    }
}

impl SwitchLabels for Lang {
    /// Each language by its own name, whatever the page's language: a reader who cannot read
    /// the page can still find theirs.
    fn label(self, _: Lang) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    fn label_lang(self) -> Option<Lang> {
        Some(self)
    }
}

/// A switch between the values of `P`, `current` pressed, under the heading `name`.
#[component]
pub fn PreferenceSwitch<P: SwitchLabels>(current: P, name: String) -> impl IntoView {
    let lang = Lang::for_this_page();
    let action = format!("{}{}", use_portal_info().base_path, P::PATH);
    let heading_id = format!("{}-switch", P::COOKIE);
    // This page, base path included, to come back to.
    let here = use_url().with_untracked(|url| match url.search() {
        "" => url.path().to_owned(),
        search => format!("{}?{search}", url.path()),
    });
    let buttons = P::ALL
        .iter()
        .map(|&choice| {
            view! {
                <button
                    type="submit"
                    name=P::COOKIE
                    value=choice.as_str()
                    aria-pressed=(choice.as_str() == current.as_str()).to_string()
                    lang=choice.label_lang().map(Lang::html_tag)
                >
                    {choice.label(lang)}
                </button>
            }
        })
        .collect_view();
    view! {
        <form class="preference-switch" method="post" action=action>
            <input type="hidden" name="return_to" value=here />
            <span id=heading_id.clone()>{name}</span>
            <div role="group" aria-labelledby=heading_id>
                {buttons}
            </div>
        </form>
    }
}

//! The site header: product name, main navigation, who is signed in, the theme and language
//! switches and the simulator banner.

use crate::components::preference_switch::PreferenceSwitch;
use crate::i18n::Lang;
use crate::model::{Theme, use_portal_info};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let info = use_portal_info();
    let lang = Lang::for_this_page();
    // Leptos applies the router's base only to relative links; these are absolute.
    let home = format!("{}/", info.base_path);
    let history = format!("{}/jobs", info.base_path);
    let activity = format!("{}/activity", info.base_path);
    view! {
        // The simulator banner is inside the header, so that it is part of the page's banner
        // landmark: nothing on the page stands outside a landmark.
        <header>
            <div class="site-header">
                <A href=home.clone() attr:class="brand">
                    {lang.pick("DLI portal", "DLI 作业门户")}
                </A>
                <nav aria-label=lang.pick("Main", "主导航")>
                    <ul>
                        <li>
                            <A href=home exact=true>
                                {lang.pick("New job", "新建作业")}
                            </A>
                        </li>
                        <li>
                            <A href=history>{lang.pick("History", "作业历史")}</A>
                        </li>
                        <li>
                            <A href=activity>{lang.pick("Activity", "操作记录")}</A>
                        </li>
                    </ul>
                </nav>
                {info
                    .user
                    .clone()
                    .map(|user| {
                        view! {
                            <p class="who">
                                {lang.pick("Signed in as ", "当前用户：")}
                                <strong translate="no">{user}</strong>
                            </p>
                        }
                    })}
                <PreferenceSwitch
                    current=Theme::for_this_page()
                    name=lang.pick("Theme", "主题").to_owned()
                />
                <PreferenceSwitch current=lang name=lang.pick("Language", "语言").to_owned() />
            </div>
            {info
                .simulator
                .then(|| {
                    view! {
                        <p class="banner banner-simulator" role="note">
                            <strong>{lang.pick("Simulator mode. ", "模拟器模式。")}</strong>
                            {lang
                                .pick(
                                    "Jobs go to a local DLI simulator, not to the cloud: no credentials are configured.",
                                    "作业提交到本地的 DLI 模拟器，而不是云端：尚未配置访问凭证。",
                                )}
                        </p>
                    }
                })}
        </header>
    }
}

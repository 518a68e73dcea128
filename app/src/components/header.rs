//! The site header: product name, main navigation, who is signed in, the theme toggle and the
//! simulator banner.

use crate::components::theme_toggle::ThemeToggle;
use crate::model::use_portal_info;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let info = use_portal_info();
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
                    "DLI portal"
                </A>
                <nav aria-label="Main">
                    <ul>
                        <li>
                            <A href=home exact=true>
                                "New job"
                            </A>
                        </li>
                        <li>
                            <A href=history>"History"</A>
                        </li>
                        <li>
                            <A href=activity>"Activity"</A>
                        </li>
                    </ul>
                </nav>
                {info
                    .user
                    .clone()
                    .map(|user| view! { <p class="who">"Signed in as " <strong>{user}</strong></p> })}
                <ThemeToggle />
            </div>
            {info
                .simulator
                .then(|| {
                    view! {
                        <p class="banner banner-simulator" role="note">
                            <strong>"Simulator mode. "</strong>
                            "Jobs go to a local DLI simulator, not to the cloud: no credentials are configured."
                        </p>
                    }
                })}
        </header>
    }
}

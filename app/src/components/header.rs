//! The site header: product name, main navigation and the simulator banner.

use crate::portal_info::use_portal_info;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let info = use_portal_info();
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                "DLI portal"
            </A>
            <nav aria-label="Main">
                <ul>
                    <li>
                        <A href="/" exact=true>
                            "New job"
                        </A>
                    </li>
                    <li>
                        <A href="/jobs">"History"</A>
                    </li>
                </ul>
            </nav>
        </header>
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
    }
}

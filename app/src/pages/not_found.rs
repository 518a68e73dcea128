//! The 404 page, answered with status 404 on the server.

use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = Lang::for_this_page();
    let title = lang.pick("Page not found", "页面不存在");
    view! {
        <Title text=title />
        <section class="not-found">
            <h1>{title}</h1>
            <p>
                {lang
                    .pick(
                        "There is nothing at this address. It may have moved, or the link may be mistyped.",
                        "此地址下没有内容。页面可能已移动，或链接有误。",
                    )}
            </p>
            <p>
                <a href=format!("{}/", crate::model::use_portal_info().base_path)>
                    {lang.pick("Go to the home page", "返回首页")}
                </a>
            </p>
        </section>
    }
}

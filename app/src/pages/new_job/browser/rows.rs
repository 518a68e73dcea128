//! A row's "Add" or "Remove", carried out by the server in place: the form is posted with the
//! button as the browser would post it, and the list from the page the server answers with takes
//! the place of this one (the server alone renders rows). Should that fail, the browser posts
//! the form itself, as it does without JavaScript.

use super::{NATIVE, SENDING, document, focus, render::render, window, with_live};
use crate::components::posting::{accept_html, fields_of};
use crate::domain::{field_id, fields::split_row_path};
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    DomParser, Element, HtmlElement, HtmlFormElement, RequestInit, Response, SupportedType,
};
use wasm_bindgen_futures::JsFuture;

/// Whether `button` adds or removes a row.
pub(super) fn is_row_button(button: &HtmlElement) -> bool {
    matches!(
        button.get_attribute("name").as_deref(),
        Some("_add" | "_remove")
    )
}

pub(super) fn post(button: HtmlElement) {
    let Some(form) = with_live(|live| live.form.clone()) else {
        return;
    };
    // `list` to add to, `list.row` to remove.
    let value = button.get_attribute("value").unwrap_or_default();
    let list = value.split('.').next().unwrap_or_default().to_owned();
    let removed = value
        .strip_prefix(&format!("{list}."))
        .and_then(|row| row.parse::<usize>().ok());
    let _ = form.set_attribute("aria-busy", "true");
    wasm_bindgen_futures::spawn_local(async move {
        let fresh = fresh_list(&form, &button, &list).await;
        let _ = form.remove_attribute("aria-busy");
        SENDING.set(false);
        let Ok(fresh) = fresh else {
            // The submit event this fires is the browser's to carry out.
            NATIVE.set(true);
            let _ = form.request_submit_with_submitter(Some(&button));
            NATIVE.set(false);
            return;
        };
        let Some(old) = document().get_element_by_id(&field_id(&list)) else {
            return;
        };
        let _ = old.replace_with_with_node_1(&fresh);
        with_live(|live| {
            // Rows after a removed one move up: the server's errors for them no longer fit.
            if removed.is_some() {
                live.server_errors.retain(|(path, _)| {
                    split_row_path(path).is_none_or(|(in_list, _, _)| in_list != list)
                });
            }
            render(live);
        });
        // Keyboard users go on in the row added, or in the row that took the removed one's place.
        let rows = fresh.query_selector_all("li.row").ok();
        let count = rows.as_ref().map_or(0, |rows| rows.length());
        let at = removed.map_or(count, |row| (row as u32 + 1).min(count));
        let first = format!("li.row:nth-child({at}) input, li.row:nth-child({at}) select");
        if let Ok(Some(control)) = fresh.query_selector(&first)
            && let Some(id) = control.get_attribute("id")
        {
            focus(&id);
        }
    });
}

/// The list `list` as the server renders it once `button`'s post is carried out.
async fn fresh_list(
    form: &HtmlFormElement,
    button: &HtmlElement,
    list: &str,
) -> Result<Element, JsValue> {
    let body = fields_of(form, Some(button)).ok_or(JsValue::NULL)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&accept_html());
    init.set_body(&body);
    let response: Response =
        JsFuture::from(window().fetch_with_str_and_init(&form.action(), &init))
            .await?
            .dyn_into()?;
    // Anything but the form page again (a refusal, a redirect) is for the browser to show.
    if !response.ok() || response.redirected() {
        return Err(JsValue::from(response.status()));
    }
    let html = JsFuture::from(response.text()?).await?.as_string();
    let answer =
        DomParser::new()?.parse_from_string(&html.unwrap_or_default(), SupportedType::TextHtml)?;
    answer
        .get_element_by_id(&field_id(list))
        .ok_or(JsValue::NULL)
}

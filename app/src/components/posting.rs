//! Posting a form from a script as the browser itself would post it: the same fields, the
//! button that submitted it, and a page asked for in answer (what the server renders for a
//! browser). Shared by the followed parts' actions and the job form's rows.

use leptos::web_sys::{Element, FormData, Headers, HtmlFormElement, UrlSearchParams};

/// The form's fields as the browser would post them, with the button that submitted it.
pub fn fields_of(form: &HtmlFormElement, submitter: Option<&Element>) -> Option<UrlSearchParams> {
    let fields = FormData::new_with_form(form).ok()?;
    if let Some(submitter) = submitter
        && let Some(name) = submitter.get_attribute("name")
    {
        let value = submitter.get_attribute("value").unwrap_or_default();
        fields.append_with_str(&name, &value).ok()?;
    }
    UrlSearchParams::new_with_str_sequence_sequence(&fields).ok()
}

/// What the server renders for a browser: a page, and for a form's post, the page it sends
/// the browser back to rather than the action's own answer.
pub fn accept_html() -> Headers {
    let headers = Headers::new().expect("a browser makes headers");
    let _ = headers.set("Accept", "text/html");
    headers
}

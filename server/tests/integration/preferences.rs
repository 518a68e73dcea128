//! The theme and language switches without JavaScript: the post remembers the choice in a cookie
//! and sends the browser back to its page, which the server then renders in that theme or
//! language; a bad choice or a page of another site is refused with a message, never followed.
//! Without the cookie, the language is the browser's `Accept-Language`.

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

impl TestApp {
    /// Posts the theme form as the header's toggle does, from a page of the portal.
    async fn choose_theme(&self, form: &[(&str, &str)]) -> reqwest::Response {
        self.choose("theme", form).await
    }

    /// Posts the form of the header's switch at `{base}/{switch}`.
    async fn choose(&self, switch: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let path = format!("{}/{switch}", self.portal.state.base_path);
        self.client
            .post(self.url(&path))
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("request reaches the portal")
    }
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers()[name].to_str().unwrap()
}

/// The `name=value` part of a `Set-Cookie`, to send back as a browser would.
fn cookie_pair(response: &reqwest::Response) -> String {
    let set_cookie = header(response, "set-cookie");
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_chosen_theme_is_remembered_for_a_year_and_the_browser_goes_back_to_its_page() {
    let app = spawn_app().await;
    let page = "/jobs?status=RUNNING";
    let response = app
        .choose_theme(&[("theme", "dark"), ("return_to", page)])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(header(&response, "location"), page);
    let set_cookie = header(&response, "set-cookie");
    for part in ["theme=dark", "Path=/", "Max-Age=31536000", "SameSite=Lax"] {
        assert!(set_cookie.contains(part), "{set_cookie} has {part}");
    }

    let cookie = cookie_pair(&response);
    let html = app.get_with(page, &[("cookie", &cookie)]).await;
    let html = html.text().await.unwrap();
    assert!(html.contains(r#"data-theme="dark""#), "the page is dark");
    assert!(
        html.contains(r#"value="dark" aria-pressed="true""#),
        "the toggle shows the choice"
    );
}

#[tokio::test]
async fn without_a_choice_the_page_follows_the_device_and_the_toggle_says_so() {
    let app = spawn_app().await;
    for cookie in [None, Some("theme=purple")] {
        let headers: Vec<_> = cookie.iter().map(|cookie| ("cookie", *cookie)).collect();
        let html = app.get_with("/jobs", &headers).await.text().await.unwrap();
        assert!(html.contains(r#"data-theme="system""#), "{cookie:?}");
        assert!(
            html.contains(r#"value="system" aria-pressed="true""#),
            "{cookie:?}"
        );
        // The toggle brings the reader back to this page.
        assert!(
            html.contains(r#"name="return_to" value="/jobs""#),
            "{cookie:?}"
        );
    }
}

#[tokio::test]
async fn the_404_page_and_every_page_render_the_theme_chosen() {
    let app = spawn_app().await;
    for (path, status) in [("/", 200), ("/activity", 200), ("/no/such/page", 404)] {
        let response = app.get_with(path, &[("cookie", "a=1; theme=light")]).await;
        assert_eq!(response.status(), status, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(r#"data-theme="light""#), "{path}");
    }
}

#[tokio::test]
async fn a_bad_theme_or_a_page_of_another_site_is_refused_with_a_message() {
    let app = spawn_app().await;
    for (form, says) in [
        (
            vec![("theme", "purple"), ("return_to", "/")],
            "one of light, dark, system",
        ),
        (vec![("return_to", "/")], "one of light, dark, system"),
        (
            vec![("theme", "dark"), ("return_to", "https://evil.example/")],
            "a page of this portal",
        ),
        (
            vec![("theme", "dark"), ("return_to", "//evil.example/")],
            "a page of this portal",
        ),
        (
            vec![("theme", "dark"), ("return_to", "/\\evil.example/")],
            "a page of this portal",
        ),
    ] {
        let response = app.choose_theme(&form).await;
        assert_eq!(response.status(), 400, "{form:?}");
        assert!(response.headers().get("set-cookie").is_none(), "{form:?}");
        assert!(response.headers().get("location").is_none(), "{form:?}");
        let message = response.text().await.unwrap();
        assert!(message.contains(says), "{form:?}: {message}");
    }
}

#[tokio::test]
async fn another_site_cannot_change_the_theme() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/theme"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("theme", "dark"), ("return_to", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn under_a_base_path_the_cookie_and_the_way_back_stay_under_it() {
    let app = spawn_app_with(|config| config.base_path = "/flink".into()).await;
    let html = app.get("/flink/jobs").await.text().await.unwrap();
    assert!(
        html.contains(r#"action="/flink/theme""#),
        "the toggle posts under the base"
    );

    let response = app
        .choose_theme(&[("theme", "light"), ("return_to", "/flink/jobs")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(header(&response, "location"), "/flink/jobs");
    assert!(header(&response, "set-cookie").contains("Path=/flink;"));

    let home = app.choose_theme(&[("theme", "light")]).await;
    assert_eq!(
        header(&home, "location"),
        "/flink/",
        "no page: the home page"
    );

    let outside = app
        .choose_theme(&[("theme", "light"), ("return_to", "/elsewhere")])
        .await;
    assert_eq!(outside.status(), 400);
}

/// The page's language as `<html lang>` names it, and whether the header is in Chinese.
async fn page_language(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (String, bool) {
    let html = app.get_with(path, headers).await.text().await.unwrap();
    let tag = html
        .split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(tag, _)| tag.to_owned())
        .expect("the page names its language");
    (tag, html.contains("新建作业"))
}

#[tokio::test]
async fn the_browser_s_language_chooses_the_page_s_by_weight() {
    let app = spawn_app().await;
    for (accept_language, tag) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr, zh-Hans;q=0.5, en;q=0.4", "zh-CN"),
        ("de-DE", "en"),
    ] {
        let (page_tag, chinese) =
            page_language(&app, "/jobs", &[("accept-language", accept_language)]).await;
        assert_eq!(page_tag, tag, "{accept_language}");
        assert_eq!(chinese, tag == "zh-CN", "{accept_language}");
    }
    let (tag, _) = page_language(&app, "/", &[]).await;
    assert_eq!(tag, "en", "no header: English");
}

#[tokio::test]
async fn the_chosen_language_is_remembered_and_wins_over_the_browser_s() {
    let app = spawn_app().await;
    let page = "/jobs?status=RUNNING";
    let response = app
        .choose("lang", &[("lang", "zh"), ("return_to", page)])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(header(&response, "location"), page);
    let set_cookie = header(&response, "set-cookie");
    for part in [
        "lang=zh",
        "Path=/",
        "Max-Age=31536000",
        "SameSite=Lax",
        "HttpOnly",
    ] {
        assert!(set_cookie.contains(part), "{set_cookie} has {part}");
    }

    let cookie = cookie_pair(&response);
    for path in [page, "/", "/activity", "/no/such/page"] {
        let headers = [("cookie", cookie.as_str()), ("accept-language", "en-US")];
        let (tag, chinese) = page_language(&app, path, &headers).await;
        assert_eq!((tag.as_str(), chinese), ("zh-CN", true), "{path}");
    }
    let html = app
        .get_with("/", &[("cookie", &cookie)])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"value="zh" aria-pressed="true""#),
        "the switch shows the choice"
    );
    // Each language is offered in its own language, whatever the page's.
    assert!(html.contains(r#"lang="en">English</button>"#), "{html}");

    let back = app
        .choose("lang", &[("lang", "en"), ("return_to", "/")])
        .await;
    let cookie = cookie_pair(&back);
    let (tag, _) =
        page_language(&app, "/", &[("cookie", &cookie), ("accept-language", "zh")]).await;
    assert_eq!(tag, "en", "English chosen over a Chinese browser");
}

#[tokio::test]
async fn a_language_the_portal_does_not_offer_is_refused_with_a_message() {
    let app = spawn_app().await;
    for form in [
        vec![("lang", "fr"), ("return_to", "/")],
        vec![("return_to", "/")],
    ] {
        let response = app.choose("lang", &form).await;
        assert_eq!(response.status(), 400, "{form:?}");
        assert!(response.headers().get("set-cookie").is_none(), "{form:?}");
        let message = response.text().await.unwrap();
        assert!(message.contains("one of en, zh"), "{form:?}: {message}");
    }
}

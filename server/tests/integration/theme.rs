//! The theme toggle without JavaScript: the post remembers the choice in a cookie and sends the
//! browser back to its page, which the server then renders in that theme; a bad choice or a page
//! of another site is refused with a message, never followed.

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

impl TestApp {
    /// Posts the theme form as the header's toggle does, from a page of the portal.
    async fn choose_theme(&self, form: &[(&str, &str)]) -> reqwest::Response {
        let path = format!("{}/theme", self.portal.state.base_path);
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
            "light, dark or system",
        ),
        (vec![("return_to", "/")], "light, dark or system"),
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

//! The job form as the browser posts it, with JavaScript or without: the server validates,
//! creates and redirects, or sends the page back with the values kept and the errors shown.

use crate::helpers::{TestApp, fail_always, sim_count, sim_jobs, spawn_app_for, spawn_sim};

async fn post_form(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url("/"))
        .header("accept", "text/html")
        .form(fields)
        .send()
        .await
        .expect("request reaches the portal")
}

const VALID: &[(&str, &str)] = &[
    ("idempotency_key", "form-key-1"),
    ("name", "posted_without_js"),
    ("queue_name", "flink_queue"),
    ("entrypoint", "obs://jobs-bucket/app.jar"),
    ("dependency_jars", "group/dep.jar"),
    ("dependency_jars", ""),
    ("tags.key", "team"),
    ("tags.value", "data"),
];

#[tokio::test]
async fn a_valid_post_creates_the_job_and_redirects_to_it() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;

    let response = post_form(&app, VALID).await;

    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/jobs/") && location.ends_with("?created=1"),
        "{location}"
    );
    assert_eq!(sim_jobs(&sim).await.len(), 1);
    let page = app.get(&location).await.text().await.unwrap();
    assert!(page.contains("The job was created."));
    assert!(page.contains("posted_without_js"));
    assert!(
        page.contains("group/dep.jar"),
        "the request as sent is on the page"
    );
}

#[tokio::test]
async fn an_invalid_post_comes_back_with_the_values_kept_and_the_errors_shown() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let too_long = "n".repeat(58);
    let mut fields = VALID.to_vec();
    fields[1] = ("name", &too_long);
    fields.push(("cu_number", "lots"));

    let response = post_form(&app, &fields).await;

    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(&format!(r#"value="{too_long}""#)),
        "the name is kept"
    );
    assert!(page.contains(r#"value="lots""#), "the bad number is kept");
    assert!(
        page.contains(r#"value="group/dep.jar""#),
        "the rows are kept"
    );
    assert!(
        page.contains("fields need attention"),
        "the error summary is shown"
    );
    assert!(
        page.contains(r##"href="#field-name""##),
        "the summary links to the field"
    );
    assert!(page.contains(r#"aria-invalid="true""#));
    assert_eq!(sim_count(&sim, "create").await, 0);
}

#[tokio::test]
async fn the_add_row_button_sends_the_form_back_with_one_more_row_and_creates_nothing() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut fields = VALID.to_vec();
    fields.push(("_add", "tags"));

    let response = post_form(&app, &fields).await;

    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert_eq!(page.matches(r#"name="tags.key""#).count(), 2);
    assert!(page.contains(r#"id="field-tags-1-key""#));
    assert!(
        !page.contains("fields need attention"),
        "adding a row is not a submit"
    );
    assert_eq!(sim_count(&sim, "create").await, 0);
}

#[tokio::test]
async fn the_remove_row_button_drops_that_row() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut fields = VALID.to_vec();
    fields.extend([
        ("tags.key", "owner"),
        ("tags.value", "me"),
        ("_remove", "tags.0"),
    ]);

    let page = post_form(&app, &fields).await.text().await.unwrap();

    assert!(!page.contains(r#"value="team""#));
    assert!(page.contains(r#"value="owner""#));
}

#[tokio::test]
async fn a_throttled_post_shows_the_form_again_and_says_when_to_retry() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    fail_always(&sim, "create", 429).await;

    let response = post_form(&app, VALID).await;

    assert_eq!(response.status(), 429);
    let wait = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("Try again in {wait} s")), "{html}");
    assert!(html.contains("posted_without_js"), "the values are kept");
    assert!(sim_jobs(&sim).await.is_empty());
}

#[tokio::test]
async fn a_form_sent_again_with_other_values_under_its_used_key_gets_a_new_key_and_says_why() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    assert_eq!(post_form(&app, VALID).await.status(), 303);
    // Back to the form after its job was made: the same key, one value changed.
    let mut fields = VALID.to_vec();
    fields[1] = ("name", "posted_again");

    let response = post_form(&app, &fields).await;

    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="form-problem""#), "said above the form");
    assert!(page.contains("This form was already sent once, with other values."));
    assert!(
        !page.contains(r#"name="idempotency_key" value="form-key-1""#),
        "the form has a new key"
    );
    assert!(
        page.contains(r#"value="posted_again""#),
        "the values are kept"
    );
    assert_eq!(post_form_keyed(&app, &fields, &page).await, 303);
    assert_eq!(
        sim_jobs(&sim).await.len(),
        2,
        "sent again, it makes a new job"
    );
}

/// Posts `fields` with the idempotency key of the form in `page`; the answer's status.
async fn post_form_keyed(app: &TestApp, fields: &[(&str, &str)], page: &str) -> u16 {
    let marker = r#"name="idempotency_key" value=""#;
    let at = page.find(marker).expect("the form's key") + marker.len();
    let key = &page[at..at + page[at..].find('"').unwrap()];
    let mut fields = fields.to_vec();
    fields[0] = ("idempotency_key", key);
    post_form(app, &fields).await.status().as_u16()
}

#[tokio::test]
async fn a_value_the_choices_lack_and_a_leading_newline_come_back_as_posted() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut fields = VALID.to_vec();
    fields[1] = ("name", "");
    fields[2] = ("queue_name", "queue_dli_no_longer_lists");
    fields.push(("desc", "\nsecond line"));

    let response = post_form(&app, &fields).await;

    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"<option value="queue_dli_no_longer_lists" selected"#),
        "the queue is offered and chosen, not replaced by the first choice"
    );
    // The parser drops the newline right after `<textarea>`; the value's own one stays.
    assert!(page.contains(">\n\nsecond line</textarea>"));
}

#[tokio::test]
async fn a_job_made_but_not_started_says_so_on_its_page() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    fail_always(&sim, "run", 503).await;
    let mut fields = VALID.to_vec();
    fields.push(("start", "true"));

    let response = post_form(&app, &fields).await;

    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("?created=not-started"), "{location}");
    let page = app.get(&location).await.text().await.unwrap();
    assert!(page.contains("The job was created but not started: its events below say why."));
    assert!(!page.contains("The job was created."));
}

#[tokio::test]
async fn a_form_dli_refused_gets_a_new_key_so_that_once_fixed_it_goes() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let mut fields = VALID.to_vec();
    fields[2] = ("queue_name", "no_such_queue");

    let response = post_form(&app, &fields).await;

    assert!(response.status().is_client_error(), "{}", response.status());
    let page = response.text().await.unwrap();
    assert!(
        !page.contains(r#"value="form-key-1""#),
        "the form has a new key"
    );
    fields[2] = ("queue_name", "flink_queue");
    assert_eq!(post_form_keyed(&app, &fields, &page).await, 303);
    assert_eq!(sim_jobs(&sim).await.len(), 1);
}

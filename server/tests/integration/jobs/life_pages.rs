//! A job's life through its pages, as a browser without JavaScript uses them: the edit form
//! (filled with the latest version, a restart offered and carried out), the job page's
//! versions and diff in the form's labels, the batch confirmation and its results, and the
//! team's activity; and whether a page asks the browser to keep following it.

use super::{job_request, status_is};
use crate::helpers::{TestApp, sim_count, spawn_app_for, spawn_sim};
use serde_json::json;

impl TestApp {
    /// A form post as a browser without JavaScript sends it.
    async fn post_page(&self, path: &str, fields: &[(&str, String)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("accept", "text/html")
            .form(fields)
            .send()
            .await
            .expect("request reaches the portal")
    }

    async fn page(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.unwrap()
    }

    /// A job DLI runs.
    async fn running(&self, name: &str) -> i64 {
        let mut request = job_request(name);
        request["start"] = json!(true);
        let record = super::record_id_of(self.post_job(&request, None).await, 201).await;
        self.job_when(record, status_is("job_running")).await;
        record
    }
}

/// The edit form's fields for `job_request(name)` with `parallel_number` changed.
fn edited(name: &str, parallelism: &'static str) -> Vec<(&'static str, String)> {
    [
        ("idempotency_key", "edit-key-1".to_owned()),
        ("name", name.to_owned()),
        ("queue_name", "flink_queue".to_owned()),
        ("entrypoint", "obs://jobs-bucket/jars/app.jar".to_owned()),
        ("main_class", "com.example.Main".to_owned()),
        ("cu_number", "2".to_owned()),
        ("parallel_number", parallelism.to_owned()),
    ]
    .to_vec()
}

#[tokio::test]
async fn an_edit_without_javascript_asks_how_to_restart_then_carries_out_the_restart() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let record = app.running("edited_without_js").await;

    let form = app.page(&format!("/jobs/{record}/edit")).await;
    assert!(
        form.contains("Editing version 1"),
        "the version edited is named"
    );
    assert!(
        form.contains(r#"value="edited_without_js""#),
        "the form holds the job's settings"
    );
    assert!(form.contains(&format!(r#"action="/jobs/{record}/edit""#)));

    let fields = edited("edited_without_js", "2");
    let refused = app
        .post_page(&format!("/jobs/{record}/edit"), &fields)
        .await;
    assert_eq!(refused.status(), 409);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Parallelism"),
        "the field that needs a restart is named"
    );
    assert!(
        page.contains(r#"value="restart_from_savepoint""#),
        "the restart is offered"
    );
    assert!(page.contains(r#"value="2""#), "the edit is kept");
    assert_eq!(sim_count(&sim, "update").await, 0, "nothing was sent");

    let mut fields = fields;
    fields.push(("when_running", "restart_from_savepoint".to_owned()));
    let accepted = app
        .post_page(&format!("/jobs/{record}/edit"), &fields)
        .await;
    assert_eq!(accepted.status(), 303);
    let location = accepted.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("/jobs/{record}?updated=")),
        "{location}"
    );

    let job = app
        .job_when(record, |job| {
            job["update"]["step"] == "done" && job["summary"]["status"] == "job_running"
        })
        .await;
    assert_eq!(job["update"]["version"], 2);
    assert_eq!(sim_count(&sim, "update").await, 1);
    let page = app.page(&format!("/jobs/{record}?from=1&to=2")).await;
    assert!(page.contains(&format!("Update {} done", job["update"]["id"])));
    assert!(
        page.contains("From version 1 to version 2"),
        "the diff is shown"
    );
    assert!(
        page.contains("<th scope=\"row\">Parallelism</th>"),
        "in the form's labels"
    );
    assert!(page.contains("Roll back to version 1"));
}

#[tokio::test]
async fn a_batch_without_javascript_names_the_jobs_then_shows_each_result() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let first = app.running("batch_first").await;
    let second = app.running("batch_second").await;
    let never_created = 999_999;

    let confirm = app
        .page(&format!("/jobs/batch?action=stop&id={first}&id={second}"))
        .await;
    assert!(confirm.contains("Stop 2 jobs"));
    assert!(confirm.contains("batch_first") && confirm.contains("batch_second"));
    assert!(
        confirm.contains(r#"name="trigger_savepoint""#),
        "a savepoint is offered"
    );

    let fields = [
        ("action", "stop".to_owned()),
        ("id", first.to_string()),
        ("id", second.to_string()),
        ("id", never_created.to_string()),
        ("trigger_savepoint", "true".to_owned()),
    ];
    let done = app.post_page("/jobs/batch", &fields).await;
    assert_eq!(done.status(), 200);
    let page = done.text().await.unwrap();
    assert!(page.contains("Done for 2 of 3"), "{page}");
    assert!(page.contains("batch_first</a>: Done"));
    assert!(page.contains("Job record 999999</a>: Not done"));
    assert_eq!(
        sim_count(&sim, "stop").await,
        1,
        "one DLI call for both jobs"
    );
    app.job_when(first, status_is("job_cancel_success")).await;
    app.job_when(second, status_is("job_cancel_success")).await;

    let activity = app.page("/activity?action=stop").await;
    assert!(activity.contains("Stop (batch, with a savepoint)"));
    assert!(activity.contains("batch_first") && activity.contains("batch_second"));
    assert!(
        !activity.contains(r#"class="action">Create</td>"#),
        "filtered by action"
    );
}

#[tokio::test]
async fn a_batch_without_an_action_or_jobs_says_what_to_choose() {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let response = app.get("/jobs/batch?id=1").await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Choose Start, Stop or Delete")
    );
    let response = app.get("/jobs/batch?action=stop").await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Choose at least one job")
    );
}

#[tokio::test]
async fn a_job_s_page_and_its_history_row_are_followed_while_the_job_may_change_and_not_once_stopped()
 {
    let sim = spawn_sim().await;
    let app = spawn_app_for(&sim).await;
    let record = app.running("followed_page").await;
    let (job_page, history) = (format!("/jobs/{record}"), "/jobs?name=followed_page");
    // The followed part says whether the browser should keep asking for the page.
    let changing = |page: &str| {
        assert!(page.contains("data-follow"), "the part is followed: {page}");
        page.contains("data-changing")
    };
    assert!(
        changing(&app.page(&job_page).await),
        "a running job may still fail or finish"
    );
    assert!(changing(&app.page(history).await));

    let stopped = app
        .call_form("stop_job", &[("id", &record.to_string())])
        .await;
    assert_eq!(stopped.status(), 200);
    app.job_when(record, status_is("job_cancel_success")).await;
    assert!(
        !changing(&app.page(&job_page).await),
        "a stopped job changes only when someone acts"
    );
    assert!(!changing(&app.page(history).await));
}

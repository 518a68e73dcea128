//! The simulator on its own terms: its gateway refuses what DLI's gateway refuses, with the same
//! bodies, and its list and queues behave like DLI's. Faults, the `/_sim` status control and a
//! Flink backend: submodules.

mod faults;
mod flink;
mod statuses;

use crate::support::{client_for, job_body, sim_settings, spawn_sim};
use dli::sim::RunningSim;
use dli::{DliClient, DliErrorKind, ListJobsQuery, QueueType, RequestToSign, SortOrder, sign};
use http::{HeaderMap, HeaderValue, header};
use serde_json::{Value, json};
use time::OffsetDateTime;

/// Signs `signed_body` for `path` at `at`, then sends `sent_body` with those headers.
async fn send_signed(
    sim: &RunningSim,
    path: &str,
    signed_body: &str,
    sent_body: &str,
    at: OffsetDateTime,
) -> (u16, Value) {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::HOST,
        HeaderValue::try_from(sim.address.to_string()).unwrap(),
    );
    let request = RequestToSign {
        method: "POST",
        path,
        query: &[],
        headers: &headers,
        body: signed_body.as_bytes(),
    };
    headers.extend(sign(&request, &sim.config.credentials, at));
    let url = format!("{}{path}", sim.base_url);
    let response = reqwest::Client::new()
        .post(url)
        .headers(headers)
        .body(sent_body.to_string())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn create_path(sim: &RunningSim) -> String {
    format!("/v1.0/{}/streaming/flink-jobs", sim.config.project_id)
}

#[tokio::test]
async fn a_tampered_body_is_refused_with_the_gateways_own_answer() {
    let sim = spawn_sim().await;
    let path = create_path(&sim);
    let (status, body) = send_signed(
        &sim,
        &path,
        &job_body("a"),
        &job_body("b"),
        OffsetDateTime::now_utc(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error_code"], "APIGW.0301");
    assert_eq!(
        body["error_msg"],
        "Incorrect IAM authentication information: verify aksk signature fail"
    );
    assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()));
    let (status, _) = send_signed(
        &sim,
        &path,
        &job_body("a"),
        &job_body("a"),
        OffsetDateTime::now_utc(),
    )
    .await;
    assert_eq!(status, 200, "the same request, untampered, is accepted");
}

#[tokio::test]
async fn a_date_more_than_15_minutes_off_is_refused() {
    let sim = spawn_sim().await;
    let stale = OffsetDateTime::now_utc() - time::Duration::minutes(16);
    let (status, body) = send_signed(
        &sim,
        &create_path(&sim),
        &job_body("a"),
        &job_body("a"),
        stale,
    )
    .await;
    assert_eq!((status, &body["error_code"]), (401, &json!("APIGW.0301")));
    assert!(body["error_msg"].as_str().unwrap().contains("15 minutes"));
}

#[tokio::test]
async fn unsigned_unknown_and_misdirected_requests_are_refused() {
    let sim = spawn_sim().await;
    let http = reqwest::Client::new();
    let unsigned = http
        .get(format!(
            "{}/v1.0/{}/queues",
            sim.base_url, sim.config.project_id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    let body: Value = unsigned.json().await.unwrap();
    assert_eq!(
        body["error_msg"],
        "Incorrect IAM authentication information: x-auth-token not found"
    );

    let stranger = http
        .get(format!(
            "{}/v1.0/{}/queues",
            sim.base_url, sim.config.project_id
        ))
        .header(
            "authorization",
            "SDK-HMAC-SHA256 Access=NOBODY, SignedHeaders=host;x-sdk-date, Signature=00",
        )
        .header(
            "x-sdk-date",
            dli::format_sdk_date(OffsetDateTime::now_utc()),
        )
        .send()
        .await
        .unwrap();
    let body: Value = stranger.json().await.unwrap();
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .ends_with("ak not exist"),
        "{body}"
    );

    let nowhere = http
        .get(format!("{}/v2/whatever", sim.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(nowhere.status(), 404);
    assert_eq!(
        nowhere.json::<Value>().await.unwrap()["error_code"],
        "APIGW.0101"
    );

    let mut settings = sim_settings(&sim);
    settings.project_id = Some("ffffffffffffffffffffffffffffffff".into());
    let other = DliClient::new(settings)
        .unwrap()
        .list_jobs(&ListJobsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(
        (other.kind(), other.code()),
        (DliErrorKind::Auth, Some("DLI.0013"))
    );
}

#[tokio::test]
async fn an_unknown_job_is_dli_16001_with_http_400() {
    let sim = spawn_sim().await;
    let error = client_for(&sim).show_job(123).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "DLI answered HTTP 400 DLI.16001: The Flink job 123 does not exist."
    );
}

#[tokio::test]
async fn the_list_filters_orders_and_pages_like_dli() {
    let sim = spawn_sim().await;
    let client = client_for(&sim);
    let mut ids = Vec::new();
    for name in ["alpha", "beta", "gamma"] {
        ids.push(
            client
                .create_flink_jar_job(&job_body(name))
                .await
                .unwrap()
                .job_id,
        );
    }
    client.run_jobs(&[ids[1]], false).await.unwrap();
    let page = ListJobsQuery {
        order: Some(SortOrder::Asc),
        limit: Some(2),
        offset: Some(1),
        ..ListJobsQuery::default()
    };
    let listed = client.list_jobs(&page).await.unwrap();
    let jobs = listed.jobs.unwrap();
    assert_eq!(listed.total_count, Some(3));
    assert_eq!(
        jobs.iter()
            .map(|job| job.job_id.unwrap())
            .collect::<Vec<_>>(),
        ids[1..]
    );
    assert_eq!(
        (jobs[0].root_id, jobs[0].job_config.is_some()),
        (Some(-1), false),
        "no detail unless asked"
    );

    let newest_first = client
        .list_jobs(&ListJobsQuery::default())
        .await
        .unwrap()
        .jobs
        .unwrap();
    assert_eq!(newest_first[0].job_id, Some(ids[2]));
    let submitting = ListJobsQuery {
        status: Some("job_submitting".into()),
        ..ListJobsQuery::default()
    };
    assert_eq!(
        client.list_jobs(&submitting).await.unwrap().total_count,
        Some(1)
    );
    let too_many = client
        .list_jobs(&ListJobsQuery {
            limit: Some(101),
            ..ListJobsQuery::default()
        })
        .await;
    assert_eq!(too_many.unwrap_err().code(), Some("DLI.0001"));
    assert!(
        client.list_queues(QueueType::Sql).await.unwrap().is_empty(),
        "Flink queues are general queues"
    );
}

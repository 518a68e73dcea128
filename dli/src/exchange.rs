//! One HTTP exchange with DLI or IAM: the common headers, the exact body bytes, the debug and
//! trace log lines and the metrics, and every failure turned into a `DliError`. Authentication and
//! retries are `transport`'s; IAM's token request uses this too, unauthenticated.

use super::{
    canonical::canonical_query,
    error::{DliError, Service},
    error_body,
};
use http::{
    HeaderMap, HeaderValue, Method,
    header::{CONTENT_TYPE, HOST, USER_AGENT},
};
use reqwest::Url;
use serde::de::DeserializeOwned;
use std::time::{Duration, Instant};

const PORTAL_USER_AGENT: &str = concat!("dli-portal/", env!("CARGO_PKG_VERSION"));

/// When a failed call is sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Retry {
    /// Create: never, since a second job could be born (the caller reconciles instead).
    Never,
    /// Update, run, stop, delete: only after a transient failure that proves DLI did nothing,
    /// since repeating one that did act answers "already running", "not found" or (an update of
    /// a running job's `obs_bucket`) "unchanged" misleadingly.
    WhenUnprocessed,
    /// Reads: after any transient failure.
    WhenTransient,
}

impl Retry {
    pub fn allows(self, error: &DliError) -> bool {
        match self {
            Self::Never => false,
            Self::WhenUnprocessed => error.is_transient() && !error.may_have_been_processed(),
            Self::WhenTransient => error.is_transient(),
        }
    }
}

pub(super) struct Call<'a> {
    pub operation: &'static str,
    pub service: Service,
    pub method: Method,
    pub url: Url,
    pub query: Vec<(String, String)>,
    pub body: &'a [u8],
    /// The body holds a password (IAM's token request): it never reaches a log line.
    pub body_is_secret: bool,
    pub project_id: Option<&'a str>,
    pub retry: Retry,
}

/// `base` with `path` appended to whatever path it already has (a proxy prefix survives).
pub(super) fn at(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(&format!("{}{path}", base.path().trim_end_matches('/')));
    url
}

/// Host, content type, user agent and project: what every call carries before it is signed.
pub(super) fn common_headers(call: &Call<'_>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(HOST, host_of(&call.url));
    headers.insert(USER_AGENT, HeaderValue::from_static(PORTAL_USER_AGENT));
    if let Some(project_id) = call
        .project_id
        .and_then(|id| HeaderValue::try_from(id).ok())
    {
        headers.insert("x-project-id", project_id);
    }
    headers
}

/// Sends `call` once with `headers`, counted and timed for `/metrics`, and returns the 2xx
/// answer with its headers.
pub(super) async fn exchange(
    http: &reqwest::Client,
    timeout: Duration,
    call: &Call<'_>,
    headers: HeaderMap,
) -> Result<(HeaderMap, Answer), DliError> {
    let started = Instant::now();
    let result = send(http, timeout, call, headers).await;
    observe(call.operation, started, &result);
    result
}

async fn send(
    http: &reqwest::Client,
    timeout: Duration,
    call: &Call<'_>,
    headers: HeaderMap,
) -> Result<(HeaderMap, Answer), DliError> {
    let mut url = call.url.clone();
    let query = canonical_query(&call.query);
    url.set_query((!query.is_empty()).then_some(query.as_str()));
    tracing::debug!(operation = call.operation, method = %call.method, %url, "sending");
    if call.body_is_secret {
        tracing::trace!(?headers, "request (body withheld: it holds a password)");
    } else {
        tracing::trace!(?headers, body = %String::from_utf8_lossy(call.body), "request");
    }
    let started = Instant::now();
    let response = http
        .request(call.method.clone(), url)
        .headers(headers)
        .body(call.body.to_vec())
        .send()
        .await
        .map_err(|error| network_error(error, &call.url, timeout))?;
    let (headers, answer) = read_answer(call.service, response, &call.url, timeout).await?;
    let elapsed_ms = started.elapsed().as_millis() as u64;
    tracing::debug!(
        operation = call.operation,
        status = answer.status,
        elapsed_ms,
        "answered"
    );
    tracing::trace!(body = %String::from_utf8_lossy(&answer.body), "answer");
    Ok((headers, answer))
}

/// `host[:port]` exactly as the URL names it, which is what the client library sends.
fn host_of(url: &Url) -> HeaderValue {
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    HeaderValue::try_from(host).expect("a parsed URL's host is a valid header value")
}

/// Counts a DLI or IAM exchange by operation and outcome (`ok` or the error's kind) and
/// records its latency.
fn observe<T>(operation: &'static str, started: Instant, result: &Result<T, DliError>) {
    let outcome = match result {
        Ok(_) => "ok",
        Err(error) => error.kind().as_str(),
    };
    let labels = [("operation", operation), ("outcome", outcome)];
    metrics::counter!("dli_portal_dli_calls_total", &labels).increment(1);
    metrics::histogram!("dli_portal_dli_call_duration_seconds", &labels).record(started.elapsed());
}

/// Reads an answer whole. An error status becomes the `DliError` its body describes (with the
/// gateway's request id); any other answer comes back with its headers, for the caller to decode.
async fn read_answer(
    service: Service,
    response: reqwest::Response,
    url: &Url,
    timeout: Duration,
) -> Result<(HeaderMap, Answer), DliError> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|error| network_error(error, url, timeout))?;
    if status >= 400 {
        let request_id = headers
            .get("x-request-id")
            .and_then(|id| id.to_str().ok())
            .map(str::to_string);
        return Err(error_answer(service, status, &body, request_id));
    }
    let answer = Answer {
        service,
        status,
        body: body.to_vec(),
    };
    Ok((headers, answer))
}

/// No connection at all (nothing sent), no answer in time, or a connection that broke.
fn network_error(error: reqwest::Error, url: &Url, timeout: Duration) -> DliError {
    if error.is_connect() {
        DliError::Unreachable {
            endpoint: url.origin().ascii_serialization(),
            source: error,
        }
    } else if error.is_timeout() {
        DliError::Timeout { after: timeout }
    } else {
        DliError::ConnectionLost { source: error }
    }
}

fn error_answer(
    service: Service,
    status: u16,
    body: &[u8],
    request_id: Option<String>,
) -> DliError {
    let parsed = error_body::parse(body);
    DliError::Api {
        service,
        status,
        code: parsed.code,
        message: parsed.message,
        request_id: parsed.request_id.or(request_id),
    }
}

/// A 2xx answer.
pub(super) struct Answer {
    pub service: Service,
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as `T`; any other shape is a malformed answer.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, DliError> {
        serde_json::from_slice(&self.body).map_err(|error| self.malformed(error.to_string()))
    }

    pub fn malformed(&self, detail: impl Into<String>) -> DliError {
        DliError::Malformed {
            service: self.service,
            status: self.status,
            detail: detail.into(),
        }
    }
}

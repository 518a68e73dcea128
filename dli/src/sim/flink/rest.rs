//! The part of Flink's REST API the simulator calls: upload a JAR and run it, read a job's state
//! and root exception, cancel it, stop it with a savepoint and wait for that savepoint.

use super::{outcome::root_cause, request::JarRun};
use reqwest::{Client, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::{path::Path, time::Duration};

/// A call Flink refused or did not answer, with Flink's own reason.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RestError(pub String);

#[derive(Clone)]
pub struct FlinkRest {
    base: String,
    http: Client,
}

/// How often a savepoint's progress is asked for.
const SAVEPOINT_POLL: Duration = Duration::from_millis(200);

impl FlinkRest {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            // Uploads of large JARs and stops with savepoints take seconds, not minutes.
            http: Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .expect("a client with a timeout"),
        }
    }

    /// Uploads `jar`; Flink's id for it.
    pub async fn upload(&self, jar: &Path) -> Result<String, RestError> {
        let bytes = tokio::fs::read(jar)
            .await
            .map_err(|e| RestError(format!("cannot read {}: {e}", jar.display())))?;
        let name = jar.file_name().unwrap_or_default().to_string_lossy();
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.into_owned())
            .mime_str("application/java-archive")
            .expect("a valid MIME type");
        let form = reqwest::multipart::Form::new().part("jarfile", part);
        let request = self.http.post(self.url("/jars/upload")).multipart(form);
        let answer = self.json(request.send().await).await?;
        let file = answer["filename"].as_str().unwrap_or_default();
        // The id is the uploaded file's name.
        let id = Path::new(file).file_name().and_then(|name| name.to_str());
        id.map(str::to_string)
            .ok_or_else(|| RestError(format!("Flink's upload answer has no filename: {answer}")))
    }

    /// Runs an uploaded JAR; the Flink job's id.
    pub async fn run(&self, jar_id: &str, run: &JarRun) -> Result<String, RestError> {
        let request = self.http.post(self.url(&format!("/jars/{jar_id}/run")));
        let answer = self.json(request.json(run).send().await).await?;
        answer["jobid"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| RestError(format!("Flink's run answer has no jobid: {answer}")))
    }

    /// Forgets an uploaded JAR (the job keeps its own copy).
    pub async fn delete_jar(&self, jar_id: &str) -> Result<(), RestError> {
        let request = self.http.delete(self.url(&format!("/jars/{jar_id}")));
        self.json(request.send().await).await.map(drop)
    }

    /// The job's state, e.g. `RUNNING`, and whether all its tasks run (or have finished).
    pub async fn state(&self, job_id: &str) -> Result<(String, bool), RestError> {
        let request = self.http.get(self.url(&format!("/jobs/{job_id}")));
        let answer = self.json(request.send().await).await?;
        let state = answer["state"].as_str().unwrap_or_default().to_string();
        let vertices = answer["vertices"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let tasks_running = vertices
            .iter()
            .all(|vertex| matches!(vertex["status"].as_str(), Some("RUNNING" | "FINISHED")));
        Ok((state, tasks_running))
    }

    /// The first line of the root cause of the job's latest failure.
    pub async fn root_exception(&self, job_id: &str) -> Result<Option<String>, RestError> {
        let request = self
            .http
            .get(self.url(&format!("/jobs/{job_id}/exceptions")));
        let answer = self.json(request.send().await).await?;
        let latest = &answer["exceptionHistory"]["entries"][0]["stacktrace"];
        Ok(latest.as_str().and_then(|trace| root_cause([trace])))
    }

    pub async fn cancel(&self, job_id: &str) -> Result<(), RestError> {
        let request = self
            .http
            .patch(self.url(&format!("/jobs/{job_id}?mode=cancel")));
        self.json(request.send().await).await.map(drop)
    }

    /// Stops the job with a savepoint in `directory`; where Flink wrote it, once it has.
    pub async fn stop_with_savepoint(
        &self,
        job_id: &str,
        directory: &Path,
    ) -> Result<String, RestError> {
        let body = json!({"targetDirectory": directory, "drain": false});
        let request = self.http.post(self.url(&format!("/jobs/{job_id}/stop")));
        let answer = self.json(request.json(&body).send().await).await?;
        let trigger = answer["request-id"].as_str().unwrap_or_default();
        let status_url = self.url(&format!("/jobs/{job_id}/savepoints/{trigger}"));
        loop {
            let answer = self.json(self.http.get(&status_url).send().await).await?;
            if answer["status"]["id"] == "COMPLETED" {
                let operation = &answer["operation"];
                return match operation["location"].as_str() {
                    Some(location) => Ok(location.trim_start_matches("file:").to_string()),
                    None => {
                        let trace = operation["failure-cause"]["stack-trace"].as_str();
                        Err(RestError(root_cause(trace).unwrap_or_else(|| {
                            format!("the savepoint failed: {operation}")
                        })))
                    }
                };
            }
            tokio::time::sleep(SAVEPOINT_POLL).await;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The JSON of a 2xx answer, else Flink's reason (the root cause of its `errors`).
    async fn json(&self, sent: reqwest::Result<Response>) -> Result<Value, RestError> {
        let response =
            sent.map_err(|e| RestError(format!("Flink at {} did not answer: {e}", self.base)))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
        }
        Err(RestError(refusal(status.as_u16(), &text)))
    }
}

/// Flink's reason for refusing a call (HTTP `status`, `body` its answer): the root cause of its
/// `errors`, else the errors that are not Flink's generic "Internal server error.".
fn refusal(status: u16, body: &str) -> String {
    #[derive(Deserialize)]
    struct Errors {
        errors: Vec<String>,
    }
    let errors =
        serde_json::from_str::<Errors>(body).map_or_else(|_| vec![body.to_string()], |e| e.errors);
    if let Some(cause) = root_cause(errors.iter().map(String::as_str)) {
        return cause;
    }
    let specific: Vec<_> = errors
        .iter()
        .map(|error| error.trim())
        .filter(|error| !error.is_empty() && *error != "Internal server error.")
        .collect();
    if specific.is_empty() {
        format!("Flink refused the request with HTTP {status}")
    } else {
        specific.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_without_a_stack_trace_keeps_flinks_words() {
        let body = r#"{"errors":["Internal server error.","Only Jar files are allowed."]}"#;
        assert_eq!(refusal(400, body), "Only Jar files are allowed.");
        assert_eq!(
            refusal(500, r#"{"errors":["Internal server error."]}"#),
            "Flink refused the request with HTTP 500"
        );
        assert_eq!(refusal(502, "Bad Gateway"), "Bad Gateway");
    }
}

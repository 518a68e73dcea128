//! No log line of a full create, run and token call holds the SK, the security token, the IAM
//! password or a signature, even at TRACE where the client logs every header it sends.

use super::iam::{PASSWORD, token_client, with_iam_user};
use crate::support::{client_for, job_body, spawn_sim_with};
use secrecy::ExposeSecret;
use std::sync::{Arc, Mutex};

/// Collects every formatted log line.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// The test runs on one thread, so the thread's subscriber sees the client and the simulator.
#[tokio::test]
async fn no_log_line_of_a_full_create_holds_a_secret() {
    // tracing decides whether a callsite is on when some thread first reaches it; with one
    // registered dispatcher it asks only that thread's, so a parallel test could switch the
    // client's lines off for good. A second, silent dispatcher makes it ask every one.
    let _silent = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let logs = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let token = "SECURITY-TOKEN-never-logged";
    let sim = spawn_sim_with(|config| {
        with_iam_user(config);
        config.credentials = config
            .credentials
            .clone()
            .with_security_token(token.into())
            .unwrap();
    })
    .await;
    let client = client_for(&sim);
    let job = client
        .create_flink_jar_job(&job_body("quiet"))
        .await
        .unwrap()
        .job_id;
    client.run_jobs(&[job], false).await.unwrap();
    token_client(&sim, PASSWORD).show_job(job).await.unwrap();

    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("streaming/flink-jobs"),
        "requests were logged"
    );
    assert!(
        text.contains("x-sdk-date") && text.contains("x-auth-token"),
        "headers were logged"
    );
    let secret_key = sim
        .config
        .credentials
        .secret_key()
        .expose_secret()
        .to_string();
    for secret in [secret_key.as_str(), token, PASSWORD, "Signature="] {
        assert!(!text.contains(secret), "{secret} appears in the logs");
    }
}

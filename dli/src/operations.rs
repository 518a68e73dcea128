//! The DLI operations the portal uses: create (the exact bytes given, never sent twice), update,
//! show, list, run, stop, delete (one or a batch) and list queues, each with DLI's answer checked
//! for `is_success`.

use super::{
    actions::{
        DeleteJobsRequest, RunJobsRequest, StopJobsRequest, UpdateFlinkJarJobResponse, UpdatedJob,
    },
    client::DliClient,
    error::DliError,
    exchange::Retry,
    job::{FlinkJob, FlinkJobList, ListFlinkJobsResponse, ShowFlinkJobResponse},
    model::{CreateFlinkJarJobResponse, CreatedJob, ListQueuesResponse, Outcome, Queue},
    query::{ListJobsQuery, ListQueuesQuery, QueueType},
};
use http::Method;

impl DliClient {
    /// `POST /v1.0/{project_id}/streaming/flink-jobs` with exactly `body`. Never retried: on an
    /// error with [`DliError::may_have_been_processed`], DLI may hold the job all the same.
    pub async fn create_flink_jar_job(&self, body: &str) -> Result<CreatedJob, DliError> {
        let answer = self
            .call(
                "create",
                Method::POST,
                "/streaming/flink-jobs",
                vec![],
                body.as_bytes(),
                Retry::Never,
            )
            .await?;
        let created: CreateFlinkJarJobResponse = answer.decode()?;
        check(&created.outcome)?;
        let job = created.job.unwrap_or_default();
        let job_id = job
            .job_id
            .ok_or_else(|| answer.malformed("the answer has no job.job_id"))?;
        Ok(CreatedJob {
            job_id,
            status_name: job.status_name,
            message: created.outcome.message,
        })
    }

    /// `PUT /v1.0/{project_id}/streaming/flink-jobs/{job_id}` with exactly `body`: the create
    /// fields to change, without `tags`, plus `"job_type": "flink_jar_job"`.
    ///
    /// Sent again only when DLI surely did nothing. The same body twice leaves the same settings,
    /// but after an answer that may have been lost the repeat can be refused for the first one's
    /// success: DLI refuses an `obs_bucket` sent unchanged to a running job, and the first update
    /// made it unchanged. The caller reads the job back instead, as after a lost run or stop.
    pub async fn update_flink_jar_job(
        &self,
        job_id: i64,
        body: &str,
    ) -> Result<UpdatedJob, DliError> {
        let path = format!("/streaming/flink-jobs/{job_id}");
        let answer = self
            .call(
                "update",
                Method::PUT,
                &path,
                vec![],
                body.as_bytes(),
                Retry::WhenUnprocessed,
            )
            .await?;
        let updated: UpdateFlinkJarJobResponse = answer.decode()?;
        check(&updated.outcome)?;
        Ok(UpdatedJob {
            update_time: updated.job.and_then(|job| job.update_time),
            message: updated.outcome.message,
        })
    }

    /// `GET /v1.0/{project_id}/streaming/jobs/{job_id}`, with `job_config`.
    pub async fn show_job(&self, job_id: i64) -> Result<FlinkJob, DliError> {
        let path = format!("/streaming/jobs/{job_id}");
        let answer = self
            .call(
                "show",
                Method::GET,
                &path,
                vec![],
                b"",
                Retry::WhenTransient,
            )
            .await?;
        let shown: ShowFlinkJobResponse = answer.decode()?;
        check(&shown.outcome)?;
        shown
            .job_detail
            .ok_or_else(|| answer.malformed("the answer has no job_detail"))
    }

    /// `GET /v1.0/{project_id}/streaming/jobs` with every filter `query` sets.
    pub async fn list_jobs(&self, query: &ListJobsQuery) -> Result<FlinkJobList, DliError> {
        let answer = self
            .call(
                "list",
                Method::GET,
                "/streaming/jobs",
                query.to_pairs(),
                b"",
                Retry::WhenTransient,
            )
            .await?;
        let listed: ListFlinkJobsResponse = answer.decode()?;
        check(&listed.outcome)?;
        Ok(listed.job_list.unwrap_or_default())
    }

    /// `POST .../streaming/jobs/run`: one outcome per job, in the order of `job_ids`.
    pub async fn run_jobs(
        &self,
        job_ids: &[i64],
        resume_savepoint: bool,
    ) -> Result<Vec<Outcome>, DliError> {
        let body = RunJobsRequest {
            job_ids: job_ids.to_vec(),
            resume_savepoint,
        };
        self.batch(
            "run",
            "/streaming/jobs/run",
            &serde_json::to_vec(&body).expect("plain fields"),
        )
        .await
    }

    /// `POST .../streaming/jobs/stop`: one outcome per job, in the order of `job_ids`.
    pub async fn stop_jobs(
        &self,
        job_ids: &[i64],
        trigger_savepoint: bool,
    ) -> Result<Vec<Outcome>, DliError> {
        let body = StopJobsRequest {
            job_ids: job_ids.to_vec(),
            trigger_savepoint,
        };
        self.batch(
            "stop",
            "/streaming/jobs/stop",
            &serde_json::to_vec(&body).expect("plain fields"),
        )
        .await
    }

    /// `POST .../streaming/jobs/delete`: one outcome per job, in the order of `job_ids`.
    pub async fn delete_jobs(&self, job_ids: &[i64]) -> Result<Vec<Outcome>, DliError> {
        let body = DeleteJobsRequest {
            job_ids: job_ids.to_vec(),
        };
        self.batch(
            "batch_delete",
            "/streaming/jobs/delete",
            &serde_json::to_vec(&body).expect("plain fields"),
        )
        .await
    }

    async fn batch(
        &self,
        operation: &'static str,
        path: &str,
        body: &[u8],
    ) -> Result<Vec<Outcome>, DliError> {
        self.call(
            operation,
            Method::POST,
            path,
            vec![],
            body,
            Retry::WhenUnprocessed,
        )
        .await?
        .decode()
    }

    /// `DELETE /v1.0/{project_id}/streaming/jobs/{job_id}`.
    pub async fn delete_job(&self, job_id: i64) -> Result<(), DliError> {
        let path = format!("/streaming/jobs/{job_id}");
        let answer = self
            .call(
                "delete",
                Method::DELETE,
                &path,
                vec![],
                b"",
                Retry::WhenUnprocessed,
            )
            .await?;
        check(&answer.decode::<Outcome>()?)
    }

    /// `GET /v1.0/{project_id}/queues?queue_type=..`.
    pub async fn list_queues(&self, queue_type: QueueType) -> Result<Vec<Queue>, DliError> {
        let query = ListQueuesQuery {
            queue_type: Some(queue_type),
        }
        .to_pairs();
        let answer = self
            .call(
                "queues",
                Method::GET,
                "/queues",
                query,
                b"",
                Retry::WhenTransient,
            )
            .await?;
        let listed: ListQueuesResponse = answer.decode()?;
        check(&listed.outcome)?;
        Ok(listed.queues.unwrap_or_default())
    }
}

/// HTTP 200 with `is_success: false` is a failure too.
fn check(outcome: &Outcome) -> Result<(), DliError> {
    match outcome.failure_message() {
        Some(message) => Err(DliError::Unsuccessful {
            message: message.to_string(),
        }),
        None => Ok(()),
    }
}

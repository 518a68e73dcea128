//! The wire types of actions on jobs that exist: the update of a Flink Jar job's settings and its
//! answer, and the bodies of run, stop and batch delete, which DLI answers with one `Outcome` per job.

use super::model::Outcome;
use serde::{Deserialize, Serialize};

/// `POST .../streaming/jobs/run`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunJobsRequest {
    pub job_ids: Vec<i64>,
    #[serde(default)]
    pub resume_savepoint: bool,
}

/// `POST .../streaming/jobs/stop`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StopJobsRequest {
    pub job_ids: Vec<i64>,
    #[serde(default)]
    pub trigger_savepoint: bool,
}

/// `POST .../streaming/jobs/delete`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteJobsRequest {
    pub job_ids: Vec<i64>,
}

/// The job part of the update answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdatedJobInfo {
    pub update_time: Option<i64>,
}

/// The answer to `PUT .../streaming/flink-jobs/{job_id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateFlinkJarJobResponse {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub job: Option<UpdatedJobInfo>,
}

/// An updated job, as the client hands it back: when DLI recorded the change (epoch ms, when
/// it says) and DLI's message.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatedJob {
    pub update_time: Option<i64>,
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_update_answer_parses_with_its_millisecond_time() {
        let body = r#"{"is_success": true, "message": "updated",
            "job": {"update_time": 1516952770835}}"#;
        let answer: UpdateFlinkJarJobResponse = serde_json::from_str(body).unwrap();
        assert_eq!(answer.outcome.failure_message(), None);
        assert_eq!(answer.job.unwrap().update_time, Some(1_516_952_770_835));
    }

    #[test]
    fn a_batch_delete_body_holds_only_the_job_ids() {
        let body = DeleteJobsRequest {
            job_ids: vec![5_000_000_001, 7],
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"job_ids":[5000000001,7]}"#
        );
    }
}

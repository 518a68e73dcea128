//! One simulated job and its lifecycle: `job_init` on create; run goes through `job_submitting`
//! to `job_running`, stop through `job_canceling` to `job_cancel_success`, each after the
//! configured transition time. The status is computed from timestamps when read.

use crate::{CreateFlinkJarJobRequest, FlinkJob, JobConfig, Outcome};

pub struct SimJob {
    pub id: i64,
    pub request: CreateFlinkJarJobRequest,
    pub user_name: String,
    created_ms: i64,
    run_ms: Option<i64>,
    stop_ms: Option<i64>,
}

/// The status at one moment, with when it began and when the job last reached `job_running`.
#[derive(Debug, PartialEq)]
pub struct Status {
    pub name: &'static str,
    pub since_ms: i64,
    pub started_ms: Option<i64>,
}

impl SimJob {
    pub fn new(id: i64, request: CreateFlinkJarJobRequest, user_name: String, now_ms: i64) -> Self {
        Self {
            id,
            request,
            user_name,
            created_ms: now_ms,
            run_ms: None,
            stop_ms: None,
        }
    }

    pub fn status(&self, now_ms: i64, transition_ms: i64) -> Status {
        let running_from = self.run_ms.map(|run| run + transition_ms);
        match (self.run_ms, self.stop_ms) {
            (_, Some(stop)) => Status {
                name: if now_ms < stop + transition_ms {
                    "job_canceling"
                } else {
                    "job_cancel_success"
                },
                since_ms: if now_ms < stop + transition_ms {
                    stop
                } else {
                    stop + transition_ms
                },
                started_ms: running_from.filter(|running| *running <= stop),
            },
            (Some(run), None) if now_ms < run + transition_ms => Status {
                name: "job_submitting",
                since_ms: run,
                started_ms: None,
            },
            (Some(_), None) => Status {
                name: "job_running",
                since_ms: running_from.unwrap_or(now_ms),
                started_ms: running_from,
            },
            (None, None) => Status {
                name: "job_init",
                since_ms: self.created_ms,
                started_ms: None,
            },
        }
    }

    /// Starts a draft or stopped job; DLI refuses a job that is already on its way.
    pub fn run(&mut self, now_ms: i64, transition_ms: i64) -> Outcome {
        let status = self.status(now_ms, transition_ms).name;
        if !matches!(status, "job_init" | "job_cancel_success") {
            return Outcome::failure(format!(
                "The job {} is {status} and cannot be started.",
                self.id
            ));
        }
        self.run_ms = Some(now_ms);
        self.stop_ms = None;
        Outcome::success("The request for submitting DLI jobs is successfully delivered.")
    }

    pub fn stop(&mut self, now_ms: i64, transition_ms: i64) -> Outcome {
        let status = self.status(now_ms, transition_ms).name;
        if !matches!(status, "job_submitting" | "job_running") {
            return Outcome::failure(format!(
                "The job {} is {status} and cannot be stopped.",
                self.id
            ));
        }
        self.stop_ms = Some(now_ms);
        Outcome::success("The request for stopping DLI jobs is successfully delivered.")
    }

    /// The job as list (`detail = false`) or detail and `show_detail=true` (`detail = true`) show it.
    pub fn to_wire(
        &self,
        now_ms: i64,
        transition_ms: i64,
        project_id: &str,
        detail: bool,
    ) -> FlinkJob {
        let status = self.status(now_ms, transition_ms);
        let request = &self.request;
        let duration = status
            .started_ms
            .map(|started| self.stop_ms.unwrap_or(now_ms) - started);
        let mut job = FlinkJob {
            job_id: Some(self.id),
            name: Some(request.name.clone()),
            desc: Some(request.desc.clone().unwrap_or_default()),
            user_name: Some(self.user_name.clone()),
            job_type: Some("flink_jar_job".into()),
            status: Some(status.name.into()),
            status_desc: Some(String::new()),
            create_time: Some(self.created_ms),
            start_time: status.started_ms,
            update_time: Some(status.since_ms),
            queue_name: request.queue_name.clone(),
            graph_editor_enabled: Some(false),
            has_savepoint: Some(false),
            restart_times: Some(0),
            tags: request.tags.clone(),
            ..FlinkJob::default()
        };
        if detail {
            job.project_id = Some(project_id.to_string());
            job.run_mode = Some("exclusive_cluster".into());
            job.main_class = request.main_class.clone();
            job.entrypoint_args = request.entrypoint_args.clone();
            job.job_config = Some(job_config(request));
        } else {
            job.duration = Some(duration.unwrap_or(0));
            job.root_id = Some(-1);
        }
        job
    }
}

/// The create request with DLI's defaults filled in, as `job_config` shows it.
fn job_config(request: &CreateFlinkJarJobRequest) -> JobConfig {
    let cu_number = request.cu_number.unwrap_or(2);
    let manager_cu_number = request.manager_cu_number.unwrap_or(1);
    let parallel_number = request.parallel_number.unwrap_or(1);
    let tm_cus = request.tm_cus.unwrap_or(1);
    let default_slots = (parallel_number * tm_cus) / (cu_number - manager_cu_number).max(1);
    JobConfig {
        checkpoint_enabled: Some(request.checkpoint_enabled.unwrap_or(false)),
        checkpoint_mode: Some(
            if request.checkpoint_mode == Some(2) {
                "at_least_once"
            } else {
                "exactly_once"
            }
            .into(),
        ),
        checkpoint_interval: Some(request.checkpoint_interval.unwrap_or(10)),
        log_enabled: Some(request.log_enabled.unwrap_or(false)),
        obs_bucket: request.obs_bucket.clone(),
        smn_topic: request.smn_topic.clone(),
        root_id: Some(-1),
        manager_cu_number: Some(manager_cu_number),
        cu_number: Some(cu_number),
        real_cu_number: Some(0),
        parallel_number: Some(parallel_number),
        restart_when_exception: Some(request.restart_when_exception.unwrap_or(false)),
        entrypoint: request.entrypoint.clone(),
        dependency_jars: request.dependency_jars.clone(),
        dependency_files: request.dependency_files.clone(),
        tm_cus: Some(tm_cus),
        tm_slot_num: Some(request.tm_slot_num.unwrap_or(default_slots.max(1))),
        feature: Some(request.feature.clone().unwrap_or_else(|| "basic".into())),
        flink_version: request.flink_version.clone(),
        image: request.image.clone(),
        resume_checkpoint: Some(request.resume_checkpoint.unwrap_or(false)),
        resume_max_num: Some(request.resume_max_num.unwrap_or(-1)),
        checkpoint_path: request.checkpoint_path.clone(),
        runtime_config: request.runtime_config.clone(),
        execution_agency_urn: request.execution_agency_urn.clone(),
        resource_config_version: Some(
            request
                .resource_config_version
                .clone()
                .unwrap_or_else(|| "v1".into()),
        ),
        resource_config: request.resource_config.clone(),
        flink_log_config: request.flink_log_config.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_000;

    fn job() -> SimJob {
        let request = CreateFlinkJarJobRequest {
            name: "j".into(),
            ..Default::default()
        };
        SimJob::new(7, request, "u".into(), 0)
    }

    #[test]
    fn a_new_job_is_a_draft_until_run() {
        assert_eq!(
            job().status(50_000, T),
            Status {
                name: "job_init",
                since_ms: 0,
                started_ms: None
            }
        );
    }

    #[test]
    fn run_submits_first_and_runs_after_the_transition() {
        let mut job = job();
        assert_eq!(job.run(100, T).is_success, Some(true));
        assert_eq!(job.status(100 + T - 1, T).name, "job_submitting");
        assert_eq!(
            job.status(100 + T, T),
            Status {
                name: "job_running",
                since_ms: 100 + T,
                started_ms: Some(100 + T)
            }
        );
        assert_eq!(
            job.run(100 + T, T).is_success,
            Some(false),
            "a running job cannot start again"
        );
    }

    #[test]
    fn stop_cancels_after_the_transition_and_the_job_can_run_again() {
        let mut job = job();
        job.run(0, T);
        assert_eq!(job.stop(5 * T, T).is_success, Some(true));
        assert_eq!(job.status(5 * T, T).name, "job_canceling");
        let stopped = job.status(6 * T, T);
        assert_eq!(
            stopped,
            Status {
                name: "job_cancel_success",
                since_ms: 6 * T,
                started_ms: Some(T)
            }
        );
        assert_eq!(job.to_wire(9 * T, T, "p", false).duration, Some(4 * T));
        assert_eq!(job.run(6 * T, T).is_success, Some(true));
    }

    #[test]
    fn a_draft_cannot_be_stopped() {
        let outcome = job().stop(0, T);
        assert_eq!(
            outcome.failure_message(),
            Some("The job 7 is job_init and cannot be stopped.")
        );
    }

    #[test]
    fn details_carry_the_config_with_dli_defaults_and_lists_do_not() {
        let detail = job().to_wire(0, T, "p", true);
        let config = detail.job_config.unwrap();
        assert_eq!((config.cu_number, config.tm_slot_num), (Some(2), Some(1)));
        assert_eq!(config.checkpoint_mode.as_deref(), Some("exactly_once"));
        assert_eq!(
            (detail.duration, detail.project_id.as_deref()),
            (None, Some("p"))
        );
        let listed = job().to_wire(0, T, "p", false);
        assert_eq!((listed.job_config, listed.root_id), (None, Some(-1)));
    }
}

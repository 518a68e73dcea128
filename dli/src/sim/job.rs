//! One simulated job: its settings (the create request with DLI's defaults filled in, replaced by
//! updates), its owner and lifecycle, and the job as list, detail and `/_sim` show it.

use super::{
    lifecycle::Lifecycle,
    savepoints::Savepoint,
    status::{ForcedStatus, Status},
};
use crate::{CreateFlinkJarJobRequest, FlinkJob, JobConfig, Outcome};

pub struct SimJob {
    pub id: i64,
    /// Every setting with a DLI default holds it, so that an update compares what takes effect.
    pub settings: CreateFlinkJarJobRequest,
    pub user_name: String,
    created_ms: i64,
    /// When an update last replaced the settings.
    updated_ms: Option<i64>,
    pub lifecycle: Lifecycle,
    /// On a simulator backed by Flink: Flink's id of the latest run's job, once Flink took it.
    pub flink_job_id: Option<String>,
}

impl SimJob {
    pub fn new(
        id: i64,
        request: CreateFlinkJarJobRequest,
        user_name: String,
        now_ms: i64,
        transition_ms: Option<i64>,
    ) -> Self {
        Self {
            id,
            settings: with_defaults(request),
            user_name,
            created_ms: now_ms,
            updated_ms: None,
            lifecycle: Lifecycle::new(now_ms, transition_ms),
            flink_job_id: None,
        }
    }

    pub fn status(&self, now_ms: i64) -> Status {
        self.lifecycle.status(now_ms)
    }

    pub fn is_running(&self, now_ms: i64) -> bool {
        self.lifecycle.is_running(now_ms)
    }

    pub fn run(&mut self, now_ms: i64, resume_savepoint: bool) -> Outcome {
        match self.lifecycle.run(now_ms, resume_savepoint) {
            Ok(()) => {
                self.flink_job_id = None;
                Outcome::success("The request for submitting DLI jobs is successfully delivered.")
            }
            Err(reason) => self.failure(&reason),
        }
    }

    pub fn stop(&mut self, now_ms: i64, trigger_savepoint: bool) -> Outcome {
        match self.lifecycle.stop(now_ms, trigger_savepoint) {
            Ok(()) => {
                Outcome::success("The request for stopping DLI jobs is successfully delivered.")
            }
            Err(reason) => self.failure(&reason),
        }
    }

    /// Puts the job into a status DLI reaches on its own; `Err` says why it cannot.
    pub fn force(&mut self, now_ms: i64, status: ForcedStatus, desc: String) -> Result<(), String> {
        self.lifecycle
            .force(now_ms, status, desc)
            .map_err(|reason| format!("The job {} {reason}.", self.id))
    }

    fn failure(&self, reason: &str) -> Outcome {
        Outcome::failure(format!("The job {} {reason}.", self.id))
    }

    /// Replaces the settings with `settings`, already checked and with defaults filled in.
    pub fn update(&mut self, settings: CreateFlinkJarJobRequest, now_ms: i64) {
        self.settings = settings;
        self.updated_ms = Some(now_ms);
    }

    /// Where the savepoint the latest run resumed from lies, if it resumed from one.
    pub fn resumed_from(&self, project_id: &str) -> Option<String> {
        let saved = self.lifecycle.savepoints().resumed_from()?;
        Some(self.savepoint_path(project_id, saved))
    }

    /// Where Flink wrote the savepoint, or a made-up path for a simulated one.
    fn savepoint_path(&self, project_id: &str, saved: &Savepoint) -> String {
        saved.location.clone().unwrap_or_else(|| {
            let (id, number) = (self.id, saved.number);
            format!("obs://dli-savepoints/{project_id}/{id}/savepoint-{number}")
        })
    }

    /// The job as list (`detail = false`) or detail and `show_detail=true` (`detail = true`) show it.
    pub fn to_wire(&self, now_ms: i64, project_id: &str, detail: bool) -> FlinkJob {
        let status = self.status(now_ms);
        let settings = &self.settings;
        let savepoint = self.lifecycle.savepoints().latest(now_ms);
        let mut job = FlinkJob {
            job_id: Some(self.id),
            name: Some(settings.name.clone()),
            desc: Some(settings.desc.clone().unwrap_or_default()),
            user_name: Some(self.user_name.clone()),
            job_type: Some("flink_jar_job".into()),
            status: Some(status.name.into()),
            status_desc: Some(self.lifecycle.status_desc().into()),
            create_time: Some(self.created_ms),
            start_time: status.started_ms,
            update_time: Some(status.since_ms.max(self.updated_ms.unwrap_or(i64::MIN))),
            queue_name: settings.queue_name.clone(),
            graph_editor_enabled: Some(false),
            has_savepoint: Some(savepoint.is_some()),
            savepoint_path: savepoint.map(|saved| self.savepoint_path(project_id, saved)),
            restart_times: Some(0),
            tags: settings.tags.clone(),
            ..FlinkJob::default()
        };
        if detail {
            job.project_id = Some(project_id.to_string());
            job.run_mode = Some("exclusive_cluster".into());
            job.main_class = settings.main_class.clone();
            job.entrypoint_args = settings.entrypoint_args.clone();
            job.job_config = Some(job_config(settings));
        } else {
            job.duration = Some(self.lifecycle.duration_ms(now_ms).unwrap_or(0));
            job.root_id = Some(-1);
        }
        job
    }
}

/// `request` with DLI's default for each setting that has one and that it leaves out.
pub fn with_defaults(mut request: CreateFlinkJarJobRequest) -> CreateFlinkJarJobRequest {
    request.cu_number.get_or_insert(2);
    request.manager_cu_number.get_or_insert(1);
    request.parallel_number.get_or_insert(1);
    request.tm_cus.get_or_insert(1);
    request.checkpoint_enabled.get_or_insert(false);
    request.checkpoint_mode.get_or_insert(1);
    request.checkpoint_interval.get_or_insert(10);
    request.log_enabled.get_or_insert(false);
    request.restart_when_exception.get_or_insert(false);
    request.resume_checkpoint.get_or_insert(false);
    request.resume_max_num.get_or_insert(-1);
    request.feature.get_or_insert_with(|| "basic".into());
    request
        .resource_config_version
        .get_or_insert_with(|| "v1".into());
    request
}

/// DLI's slots per TaskManager when none were set: `(parallel_number * tm_cus) / (cu_number -
/// manager_cu_number)`, at least 1. Derived when shown, so that it follows an update.
fn default_slots(settings: &CreateFlinkJarJobRequest) -> i32 {
    let [parallel, tm_cus, cu, manager] = [
        settings.parallel_number,
        settings.tm_cus,
        settings.cu_number,
        settings.manager_cu_number,
    ]
    .map(Option::unwrap_or_default);
    ((parallel * tm_cus) / (cu - manager).max(1)).max(1)
}

/// The settings as `job_config` shows them: `checkpoint_mode` as a word, slots derived.
fn job_config(settings: &CreateFlinkJarJobRequest) -> JobConfig {
    let checkpoint_mode = match settings.checkpoint_mode {
        Some(2) => "at_least_once",
        _ => "exactly_once",
    };
    JobConfig {
        checkpoint_enabled: settings.checkpoint_enabled,
        checkpoint_mode: Some(checkpoint_mode.into()),
        checkpoint_interval: settings.checkpoint_interval,
        log_enabled: settings.log_enabled,
        obs_bucket: settings.obs_bucket.clone(),
        smn_topic: settings.smn_topic.clone(),
        root_id: Some(-1),
        manager_cu_number: settings.manager_cu_number,
        cu_number: settings.cu_number,
        real_cu_number: Some(0),
        parallel_number: settings.parallel_number,
        restart_when_exception: settings.restart_when_exception,
        entrypoint: settings.entrypoint.clone(),
        dependency_jars: settings.dependency_jars.clone(),
        dependency_files: settings.dependency_files.clone(),
        tm_cus: settings.tm_cus,
        tm_slot_num: Some(
            settings
                .tm_slot_num
                .unwrap_or_else(|| default_slots(settings)),
        ),
        feature: settings.feature.clone(),
        flink_version: settings.flink_version.clone(),
        image: settings.image.clone(),
        resume_checkpoint: settings.resume_checkpoint,
        resume_max_num: settings.resume_max_num,
        checkpoint_path: settings.checkpoint_path.clone(),
        runtime_config: settings.runtime_config.clone(),
        execution_agency_urn: settings.execution_agency_urn.clone(),
        resource_config_version: settings.resource_config_version.clone(),
        resource_config: settings.resource_config.clone(),
        flink_log_config: settings.flink_log_config.clone(),
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
        SimJob::new(7, request, "u".into(), 0, Some(T))
    }

    #[test]
    fn a_draft_cannot_be_stopped() {
        let outcome = job().stop(0, false);
        assert_eq!(
            outcome.failure_message(),
            Some("The job 7 is job_init and cannot be stopped.")
        );
    }

    #[test]
    fn a_list_item_counts_the_running_time_until_the_stop() {
        let mut job = job();
        job.run(0, false);
        job.stop(5 * T, false);
        assert_eq!(job.to_wire(9 * T, "p", false).duration, Some(4 * T));
    }

    #[test]
    fn details_carry_the_config_with_dli_defaults_and_lists_do_not() {
        let detail = job().to_wire(0, "p", true);
        let config = detail.job_config.unwrap();
        assert_eq!((config.cu_number, config.tm_slot_num), (Some(2), Some(1)));
        assert_eq!(config.checkpoint_mode.as_deref(), Some("exactly_once"));
        assert_eq!(
            (detail.duration, detail.project_id.as_deref()),
            (None, Some("p"))
        );
        let listed = job().to_wire(0, "p", false);
        assert_eq!((listed.job_config, listed.root_id), (None, Some(-1)));
    }

    #[test]
    fn a_savepoint_shows_once_taken_with_a_new_path_each_time() {
        let mut job = job();
        job.run(0, false);
        job.stop(2 * T, true);
        let taking = job.to_wire(2 * T, "p", false);
        assert_eq!(
            (taking.has_savepoint, taking.savepoint_path),
            (Some(false), None)
        );
        let first = job.to_wire(3 * T, "p", false).savepoint_path.unwrap();
        assert_eq!(first, "obs://dli-savepoints/p/7/savepoint-1");
        job.run(3 * T, true);
        assert_eq!(job.resumed_from("p").as_deref(), Some(first.as_str()));
        job.stop(5 * T, true);
        let second = job.to_wire(6 * T, "p", false).savepoint_path.unwrap();
        assert_eq!(second, "obs://dli-savepoints/p/7/savepoint-2");
    }

    #[test]
    fn an_update_moves_the_update_time_and_keeps_the_status() {
        let mut job = job();
        job.run(0, false);
        let mut settings = job.settings.clone();
        settings.smn_topic = Some("alerts".into());
        job.update(settings, 5 * T);
        let shown = job.to_wire(6 * T, "p", true);
        assert_eq!(shown.status.as_deref(), Some("job_running"));
        assert_eq!(shown.update_time, Some(5 * T));
        assert_eq!(
            shown.job_config.unwrap().smn_topic.as_deref(),
            Some("alerts")
        );
    }
}

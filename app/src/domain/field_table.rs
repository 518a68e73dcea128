//! Every form field in form order: its HTML name (DLI's wire name), a label and one line of help
//! in our words, drawn from DLI's API documentation (docs/dli-api.md §1 and the seed page, docs/dli-seed-create-flink-jar-job.txt).

/// One input of the job form (or the legend of a row editor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    /// The HTML `name`: DLI's field name, dotted for nested and row fields.
    pub name: &'static str,
    pub label: &'static str,
    pub help: &'static str,
}

const fn info(name: &'static str, label: &'static str, help: &'static str) -> FieldInfo {
    FieldInfo { name, label, help }
}

/// In the order a person fills the form: the job, its code, resources, fault tolerance, logs
/// and alerts, then the advanced settings.
pub const FIELDS: &[FieldInfo] = &[
    info(
        "name",
        "Job name",
        "Up to 57 letters, digits, _ and -, to find the job again.",
    ),
    info(
        "desc",
        "Description",
        "Optional notes on what the job does, up to 512 characters.",
    ),
    info(
        "queue_name",
        "Queue",
        "The dedicated DLI queue (type general) that runs the job.",
    ),
    info(
        "entrypoint",
        "Main JAR",
        "The JAR with the main class: obs://bucket/path/app.jar or a DLI package such as group/app.jar.",
    ),
    info(
        "main_class",
        "Main class",
        "The class whose main() starts the job, e.g. com.example.Main; empty uses the JAR manifest.",
    ),
    info(
        "entrypoint_args",
        "Arguments",
        "Arguments for main(), separated by spaces, e.g. -windowSize 2000 -rate 3.",
    ),
    info(
        "dependency_jars",
        "Dependency JARs",
        "More JARs for the classpath, one per row, written like the main JAR.",
    ),
    info(
        "dependency_files",
        "Dependency files",
        "Files the job reads, one per row; load them with getResource(\"userData/<file name>\").",
    ),
    info(
        "cu_number",
        "CUs",
        "Compute units for the whole job (1 CU = 1 vCPU and 4 GB), 2 to 400; DLI's default is 2.",
    ),
    info(
        "manager_cu_number",
        "JobManager CUs",
        "CUs the JobManager takes from the total; DLI's default is 1.",
    ),
    info(
        "parallel_number",
        "Parallelism",
        "Parallel instances of each operator, 1 to 2000; DLI's default is 1.",
    ),
    info(
        "tm_cus",
        "CUs per TaskManager",
        "CUs each TaskManager gets; DLI's default is 1.",
    ),
    info(
        "tm_slot_num",
        "Slots per TaskManager",
        "Task slots in each TaskManager; empty lets DLI derive it from the CUs and parallelism.",
    ),
    info(
        "restart_when_exception",
        "Restart on failure",
        "Restart the job automatically when it fails.",
    ),
    info(
        "resume_checkpoint",
        "Resume from checkpoint",
        "On an automatic restart, continue from the latest checkpoint instead of from scratch.",
    ),
    info(
        "resume_max_num",
        "Restarts per hour",
        "The most automatic restarts in one hour; -1 (DLI's default) means no limit.",
    ),
    info(
        "checkpoint_enabled",
        "Enable checkpoints",
        "Let DLI checkpoint the job's state at a fixed interval.",
    ),
    info(
        "checkpoint_mode",
        "Checkpoint mode",
        "The guarantee for processed records: exactly once (DLI's default) or at least once.",
    ),
    info(
        "checkpoint_interval",
        "Checkpoint interval (s)",
        "Seconds between checkpoints, 1 to 3600; DLI's default is 10.",
    ),
    info(
        "checkpoint_path",
        "Checkpoint path",
        "Where your JAR keeps its own checkpoints, one path per job; needed to resume without DLI checkpoints.",
    ),
    info(
        "log_enabled",
        "Save job logs to OBS",
        "Keep the job's logs in an OBS bucket that DLI may write to.",
    ),
    info(
        "obs_bucket",
        "Log bucket",
        "The bucket's name alone (no obs://): 3 to 63 lowercase letters, digits, dots and dashes.",
    ),
    info(
        "smn_topic",
        "Alert topic",
        "An SMN topic whose subscribers hear when the job fails.",
    ),
    info(
        "feature",
        "Flink image",
        "basic runs DLI's own Flink image; custom runs an image of yours.",
    ),
    info(
        "flink_version",
        "Flink version",
        "The DLI Flink version for the basic image, such as 1.15 or 1.17.",
    ),
    info(
        "image",
        "Custom image",
        "Your image for the custom feature, as organization/image:tag.",
    ),
    info(
        "runtime_config",
        "Flink options",
        "Flink configuration options for this job only, one key and value per row.",
    ),
    info(
        "runtime_config.key",
        "Option",
        "A Flink configuration key, e.g. taskmanager.memory.network.fraction.",
    ),
    info(
        "runtime_config.value",
        "Value",
        "The value for that option.",
    ),
    info(
        "flink_log_config",
        "Log levels",
        "How much the job's Flink logs record, overall and per logger.",
    ),
    info(
        "flink_log_config.root_logger_level",
        "Root log level",
        "The level of every logger not listed below: TRACE, DEBUG, INFO, WARN or ERROR.",
    ),
    info(
        "flink_log_config.class",
        "Logger",
        "A logger name, usually a package or class, e.g. org.apache.flink.",
    ),
    info(
        "flink_log_config.level",
        "Level",
        "The level for that logger.",
    ),
    info(
        "execution_agency_urn",
        "Agency",
        "An IAM agency that lets the job use your other cloud services (Flink 1.15 and later).",
    ),
    info(
        "resource_config_version",
        "Resource model",
        "v1 sizes the job in CUs; v2 sets CPU and memory per JobManager and TaskManager.",
    ),
    info(
        "resource_config.max_slot",
        "Slots per TaskManager (v2)",
        "Task slots in each TaskManager; DLI's default is 1.",
    ),
    info(
        "resource_config.parallel_number",
        "Parallelism (v2)",
        "Parallel instances of each operator, 1 to 2000; DLI's default is 1.",
    ),
    info(
        "resource_config.jobmanager_resource_spec.cpu",
        "JobManager vCPUs",
        "CPU cores for the JobManager, at least 0.5; DLI's default is 1.",
    ),
    info(
        "resource_config.jobmanager_resource_spec.memory",
        "JobManager memory",
        "Such as 4GB or 4096MB (a bare number means GB), at least 2GB; DLI's default is 4GB.",
    ),
    info(
        "resource_config.taskmanager_resource_spec.cpu",
        "TaskManager vCPUs",
        "CPU cores for each TaskManager, at least 0.5; DLI's default is 1.",
    ),
    info(
        "resource_config.taskmanager_resource_spec.memory",
        "TaskManager memory",
        "Such as 4GB or 4096MB (a bare number means GB), at least 2GB; DLI's default is 4GB.",
    ),
    info(
        "tags",
        "Tags",
        "Up to 20 key/value labels to find and bill the job by.",
    ),
    info(
        "tags.key",
        "Tag key",
        "1 to 36 letters, digits, spaces and _ . : + - @, not starting with _sys_.",
    ),
    info(
        "tags.value",
        "Tag value",
        "1 to 43 letters, digits, spaces and _ . : + - @.",
    ),
];

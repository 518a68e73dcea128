//! A proptest strategy for valid specs across every field, for the round-trip properties in
//! `form.rs` and `request_json.rs`: each part respects the rules that tie fields together.

use super::parse::shapes;
use super::spec::JobSpec;
use super::wire::{
    CheckpointMode, Choice, Feature, FlinkLogConfig, KeyValue, LogLevel, LoggerLevels,
    ResourceConfigVersion,
};
use super::wire::{ResourceConfig, ResourceSpec};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use proptest::sample::select;

/// Trimmed, non-blank free text of up to `max` characters, or `None`.
fn text(max: usize) -> impl Strategy<Value = Option<String>> {
    pattern(&format!("\\PC{{0,{max}}}"))
        .prop_map(|raw| Some(raw.trim().to_owned()).filter(|text| !text.is_empty()))
}

const BUCKET: &str = "[a-z0-9][a-z0-9-]{1,12}[a-z0-9](\\.[a-z0-9]{1,6})?";
const PACKAGE_PART: &str = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}";

fn reference(suffix: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        (BUCKET, "[a-z0-9_-]{1,8}(/[A-Za-z0-9_.-]{1,8}){0,2}")
            .prop_map(move |(bucket, key)| format!("obs://{bucket}/{key}{suffix}")),
        (of(PACKAGE_PART), PACKAGE_PART).prop_map(move |(group, name)| match group {
            Some(group) => format!("{group}/{name}{suffix}"),
            None => format!("{name}{suffix}"),
        }),
    ]
}

fn unique_by<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut unique: Vec<T> = Vec::new();
    for item in items {
        if !unique.iter().any(|kept| key(kept) == key(&item)) {
            unique.push(item);
        }
    }
    unique
}

fn tag_text(max_inner: usize) -> impl Strategy<Value = String> {
    let edge = "[A-Za-z\u{e9}\u{4e2d}0-9_.:+@-]";
    pattern(&format!(
        "{edge}([A-Za-z\u{e9}\u{4e2d}0-9 _.:+@-]{{0,{max_inner}}}{edge})?"
    ))
}

fn pattern(regex: &str) -> impl Strategy<Value = String> + use<> {
    proptest::string::string_regex(regex).expect("a valid pattern")
}

fn key_values(
    key: impl Strategy<Value = String>,
    value: impl Strategy<Value = String>,
    max: usize,
) -> impl Strategy<Value = Vec<KeyValue>> {
    vec(
        (key, value).prop_map(|(key, value)| KeyValue { key, value }),
        0..=max,
    )
    .prop_map(|pairs| unique_by(pairs, |pair| &pair.key))
}

fn resource_spec() -> impl Strategy<Value = Option<ResourceSpec>> {
    let memory = prop_oneof![
        (2u32..=64).prop_map(|gb| format!("{gb}GB")),
        (2048u32..=65536).prop_map(|mb| format!("{mb}MB"))
    ];
    // Hundredths, as people write CPU counts: serde_json (without its `float_roundtrip`
    // feature) may read a 17-digit float back one unit in the last place off.
    let cpu = (50u32..=25_600).prop_map(|hundredths| f64::from(hundredths) / 100.0);
    (of(cpu), of(memory)).prop_map(|(cpu, memory)| {
        Some(ResourceSpec { cpu, memory }).filter(|spec| *spec != ResourceSpec::default())
    })
}

/// The resource fields of a spec: v1 CUs that satisfy the cross-field rules (with DLI's
/// defaults for the omitted ones), or a v2 `resource_config`.
fn resources(spec: JobSpec) -> impl Strategy<Value = JobSpec> {
    let base = spec.clone();
    let v1 = of(2u32..=400)
        .prop_flat_map(|cu| (Just(cu), of(1..cu.unwrap_or(2))))
        .prop_flat_map(|(cu, manager)| {
            let left = cu.unwrap_or(2) - manager.unwrap_or(1);
            (
                Just(cu),
                Just(manager),
                of(1..=left),
                of(1u32..=2000),
                of(1u32..=2000),
                any::<bool>(),
            )
        })
        .prop_map(
            move |(
                cu_number,
                manager_cu_number,
                tm_cus,
                parallel_number,
                tm_slot_num,
                explicit_v1,
            )| {
                JobSpec {
                    cu_number,
                    manager_cu_number,
                    tm_cus,
                    parallel_number,
                    tm_slot_num,
                    resource_config_version: explicit_v1.then_some(ResourceConfigVersion::V1),
                    ..base.clone()
                }
            },
        );
    let v2 = (
        of(1u32..=2000),
        of(1u32..=2000),
        resource_spec(),
        resource_spec(),
    )
        .prop_map(
            move |(max_slot, parallel_number, jobmanager, taskmanager)| {
                let config = ResourceConfig {
                    max_slot,
                    parallel_number,
                    jobmanager_resource_spec: jobmanager,
                    taskmanager_resource_spec: taskmanager,
                };
                JobSpec {
                    resource_config_version: Some(ResourceConfigVersion::V2),
                    resource_config: Some(config)
                        .filter(|config| *config != ResourceConfig::default()),
                    ..spec.clone()
                }
            },
        );
    prop_oneof![v1, v2]
}

/// Restart, resume and checkpoint settings that respect their switches.
fn fault_tolerance(spec: JobSpec) -> impl Strategy<Value = JobSpec> {
    let resume_max_num = prop_oneof![Just(-1), 1..=i32::MAX];
    let mode = select(CheckpointMode::ALL);
    (
        any::<bool>(),
        any::<bool>(),
        of(resume_max_num),
        any::<bool>(),
        of(mode),
        of(1u32..=3600),
        text(40),
    )
        .prop_map(
            move |(restart, resume, resume_max_num, checkpoints, mode, interval, path)| {
                let resume_checkpoint = restart && resume;
                let needs_path = resume_checkpoint && !checkpoints;
                JobSpec {
                    restart_when_exception: restart,
                    resume_checkpoint,
                    resume_max_num: resume_max_num.filter(|_| restart),
                    checkpoint_enabled: checkpoints,
                    checkpoint_mode: mode.filter(|_| checkpoints),
                    checkpoint_interval: interval.filter(|_| checkpoints),
                    checkpoint_path: path
                        .or_else(|| needs_path.then(|| "obs://ckpt/job".to_owned())),
                    ..spec.clone()
                }
            },
        )
}

fn image_and_logs(spec: JobSpec) -> impl Strategy<Value = JobSpec> {
    let version =
        "[0-9]{1,2}\\.[0-9]{1,2}(\\.[0-9])?".prop_map(|v| (Some(Feature::Basic), Some(v), None));
    let image = "([a-z0-9]{1,8}\\.io(:[0-9]{2,4})?/)?[a-z0-9]{1,8}/[a-z0-9][a-z0-9._-]{0,6}[a-z0-9]:[A-Za-z0-9_][A-Za-z0-9_.-]{0,8}";
    let feature = prop_oneof![
        Just((None, None, None)),
        version,
        image.prop_map(|i| (Some(Feature::Custom), None, Some(i)))
    ];
    let logger = "[a-z][a-z0-9]{0,6}(\\.[A-Za-z_$][A-Za-z0-9_$]{0,6}){0,3}";
    let loggers = vec((logger, select(LogLevel::ALL)), 0..4)
        .prop_map(|pairs| unique_by(pairs, |(class, _)| class));
    (
        feature,
        of(BUCKET),
        of("[a-zA-Z0-9][a-zA-Z0-9_-]{0,20}"),
        of(select(LogLevel::ALL)),
        loggers,
    )
        .prop_map(
            move |(
                (feature, flink_version, image),
                obs_bucket,
                smn_topic,
                root_logger_level,
                loggers,
            )| {
                let mut spec = JobSpec {
                    feature,
                    flink_version,
                    image,
                    log_enabled: obs_bucket.is_some(),
                    obs_bucket,
                    smn_topic,
                    flink_log_config: (root_logger_level.is_some() || !loggers.is_empty())
                        .then_some(FlinkLogConfig {
                            root_logger_level,
                            loggers_level_of_class: LoggerLevels(loggers),
                        }),
                    ..spec.clone()
                };
                if spec
                    .flink_version
                    .as_deref()
                    .is_some_and(shapes::reads_only_obs)
                {
                    move_code_to_obs(&mut spec);
                }
                spec
            },
        )
}

/// Flink 1.15 and later read code only from OBS: package names become OBS paths.
fn move_code_to_obs(spec: &mut JobSpec) {
    let to_obs = |path: &mut String| {
        if !path.starts_with("obs://") {
            *path = format!("obs://code-bucket/{path}");
        }
    };
    to_obs(&mut spec.entrypoint);
    spec.dependency_jars.iter_mut().for_each(to_obs);
    spec.dependency_files.iter_mut().for_each(to_obs);
}

/// The fields without rules that tie them to others.
fn job_and_code() -> impl Strategy<Value = JobSpec> {
    let option_value = "\\PC{0,20}".prop_filter_map("a value", |raw| {
        Some(raw.trim().to_owned()).filter(|v| !v.is_empty())
    });
    let tag_key = tag_text(34).prop_filter("reserved", |key| !key.starts_with("_sys_"));
    (
        (
            "[A-Za-z0-9_-]{1,57}",
            text(60),
            "[a-z][a-z0-9_]{0,29}".prop_map(Some),
            text(60),
            text(40),
        ),
        reference(".jar"),
        of("[a-z][a-z0-9_]{0,8}(\\.[A-Za-z_$][A-Za-z0-9_$]{0,8}){0,3}"),
        vec(reference(".jar"), 0..4).prop_map(|jars| unique_by(jars, String::as_str)),
        vec(reference(""), 0..4).prop_map(|files| unique_by(files, String::as_str)),
        key_values("[a-z]{1,8}(\\.[a-z]{1,8}){0,3}", option_value, 4),
        key_values(tag_key, tag_text(41), 20),
    )
        .prop_map(
            |(job, entrypoint, main_class, jars, files, runtime_config, tags)| {
                let (name, desc, queue_name, execution_agency_urn, entrypoint_args) = job;
                JobSpec {
                    name,
                    desc,
                    queue_name,
                    execution_agency_urn,
                    entrypoint,
                    main_class,
                    entrypoint_args,
                    dependency_jars: jars,
                    dependency_files: files,
                    runtime_config,
                    tags,
                    ..JobSpec::default()
                }
            },
        )
}

/// Any spec `JobForm::parse` can produce, with every field exercised.
pub(crate) fn valid_spec() -> impl Strategy<Value = JobSpec> {
    job_and_code()
        .prop_flat_map(resources)
        .prop_flat_map(fault_tolerance)
        .prop_flat_map(image_and_logs)
}

//! DLI's checks of a create request (and of a job's settings after an update), each refusal a
//! `DLI.0001` with a message that names the field and the rule (an unknown queue is `DLI.0002`).
//! Ranges follow docs/dli-api.md §1 and §7.

use super::answers::Refusal;
use crate::CreateFlinkJarJobRequest;

const MAX_TAGS: usize = 20;

fn check(rule_holds: bool, message: impl FnOnce() -> String) -> Result<(), Refusal> {
    if rule_holds {
        Ok(())
    } else {
        Err(Refusal::invalid(message()))
    }
}

fn check_range(field: &str, value: Option<i32>, low: i32, high: i32) -> Result<(), Refusal> {
    check(
        value.is_none_or(|value| (low..=high).contains(&value)),
        || {
            format!(
                "{field} must be between {low} and {high}, got {}",
                value.unwrap_or_default()
            )
        },
    )
}

fn check_length(field: &str, value: Option<&str>, low: usize, high: usize) -> Result<(), Refusal> {
    let length = value.map_or(0, |text| text.chars().count());
    check(value.is_none() || (low..=high).contains(&length), || {
        format!("{field} must be {low} to {high} characters long, got {length}")
    })
}

/// From Flink 1.15 on, JARs and files must be OBS paths, not DLI package names.
fn needs_obs_paths(flink_version: Option<&str>) -> bool {
    let Some((major, minor)) = flink_version.and_then(|version| version.split_once('.')) else {
        return false;
    };
    (
        major.parse::<u32>().unwrap_or(0),
        minor.parse::<u32>().unwrap_or(0),
    ) >= (1, 15)
}

pub fn create(request: &CreateFlinkJarJobRequest, queues: &[String]) -> Result<(), Refusal> {
    let name = request.name.as_str();
    check_length("name", Some(name), 1, 57)?;
    check(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        || format!("name {name:?} may hold only letters, digits, '_' and '-'"),
    )?;
    check_length("desc", request.desc.as_deref(), 0, 512)?;
    let queue = request.queue_name.as_deref().unwrap_or_default();
    check(!queue.is_empty(), || {
        "queue_name is required for a Flink Jar job".into()
    })?;
    check_length("queue_name", Some(queue), 1, 128)?;
    if !queues.iter().any(|known| known == queue) {
        return Err(Refusal::dli(
            "DLI.0002",
            format!("There is no queue named {queue}"),
        ));
    }
    check_range("cu_number", request.cu_number, 2, 400)?;
    check_range("manager_cu_number", request.manager_cu_number, 1, 400)?;
    let (cu, manager) = (
        request.cu_number.unwrap_or(2),
        request.manager_cu_number.unwrap_or(1),
    );
    check(manager < cu, || {
        format!("manager_cu_number ({manager}) must be less than cu_number ({cu})")
    })?;
    check_range("parallel_number", request.parallel_number, 1, 2000)?;
    check_range("tm_cus", request.tm_cus, 1, 400)?;
    check_range("tm_slot_num", request.tm_slot_num, 1, 2000)?;
    check_range("checkpoint_mode", request.checkpoint_mode, 1, 2)?;
    check_range("checkpoint_interval", request.checkpoint_interval, 1, 3600)?;
    let retries = request.resume_max_num;
    check(retries.is_none_or(|n| n == -1 || n > 0), || {
        format!(
            "resume_max_num must be -1 or greater than 0, got {}",
            retries.unwrap_or_default()
        )
    })?;
    check(
        request.log_enabled != Some(true) || request.obs_bucket.is_some(),
        || "obs_bucket is required when log_enabled is true".into(),
    )?;
    let feature = request.feature.as_deref().unwrap_or("basic");
    check(matches!(feature, "basic" | "custom"), || {
        format!("feature must be basic or custom, got {feature:?}")
    })?;
    check(feature == "custom" || request.image.is_none(), || {
        "image applies only when feature is custom".into()
    })?;
    check(
        feature == "basic" || request.flink_version.is_none(),
        || "flink_version applies only when feature is basic".into(),
    )?;
    if needs_obs_paths(request.flink_version.as_deref()) {
        let paths = request
            .entrypoint
            .iter()
            .chain(request.dependency_jars.iter().flatten());
        for path in paths.chain(request.dependency_files.iter().flatten()) {
            check(path.starts_with("obs://"), || {
                format!("{path:?} must be an OBS path (obs://...) from Flink 1.15 on")
            })?;
        }
    }
    let version = request.resource_config_version.as_deref().unwrap_or("v1");
    check(matches!(version, "v1" | "v2"), || {
        format!("resource_config_version must be v1 or v2, got {version:?}")
    })?;
    tags(request)?;
    json_text(
        "runtime_config",
        request.runtime_config.as_deref(),
        serde_json::Value::is_array,
    )?;
    json_text(
        "flink_log_config",
        request.flink_log_config.as_deref(),
        serde_json::Value::is_object,
    )
}

fn tags(request: &CreateFlinkJarJobRequest) -> Result<(), Refusal> {
    let tags = request.tags.as_deref().unwrap_or_default();
    check(tags.len() <= MAX_TAGS, || {
        format!("at most {MAX_TAGS} tags are allowed, got {}", tags.len())
    })?;
    for (index, tag) in tags.iter().enumerate() {
        check_length("tags.key", Some(&tag.key), 1, 128)?;
        check_length("tags.value", Some(&tag.value), 1, 255)?;
        check(
            !tags[..index].iter().any(|earlier| earlier.key == tag.key),
            || format!("tag key {:?} appears twice", tag.key),
        )?;
    }
    Ok(())
}

/// Fields that hold JSON as a string: `runtime_config` an array, `flink_log_config` an object.
fn json_text(
    field: &str,
    text: Option<&str>,
    shape: fn(&serde_json::Value) -> bool,
) -> Result<(), Refusal> {
    let parsed = text.map(serde_json::from_str::<serde_json::Value>);
    check(
        parsed.is_none_or(|parsed| parsed.is_ok_and(|value| shape(&value))),
        || format!("{field} is not valid JSON of the expected shape"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tag;

    fn valid() -> CreateFlinkJarJobRequest {
        CreateFlinkJarJobRequest {
            name: "demo_jar-job".into(),
            queue_name: Some("flink_queue".into()),
            flink_version: Some("1.15".into()),
            entrypoint: Some("obs://bucket/app.jar".into()),
            runtime_config: Some(r#"[{"key":"k","value":"v"}]"#.into()),
            ..Default::default()
        }
    }

    /// The valid request with one change, checked: `Ok` or the refusal's debug text.
    fn check_with(change: impl FnOnce(&mut CreateFlinkJarJobRequest)) -> Result<(), String> {
        let mut request = valid();
        change(&mut request);
        create(&request, &["flink_queue".to_string()]).map_err(|refusal| format!("{refusal:?}"))
    }

    #[test]
    fn a_complete_request_passes() {
        assert_eq!(check_with(|_| {}), Ok(()));
    }

    #[test]
    fn a_name_of_58_chars_is_rejected() {
        let refusal = check_with(|r| r.name = "a".repeat(58)).unwrap_err();
        assert!(refusal.contains("DLI.0001"), "{refusal}");
        assert!(
            refusal.contains("name must be 1 to 57 characters long, got 58"),
            "{refusal}"
        );
    }

    #[test]
    fn an_unknown_queue_is_dli_0002_with_its_name() {
        let refusal = check_with(|r| r.queue_name = Some("nope".into())).unwrap_err();
        assert!(refusal.contains("DLI.0002") && refusal.contains("There is no queue named nope"));
    }

    #[test]
    fn each_rule_names_its_field() {
        type Change = fn(&mut CreateFlinkJarJobRequest);
        let cases: [(Change, &str); 10] = [
            (|r| r.name = "a b".into(), "may hold only"),
            (
                |r| r.cu_number = Some(1),
                "cu_number must be between 2 and 400",
            ),
            (
                |r| r.manager_cu_number = Some(2),
                "must be less than cu_number",
            ),
            (
                |r| r.resume_max_num = Some(0),
                "resume_max_num must be -1 or greater",
            ),
            (|r| r.log_enabled = Some(true), "obs_bucket is required"),
            (
                |r| r.feature = Some("Basic".into()),
                "feature must be basic or custom",
            ),
            (|r| r.image = Some("org/i:1".into()), "image applies only"),
            (
                |r| r.entrypoint = Some("group/app.jar".into()),
                "must be an OBS path",
            ),
            (
                |r| r.runtime_config = Some("{}".into()),
                "runtime_config is not valid JSON",
            ),
            (|r| r.queue_name = None, "queue_name is required"),
        ];
        for (change, rule) in cases {
            let refusal = check_with(change).unwrap_err();
            assert!(refusal.contains(rule), "{rule}: {refusal}");
        }
    }

    #[test]
    fn package_names_are_fine_before_flink_1_15() {
        let older = check_with(|r| {
            r.flink_version = Some("1.12".into());
            r.entrypoint = Some("group/app.jar".into());
        });
        assert_eq!(older, Ok(()));
    }

    #[test]
    fn duplicate_or_too_many_tags_are_rejected() {
        let tag = |key: String| Tag {
            key,
            value: "v".into(),
        };
        let twice = check_with(|r| r.tags = Some(vec![tag("a".into()), tag("a".into())]));
        assert!(twice.unwrap_err().contains("appears twice"));
        let many = check_with(|r| r.tags = Some((0..21).map(|i| tag(format!("k{i}"))).collect()));
        assert!(many.unwrap_err().contains("at most 20 tags"));
    }
}

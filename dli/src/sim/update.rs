//! DLI's update of a Flink Jar job (`PUT .../streaming/flink-jobs/{job_id}`): the fields in the
//! body replace the job's settings and are checked as a create is; while the job runs, only the
//! settings Flink takes up live may change (docs/dli-api.md §2, "What the simulator assumes").

use super::{
    answers::{Answer, Refusal, parse_body, parse_job_id},
    job::with_defaults,
    state::{Sim, now_ms},
    validate,
};
use crate::{CreateFlinkJarJobRequest, Outcome, UpdateFlinkJarJobResponse, UpdatedJobInfo};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
};
use serde_json::{Map, Value};

/// What a running job may change: the settings Terraform's provider updates without a stop.
const LIVE_FIELDS: [&str; 6] = [
    "smn_topic",
    "restart_when_exception",
    "resume_checkpoint",
    "resume_max_num",
    "obs_bucket",
    "checkpoint_path",
];

pub async fn update(
    State(sim): State<Sim>,
    Path((_, job_id)): Path<(String, String)>,
    body: Bytes,
) -> Answer<UpdateFlinkJarJobResponse> {
    let job_id = parse_job_id(&job_id)?;
    let fields: Map<String, Value> = parse_body(&body)?;
    let now = now_ms();
    let mut jobs = sim.jobs();
    let job = jobs.get_mut(job_id).ok_or(Refusal::no_such_job(job_id))?;
    let sends_obs_bucket = fields
        .get("obs_bucket")
        .is_some_and(|bucket| !bucket.is_null());
    let settings = updated(&job.settings, fields, &sim.config().queues)?;
    if job.is_running(now) {
        check_running(&job.settings, &settings, sends_obs_bucket)?;
    }
    job.update(settings, now);
    tracing::debug!(job_id, "simulator: updated a job");
    Ok(Json(UpdateFlinkJarJobResponse {
        outcome: Outcome::success("The Flink job is updated successfully."),
        job: Some(UpdatedJobInfo {
            update_time: Some(now),
        }),
    }))
}

/// The job's `settings` with `fields` laid over them (an absent field keeps its value, `null`
/// brings DLI's default back), checked as a create is.
fn updated(
    settings: &CreateFlinkJarJobRequest,
    mut fields: Map<String, Value>,
    queues: &[String],
) -> Result<CreateFlinkJarJobRequest, Refusal> {
    if fields.contains_key("tags") {
        return Err(Refusal::invalid(
            "tags cannot be changed by an update; DLI's tag API changes a job's tags",
        ));
    }
    match fields.remove("job_type") {
        None => {}
        Some(Value::String(job_type)) if job_type == "flink_jar_job" => {}
        Some(other) => {
            return Err(Refusal::invalid(format!(
                "job_type must be flink_jar_job for this API, got {other}"
            )));
        }
    }
    let mut merged = as_fields(settings);
    merged.extend(fields);
    let request: CreateFlinkJarJobRequest =
        serde_json::from_value(Value::Object(merged)).map_err(Refusal::invalid_body)?;
    validate::create(&request, queues)?;
    Ok(with_defaults(request))
}

/// For a running job: every setting outside `LIVE_FIELDS` stays as it is, and `obs_bucket`, if
/// sent, changes (DLI refuses it unchanged, the quirk Terraform's provider works around). Values
/// are compared as JSON, so `runtime_config` and `flink_log_config` as the strings they are.
fn check_running(
    before: &CreateFlinkJarJobRequest,
    after: &CreateFlinkJarJobRequest,
    sends_obs_bucket: bool,
) -> Result<(), Refusal> {
    let (before, after) = (as_fields(before), as_fields(after));
    let needs_stop: Vec<&str> = after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(value))
        .map(|(field, _)| field.as_str())
        .filter(|field| !LIVE_FIELDS.contains(field))
        .collect();
    if !needs_stop.is_empty() {
        return Err(Refusal::invalid(format!(
            "The job is running: {} cannot change until it is stopped.",
            needs_stop.join(", ")
        )));
    }
    if sends_obs_bucket && before.get("obs_bucket") == after.get("obs_bucket") {
        return Err(Refusal::invalid(
            "The job is running: obs_bucket is unchanged; leave it out of the update or change it.",
        ));
    }
    Ok(())
}

/// The settings as a JSON object, every field present (`null` when unset).
fn as_fields(settings: &CreateFlinkJarJobRequest) -> Map<String, Value> {
    let Value::Object(fields) = serde_json::to_value(settings).expect("plain fields") else {
        unreachable!("a struct serialises to a JSON object")
    };
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored() -> CreateFlinkJarJobRequest {
        with_defaults(CreateFlinkJarJobRequest {
            name: "stored".into(),
            queue_name: Some("flink_queue".into()),
            obs_bucket: Some("logs".into()),
            log_enabled: Some(true),
            ..Default::default()
        })
    }

    fn update_with(body: Value) -> Result<CreateFlinkJarJobRequest, String> {
        let Value::Object(fields) = body else {
            panic!("an object")
        };
        updated(&stored(), fields, &["flink_queue".into()]).map_err(|r| format!("{r:?}"))
    }

    #[test]
    fn sent_fields_replace_absent_ones_stay_and_null_brings_the_default_back() {
        let updated = update_with(json!({"parallel_number": 4, "cu_number": null})).unwrap();
        assert_eq!(updated.name, "stored");
        assert_eq!(updated.obs_bucket.as_deref(), Some("logs"));
        assert_eq!(
            (updated.parallel_number, updated.cu_number),
            (Some(4), Some(2))
        );
    }

    #[test]
    fn an_update_is_checked_as_a_create_and_refuses_tags_and_other_job_types() {
        for (body, problem) in [
            (json!({"tags": []}), "tags cannot be changed by an update"),
            (
                json!({"job_type": "flink_sql_job"}),
                "job_type must be flink_jar_job",
            ),
            (json!({"cu_number": "4"}), "invalid type: string"),
            (json!({"name": "a b"}), "may hold only"),
            (json!({"queue_name": "nope"}), "DLI.0002"),
        ] {
            let refusal = update_with(body.clone()).unwrap_err();
            assert!(refusal.contains(problem), "{body}: {refusal}");
        }
        assert!(update_with(json!({"job_type": "flink_jar_job"})).is_ok());
    }

    #[test]
    fn a_running_job_may_change_only_live_fields_and_not_resend_its_obs_bucket() {
        let running = |body: Value, sends_obs_bucket| {
            let after = update_with(body).unwrap();
            check_running(&stored(), &after, sends_obs_bucket).map_err(|r| format!("{r:?}"))
        };
        assert_eq!(
            running(json!({"smn_topic": "alerts", "cu_number": 2}), false),
            Ok(())
        );
        let refused = running(
            json!({"parallel_number": 3, "entrypoint": "obs://b/new.jar"}),
            false,
        );
        assert!(refused.unwrap_err().contains(
            "The job is running: entrypoint, parallel_number cannot change until it is stopped."
        ));
        let resent = running(json!({"obs_bucket": "logs"}), true).unwrap_err();
        assert!(resent.contains("obs_bucket is unchanged"), "{resent}");
        assert_eq!(running(json!({"obs_bucket": "new-logs"}), true), Ok(()));
    }
}

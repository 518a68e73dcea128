//! What an update changes: the form fields that differ between two settings of one job, in the
//! form's own labels (the versions' diff), the wire fields that differ, split into those DLI
//! takes while the job runs and those that need a stop, an update and a start, and the body of
//! DLI's update that makes the change; and a job's settings in labels, group by group.

use super::fields::{FIELDS, FORM_GROUPS, FieldInfo, is_under};
use super::form::JobForm;
use super::row_lists::{ALL as ROW_LISTS, RowList};
use super::spec::JobSpec;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The fields DLI changes on a running job (docs/dli-api.md §2, from the Terraform provider);
/// a change to any other needs the job stopped first. The simulator keeps its own list, as DLI
/// does: a disagreement shows in the tests instead of hiding in one shared constant.
pub const LIVE_FIELDS: [&str; 6] = [
    "smn_topic",
    "restart_when_exception",
    "resume_checkpoint",
    "resume_max_num",
    "obs_bucket",
    "checkpoint_path",
];

/// One form field (or list of rows) whose value differs, as the form labels it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The input's name, or the list's (`tags`) for rows.
    pub field: String,
    pub label: String,
    /// The value as a person reads it: text as typed, "yes"/"no", one row per line.
    pub before: String,
    pub after: String,
}

/// The form fields that differ from `before` to `after`, in form order.
pub fn form_changes(before: &JobForm, after: &JobForm) -> Vec<FieldChange> {
    let (before, after) = (form_values(before), form_values(after));
    FIELDS
        .iter()
        .filter_map(|info| {
            let read = |values: &Map<String, Value>| shown(info, values);
            let (was, now) = (read(&before)?, read(&after)?);
            (was != now).then(|| FieldChange {
                field: info.name.to_owned(),
                label: info.label.to_owned(),
                before: was,
                after: now,
            })
        })
        .collect()
}

/// The settings a form holds besides DLI's defaults, as the form labels them, group by group
/// (each change's `after` is the value).
pub fn settings_by_group(form: &JobForm) -> Vec<(String, Vec<FieldChange>)> {
    let set = form_changes(&JobForm::default(), form);
    FORM_GROUPS
        .iter()
        .filter_map(|(title, names)| {
            let fields: Vec<FieldChange> = set
                .iter()
                .filter(|change| is_under(&change.field, names))
                .cloned()
                .collect();
            (!fields.is_empty()).then(|| (title.to_string(), fields))
        })
        .collect()
}

/// DLI's top-level fields whose values differ between two request bodies, those `after` holds
/// first, each group by name (a field left out is a field changed to DLI's default).
pub fn wire_changes(before: &JobSpec, after: &JobSpec) -> Vec<String> {
    let (before, after) = (wire_values(before), wire_values(after));
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(value))
        .map(|(field, _)| field.clone())
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|field| !after.contains_key(*field))
            .cloned(),
    );
    changed
}

/// Of the changed wire fields, those DLI does not take while the job runs.
pub fn needing_a_stop(changed: &[String]) -> Vec<String> {
    changed
        .iter()
        .filter(|field| !LIVE_FIELDS.contains(&field.as_str()))
        .cloned()
        .collect()
}

/// DLI's update body for moving a job from `before` to `after`: every create field of `after`
/// but `tags` (an update takes none), a field `after` leaves out as `null` (DLI's default
/// again), and `"job_type": "flink_jar_job"`.
pub fn update_body(before: &JobSpec, after: &JobSpec) -> String {
    let mut body = wire_values(after);
    for field in wire_values(before).keys() {
        body.entry(field.clone()).or_insert(Value::Null);
    }
    body.remove("tags");
    body.insert("job_type".into(), Value::from("flink_jar_job"));
    Value::Object(body).to_string()
}

/// A DLI field as the form labels it, for messages (`parallel_number` reads "Parallelism").
pub fn wire_label(field: &str) -> &str {
    super::fields::field(field).map_or(field, |info| info.label)
}

fn form_values(form: &JobForm) -> Map<String, Value> {
    match serde_json::to_value(form) {
        Ok(Value::Object(values)) => values,
        _ => Map::new(),
    }
}

fn wire_values(spec: &JobSpec) -> Map<String, Value> {
    match serde_json::to_value(spec) {
        Ok(Value::Object(values)) => values,
        _ => Map::new(),
    }
}

/// A field's value for reading, or `None` for a column the list's own entry shows.
fn shown(info: &FieldInfo, values: &Map<String, Value>) -> Option<String> {
    if let Some(rows) = ROW_LISTS.iter().find(|rows| rows.list == info.name) {
        return Some(rows_shown(rows, values));
    }
    let is_column = ROW_LISTS
        .iter()
        .any(|rows| rows.columns.iter().any(|column| column.name == info.name));
    if is_column {
        return None;
    }
    Some(match values.get(info.name) {
        Some(Value::Bool(true)) => "yes".to_owned(),
        Some(Value::Bool(false)) => "no".to_owned(),
        Some(Value::String(text)) => text.trim().to_owned(),
        _ => String::new(),
    })
}

/// The list's rows that hold anything, one per line, cells joined by " = ".
fn rows_shown(rows: &RowList, values: &Map<String, Value>) -> String {
    let column = |name: &str| -> Vec<String> {
        let cells = values.get(name).and_then(Value::as_array);
        let text = |cell: &Value| cell.as_str().unwrap_or_default().trim().to_owned();
        cells
            .map(|cells| cells.iter().map(text).collect())
            .unwrap_or_default()
    };
    let columns: Vec<Vec<String>> = rows.columns.iter().map(|c| column(c.name)).collect();
    let count = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..count)
        .map(|row| {
            let cells: Vec<&str> = columns
                .iter()
                .map(|cells| cells.get(row).map_or("", String::as_str))
                .collect();
            cells.join(" = ")
        })
        .filter(|line| !line.replace(" = ", "").is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> JobForm {
        JobForm {
            name: "orders".into(),
            queue_name: "flink_queue".into(),
            entrypoint: "obs://bucket/app.jar".into(),
            parallel_number: "2".into(),
            tag_keys: vec!["team".into()],
            tag_values: vec!["data".into()],
            ..JobForm::default()
        }
    }

    #[test]
    fn a_diff_names_each_changed_field_by_its_label_in_form_order() {
        let mut after = form();
        after.parallel_number = "4".into();
        after.restart_when_exception = true;
        after.tag_keys.push("env".into());
        after.tag_values.push("prod".into());

        let changes = form_changes(&form(), &after);

        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            ["parallel_number", "restart_when_exception", "tags"]
        );
        let parallelism = &changes[0];
        assert_eq!(
            (parallelism.before.as_str(), parallelism.after.as_str()),
            ("2", "4")
        );
        assert!(!parallelism.label.is_empty());
        assert_eq!(changes[1].after, "yes");
        assert_eq!(changes[2].before, "team = data");
        assert_eq!(changes[2].after, "team = data\nenv = prod");
    }

    #[test]
    fn the_same_settings_have_no_changes_and_blank_rows_do_not_count() {
        let mut padded = form();
        padded.dependency_jars = vec![String::new()];
        padded.tag_keys.push(String::new());
        padded.tag_values.push(String::new());
        assert!(form_changes(&form(), &padded).is_empty());
    }

    #[test]
    fn only_changes_outside_the_live_fields_need_a_stop() {
        let before = form().parse().expect("valid");
        let mut live = form();
        live.smn_topic = "alerts".into();
        live.restart_when_exception = true;
        let live = live.parse().expect("valid");
        let changed = wire_changes(&before, &live);
        assert_eq!(changed, ["restart_when_exception", "smn_topic"]);
        assert!(needing_a_stop(&changed).is_empty());

        let mut restart = form();
        restart.parallel_number = "8".into();
        let restart = restart.parse().expect("valid");
        let changed = wire_changes(&before, &restart);
        assert_eq!(needing_a_stop(&changed), ["parallel_number"]);
    }

    #[test]
    fn an_update_body_has_no_tags_clears_what_was_left_out_and_names_the_job_type() {
        let mut with_class = form();
        with_class.main_class = "com.example.Main".into();
        let before = with_class.parse().expect("valid");
        let mut after = form();
        after.parallel_number = "4".into();
        let after = after.parse().expect("valid");

        let body: Value = serde_json::from_str(&update_body(&before, &after)).expect("JSON");

        assert_eq!(body["parallel_number"], 4);
        assert_eq!(body["main_class"], Value::Null);
        assert_eq!(body["job_type"], "flink_jar_job");
        assert!(body.get("tags").is_none(), "{body}");
        assert_eq!(wire_label("parallel_number"), "Parallelism");
        assert_eq!(wire_label("resource_config"), "resource_config");
    }

    #[test]
    fn a_field_left_out_counts_as_changed() {
        let mut with_class = form();
        with_class.main_class = "com.example.Main".into();
        let before = with_class.parse().expect("valid");
        let after = form().parse().expect("valid");
        assert_eq!(wire_changes(&before, &after), ["main_class"]);
    }
}

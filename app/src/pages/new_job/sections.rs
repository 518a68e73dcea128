//! The job form's fields, grouped as a person thinks about them: the job, its code, its
//! resources, then folded groups for fault tolerance, logs and alerts, and advanced settings.

use crate::components::field::{CheckboxField, SelectField, TextArea, TextField};
use crate::components::form_state::use_form_state;
use crate::components::rows_editor::RowsEditor;
use crate::domain::row_lists as rows;
use crate::domain::{self, JobForm, form_group};
use crate::i18n::Lang;
use crate::lens;
use leptos::prelude::*;

/// A select's choices: first DLI's default (the field left out), saying what DLI picks when
/// `picks` is given, then the `(value, text)` pairs.
fn choices(lang: Lang, picks: Option<&str>, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let default = match picks {
        Some(picks) => crate::tr!(lang, "DLI's default ({})", "DLI 默认（{}）", picks),
        None => lang.pick("DLI's default", "DLI 默认").to_owned(),
    };
    std::iter::once((String::new(), default))
        .chain(
            pairs
                .iter()
                .map(|(value, text)| (value.to_string(), text.to_string())),
        )
        .collect()
}

/// A group's legend: its name in `FORM_GROUPS`, in the page's language.
fn group_title(lang: Lang, title: &str) -> String {
    lang.text(title).into_owned()
}

/// Each group's view type is erased (`into_any`): nested whole, the form's type is deeper than
/// rustc computes layouts for in the release wasm.
#[component]
pub fn JobFields(queues: Vec<String>) -> impl IntoView {
    let lang = Lang::for_this_page();
    let job = view! {
        <fieldset class="group">
            <legend>{group_title(lang, "The job")}</legend>
            <TextField name="name" lens=lens!(name) />
            <TextArea name="desc" lens=lens!(desc) />
            <QueueField queues />
        </fieldset>
    }
    .into_any();
    let code = view! {
        <fieldset class="group">
            <legend>{group_title(lang, "The code")}</legend>
            <TextField name="entrypoint" lens=lens!(entrypoint) placeholder="obs://bucket/jars/app.jar" />
            <TextField name="main_class" lens=lens!(main_class) placeholder="com.example.Main" />
            <TextField name="entrypoint_args" lens=lens!(entrypoint_args) />
            <RowsEditor rows=rows::DEPENDENCY_JARS />
            <RowsEditor rows=rows::DEPENDENCY_FILES />
        </fieldset>
    }
    .into_any();
    let resources = view! {
        <fieldset class="group">
            <legend>{group_title(lang, "Resources")}</legend>
            <div class="field-grid">
                <TextField name="cu_number" lens=lens!(cu_number) numeric=true placeholder="2" />
                <TextField name="manager_cu_number" lens=lens!(manager_cu_number) numeric=true placeholder="1" />
                <TextField name="parallel_number" lens=lens!(parallel_number) numeric=true placeholder="1" />
                <TextField name="tm_cus" lens=lens!(tm_cus) numeric=true placeholder="1" />
                <TextField name="tm_slot_num" lens=lens!(tm_slot_num) numeric=true />
            </div>
            <SizingHint />
        </fieldset>
    }
    .into_any();
    let fault_tolerance = view! {
        <Folded
            title="Fault tolerance"
        >
            <CheckboxField name="restart_when_exception" lens=lens!(restart_when_exception) />
            <CheckboxField name="resume_checkpoint" lens=lens!(resume_checkpoint) />
            <TextField name="resume_max_num" lens=lens!(resume_max_num) numeric=true placeholder="-1" />
            <CheckboxField name="checkpoint_enabled" lens=lens!(checkpoint_enabled) />
            <SelectField
                name="checkpoint_mode"
                lens=lens!(checkpoint_mode)
                options=choices(
                    lang,
                    Some(lang.pick("exactly once", "精确一次")),
                    &[("1", lang.pick("Exactly once", "精确一次")), ("2", lang.pick("At least once", "至少一次"))],
                )
            />
            <TextField name="checkpoint_interval" lens=lens!(checkpoint_interval) numeric=true placeholder="10" />
            <TextField name="checkpoint_path" lens=lens!(checkpoint_path) />
        </Folded>
    }
    .into_any();
    let logs = view! {
        <Folded title="Logs and alerts">
            <CheckboxField name="log_enabled" lens=lens!(log_enabled) />
            <TextField name="obs_bucket" lens=lens!(obs_bucket) />
            <TextField name="smn_topic" lens=lens!(smn_topic) />
        </Folded>
    }
    .into_any();
    let advanced = view! {
        <Folded
            title="Advanced"
        >
            <SelectField
                name="feature"
                lens=lens!(feature)
                options=choices(
                    lang,
                    Some(lang.pick("basic", "基础型")),
                    &[
                        ("basic", lang.pick("basic: DLI's Flink image", "基础型：DLI 提供的 Flink 镜像")),
                        ("custom", lang.pick("custom: your own image", "自定义镜像：使用自己的镜像")),
                    ],
                )
            />
            <TextField name="flink_version" lens=lens!(flink_version) placeholder="1.17" />
            <TextField
                name="image"
                lens=lens!(image)
                placeholder=lang.pick("organization/image:tag", "组织名/镜像名:镜像版本")
            />
            <RowsEditor rows=rows::RUNTIME_OPTIONS />
            <SelectField
                name="flink_log_config.root_logger_level"
                lens=lens!(root_logger_level)
                options=choices(lang, None, &[("TRACE", "TRACE"), ("DEBUG", "DEBUG"), ("INFO", "INFO"), ("WARN", "WARN"), ("ERROR", "ERROR")])
            />
            <RowsEditor rows=rows::LOGGER_LEVELS />
            <TextField name="execution_agency_urn" lens=lens!(execution_agency_urn) />
            <SelectField
                name="resource_config_version"
                lens=lens!(resource_config_version)
                options=choices(
                    lang,
                    Some("v1"),
                    &[
                        ("v1", lang.pick("v1: size in CUs", "v1：按 CU 数量设置规格")),
                        ("v2", lang.pick("v2: CPU and memory", "v2：按 CPU 和内存设置规格")),
                    ],
                )
            />
            <div class="field-grid">
                <TextField name="resource_config.max_slot" lens=lens!(max_slot) numeric=true />
                <TextField name="resource_config.parallel_number" lens=lens!(v2_parallel_number) numeric=true />
                <TextField name="resource_config.jobmanager_resource_spec.cpu" lens=lens!(jobmanager_cpu) />
                <TextField name="resource_config.jobmanager_resource_spec.memory" lens=lens!(jobmanager_memory) />
                <TextField name="resource_config.taskmanager_resource_spec.cpu" lens=lens!(taskmanager_cpu) />
                <TextField name="resource_config.taskmanager_resource_spec.memory" lens=lens!(taskmanager_memory) />
            </div>
            <RowsEditor rows=rows::TAGS />
        </Folded>
    }
    .into_any();
    view! { {job} {code} {resources} {fault_tolerance} {logs} {advanced} }
}

/// The queue: a choice among the queues the portal knows of, or free text when it knows none
/// (DLI has not answered yet: the page never waits for it).
#[component]
fn QueueField(queues: Vec<String>) -> impl IntoView {
    let lang = Lang::for_this_page();
    if queues.is_empty() {
        return view! {
            <TextField name="queue_name" lens=lens!(queue_name) />
            <p class="note" id="queue-list-note">
                {lang.pick(
                    "DLI has not given the portal its list of queues yet: type the queue's name.",
                    "DLI 尚未向门户提供队列列表：请输入队列名称。",
                )}
            </p>
        }
        .into_any();
    }
    let mut options = vec![(
        String::new(),
        lang.pick("Choose a queue", "请选择队列").to_string(),
    )];
    options.extend(queues.into_iter().map(|queue| (queue.clone(), queue)));
    view! { <SelectField name="queue_name" lens=lens!(queue_name) options /> }.into_any()
}

/// A group that starts folded, unless one of its fields holds a value or shows an error; the
/// form's script opens it when one of its fields comes to show an error.
#[component]
fn Folded(title: &'static str, children: Children) -> impl IntoView {
    let names = form_group(title);
    let state = use_form_state();
    let lang = Lang::for_this_page();
    view! {
        <details class="group" open=state.opens(names)>
            <summary>{group_title(lang, title)}</summary>
            <div class="group-body">{children()}</div>
        </details>
    }
}

/// What the resource fields mean together: the summary, and a warning when they do not fit.
pub(super) fn sizing(lang: Lang, form: &JobForm) -> (String, Option<String>) {
    let estimate = domain::estimate(form);
    let slots = if form.tm_slot_num.trim().is_empty() {
        crate::tr!(
            lang,
            "{} (DLI's default)",
            "{}（DLI 默认）",
            estimate.default_slots_per_task_manager
        )
    } else {
        estimate.slots_per_task_manager.to_string()
    };
    let summary = crate::tr!(
        lang,
        "Slots per TaskManager: {}. TaskManagers needed: {}. TaskManagers the CUs hold: {}.",
        "单TM Slot数：{}。所需 TaskManager 数：{}。CU 可容纳的 TaskManager 数：{}。",
        slots,
        estimate.task_managers_needed,
        estimate.task_managers_available
    );
    let warning = estimate
        .warning
        .map(|warning| lang.text(&warning).into_owned());
    (summary, warning)
}

/// What the resource fields mean together, which the form's script updates as they change.
#[component]
fn SizingHint() -> impl IntoView {
    let state = use_form_state();
    let lang = Lang::for_this_page();
    let (summary, warning) = sizing(lang, &state.form);
    let fits = warning.is_none();
    view! {
        <div class="sizing" role="status" aria-live="polite">
            <p>{summary}</p>
            <p class="warning" hidden=fits>{warning}</p>
        </div>
    }
}

//! `/jobs/:id`: everything about one job — the request as sent, DLI's answer, the status
//! timeline, the last error, its update under way, versions and events — and the actions:
//! start, stop, edit, roll back, delete, create a copy. The browser keeps it current while the
//! job or its update may still change, and runs the actions in place (`follow`).

mod actions;
mod life;
mod settings;
mod timeline;

use crate::api::{
    DeleteJob, RollbackJob, StartJob, StopJob, get_job, get_job_life, get_version_diff,
};
use crate::components::action_form::posted_error;
use crate::components::{
    copy_button::CopyButton, error_banner::ErrorBanner, follow::Followed, local_time::LocalTime,
    status_badge::StatusBadge,
};
use crate::domain::{FieldChange, JobSpec, settings_by_group};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{JobDetails, JobLife, use_portal_info};
use crate::pages::not_found::NotFound;
use crate::pages::{queue_name, words};
use actions::Actions;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use life::{Comparison, Events, UpdateProgress, Versions};
use settings::Settings;
use timeline::Timeline;

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let details = super::job_resource(get_job);
    let life = super::job_resource(get_job_life);
    let query = use_query_map();
    let asked = move || {
        query.with(|query| {
            let read = |key: &str| query.get(key).and_then(|value| value.parse::<i64>().ok());
            read("from").zip(read("to"))
        })
    };
    let id = use_params_map().with_untracked(|params| params.get("id"));
    let diff = Resource::new(asked, move |pair| {
        let id = id.as_deref().and_then(|id| id.parse::<i64>().ok());
        async move {
            match (id, pair) {
                (Some(id), Some((from, to))) => Some(get_version_diff(id, from, to).await),
                _ => None,
            }
        }
    });
    // Without JavaScript, a refused action comes back to this page with its error in the URL.
    let posted = PostedErrors {
        action: posted_error::<StartJob>()
            .or_else(posted_error::<StopJob>)
            .or_else(posted_error::<DeleteJob>)
            .map(|error| error.to_string()),
        rollback: posted_error::<RollbackJob>().map(|error| error.to_string()),
    };
    let just_created = query
        .read_untracked()
        .get("created")
        .map(|how| Created::from_query(&how));
    let lang = Lang::for_this_page();
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{lang.pick("Loading the job…", "正在加载作业…")}</p> }
        }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    match (details.await, life.await) {
                        (Ok(details), Ok(life)) => {
                            let compare = Comparison { asked: asked(), diff: diff.await };
                            let settings = latest_settings(&life);
                            let (name, request_json, idempotency_key) = (
                                details.summary.name.clone(),
                                details.request_json.clone(),
                                details.idempotency_key.clone(),
                            );
                            view! {
                                <Title text=crate::tr!(lang, "Job {}", "作业 {}", name) />
                                <Breadcrumb name />
                                <Job details life compare posted just_created />
                                <Settings groups=settings />
                                <CreateRequest request_json idempotency_key />
                            }
                                .into_any()
                        }
                        (Err(AppError::NotFound), _) | (_, Err(AppError::NotFound)) => {
                            view! { <NotFound /> }.into_any()
                        }
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorBanner error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The job and its life as the page was asked for: the part of the page that follows the job
/// while it may change (the status, the update under way, versions and events), and whose
/// actions run in place. What does not change (the way back, the settings, the request) is
/// rendered around it.
#[component]
fn Job(
    details: JobDetails,
    life: JobLife,
    compare: Comparison,
    posted: PostedErrors,
    just_created: Option<Created>,
) -> impl IntoView {
    let lang = Lang::for_this_page();
    let summary = details.summary.clone();
    let changing = summary.is_changing()
        || details
            .update
            .as_ref()
            .is_some_and(|update| !update.is_over());
    let no_dli_job = move || lang.pick("none yet", "暂无").to_owned();
    view! {
        <Followed every_ms=2000 changing working=words::working(lang)>
            <div class="job-header">
                <h1 translate="no">{summary.name.clone()}</h1>
                <StatusBadge
                    status=summary.status.clone()
                    outcome=summary.outcome.clone()
                    deleted=summary.deleted
                />
                {details.status_desc.clone().filter(|desc| !desc.is_empty()).map(|desc| view! { <span class="status-desc" translate="no">{desc}</span> })}
            </div>
            <Actions details=details.clone() posted=posted.action />
            {just_created.map(|created| created.banner(lang))}
            <dl class="facts">
                <dt>{words::dli_job_id(lang)}</dt>
                <dd>
                    <span class="dli-job-id">
                        {summary.dli_job_id.map_or_else(no_dli_job, |id| id.to_string())}
                    </span>
                    // A simulator backed by a real Flink: the job there, in Flink's own dashboard.
                    {details.engine_url.clone().map(|url| view! {
                        " "
                        <a class="engine-link" href=url target="_blank" rel="noopener">
                            {lang.pick("Open in Flink's dashboard", "在 Flink 仪表盘中打开")}
                        </a>
                    })}
                    // A cloud region: the job in DLI's own console.
                    {details.console_url.clone().map(|url| view! {
                        " "
                        <a class="console-link" href=url target="_blank" rel="noopener">
                            {lang.pick("Open in the DLI console", "在 DLI 控制台中打开")}
                        </a>
                    })}
                </dd>
                <dt>{lang.pick("Outcome of the create", "创建结果")}</dt>
                <dd class="outcome">{words::outcome(lang, &summary.outcome)}</dd>
                <dt>{words::queue(lang)}</dt>
                <dd>{queue_name(lang, summary.queue_name.clone())}</dd>
                <dt>{words::created_by(lang)}</dt>
                <dd translate="no">{summary.created_by.clone()}</dd>
                <dt>{words::created_at(lang)}</dt>
                <dd><LocalTime at_ms=summary.created_at_ms /></dd>
                <dt>{lang.pick("Start requested", "创建时请求启动")}</dt>
                <dd>{words::yes_no(lang, details.start_requested)}</dd>
            </dl>
            {details.update.clone().map(|update| view! { <UpdateProgress update /> })}
            {details.last_error.clone().map(|error| view! {
                <section class="error-details" aria-labelledby="error-title">
                    <h2 id="error-title">{lang.pick("Last error", "最近一次错误")}</h2>
                    // The code and, often, the message are DLI's own: kept as DLI wrote them.
                    <p>
                        <strong translate="no">{error.code.clone().unwrap_or_else(|| error.kind.clone())}</strong>
                        {lang.pick(": ", "：")}
                        <span translate="no">{lang.text(&error.message).into_owned()}</span>
                    </p>
                </section>
            })}
            <Timeline timeline=details.timeline.clone() as_of=details.updated_at_ms />
            <Versions id=summary.id life=life.clone() compare posted=posted.rollback />
            <Events events=life.events />
        </Followed>
    }
}

/// The way back to the history.
#[component]
fn Breadcrumb(name: String) -> impl IntoView {
    let base = use_portal_info().base_path;
    let lang = Lang::for_this_page();
    view! {
        <p class="breadcrumb">
            <a href=format!("{base}/jobs")>{words::history(lang)}</a>
            " / "
            <span translate="no">{name}</span>
        </p>
    }
}

/// The create request as it went to DLI, folded, with a button that copies it.
#[component]
fn CreateRequest(request_json: String, idempotency_key: String) -> impl IntoView {
    let lang = Lang::for_this_page();
    view! {
        <section aria-labelledby="request-title">
            <h2 id="request-title">
                {lang.pick("Create request sent to DLI (version 1)", "发送给 DLI 的创建请求（版本 1）")}
            </h2>
            <details class="json-details">
                <summary>{lang.pick("The request's JSON", "请求的 JSON")}</summary>
                <CopyButton of="request-json".to_owned() />
                <pre class="request-json" id="request-json" translate="no"><code>{request_json}</code></pre>
            </details>
            <p class="help">
                {lang.pick("Idempotency key ", "幂等键 ")}
                <code translate="no">{idempotency_key}</code>
            </p>
        </section>
    }
}

/// The latest version's settings in the form's groups and labels (read on the server only).
fn latest_settings(life: &JobLife) -> Vec<(String, Vec<FieldChange>)> {
    life.versions
        .last()
        .and_then(|version| JobSpec::from_request_json(&version.request_body).ok())
        .map(|spec| settings_by_group(&spec.to_form()))
        .unwrap_or_default()
}

/// Errors of actions a browser without JavaScript posted, read from the URL by the server.
#[derive(Clone, Debug, Default)]
struct PostedErrors {
    /// Of a start, stop or delete.
    action: Option<String>,
    rollback: Option<String>,
}

/// How the form's create went, as its redirect here says (`?created=`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Created {
    /// Made, and started if that was asked.
    Done,
    /// Made, but the start asked for failed: its events say why.
    NotStarted,
}

impl Created {
    fn from_query(how: &str) -> Self {
        match how {
            "not-started" => Self::NotStarted,
            _ => Self::Done,
        }
    }

    fn banner(self, lang: Lang) -> impl IntoView + use<> {
        match self {
            Self::Done => view! {
                <p class="banner banner-ok" role="status">
                    {lang.pick("The job was created.", "作业已创建。")}
                </p>
            }
            .into_any(),
            Self::NotStarted => view! {
                <p class="banner banner-error" role="alert">
                    {lang.pick(
                        "The job was created but not started: its events below say why.",
                        "作业已创建，但未能启动：原因见下方的事件。",
                    )}
                </p>
            }
            .into_any(),
        }
    }
}

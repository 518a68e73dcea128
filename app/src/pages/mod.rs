//! One module per page of the portal.

pub mod activity;
pub mod batch;
pub mod history;
pub mod job_detail;
pub mod new_job;
pub mod not_found;

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Serialize, de::DeserializeOwned};

/// A resource of the job the route's `:id` names, read with `fetch` (a 404 for an id that is not
/// a number).
fn job_resource<T, Fut>(fetch: fn(i64) -> Fut) -> Resource<Result<T, AppError>>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    Resource::new(id, move |id| async move {
        match id {
            Some(id) => fetch(id).await,
            None => Err(AppError::NotFound),
        }
    })
}

/// Words that more than one page shows: each pair of languages has one home here.
pub(crate) mod words {
    use crate::i18n::Lang;

    pub fn start(lang: Lang) -> &'static str {
        lang.pick("Start", "启动")
    }

    pub fn stop(lang: Lang) -> &'static str {
        lang.pick("Stop", "停止")
    }

    pub fn delete(lang: Lang) -> &'static str {
        lang.pick("Delete", "删除")
    }

    pub fn stop_with_savepoint(lang: Lang) -> &'static str {
        lang.pick("Stop with a savepoint", "停止并触发保存点")
    }

    /// What a button says while its action runs.
    pub fn working(lang: Lang) -> &'static str {
        lang.pick("Working…", "处理中…")
    }

    pub fn history(lang: Lang) -> &'static str {
        lang.pick("History", "作业历史")
    }

    pub fn apply(lang: Lang) -> &'static str {
        lang.pick("Apply", "应用")
    }

    pub fn status(lang: Lang) -> &'static str {
        lang.pick("Status", "状态")
    }

    pub fn queue(lang: Lang) -> &'static str {
        lang.pick("Queue", "所属队列")
    }

    pub fn created_by(lang: Lang) -> &'static str {
        lang.pick("Created by", "创建人")
    }

    pub fn created_at(lang: Lang) -> &'static str {
        lang.pick("Created at", "创建时间")
    }

    pub fn dli_job_id(lang: Lang) -> &'static str {
        lang.pick("DLI job id", "DLI 作业 ID")
    }

    pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
        match yes {
            true => lang.pick("yes", "是"),
            false => lang.pick("no", "否"),
        }
    }

    pub fn version(lang: Lang, number: i64) -> String {
        crate::tr!(lang, "Version {}", "版本 {}", number)
    }

    /// A job the history holds by its record id only (its name unknown here).
    pub fn job_record(lang: Lang, id: i64) -> String {
        crate::tr!(lang, "Job record {}", "作业记录 {}", id)
    }

    /// "job record 3": the same, inside a sentence.
    pub fn job_record_in_sentence(lang: Lang, id: i64) -> String {
        crate::tr!(lang, "job record {}", "作业记录 {}", id)
    }

    /// A create's outcome as stored (`pending`, `created`, `failed`, `unknown`): English pages
    /// show the word itself, Chinese ones its meaning.
    pub fn outcome(lang: Lang, outcome: &str) -> String {
        match lang {
            Lang::En => outcome.to_owned(),
            Lang::Zh => outcome_in_chinese(outcome).unwrap_or(outcome).to_owned(),
        }
    }

    pub fn outcome_in_chinese(outcome: &str) -> Option<&'static str> {
        match outcome {
            "pending" => Some("创建中"),
            "created" => Some("已创建"),
            "failed" => Some("未创建"),
            "unknown" => Some("结果未知"),
            _ => None,
        }
    }
}

/// A job's queue: its name (the team's, kept as it is), or DLI's default queue when it names none.
fn queue_name(lang: Lang, queue: Option<String>) -> AnyView {
    match queue {
        Some(queue) => view! { <span translate="no">{queue}</span> }.into_any(),
        None => lang.pick("DLI default", "DLI 默认队列").into_any(),
    }
}

/// The links to a list's first and next pages (the history's and the activity's).
#[component]
fn Pager(first: Option<String>, next: Option<String>) -> impl IntoView {
    let lang = Lang::for_this_page();
    view! {
        <nav class="pager" aria-label=lang.pick("Pages", "分页")>
            {first.map(|href| view! { <a href=href>{lang.pick("First page", "第一页")}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{lang.pick("Next page", "下一页")}</a> })}
        </nav>
    }
}

//! The JSON API's OpenAPI 3.1 document, generated from the handlers' and types' descriptions
//! (utoipa), with what every operation shares added once: the retry contract, the answers any
//! request can get (400, 403, 503), and `Retry-After` on every answer that means "repeat it".

use super::problem::{PROBLEM_JSON, Problem};
use super::schema::{
    BatchRequest, CreateJobRequest, ResourceConfigRequest, ResourceSpecRequest, RollbackRequest,
    StartRequest, StopRequest, TagRequest, UpdateJobRequest,
};
use super::{jobs, life};
use app::model::{BatchAction, WhenRunning};
use app::model::{
    BatchResult, BatchResults, CreatedJob, ErrorDetails, EventPage, EventView, JobDetails, JobPage,
    JobSummary, StatusChangeView, UpdateView, VersionView,
};
use utoipa::{
    Modify, OpenApi,
    openapi::{
        ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder, Server, schema::ObjectBuilder,
        schema::Type,
    },
};

/// The retry contract, the first thing the document says.
const CONTRACT: &str = "\
The same services as the portal's pages, behind the same identity, rights and guardrails.

**Retrying.** A client may repeat a create or an update with the same `Idempotency-Key` and \
the same body as often as it likes: that never makes a second DLI job, nor a second update. Keys are the caller's own (another \
person's key is another key). A key first used with another body is refused (422).

**Answers.** 2xx is final success. A 4xx means the request itself is at fault (invalid \
fields, no permission, no such job, a key reused with another body) and repeating it will not \
help. Everything else (409 while the first attempt is in flight, 429, 502, 503, 504) carries \
`Retry-After` and means: repeat the same request, with the same key, after that many seconds. \
A 409 without `Retry-After` is the job's state in the way (a running job whose changes need a \
restart, named in `fields`): change the request, or wait for the job.

**Errors** are RFC 9457 problem details (`application/problem+json`); field errors are under \
`errors`, keyed by the field's path.";

#[derive(OpenApi)]
#[openapi(
    info(title = "dli-portal", description = CONTRACT),
    paths(
        jobs::list_jobs,
        jobs::get_job,
        jobs::create_job,
        jobs::start_job,
        jobs::stop_job,
        jobs::delete_job,
        life::update_job,
        life::roll_back_job,
        life::batch,
        life::versions,
        life::job_events,
        life::events
    ),
    components(schemas(
        Problem,
        CreateJobRequest,
        ResourceConfigRequest,
        ResourceSpecRequest,
        TagRequest,
        StartRequest,
        StopRequest,
        CreatedJob,
        JobPage,
        JobSummary,
        JobDetails,
        StatusChangeView,
        ErrorDetails,
        UpdateJobRequest,
        WhenRunning,
        RollbackRequest,
        BatchRequest,
        BatchAction,
        UpdateView,
        VersionView,
        BatchResults,
        BatchResult,
        EventView,
        EventPage
    )),
    modifiers(&SharedAnswers),
    tags(
        (name = "jobs", description = "Flink Jar jobs on DLI, their versions and their history."),
        (name = "events", description = "Who did what to which job, and what DLI answered.")
    )
)]
pub struct ApiDoc;

/// The document as served under `base_path` (the portal's mount point).
pub fn document(base_path: &str) -> String {
    let mut doc = ApiDoc::openapi();
    if !base_path.is_empty() {
        doc.servers = Some(vec![Server::new(base_path)]);
    }
    doc.to_json().expect("the document serializes")
}

/// Adds the answers every operation shares, and `Retry-After` to each "repeat it" answer.
struct SharedAnswers;

/// Answers any request can get, whatever it asks.
const SHARED: [(&str, &str); 5] = [
    (
        "400",
        "The request cannot be read (not JSON, or a path or query that is not what it should be).",
    ),
    (
        "401",
        "The portal requires a signed-in person (`--require-user`) and the request came without one: go through the team's sign-in proxy.",
    ),
    (
        "403",
        "Not allowed: the caller may only read, an identity header came from outside the proxy, or the request came from another site.",
    ),
    (
        "413",
        "The request body is larger than the portal accepts (256 KiB).",
    ),
    (
        "503",
        "DLI or the history cannot be reached right now: repeat after `Retry-After`.",
    ),
];

impl Modify for SharedAnswers {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for item in doc.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                for (status, description) in SHARED {
                    // `or_insert`: an operation's own description of a shared answer wins.
                    responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_response(description));
                }
                for (status, response) in responses.iter_mut() {
                    if let RefOr::T(response) = response
                        && matches!(status.as_str(), "409" | "429" | "502" | "503" | "504")
                    {
                        response.headers.insert("Retry-After".into(), retry_after());
                    }
                }
            }
        }
    }
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("Problem")))
        .build();
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(PROBLEM_JSON, content)
            .build(),
    )
}

fn retry_after() -> RefOr<utoipa::openapi::Header> {
    let seconds = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1));
    RefOr::T(
        HeaderBuilder::new()
            .schema(Some(seconds))
            .description(Some("Seconds to wait before repeating the same request."))
            .build(),
    )
}

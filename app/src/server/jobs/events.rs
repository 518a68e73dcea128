//! The audit trail as the services write it: one event per action on a job, whatever its
//! outcome. Writing one never stands in the way of the action: a failure is logged.

use crate::server::state::AppState;
use crate::server::store::{EventOutcome, JobEvent, RecordedError};
use dli::now_ms;

/// Who did what to a job, before its outcome is known.
pub(super) struct Action<'a> {
    pub job_id: i64,
    pub actor: &'a str,
    /// `create`, `reconcile`, `start`, `stop`, `delete`, ...
    pub action: &'static str,
    /// What was asked beyond the action itself, as a JSON object.
    pub detail: Option<String>,
    /// The id DLI's gateway gave the call, when it answered.
    pub dli_request_id: Option<String>,
}

impl Action<'_> {
    pub fn succeeded(self, message: Option<String>) -> JobEvent {
        self.ended(EventOutcome::Ok, None, message)
    }

    pub fn failed(self, error: &RecordedError) -> JobEvent {
        self.ended(EventOutcome::Failed, Some(error), None)
    }

    /// DLI's answer never came: the event says why.
    pub fn unanswered(self, error: &RecordedError) -> JobEvent {
        self.ended(EventOutcome::Unknown, Some(error), None)
    }

    fn ended(
        self,
        outcome: EventOutcome,
        error: Option<&RecordedError>,
        message: Option<String>,
    ) -> JobEvent {
        JobEvent {
            job_id: self.job_id,
            at_ms: now_ms(),
            actor: self.actor.to_owned(),
            action: self.action.to_owned(),
            detail: self.detail,
            outcome,
            dli_request_id: self.dli_request_id,
            error_kind: error.map(|error| error.kind.clone()),
            error_code: error.and_then(|error| error.code.clone()),
            message: message.or_else(|| error.map(|error| error.message.clone())),
        }
    }
}

pub(super) async fn keep(state: &AppState, event: JobEvent) {
    if let Err(error) = state.store.record_event(&event).await {
        tracing::error!(error = %dli::chain(&error), record = event.job_id, action = event.action, "could not record an event");
    }
}

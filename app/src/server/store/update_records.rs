//! The records of a job's life after its create, as the rest of the server sees them: its
//! versions, and the updates the portal carries out with their steps.

use std::fmt;

/// One version of a job's settings, as written and as read back.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobVersion {
    pub job_id: i64,
    pub version: i64,
    pub at_ms: i64,
    pub actor: String,
    /// `create`, `update` or `rollback`.
    pub action: String,
    /// The create-shaped JSON of the job's settings from this version on.
    pub settings: String,
    /// The exact bytes sent to DLI: the create's body, or the update's.
    pub request_body: String,
    pub dli_request_id: Option<String>,
    /// DLI's message.
    pub message: Option<String>,
}

/// How an update reaches a job that may be running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMode {
    /// One PUT: the job is not running, or every change is one DLI takes while it runs.
    Direct,
    /// Stop, update, start again from scratch.
    Restart,
    /// Stop with a savepoint, update, start from that savepoint.
    RestartFromSavepoint,
}

/// Where an update is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stop,
    Update,
    Start,
    Done,
    /// Stopped for good at the step its message names.
    Failed,
}

macro_rules! words {
    ($type:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: &[$type] = &[$($type::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $word),+ }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $type {
            type Error = String;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::ALL.iter().copied().find(|value| value.as_str() == text).ok_or(text)
            }
        }
    };
}

words!(UpdateMode { Direct = "direct", Restart = "restart", RestartFromSavepoint = "restart_from_savepoint" });
words!(Step { Stop = "stop", Update = "update", Start = "start", Done = "done", Failed = "failed" });

impl Step {
    pub fn is_over(self) -> bool {
        matches!(self, Self::Done | Self::Failed)
    }
}

/// An update as it is written before DLI is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpdate {
    pub job_id: i64,
    pub at_ms: i64,
    pub actor: String,
    /// `update` or `rollback`.
    pub action: &'static str,
    pub idempotency_key: String,
    pub base_version: i64,
    pub settings: String,
    pub request_body: String,
    /// The DLI fields it changes, as a JSON array.
    pub changed: String,
    pub mode: UpdateMode,
    pub first_step: Step,
}

/// What `insert_update` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateInserted {
    New(JobUpdate),
    /// An earlier use of the key made this one.
    SameKey(JobUpdate),
    /// Another update of the job is under way: one at a time.
    OtherUnderWay,
}

/// One update, as read back.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobUpdate {
    pub id: i64,
    pub job_id: i64,
    pub created_at_ms: i64,
    pub actor: String,
    pub action: String,
    pub idempotency_key: String,
    pub base_version: i64,
    pub settings: String,
    pub request_body: String,
    pub changed: String,
    #[sqlx(try_from = "String")]
    pub mode: UpdateMode,
    #[sqlx(try_from = "String")]
    pub step: Step,
    pub sent_at_ms: Option<i64>,
    pub tries: i64,
    pub next_at_ms: i64,
    pub claimed_until_ms: Option<i64>,
    pub version: Option<i64>,
    pub message: Option<String>,
    pub updated_at_ms: i64,
}

impl JobUpdate {
    /// `update` or `rollback`, as the events name it.
    pub fn action_name(&self) -> &'static str {
        match self.action.as_str() {
            "rollback" => "rollback",
            _ => "update",
        }
    }

    /// The DLI fields the update changes.
    pub fn changed_fields(&self) -> Vec<String> {
        serde_json::from_str(&self.changed).unwrap_or_default()
    }
}

/// Where an update goes next: its step, when its DLI call was sent, and what to tell the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepChange {
    pub step: Step,
    pub sent_at_ms: Option<i64>,
    pub tries: i64,
    pub next_at_ms: i64,
    pub message: Option<String>,
}

/// The version an accepted update made, recorded with the step after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedUpdate<'a> {
    pub request_body: &'a str,
    pub dli_request_id: Option<&'a str>,
    pub message: Option<&'a str>,
}

//! The history's status groups: DLI's statuses and the creates' outcomes gathered into what a
//! team asks at a glance (running, on their way, at rest, failed, not known yet).

use super::status::{DliStatus, Tone};

/// The history's summary at a glance: which jobs run, are on their way, rest, failed, or have
/// a create whose outcome is not known yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusGroup {
    Running,
    Changing,
    Stopped,
    Failed,
    Unknown,
}

impl StatusGroup {
    pub const ALL: [StatusGroup; 5] = [
        StatusGroup::Running,
        StatusGroup::Changing,
        StatusGroup::Stopped,
        StatusGroup::Failed,
        StatusGroup::Unknown,
    ];

    /// Its name in the history's URL (`?group=running`).
    pub fn as_str(self) -> &'static str {
        match self {
            StatusGroup::Running => "running",
            StatusGroup::Changing => "changing",
            StatusGroup::Stopped => "stopped",
            StatusGroup::Failed => "failed",
            StatusGroup::Unknown => "unknown",
        }
    }

    pub fn parse(name: &str) -> Option<StatusGroup> {
        StatusGroup::ALL
            .into_iter()
            .find(|group| group.as_str() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusGroup::Running => "Running",
            StatusGroup::Changing => "Starting or stopping",
            StatusGroup::Stopped => "Stopped",
            StatusGroup::Failed => "Failed",
            StatusGroup::Unknown => "Outcome unknown",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            StatusGroup::Running => Tone::Ok,
            StatusGroup::Changing | StatusGroup::Unknown => Tone::Busy,
            StatusGroup::Stopped => Tone::Idle,
            StatusGroup::Failed => Tone::Bad,
        }
    }

    /// The group of a job: by DLI's status, else by the create's outcome (`pending`, `created`,
    /// `failed`, `unknown`). A status DLI has not documented belongs to none.
    pub fn of(status: Option<&str>, outcome: &str) -> Option<StatusGroup> {
        match status {
            Some(status) => DliStatus::parse(status).map(DliStatus::group),
            None => StatusGroup::ALL
                .into_iter()
                .find(|group| group.outcomes().contains(&outcome)),
        }
    }

    /// DLI's statuses in the group.
    pub fn statuses(self) -> Vec<&'static str> {
        DliStatus::ALL
            .into_iter()
            .filter(|status| status.group() == self)
            .map(DliStatus::as_str)
            .collect()
    }

    /// The outcomes of creates without a DLI status that count in the group.
    pub fn outcomes(self) -> &'static [&'static str] {
        match self {
            // Created, its first status not read yet; or still being created.
            StatusGroup::Changing => &["pending", "created"],
            StatusGroup::Failed => &["failed"],
            StatusGroup::Unknown => &["unknown"],
            StatusGroup::Running | StatusGroup::Stopped => &[],
        }
    }
}

impl DliStatus {
    pub fn group(self) -> StatusGroup {
        match self {
            DliStatus::Running | DliStatus::Idle => StatusGroup::Running,
            DliStatus::SubmitFail | DliStatus::RunningException | DliStatus::CancelFail => {
                StatusGroup::Failed
            }
            DliStatus::Init
            | DliStatus::CancelSuccess
            | DliStatus::Finish
            | DliStatus::ArrearageStopped => StatusGroup::Stopped,
            DliStatus::Submitting
            | DliStatus::Downloading
            | DliStatus::Savepointing
            | DliStatus::Canceling
            | DliStatus::ArrearageRecovering => StatusGroup::Changing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_is_what_its_statuses_and_outcomes_say() {
        for group in StatusGroup::ALL {
            assert_eq!(StatusGroup::parse(group.as_str()), Some(group));
            for status in group.statuses() {
                assert_eq!(StatusGroup::of(Some(status), "created"), Some(group));
            }
            for outcome in group.outcomes() {
                assert_eq!(StatusGroup::of(None, outcome), Some(group));
            }
        }
        assert_eq!(StatusGroup::of(Some("job_new_in_dli"), "created"), None);
        let grouped: usize = StatusGroup::ALL
            .map(|group| group.statuses().len())
            .iter()
            .sum();
        assert_eq!(grouped, DliStatus::ALL.len(), "every status in one group");
    }
}

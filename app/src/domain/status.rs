//! DLI's job statuses (docs/dli-api.md §2) and what each means to the portal: final or not,
//! changing fast or steady, its words and its tone. The one list the badge, the history's status
//! filter and the poller use; the poller's SQL and the `jobs_to_poll` index are tied to it by a test.

/// Every status DLI reports for a Flink job, in the order a job usually meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DliStatus {
    Init,
    Submitting,
    SubmitFail,
    Downloading,
    Running,
    RunningException,
    Idle,
    Savepointing,
    Canceling,
    CancelSuccess,
    CancelFail,
    ArrearageStopped,
    ArrearageRecovering,
    Finish,
}

/// How a status looks: the CSS class suffix of its badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Doing what it should (running, finished).
    Ok,
    /// On its way somewhere (submitting, stopping).
    Busy,
    /// At rest (created, stopped).
    Idle,
    /// Needs someone's attention.
    Bad,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Busy => "busy",
            Tone::Idle => "idle",
            Tone::Bad => "bad",
        }
    }
}

impl DliStatus {
    pub const ALL: [DliStatus; 14] = [
        DliStatus::Init,
        DliStatus::Submitting,
        DliStatus::SubmitFail,
        DliStatus::Downloading,
        DliStatus::Running,
        DliStatus::RunningException,
        DliStatus::Idle,
        DliStatus::Savepointing,
        DliStatus::Canceling,
        DliStatus::CancelSuccess,
        DliStatus::CancelFail,
        DliStatus::ArrearageStopped,
        DliStatus::ArrearageRecovering,
        DliStatus::Finish,
    ];

    /// DLI's name, e.g. `job_running` (`job_canceling` with one "l", as DLI spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            DliStatus::Init => "job_init",
            DliStatus::Submitting => "job_submitting",
            DliStatus::SubmitFail => "job_submit_fail",
            DliStatus::Downloading => "job_downloading",
            DliStatus::Running => "job_running",
            DliStatus::RunningException => "job_running_exception",
            DliStatus::Idle => "job_idle",
            DliStatus::Savepointing => "job_savepointing",
            DliStatus::Canceling => "job_canceling",
            DliStatus::CancelSuccess => "job_cancel_success",
            DliStatus::CancelFail => "job_cancel_fail",
            DliStatus::ArrearageStopped => "job_arrearage_stopped",
            DliStatus::ArrearageRecovering => "job_arrearage_recovering",
            DliStatus::Finish => "job_finish",
        }
    }

    /// The status DLI names `name`; `None` for a name DLI has not documented.
    pub fn parse(name: &str) -> Option<DliStatus> {
        DliStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }

    /// After these a job changes no more by itself. Not `job_cancel_fail`, which leaves the job
    /// running, nor `job_init` (a draft can be started elsewhere), nor the arrears states, which
    /// DLI recovers.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            DliStatus::SubmitFail | DliStatus::CancelSuccess | DliStatus::Finish
        )
    }

    /// On its way to another status within seconds: worth asking DLI about often.
    pub fn is_changing(self) -> bool {
        matches!(
            self,
            DliStatus::Submitting
                | DliStatus::Downloading
                | DliStatus::Savepointing
                | DliStatus::Canceling
                | DliStatus::ArrearageRecovering
        )
    }

    /// Whether a start makes sense now: the job is at rest (never started, stopped, finished or
    /// failed).
    pub fn may_start(self) -> bool {
        matches!(
            self,
            DliStatus::Init
                | DliStatus::SubmitFail
                | DliStatus::CancelSuccess
                | DliStatus::Finish
                | DliStatus::ArrearageStopped
        )
    }

    /// Whether a stop makes sense now: the job runs or is on its way to running (a failed stop
    /// leaves it running). While it stops, neither a start nor a stop does.
    pub fn may_stop(self) -> bool {
        !self.may_start() && self != DliStatus::Canceling
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            DliStatus::Init => "Created, not started",
            DliStatus::Submitting => "Submitting",
            DliStatus::SubmitFail => "Submit failed",
            DliStatus::Downloading => "Downloading",
            DliStatus::Running => "Running",
            DliStatus::RunningException => "Running with errors",
            DliStatus::Idle => "Idle",
            DliStatus::Savepointing => "Saving a savepoint",
            DliStatus::Canceling => "Stopping",
            DliStatus::CancelSuccess => "Stopped",
            DliStatus::CancelFail => "Stop failed",
            DliStatus::ArrearageStopped => "Stopped: account in arrears",
            DliStatus::ArrearageRecovering => "Recovering from arrears",
            DliStatus::Finish => "Finished",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            DliStatus::Running | DliStatus::Finish => Tone::Ok,
            DliStatus::Init | DliStatus::Idle | DliStatus::CancelSuccess => Tone::Idle,
            DliStatus::SubmitFail
            | DliStatus::RunningException
            | DliStatus::CancelFail
            | DliStatus::ArrearageStopped => Tone::Bad,
            DliStatus::Submitting
            | DliStatus::Downloading
            | DliStatus::Savepointing
            | DliStatus::Canceling
            | DliStatus::ArrearageRecovering => Tone::Busy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_name() {
        for status in DliStatus::ALL {
            assert_eq!(DliStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(DliStatus::parse("job_cancelling"), None, "DLI's spelling");
    }

    #[test]
    fn a_status_offers_a_start_or_a_stop_but_never_both_and_stopping_offers_neither() {
        for status in DliStatus::ALL {
            assert!(!(status.may_start() && status.may_stop()), "{status:?}");
            assert_eq!(
                status.may_start() || status.may_stop(),
                status != DliStatus::Canceling,
                "{status:?}"
            );
        }
        assert!(DliStatus::Running.may_stop() && DliStatus::CancelFail.may_stop());
        assert!(DliStatus::Init.may_start() && DliStatus::CancelSuccess.may_start());
    }

    #[test]
    fn no_status_is_both_final_and_changing_and_changing_ones_look_busy() {
        for status in DliStatus::ALL {
            assert!(!(status.is_final() && status.is_changing()), "{status:?}");
            assert_eq!(
                status.is_changing(),
                status.tone() == Tone::Busy,
                "{status:?}"
            );
        }
    }
}

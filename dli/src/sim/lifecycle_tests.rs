//! The lifecycle by the clock and as Flink moves it.

use super::*;

const T: i64 = 1_000;

fn status(name: &'static str, since_ms: i64, started_ms: Option<i64>) -> Status {
    Status {
        name,
        since_ms,
        started_ms,
    }
}

/// A job run at 0, so running from T.
fn running() -> Lifecycle {
    let mut job = Lifecycle::new(0, Some(T));
    job.run(0, false).unwrap();
    job
}

#[test]
fn a_new_job_is_a_draft_until_run() {
    assert_eq!(
        Lifecycle::new(0, Some(T)).status(50_000),
        status("job_init", 0, None)
    );
}

#[test]
fn run_submits_first_and_runs_after_the_transition() {
    let mut job = Lifecycle::new(0, Some(T));
    job.run(100, false).unwrap();
    assert_eq!(job.status(100 + T - 1).name, "job_submitting");
    let started = Some(100 + T);
    assert_eq!(job.status(100 + T), status("job_running", 100 + T, started));
    assert_eq!(
        job.run(100 + T, false).unwrap_err(),
        "is job_running and cannot be started"
    );
}

#[test]
fn stop_cancels_after_the_transition_and_the_job_can_run_again() {
    let mut job = running();
    job.stop(5 * T, false).unwrap();
    assert_eq!(job.status(5 * T).name, "job_canceling");
    assert!(job.is_running(6 * T - 1) && !job.is_running(6 * T));
    assert_eq!(
        job.status(6 * T),
        status("job_cancel_success", 6 * T, Some(T))
    );
    assert_eq!(job.duration_ms(9 * T), Some(4 * T));
    assert_eq!(job.savepoints.latest(9 * T), None);
    job.run(6 * T, false).unwrap();
}

#[test]
fn a_stop_with_a_savepoint_saves_first_and_needs_a_running_job() {
    let mut job = Lifecycle::new(0, Some(T));
    job.run(0, false).unwrap();
    let refused = job.stop(0, true).unwrap_err();
    assert_eq!(
        refused,
        "is job_submitting: a savepoint needs a running job"
    );
    job.stop(2 * T, true).unwrap();
    assert_eq!(job.status(2 * T).name, "job_savepointing");
    assert_eq!(job.status(3 * T).name, "job_cancel_success");
    assert_eq!(
        job.savepoints.latest(3 * T).map(|saved| saved.taken_ms),
        Some(3 * T)
    );
    job.run(3 * T, true).unwrap();
    assert_eq!(
        job.savepoints.resumed_from().map(|saved| saved.number),
        Some(1)
    );
}

#[test]
fn forced_statuses_follow_only_the_status_they_can_happen_in() {
    let mut job = Lifecycle::new(0, Some(T));
    job.run(0, false).unwrap();
    assert_eq!(
        job.force(0, ForcedStatus::Finish, String::new())
            .unwrap_err(),
        "is job_submitting: job_finish can only follow job_running"
    );
    job.force(0, ForcedStatus::SubmitFail, "no resources".into())
        .unwrap();
    assert_eq!(
        (job.status(5 * T), job.status_desc()),
        (status("job_submit_fail", 0, None), "no resources")
    );
    assert!(!job.is_running(0));
    job.run(T, false).unwrap();
    assert_eq!(job.status_desc(), "", "a new run clears the description");
}

#[test]
fn a_job_that_failed_or_finished_runs_again_but_cannot_be_stopped() {
    for ended in [ForcedStatus::RunningException, ForcedStatus::Finish] {
        let mut job = running();
        job.force(3 * T, ended, "boom".into()).unwrap();
        assert_eq!(job.status(4 * T), status(ended.name(), 3 * T, Some(T)));
        assert_eq!(job.duration_ms(9 * T), Some(2 * T));
        let refused = job.stop(4 * T, false).unwrap_err();
        assert_eq!(
            refused,
            format!("is {} and cannot be stopped", ended.name())
        );
        job.run(4 * T, false).unwrap();
    }
}

#[test]
fn on_flink_the_job_moves_only_when_flink_reports_and_only_for_its_latest_run() {
    let mut job = Lifecycle::new(0, None);
    job.run(0, false).unwrap();
    assert_eq!(
        job.status(60 * T).name,
        "job_submitting",
        "no clock on Flink"
    );
    job.flink_running(1, 2 * T);
    assert_eq!(job.status(3 * T), status("job_running", 2 * T, Some(2 * T)));
    job.stop(4 * T, false).unwrap();
    assert_eq!(job.status(60 * T).name, "job_canceling");
    job.flink_ended(1, 5 * T, "job_running_exception", "late".into());
    assert_eq!(job.status(5 * T).name, "job_cancel_success", "a stop's end");
    job.run(6 * T, false).unwrap();
    job.flink_ended(1, 7 * T, "job_finish", String::new());
    assert_eq!(job.status(7 * T).name, "job_submitting", "run 1 is over");
    job.flink_ended(2, 8 * T, "job_submit_fail", "no such class".into());
    assert_eq!(
        (job.status(8 * T).name, job.status_desc()),
        ("job_submit_fail", "no such class")
    );
}

#[test]
fn on_flink_a_savepoint_counts_once_flink_wrote_it_and_a_refused_stop_keeps_running() {
    let mut job = Lifecycle::new(0, None);
    job.run(0, false).unwrap();
    job.flink_running(1, T);
    job.stop(2 * T, true).unwrap();
    job.flink_stop_refused(1, 3 * T);
    assert_eq!(job.status(3 * T), status("job_running", T, Some(T)));
    job.stop(4 * T, true).unwrap();
    assert_eq!(job.status(4 * T).name, "job_savepointing");
    assert_eq!(job.savepoints.latest(9 * T), None);
    job.flink_stopped(1, 5 * T, Some("obs://savepoints/p/7/savepoint-1".into()));
    assert_eq!(job.status(5 * T).name, "job_cancel_success");
    let saved = job.savepoints.latest(5 * T).unwrap();
    assert_eq!(
        saved.location.as_deref(),
        Some("obs://savepoints/p/7/savepoint-1")
    );
}

//! What the poller and the reconciler read, and the poller's lease: taken, renewed, refused,
//! taken over after expiry, released, and contested by several instances at once.

use super::{IN_FLIGHT_MS, TestDb, attempt, insert_new, timeout_error};
use app::server::store::Store;
use futures::future::join_all;

on_both_backends!(
    due_jobs_are_created_unfinished_undeleted_and_their_time_has_come,
    unresolved_attempts_are_pending_or_unknown_ones_whose_time_has_come,
    the_lease_is_taken_renewed_refused_and_taken_over_after_expiry,
    of_many_instances_racing_for_the_lease_exactly_one_leads,
);

/// A created job in `status`, polled next at `next_poll_at_ms`.
async fn created(
    store: &Store,
    tag: &str,
    status: Option<&str>,
    next_poll_at_ms: Option<i64>,
) -> i64 {
    let id = insert_new(store, &attempt(tag, 100)).await.id;
    // A DLI job belongs to one record: each gets its own id.
    let dli_job_id = 1_000 + id;
    store
        .mark_created(id, dli_job_id, status, None, 200)
        .await
        .unwrap();
    store.schedule_poll(id, next_poll_at_ms).await.unwrap();
    id
}

async fn due_jobs_are_created_unfinished_undeleted_and_their_time_has_come(db: &TestDb) {
    let store = &db.store;
    let never_polled = created(store, "never", Some("job_running"), None).await;
    let past_due = created(store, "past", Some("job_running"), Some(500)).await;
    created(store, "later", Some("job_running"), Some(5_000)).await;
    for status in ["job_finish", "job_cancel_success", "job_submit_fail"] {
        created(store, status, Some(status), None).await;
    }
    let stop_failed = created(store, "stop_failed", Some("job_cancel_fail"), None).await;
    let deleted = created(store, "deleted", Some("job_running"), None).await;
    store.mark_deleted(deleted, 300).await.unwrap();
    let no_status = created(store, "no_status", None, None).await;
    insert_new(store, &attempt("pending", 100)).await;
    let failed = insert_new(store, &attempt("failed", 100)).await.id;
    store
        .mark_failed(failed, &timeout_error(), 200)
        .await
        .unwrap();
    let unknown = insert_new(store, &attempt("unknown", 100)).await.id;
    store
        .mark_unknown(unknown, &timeout_error(), 200, 200 + IN_FLIGHT_MS)
        .await
        .unwrap();

    let ids = |records: Vec<app::server::store::JobRecord>| -> Vec<i64> {
        records.into_iter().map(|record| record.id).collect()
    };
    let due = ids(store.due_for_poll(1_000, 10).await.unwrap());
    assert_eq!(
        due,
        [never_polled, stop_failed, no_status, past_due],
        "never polled come first"
    );
    let first_two = ids(store.due_for_poll(1_000, 2).await.unwrap());
    assert_eq!(first_two, [never_polled, stop_failed]);
}

async fn unresolved_attempts_are_pending_or_unknown_ones_whose_time_has_come(db: &TestDb) {
    let store = &db.store;
    let old_pending = insert_new(store, &attempt("old_pending", 1_000)).await.id;
    let old_unknown = insert_new(store, &attempt("old_unknown", 2_000)).await.id;
    store
        .mark_unknown(old_unknown, &timeout_error(), 2_100, 2_100 + IN_FLIGHT_MS)
        .await
        .unwrap();
    let recent = insert_new(store, &attempt("recent", 9_000)).await.id;
    let settled_created = insert_new(store, &attempt("created", 500)).await.id;
    store
        .mark_created(settled_created, 1, Some("job_init"), None, 600)
        .await
        .unwrap();
    let settled_failed = insert_new(store, &attempt("failed", 500)).await.id;
    store
        .mark_failed(settled_failed, &timeout_error(), 600)
        .await
        .unwrap();

    let due_by = |at: i64, limit: u32| async move {
        let records = store.unresolved(at, limit).await.unwrap();
        records
            .into_iter()
            .map(|record| record.id)
            .collect::<Vec<_>>()
    };
    // Each is due once its own reconcile time has come, the longest waiting first.
    assert_eq!(due_by(5_000, 10).await, [old_pending, old_unknown]);
    assert_eq!(due_by(10_000, 10).await, [old_pending, old_unknown, recent]);
    assert_eq!(due_by(10_000, 2).await, [old_pending, old_unknown]);
    assert!(due_by(1_999, 10).await.is_empty());
}

async fn the_lease_is_taken_renewed_refused_and_taken_over_after_expiry(db: &TestDb) {
    let store = &db.store;
    assert!(
        store.try_lead("a", 1_000, 100).await.unwrap(),
        "a free lease is taken"
    );
    assert!(
        !store.try_lead("b", 1_050, 100).await.unwrap(),
        "a running lease is refused"
    );
    assert!(
        store.try_lead("a", 1_090, 100).await.unwrap(),
        "the holder renews"
    );
    assert!(
        !store.try_lead("b", 1_150, 100).await.unwrap(),
        "the renewal runs to 1190"
    );
    assert!(
        store.try_lead("b", 1_190, 100).await.unwrap(),
        "an expired lease is taken over"
    );
    assert!(
        !store.try_lead("a", 1_200, 100).await.unwrap(),
        "the old holder lost it"
    );
    store.release_lead("a").await.unwrap();
    assert!(
        !store.try_lead("a", 1_210, 100).await.unwrap(),
        "only the holder releases"
    );
    store.release_lead("b").await.unwrap();
    assert!(
        store.try_lead("a", 1_220, 100).await.unwrap(),
        "a released lease is free"
    );
}

async fn of_many_instances_racing_for_the_lease_exactly_one_leads(db: &TestDb) {
    for now_ms in [1_000, 2_000] {
        let contenders = (0..8).map(|n| {
            let store = db.store.clone();
            tokio::spawn(async move { store.try_lead(&format!("instance-{n}"), now_ms, 500).await })
        });
        let leaders = join_all(contenders)
            .await
            .into_iter()
            .filter(|won| *won.as_ref().unwrap().as_ref().unwrap())
            .count();
        assert_eq!(leaders, 1, "at {now_ms}");
    }
}

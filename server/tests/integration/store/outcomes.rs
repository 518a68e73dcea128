//! After the attempt: outcome transitions (and the ones refused), DLI's status timeline, the
//! error of the last action, deletion and the poll schedule.

use super::{IN_FLIGHT_MS, TestDb, attempt, insert_new, timeout_error};
use app::server::store::{Outcome, RecordedError, StoreError};

on_both_backends!(
    a_created_job_keeps_its_dli_id_and_starts_its_timeline,
    an_unknown_attempt_is_reconciled_to_created_or_failed,
    a_settled_outcome_cannot_change,
    the_timeline_grows_only_when_the_status_changes,
    action_errors_are_kept_and_cleared,
    a_deletion_keeps_its_first_time_and_stops_polling,
);

async fn a_created_job_keeps_its_dli_id_and_starts_its_timeline(db: &TestDb) {
    let record = insert_new(&db.store, &attempt("made", 1_000)).await;
    let created = db
        .store
        .mark_created(record.id, 138, Some("job_init"), Some(""), 1_500)
        .await
        .unwrap();
    assert_eq!(created.outcome, Outcome::Created);
    assert_eq!(created.dli_job_id, Some(138));
    assert_eq!(created.status.as_deref(), Some("job_init"));
    assert_eq!(created.updated_at_ms, 1_500);
    assert_eq!(db.store.get(record.id).await.unwrap(), Some(created));
    let timeline = db.store.status_history(record.id).await.unwrap();
    let statuses: Vec<_> = timeline
        .iter()
        .map(|c| (c.status.as_str(), c.changed_at_ms))
        .collect();
    assert_eq!(statuses, [("job_init", 1_500)]);
}

async fn an_unknown_attempt_is_reconciled_to_created_or_failed(db: &TestDb) {
    let found = insert_new(&db.store, &attempt("found", 1_000)).await;
    let unknown = db
        .store
        .mark_unknown(found.id, &timeout_error(), 1_100, 1_100 + IN_FLIGHT_MS)
        .await
        .unwrap();
    assert_eq!(unknown.outcome, Outcome::Unknown);
    assert_eq!(unknown.last_error, Some(timeout_error()));
    let created = db
        .store
        .mark_created(found.id, 7, None, None, 1_200)
        .await
        .unwrap();
    assert_eq!(
        (created.outcome, created.last_error),
        (Outcome::Created, None)
    );
    assert!(db.store.status_history(found.id).await.unwrap().is_empty());

    let lost = insert_new(&db.store, &attempt("lost", 2_000)).await;
    db.store
        .mark_unknown(lost.id, &timeout_error(), 2_100, 2_100 + IN_FLIGHT_MS)
        .await
        .unwrap();
    let not_on_dli = RecordedError {
        kind: "reconciled".to_owned(),
        code: Some("DLI.16001".to_owned()),
        message: "DLI has no job of that name and time".to_owned(),
    };
    let failed = db
        .store
        .mark_failed(lost.id, &not_on_dli, 2_200)
        .await
        .unwrap();
    assert_eq!(
        (failed.outcome, failed.last_error),
        (Outcome::Failed, Some(not_on_dli))
    );
}

async fn a_settled_outcome_cannot_change(db: &TestDb) {
    let created = insert_new(&db.store, &attempt("created", 1_000)).await.id;
    db.store
        .mark_created(created, 1, Some("job_init"), None, 1_100)
        .await
        .unwrap();
    let failed = insert_new(&db.store, &attempt("failed", 2_000)).await.id;
    db.store
        .mark_failed(failed, &timeout_error(), 2_100)
        .await
        .unwrap();
    let unknown = insert_new(&db.store, &attempt("unknown", 3_000)).await.id;
    db.store
        .mark_unknown(unknown, &timeout_error(), 3_100, 3_100 + IN_FLIGHT_MS)
        .await
        .unwrap();

    let store = &db.store;
    let refusals = [
        (
            created,
            Outcome::Created,
            store.mark_failed(created, &timeout_error(), 9).await,
        ),
        (
            created,
            Outcome::Created,
            store
                .mark_unknown(created, &timeout_error(), 9, 9 + IN_FLIGHT_MS)
                .await,
        ),
        (
            created,
            Outcome::Created,
            store.mark_created(created, 2, None, None, 9).await,
        ),
        (
            failed,
            Outcome::Failed,
            store.mark_created(failed, 2, None, None, 9).await,
        ),
        (
            unknown,
            Outcome::Unknown,
            store
                .mark_unknown(unknown, &timeout_error(), 9, 9 + IN_FLIGHT_MS)
                .await,
        ),
    ];
    for (id, from, result) in refusals {
        match result {
            Err(StoreError::InvalidTransition {
                id: refused,
                from: was,
                ..
            }) => {
                assert_eq!((refused, was), (id, from));
            }
            other => panic!("job {id} ({from}) moved: {other:?}"),
        }
    }
    assert_eq!(
        store.get(created).await.unwrap().unwrap().dli_job_id,
        Some(1)
    );
    let missing = store.mark_failed(404, &timeout_error(), 9).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(404))),
        "{missing:?}"
    );
}

async fn the_timeline_grows_only_when_the_status_changes(db: &TestDb) {
    let id = insert_new(&db.store, &attempt("timeline", 1_000)).await.id;
    db.store
        .mark_created(id, 5, Some("job_init"), None, 1_100)
        .await
        .unwrap();
    let store = &db.store;
    assert!(
        !store
            .record_status(id, "job_init", Some("waiting"), 1_200)
            .await
            .unwrap()
    );
    assert!(
        store
            .record_status(id, "job_running", None, 1_300)
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_status(id, "job_running", Some("all good"), 1_400)
            .await
            .unwrap()
    );
    assert!(
        store
            .record_status(id, "job_finish", Some("done"), 1_500)
            .await
            .unwrap()
    );

    let record = store.get(id).await.unwrap().unwrap();
    assert_eq!(record.status.as_deref(), Some("job_finish"));
    assert_eq!(record.status_desc.as_deref(), Some("done"));
    assert_eq!(record.updated_at_ms, 1_500);
    let timeline = store.status_history(id).await.unwrap();
    let entries: Vec<_> = timeline
        .iter()
        .map(|c| (c.status.as_str(), c.status_desc.as_deref(), c.changed_at_ms))
        .collect();
    let expected = [
        ("job_init", None, 1_100),
        ("job_running", None, 1_300),
        ("job_finish", Some("done"), 1_500),
    ];
    assert_eq!(entries, expected);
    let missing = store.record_status(404, "job_running", None, 1).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(404))),
        "{missing:?}"
    );
}

async fn action_errors_are_kept_and_cleared(db: &TestDb) {
    let id = insert_new(&db.store, &attempt("actions", 1_000)).await.id;
    let stop_refused = RecordedError {
        kind: "upstream".to_owned(),
        code: Some("DLI.0007".to_owned()),
        message: "The operation is not supported".to_owned(),
    };
    db.store
        .record_error(id, Some(&stop_refused))
        .await
        .unwrap();
    let kept = db.store.get(id).await.unwrap().unwrap().last_error;
    assert_eq!(kept, Some(stop_refused));
    db.store.record_error(id, None).await.unwrap();
    assert_eq!(db.store.get(id).await.unwrap().unwrap().last_error, None);
    let missing = db.store.record_error(404, None).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(404))),
        "{missing:?}"
    );
}

async fn a_deletion_keeps_its_first_time_and_stops_polling(db: &TestDb) {
    let id = insert_new(&db.store, &attempt("deleted", 1_000)).await.id;
    db.store.schedule_poll(id, Some(5_000)).await.unwrap();
    assert_eq!(
        db.store.get(id).await.unwrap().unwrap().next_poll_at_ms,
        Some(5_000)
    );
    db.store.mark_deleted(id, 2_000).await.unwrap();
    db.store.mark_deleted(id, 3_000).await.unwrap();
    let record = db.store.get(id).await.unwrap().unwrap();
    assert_eq!(
        (record.deleted_at_ms, record.next_poll_at_ms),
        (Some(2_000), None)
    );
    assert!(matches!(
        db.store.mark_deleted(404, 1).await,
        Err(StoreError::NotFound(404))
    ));
    assert!(matches!(
        db.store.schedule_poll(404, None).await,
        Err(StoreError::NotFound(404))
    ));
}

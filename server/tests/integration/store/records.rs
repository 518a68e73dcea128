//! The attempt itself: written pending with its exact request, found again by its idempotency
//! key (also under concurrent submissions), and kept across restarts that migrate again.

use super::{TestDb, attempt, insert_new};
use app::server::store::{Inserted, Outcome, Store};
use futures::future::join_all;

on_both_backends!(
    a_new_attempt_is_pending_and_keeps_its_request_byte_for_byte,
    a_repeated_idempotency_key_returns_the_first_record,
    concurrent_submissions_with_one_key_leave_exactly_one_record,
    migrations_run_on_an_empty_database_and_again_on_restart,
);

async fn a_new_attempt_is_pending_and_keeps_its_request_byte_for_byte(db: &TestDb) {
    let mut new = attempt("exact", 1_000);
    new.request_body = "{\"name\": \"exact\",\n \"desc\": \"naïve \\u00e9 ✓\"}  ".to_owned();
    new.queue_name = None;
    new.start_requested = true;
    let record = insert_new(&db.store, &new).await;
    assert_eq!(record.outcome, Outcome::Pending);
    assert_eq!(record.request_body, new.request_body);
    assert_eq!((record.created_at_ms, record.updated_at_ms), (1_000, 1_000));
    assert_eq!((record.queue_name, record.start_requested), (None, true));
    assert_eq!(
        (record.dli_job_id, record.status, record.last_error),
        (None, None, None)
    );
    assert_eq!(
        db.store.get(record.id).await.unwrap().unwrap().request_body,
        new.request_body
    );
}

async fn a_repeated_idempotency_key_returns_the_first_record(db: &TestDb) {
    let first = insert_new(&db.store, &attempt("once", 1_000)).await;
    let mut again = attempt("once", 2_000);
    again.name = "a_different_name".to_owned();
    match db.store.insert_attempt(&again).await.unwrap() {
        Inserted::Existing(record) => assert_eq!(record, first),
        Inserted::New(record) => panic!("a second record was made: {record:?}"),
    }
    let by_key = db
        .store
        .get_by_idempotency_key("alice", "key-once")
        .await
        .unwrap();
    assert_eq!(by_key, Some(first));
}

async fn concurrent_submissions_with_one_key_leave_exactly_one_record(db: &TestDb) {
    let pair = attempt("pair", 1_000);
    let (left, right) = tokio::join!(
        db.store.insert_attempt(&pair),
        db.store.insert_attempt(&pair)
    );
    assert_one_new_of_one_record(vec![left.unwrap(), right.unwrap()]);

    let crowd = attempt("crowd", 2_000);
    let clones: Vec<Store> = (0..8).map(|_| db.store.clone()).collect();
    let handles = clones.into_iter().map(|store| {
        let crowd = crowd.clone();
        tokio::spawn(async move { store.insert_attempt(&crowd).await.unwrap() })
    });
    let results = join_all(handles)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_one_new_of_one_record(results);
    assert_eq!(
        db.store
            .list(&Default::default())
            .await
            .unwrap()
            .records
            .len(),
        2
    );
}

fn assert_one_new_of_one_record(results: Vec<Inserted>) {
    let new = results
        .iter()
        .filter(|r| matches!(r, Inserted::New(_)))
        .count();
    assert_eq!(new, 1, "{results:?}");
    let ids: Vec<i64> = results
        .iter()
        .map(|(Inserted::New(record) | Inserted::Existing(record))| record.id)
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
}
async fn migrations_run_on_an_empty_database_and_again_on_restart(db: &TestDb) {
    db.store.ping().await.unwrap();
    let record = insert_new(&db.store, &attempt("kept", 1_000)).await;
    for _ in 0..2 {
        let restarted = Store::connect(&db.url)
            .await
            .expect("a restart migrates again");
        restarted.ping().await.unwrap();
        assert_eq!(
            restarted.get(record.id).await.unwrap().as_ref(),
            Some(&record)
        );
    }
}

//! The history page over 120 records: keyset pages newest first, every filter alone and
//! combined, the case-insensitive name search, bad cursors, and the queue list.

use super::{TestDb, attempt, insert_new, timeout_error};
use app::server::store::{ListQuery, Outcome, StatusFilter, Store, StoreError};

on_both_backends!(
    pages_of_fifty_walk_every_record_newest_first,
    each_filter_pages_through_exactly_its_records,
    the_name_search_ignores_case_and_takes_wildcards_literally,
    a_tampered_cursor_is_refused,
    the_queue_list_names_each_queue_once_in_order,
);

/// What the listing needs to know of a seeded record.
struct Seed {
    id: i64,
    created_at_ms: i64,
    created_by: &'static str,
    queue_name: Option<&'static str>,
    name: String,
    outcome: Outcome,
    status: Option<&'static str>,
}

/// 120 records; every three share a creation time, so the id must break the ties.
async fn seed(store: &Store) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for i in 0..120_i64 {
        let mut new = attempt(&format!("seed{i}"), 1_000 + (i / 3) * 10);
        new.created_by = ["alice", "bob", "carol"][(i % 3) as usize].to_owned();
        let queue_name = [None, Some("q_a"), Some("q_b"), Some("q_c")][(i % 4) as usize];
        new.queue_name = queue_name.map(str::to_owned);
        new.name = match i % 6 {
            0 => format!("Nightly_ETL_{i}"),
            1 => format!("nightlyXetl_{i}"),
            _ => format!("stream_join_{i}"),
        };
        let id = insert_new(store, &new).await.id;
        let (outcome, status) = match i % 5 {
            0 => (Outcome::Pending, None),
            1 => (Outcome::Failed, None),
            n => (
                Outcome::Created,
                Some(["job_running", "job_finish", "job_init"][n as usize - 2]),
            ),
        };
        match outcome {
            Outcome::Failed => drop(store.mark_failed(id, &timeout_error(), 5).await.unwrap()),
            Outcome::Created => drop(store.mark_created(id, i, status, None, 5).await.unwrap()),
            _ => {}
        }
        seeds.push(Seed {
            id,
            created_at_ms: new.created_at_ms,
            created_by: ["alice", "bob", "carol"][(i % 3) as usize],
            queue_name,
            name: new.name,
            outcome,
            status,
        });
    }
    seeds
}

/// The ids of the seeds that `keep` selects, newest first.
fn newest_first(seeds: &[Seed], keep: impl Fn(&Seed) -> bool) -> Vec<i64> {
    let mut kept: Vec<&Seed> = seeds.iter().filter(|seed| keep(seed)).collect();
    kept.sort_by_key(|seed| std::cmp::Reverse((seed.created_at_ms, seed.id)));
    kept.into_iter().map(|seed| seed.id).collect()
}

/// Follows the cursors to the last page; every page but the last is full.
async fn walk(store: &Store, query: &ListQuery) -> Vec<i64> {
    let (mut ids, mut query) = (Vec::new(), query.clone());
    loop {
        let page = store.list(&query).await.expect("a page");
        ids.extend(page.records.iter().map(|record| record.id));
        match page.next_cursor {
            Some(cursor) => {
                assert_eq!(
                    page.records.len(),
                    query.page_size as usize,
                    "only the last page is short"
                );
                query.cursor = Some(cursor);
            }
            None => return ids,
        }
    }
}

async fn pages_of_fifty_walk_every_record_newest_first(db: &TestDb) {
    let seeds = seed(&db.store).await;
    let mut query = ListQuery::default();
    let mut sizes = Vec::new();
    loop {
        let page = db.store.list(&query).await.unwrap();
        sizes.push(page.records.len());
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    assert_eq!(sizes, [50, 50, 20]);
    assert_eq!(
        walk(&db.store, &ListQuery::default()).await,
        newest_first(&seeds, |_| true)
    );
}

async fn each_filter_pages_through_exactly_its_records(db: &TestDb) {
    let seeds = seed(&db.store).await;
    let pages_of_seven = ListQuery {
        page_size: 7,
        ..ListQuery::default()
    };
    let check = async |filters: ListQuery, keep: &dyn Fn(&Seed) -> bool| {
        let expected = newest_first(&seeds, keep);
        assert!(!expected.is_empty(), "{filters:?} selects some records");
        assert_eq!(walk(&db.store, &filters).await, expected, "{filters:?}");
    };
    let running = Some(StatusFilter::Dli("job_running".to_owned()));
    check(
        ListQuery {
            status: running,
            ..pages_of_seven.clone()
        },
        &|s| s.status == Some("job_running"),
    )
    .await;
    let failed = Some(StatusFilter::Outcome(Outcome::Failed));
    check(
        ListQuery {
            status: failed,
            ..pages_of_seven.clone()
        },
        &|s| s.outcome == Outcome::Failed,
    )
    .await;
    check(
        ListQuery {
            queue_name: Some("q_b".to_owned()),
            ..pages_of_seven.clone()
        },
        &|s| s.queue_name == Some("q_b"),
    )
    .await;
    check(
        ListQuery {
            created_by: Some("bob".to_owned()),
            ..pages_of_seven.clone()
        },
        &|s| s.created_by == "bob",
    )
    .await;
    check(
        ListQuery {
            name_contains: Some("JOIN".to_owned()),
            ..pages_of_seven.clone()
        },
        &|s| s.name.starts_with("stream_join"),
    )
    .await;
    let all_three = ListQuery {
        status: Some(StatusFilter::Dli("job_init".to_owned())),
        queue_name: Some("q_c".to_owned()),
        created_by: Some("carol".to_owned()),
        ..pages_of_seven.clone()
    };
    let carol_init_on_c = |s: &Seed| {
        s.status == Some("job_init") && s.queue_name == Some("q_c") && s.created_by == "carol"
    };
    check(all_three, &carol_init_on_c).await;
    let blank_queue = ListQuery {
        queue_name: Some("  ".to_owned()),
        ..pages_of_seven.clone()
    };
    check(blank_queue, &|_| true).await;
}

async fn the_name_search_ignores_case_and_takes_wildcards_literally(db: &TestDb) {
    let seeds = seed(&db.store).await;
    let search = |text: &str| ListQuery {
        name_contains: Some(text.to_owned()),
        ..ListQuery::default()
    };
    let either_spelling = newest_first(&seeds, |s| s.name.to_lowercase().contains("nightly"));
    assert_eq!(walk(&db.store, &search("NIGHTLY")).await, either_spelling);
    let underscore_only = newest_first(&seeds, |s| s.name.starts_with("Nightly_ETL"));
    assert_eq!(
        walk(&db.store, &search("nightly_etl")).await,
        underscore_only
    );
    assert_eq!(walk(&db.store, &search("%")).await, Vec::<i64>::new());
    assert_eq!(
        walk(&db.store, &search("no_such_job")).await,
        Vec::<i64>::new()
    );
    // Too short for a trigram: found by scanning.
    let short = newest_first(&seeds, |s| s.name.to_lowercase().contains("l_"));
    assert_eq!(walk(&db.store, &search("L_")).await, short);
}

async fn a_tampered_cursor_is_refused(db: &TestDb) {
    seed(&db.store).await;
    let query = ListQuery {
        cursor: Some("not-a-cursor".to_owned()),
        ..ListQuery::default()
    };
    assert!(matches!(
        db.store.list(&query).await,
        Err(StoreError::BadCursor)
    ));
}

async fn the_queue_list_names_each_queue_once_in_order(db: &TestDb) {
    assert!(db.store.distinct_queues().await.unwrap().is_empty());
    seed(&db.store).await;
    assert_eq!(
        db.store.distinct_queues().await.unwrap(),
        ["q_a", "q_b", "q_c"]
    );
}

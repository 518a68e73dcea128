//! Several portal instances on one PostgreSQL history: exactly one polls DLI at a time, and
//! another takes over when it stops.

use crate::helpers::{TestApp, eventually, spawn_app_with};
use crate::pg;
use std::time::Duration;

async fn instance(database_url: &str) -> TestApp {
    let url = database_url.to_owned();
    spawn_app_with(|config| {
        config.database_url = Some(url.into());
        config.poll_interval_ms = 100;
        // Far longer than any stall of a loaded machine, so the lead moves only on a stop.
        config.poll_lease_ms = Some(30_000);
    })
    .await
}

/// Waits (up to 5 s) until exactly one of `apps` leads, and returns its index.
async fn the_one_leader(apps: &[&TestApp]) -> usize {
    eventually(
        "one instance taking the lead",
        Duration::from_secs(5),
        async || {
            let leaders: Vec<usize> = (0..apps.len())
                .filter(|&at| apps[at].portal.is_polling())
                .collect();
            assert!(
                leaders.len() <= 1,
                "two instances poll at once: {leaders:?}"
            );
            leaders.first().copied()
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_one_instance_polls_and_another_takes_over_when_it_stops() {
    let database = pg::server("TEST_DATABASE_URL").create_database().await;
    let first = instance(&database.url).await;
    let second = instance(&database.url).await;

    let leader = the_one_leader(&[&first, &second]).await;
    // Over ten renewals the lead stays with one instance.
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(the_one_leader(&[&first, &second]).await, leader);
    }

    let (stopping, staying) = if leader == 0 {
        (first, second)
    } else {
        (second, first)
    };
    stopping
        .portal
        .stop()
        .await
        .expect("the leader stops cleanly");
    let took_over = async || staying.portal.is_polling().then_some(());
    eventually(
        "the other instance taking over",
        Duration::from_secs(5),
        took_over,
    )
    .await;
    database.drop_database().await;
}

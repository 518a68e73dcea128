//! What browsers may keep: assets with content-hashed names for a year, sent as the brotli or
//! gzip twin the build made; pages, errors and assets with plain names never without asking.

use crate::helpers::{TestApp, spawn_app_with};
use std::{fs, path::Path};
use tempfile::TempDir;

const FOR_A_YEAR: &str = "public, max-age=31536000, immutable";
const SCRIPT: &str = "dli-portal.Hs1.js";
const SCRIPT_BR: &[u8] = b"the brotli twin";
const SCRIPT_GZ: &[u8] = b"the gzip twin";

/// The history's bundle, one of the other builds of `make site` (`app::wasm_bundle`).
const HISTORY_SCRIPT: &str = "dli-portal-history.Hi1.js";

/// A site as `make site` leaves it, with the hash lists beside it (`hash.txt`,
/// `hash-history.txt`, `hash-job.txt`) when `hashed`.
fn built_site(hashed: bool) -> TempDir {
    let site = tempfile::tempdir().expect("a temporary folder");
    let pkg = site.path().join("pkg");
    fs::create_dir(&pkg).unwrap();
    let names = match hashed {
        true => [
            SCRIPT,
            "dli-portal.Hs2.wasm",
            "dli-portal.Hs3.css",
            HISTORY_SCRIPT,
            "dli-portal-history.Hi2.wasm",
            "dli-portal-job.Jb1.js",
            "dli-portal-job.Jb2.wasm",
            "dli-portal-batch.Bt1.js",
            "dli-portal-batch.Bt2.wasm",
        ],
        false => [
            "dli-portal.js",
            "dli-portal.wasm",
            "dli-portal.css",
            "dli-portal-history.js",
            "dli-portal-history.wasm",
            "dli-portal-job.js",
            "dli-portal-job.wasm",
            "dli-portal-batch.js",
            "dli-portal-batch.wasm",
        ],
    };
    for name in names {
        fs::write(
            pkg.join(name),
            format!("/* {name}, long enough to be worth compressing */"),
        )
        .unwrap();
        fs::write(pkg.join(format!("{name}.br")), SCRIPT_BR).unwrap();
        fs::write(pkg.join(format!("{name}.gz")), SCRIPT_GZ).unwrap();
    }
    if hashed {
        fs::write(
            site.path().join("hash.txt"),
            "js: Hs1\nwasm: Hs2\ncss: Hs3\n",
        )
        .unwrap();
        for (bundle, list) in [
            ("history", "js: Hi1\nwasm: Hi2\n"),
            ("job", "js: Jb1\nwasm: Jb2\n"),
            ("batch", "js: Bt1\nwasm: Bt2\n"),
        ] {
            fs::write(site.path().join(format!("hash-{bundle}.txt")), list).unwrap();
        }
    }
    site
}

async fn serving(site: &Path) -> TestApp {
    let site = site.to_owned();
    spawn_app_with(move |config| {
        config.hash_file = site.join("hash.txt");
        config.site_root = site;
    })
    .await
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers()[name].to_str().unwrap()
}

#[tokio::test]
async fn pages_name_the_hashed_assets_which_browsers_keep_for_a_year() {
    let site = built_site(true);
    let app = serving(site.path()).await;
    let html = app.get("/").await.text().await.unwrap();
    for name in [SCRIPT, "dli-portal.Hs2.wasm", "dli-portal.Hs3.css"] {
        assert!(
            html.contains(&format!("/pkg/{name}")),
            "the page names {name}"
        );
    }

    assert!(
        !html.contains("dli-portal-"),
        "the form loads its own bundle only"
    );

    let script = app.get(&format!("/pkg/{SCRIPT}")).await;
    assert_eq!(script.status(), 200);
    assert_eq!(header(&script, "cache-control"), FOR_A_YEAR);
}

#[tokio::test]
async fn other_pages_name_their_own_bundle_and_the_same_stylesheet() {
    let site = built_site(true);
    let app = serving(site.path()).await;
    let job = app.create_job("bundled").await;
    let pages = [
        ("/jobs", "dli-portal-history.Hi"),
        ("/activity", "dli-portal-history.Hi"),
        ("/no/such/page", "dli-portal-history.Hi"),
        (&format!("/jobs/{job}"), "dli-portal-job.Jb"),
        (&format!("/jobs/{job}/edit"), "dli-portal.Hs"),
        (&format!("/jobs/batch?id={job}"), "dli-portal-batch.Bt"),
    ];
    for (path, bundle) in pages {
        let html = app.get(path).await.text().await.unwrap();
        for name in [format!("{bundle}1.js"), format!("{bundle}2.wasm")] {
            assert!(
                html.contains(&format!("/pkg/{name}")),
                "{path} names {name}"
            );
        }
        assert!(html.contains("/pkg/dli-portal.Hs3.css"), "{path} styles");
        let scripts = [
            SCRIPT,
            HISTORY_SCRIPT,
            "dli-portal-job.Jb1.js",
            "dli-portal-batch.Bt1.js",
        ];
        let loaded = scripts
            .iter()
            .filter(|script| html.contains(*script))
            .count();
        assert_eq!(loaded, 1, "{path} loads one bundle's script");
    }

    let script = app.get(&format!("/pkg/{HISTORY_SCRIPT}")).await;
    assert_eq!(script.status(), 200);
    assert_eq!(header(&script, "cache-control"), FOR_A_YEAR);
}

#[tokio::test]
async fn an_asset_is_sent_as_the_twin_the_build_compressed_and_never_compressed_again() {
    let site = built_site(true);
    let app = serving(site.path()).await;
    for (encoding, twin) in [("br", SCRIPT_BR), ("gzip", SCRIPT_GZ)] {
        let response = app
            .get_with(&format!("/pkg/{SCRIPT}"), &[("accept-encoding", encoding)])
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "content-encoding"), encoding);
        assert_eq!(header(&response, "vary"), "accept-encoding");
        assert_eq!(header(&response, "cache-control"), FOR_A_YEAR);
        assert_eq!(response.bytes().await.unwrap(), twin, "{encoding}");
    }
    let plain = app.get(&format!("/pkg/{SCRIPT}")).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(header(&plain, "vary"), "accept-encoding");
}

#[tokio::test]
async fn pages_errors_and_missing_assets_are_asked_for_every_time() {
    let site = built_site(true);
    let app = serving(site.path()).await;
    for (path, status) in [
        ("/", 200),
        ("/jobs", 200),
        ("/no/such/page", 404),
        ("/pkg/dli-portal.OldHash.js", 404),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn without_a_hash_list_assets_keep_their_names_and_are_asked_for_every_time() {
    let site = built_site(false);
    let app = serving(site.path()).await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("/pkg/dli-portal.js"),
        "the page names the plain script"
    );
    let history = app.get("/jobs").await.text().await.unwrap();
    assert!(
        history.contains("/pkg/dli-portal-history.js"),
        "the history names its bundle's plain script"
    );
    let script = app.get("/pkg/dli-portal.js").await;
    assert_eq!(script.status(), 200);
    assert_eq!(header(&script, "cache-control"), "no-cache");
}

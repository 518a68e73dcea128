//! The built site's assets under `/pkg` (wasm, JS, CSS): the names pages give them and how long
//! browsers keep them. `make site` names each file by its content hash (cargo-leptos'
//! `hash-files`) and lists the hashes in `hash.txt` beside the server binary, where Leptos reads
//! them; with that list a browser may keep an asset for a year, since a new build is a new name.
//! Without it (debug builds, tests) the names are fixed, so browsers must ask again every time.
//! The files were compressed at build time (`.br` and `.gz` beside each): they are sent as they
//! are, never compressed again on the way out. The favicon, whose name never changes, is kept
//! for a day.

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{Next, from_fn},
    response::Response,
};
use std::{
    fs,
    path::{Path, PathBuf},
};
use tower_http::services::{ServeDir, ServeFile};

/// How long a browser may keep a file before asking again.
#[derive(Clone, Copy)]
enum Keep {
    /// A content-hashed name: new content is a new name.
    ForAYear,
    /// The favicon: a plain name, but an old one for a day does no harm.
    ForADay,
    AskEveryTime,
}

impl Keep {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Keep::ForAYear => "public, max-age=31536000, immutable",
            Keep::ForADay => "public, max-age=86400",
            Keep::AskEveryTime => "no-cache",
        })
    }
}

/// Where Leptos looks for cargo-leptos' list of hashes: `configured` relative to the folder of
/// the running binary (an absolute path stays as it is).
pub fn hash_file(configured: &Path) -> PathBuf {
    let binary_folder = std::env::current_exe()
        .ok()
        .and_then(|binary| binary.parent().map(Path::to_owned))
        .unwrap_or_default();
    binary_folder.join(configured)
}

/// `/pkg`: the files of `pkg_dir`, each as its precompressed twin when the browser takes that.
pub fn service(pkg_dir: &Path, hashed_names: bool) -> Router {
    let files = ServeDir::new(pkg_dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(from_fn(move |request: Request, next: Next| {
            // wasm-bindgen's `snippets/` keep their names (cargo-leptos leaves them unhashed:
            // the glue imports them by name).
            let fixed_name = request.uri().path().starts_with("/snippets/");
            let keep = match hashed_names && !fixed_name {
                true => Keep::ForAYear,
                false => Keep::AskEveryTime,
            };
            caching(keep, request, next)
        }))
}

/// The favicon at `path`; browsers ask for it on every page.
pub fn favicon(path: &Path) -> Router {
    Router::new()
        .fallback_service(ServeFile::new(path).precompressed_br().precompressed_gzip())
        .layer(from_fn(|request: Request, next: Next| {
            caching(Keep::ForADay, request, next)
        }))
}

async fn caching(keep: Keep, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    // A 404 kept for a year would outlive the deployment that caused it.
    let keep = match response.status().is_success() {
        true => keep,
        false => Keep::AskEveryTime,
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, keep.header());
    // Which twin was sent depends on Accept-Encoding; ServeDir does not say so itself, and the
    // compression layer only says it about what it compresses.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// What is wrong with the assets pages would name, if anything: a hash list from another build
/// than the site, or a hashed site without its list. Pages would then load without their
/// script and style, so start-up says so. Nothing is checked when no site was built. `kinds`
/// are the assets' extensions: one build of `make site` names no stylesheet (`WasmBundle`).
pub fn mismatch(
    pkg_dir: &Path,
    output_name: &str,
    hash_file: &Path,
    kinds: &[&str],
) -> Option<String> {
    let files: Vec<String> = fs::read_dir(pkg_dir)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let hash_list = fs::read_to_string(hash_file).ok();
    let named = named_assets(output_name, hash_list.as_deref(), kinds);
    let missing: Vec<&str> = named
        .iter()
        .filter(|name| !files.contains(name))
        .map(String::as_str)
        .collect();
    match missing.is_empty() {
        true => None,
        false => Some(format!(
            "pages name {} but {} holds no such file: copy the site and {} from the same build",
            missing.join(", "),
            pkg_dir.display(),
            hash_file.display()
        )),
    }
}

/// The file names Leptos gives the assets of `kinds` (js, wasm, css), with the hashes of
/// `hash_list` if any.
fn named_assets(output_name: &str, hash_list: Option<&str>, kinds: &[&str]) -> Vec<String> {
    kinds
        .iter()
        .map(|extension| {
            let hash = hash_list.and_then(|list| {
                list.lines().find_map(|line| {
                    let (kind, hash) = line.split_once(':')?;
                    (kind.trim() == *extension).then(|| hash.trim())
                })
            });
            match hash {
                Some(hash) => format!("{output_name}.{hash}.{extension}"),
                None => format!("{output_name}.{extension}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "js: AbC\nwasm: dEf\ncss: gh-_\n";
    const ALL: &[&str] = &["js", "wasm", "css"];

    #[test]
    fn a_hash_list_names_each_asset_by_its_hash() {
        assert_eq!(
            named_assets("dli-portal", Some(LIST), ALL),
            [
                "dli-portal.AbC.js",
                "dli-portal.dEf.wasm",
                "dli-portal.gh-_.css"
            ]
        );
    }

    #[test]
    fn without_a_list_the_names_are_fixed() {
        assert_eq!(
            named_assets("dli-portal", None, ALL),
            ["dli-portal.js", "dli-portal.wasm", "dli-portal.css"]
        );
    }

    #[test]
    fn a_list_from_another_build_or_a_missing_list_is_a_mismatch() {
        let site = tempfile::tempdir().unwrap();
        for name in [
            "dli-portal.AbC.js",
            "dli-portal.dEf.wasm",
            "dli-portal.gh-_.css",
        ] {
            fs::write(site.path().join(name), "").unwrap();
        }
        let list = site.path().join("hash.txt");
        fs::write(&list, LIST).unwrap();
        assert_eq!(mismatch(site.path(), "dli-portal", &list, ALL), None);

        let absent = site.path().join("no-such-hash.txt");
        let problem = mismatch(site.path(), "dli-portal", &absent, ALL).unwrap();
        assert!(
            problem.contains("dli-portal.js, dli-portal.wasm"),
            "{problem}"
        );

        fs::write(&list, "js: old\nwasm: dEf\ncss: gh-_\n").unwrap();
        let problem = mismatch(site.path(), "dli-portal", &list, ALL).unwrap();
        assert!(
            problem.starts_with("pages name dli-portal.old.js but"),
            "{problem}"
        );
    }

    #[test]
    fn only_the_kinds_asked_for_are_checked() {
        let site = tempfile::tempdir().unwrap();
        for name in ["dli-portal-live.AbC.js", "dli-portal-live.dEf.wasm"] {
            fs::write(site.path().join(name), "").unwrap();
        }
        let list = site.path().join("hash-live.txt");
        fs::write(&list, LIST).unwrap();
        let scripts = &["js", "wasm"];
        assert_eq!(
            mismatch(site.path(), "dli-portal-live", &list, scripts),
            None
        );
        let problem = mismatch(site.path(), "dli-portal-live", &list, ALL).unwrap();
        assert!(
            problem.starts_with("pages name dli-portal-live.gh-_.css"),
            "{problem}"
        );
    }

    #[test]
    fn no_built_site_is_nothing_to_check() {
        let nowhere = Path::new("/no/such/site/pkg");
        assert_eq!(
            mismatch(nowhere, "dli-portal", Path::new("hash.txt"), ALL),
            None
        );
    }
}

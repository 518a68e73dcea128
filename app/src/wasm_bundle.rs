//! Which wasm a page loads. The job form's script carries the domain's rules and writes what they
//! say into the server's form; the batch page's island, the actions on several jobs and their
//! results; the history's and the job page's hold no island, only what follows their server-rendered part
//! (`components::follow`) and, on the job page, the Copy button. None needs another's code, so
//! `make site` builds one bundle for each, and each page loads its own (`docs/page-weight.md`
//! has what each weighs). Only the server renders `<head>`, so only it chooses.

use leptos::config::LeptosOptions;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmBundle {
    /// The job form's script (`/` and `/jobs/{id}/edit`): cargo-leptos' own build.
    Form,
    /// The history's followed table (`/jobs`), also loaded by the pages without one (for their
    /// local times).
    History,
    /// The job page's followed part and Copy button (`/jobs/{id}`).
    Job,
    /// The batch confirmation's island (`/jobs/batch`).
    Batch,
}

impl WasmBundle {
    /// Those `make site` builds after the form's, each in a run of its own.
    pub const OTHERS: [Self; 3] = [Self::History, Self::Job, Self::Batch];

    /// The bundle of the page at `path` (below the base path).
    pub fn for_page(path: &str) -> Self {
        let path = path.trim_end_matches('/');
        match path.strip_prefix("/jobs/") {
            _ if path.is_empty() => Self::Form,
            Some(job) if job.ends_with("/edit") => Self::Form,
            Some("batch") => Self::Batch,
            Some(job) if !job.contains('/') && job.parse::<i64>().is_ok() => Self::Job,
            _ => Self::History,
        }
    }

    /// The bundle of the page this request asks for.
    pub fn for_this_request(base_path: &str) -> Self {
        let path = leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| parts.uri.path().to_owned())
            .unwrap_or_default();
        Self::for_page(path.strip_prefix(base_path).unwrap_or(&path))
    }

    /// What the bundle's files and hash list add to the form's names, as `make site` names them:
    /// `dli-portal-history.<hash>.wasm`, listed in `hash-history.txt`.
    fn suffix(self) -> &'static str {
        match self {
            Self::Form => "",
            Self::History => "-history",
            Self::Job => "-job",
            Self::Batch => "-batch",
        }
    }

    /// Leptos' options for loading this bundle, from those of cargo-leptos' build (the form's):
    /// the others have their own output names and their own lists of hashes beside the first.
    pub fn options(self, form: &LeptosOptions) -> LeptosOptions {
        let mut options = form.clone();
        if self != Self::Form {
            options.output_name = format!("{}{}", form.output_name, self.suffix()).into();
            options.hash_file = self.hash_file(&form.hash_file).into();
        }
        options
    }

    /// `hash.txt` -> `hash-history.txt`, in the same folder.
    fn hash_file(self, form_hash_file: &str) -> String {
        let path = Path::new(form_hash_file);
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let suffix = self.suffix();
        let name = match path.extension() {
            Some(extension) => format!("{stem}{suffix}.{}", extension.to_string_lossy()),
            None => format!("{stem}{suffix}"),
        };
        path.with_file_name(name).to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_loads_its_own_bundle() {
        let pages = [
            ("", WasmBundle::Form),
            ("/", WasmBundle::Form),
            ("/jobs/7/edit", WasmBundle::Form),
            ("/jobs/7/edit/", WasmBundle::Form),
            ("/jobs/7", WasmBundle::Job),
            ("/jobs/7/", WasmBundle::Job),
            ("/jobs", WasmBundle::History),
            ("/jobs/batch", WasmBundle::Batch),
            ("/jobs/batch/", WasmBundle::Batch),
            ("/activity", WasmBundle::History),
            ("/jobs/7/nope", WasmBundle::History),
            ("/nope", WasmBundle::History),
        ];
        for (path, bundle) in pages {
            assert_eq!(WasmBundle::for_page(path), bundle, "{path:?}");
        }
    }

    #[test]
    fn the_other_bundles_have_their_own_names_and_hash_lists() {
        let form = LeptosOptions::builder()
            .output_name("dli-portal")
            .hash_file("/srv/portal/hash.txt".into())
            .build();
        let job = WasmBundle::Job.options(&form);
        assert_eq!(&*job.output_name, "dli-portal-job");
        assert_eq!(&*job.hash_file, "/srv/portal/hash-job.txt");
        let same = WasmBundle::Form.options(&form);
        assert_eq!(
            (&*same.output_name, &*same.hash_file),
            ("dli-portal", "/srv/portal/hash.txt")
        );
        assert_eq!(WasmBundle::History.hash_file("list"), "list-history");
    }

    #[test]
    fn make_site_builds_every_other_bundle_under_the_name_pages_give_it() {
        let makefile = include_str!("../../Makefile");
        let built: Vec<String> = makefile
            .lines()
            .find_map(|line| line.trim().strip_prefix("for bundle in "))
            .and_then(|list| list.strip_suffix("; do \\"))
            .expect("make site's loop over the other bundles")
            .split_whitespace()
            .map(|bundle| format!("-{bundle}"))
            .collect();
        let named: Vec<&str> = WasmBundle::OTHERS.map(WasmBundle::suffix).to_vec();
        assert_eq!(built, named);
    }
}

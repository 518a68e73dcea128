//! The folder that plays OBS (`--obs-root DIR`): `obs://bucket/key` is `DIR/bucket/key`, a DLI
//! package `group/name.jar` is `DIR/packages/group/name.jar`, and a file under `DIR` is shown
//! back as an `obs://` path (where Flink wrote a savepoint).

use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ObsRoot(PathBuf);

impl ObsRoot {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self(dir.into())
    }

    pub fn dir(&self) -> &Path {
        &self.0
    }

    /// The file `reference` (an OBS path or a package name) stands for; `Err` says why it
    /// names none. A reference cannot climb out of the folder (`..`).
    pub fn local(&self, reference: &str) -> Result<PathBuf, String> {
        let (base, rest, least) = match reference.strip_prefix("obs://") {
            // A bucket and an object key within it.
            Some(rest) => (self.0.clone(), rest, 2),
            None => (self.0.join("packages"), reference, 1),
        };
        let relative = Path::new(rest);
        let parts = relative.components();
        if !parts
            .clone()
            .all(|part| matches!(part, Component::Normal(_)))
            || parts.count() < least
        {
            return Err(format!(
                "{reference} does not name a file (obs://bucket/key or a package group/name.jar)"
            ));
        }
        Ok(base.join(relative))
    }

    /// The existing file `reference` stands for; `Err` names the path that is missing.
    /// `what` says which of the job's files it is, e.g. "The entrypoint".
    pub fn existing(&self, what: &str, reference: &str) -> Result<PathBuf, String> {
        let path = self
            .local(reference)
            .map_err(|why| format!("{what} {why}"))?;
        if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "{what} {reference} does not exist: there is no file {}",
                path.display()
            ))
        }
    }

    /// `path` (under this folder) as an `obs://` path; `None` for a path elsewhere.
    pub fn obs_path(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.0).ok()?;
        Some(format!("obs://{}", relative.to_str()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> ObsRoot {
        ObsRoot::new("/data/obs")
    }

    #[test]
    fn an_obs_path_is_its_bucket_and_key_under_the_folder() {
        let local = root().local("obs://my-bucket/jars/app.jar").unwrap();
        assert_eq!(local, Path::new("/data/obs/my-bucket/jars/app.jar"));
        assert_eq!(
            root().obs_path(&local).as_deref(),
            Some("obs://my-bucket/jars/app.jar")
        );
    }

    #[test]
    fn a_package_name_lies_under_packages() {
        assert_eq!(
            root().local("group/name.jar").unwrap(),
            Path::new("/data/obs/packages/group/name.jar")
        );
    }

    #[test]
    fn a_reference_that_names_no_file_or_climbs_out_is_refused() {
        for bad in [
            "obs://bucket",
            "obs://b/../../etc/passwd",
            "/etc/passwd",
            "obs://",
            "",
        ] {
            let why = root().local(bad).unwrap_err();
            assert!(why.contains("does not name a file"), "{bad}: {why}");
        }
    }

    #[test]
    fn a_missing_file_is_named_with_its_path() {
        let why = root()
            .existing("The entrypoint", "obs://b/none.jar")
            .unwrap_err();
        assert_eq!(
            why,
            "The entrypoint obs://b/none.jar does not exist: there is no file /data/obs/b/none.jar"
        );
    }

    #[test]
    fn a_path_outside_the_folder_has_no_obs_path() {
        assert_eq!(root().obs_path(Path::new("/tmp/savepoint-1")), None);
    }
}

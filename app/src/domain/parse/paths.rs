//! Where the job's code and files come from: an OBS path (`obs://bucket/key`) or a package
//! uploaded to DLI (`name` or `group/name`), for the main JAR and the dependency lists.

use super::check::{Check, Seen};
use super::shapes;

/// OBS object keys are at most 1024 bytes; the `obs://bucket/` prefix fits in the margin.
pub(crate) const MAX_REFERENCE_CHARS: usize = 1024;

pub(crate) fn jar(reference: &str) -> Result<(), &'static str> {
    let file_name = file_name(reference).ok_or(
        "Use obs://bucket/path/name.jar or a DLI package such as name.jar or group/name.jar.",
    )?;
    match file_name.strip_suffix(".jar") {
        Some(stem) if !stem.is_empty() => Ok(()),
        _ => Err("Name a JAR: the file name must end in .jar."),
    }
}

pub(crate) fn any_file(reference: &str) -> Result<(), &'static str> {
    file_name(reference)
        .map(|_| ())
        .ok_or("Use obs://bucket/path/file or a DLI package such as file.csv or group/file.csv.")
}

/// The file name a reference points at, if it has one of the two accepted forms.
fn file_name(reference: &str) -> Option<&str> {
    if let Some(location) = reference.strip_prefix("obs://") {
        let (bucket, key) = location.split_once('/')?;
        let key_ok = !key.is_empty()
            && !key.starts_with('/')
            && !key.ends_with('/')
            && !key.chars().any(|c| c.is_whitespace() || c.is_control());
        return (shapes::obs_bucket(bucket).is_ok() && key_ok)
            .then(|| key.rsplit('/').next())
            .flatten();
    }
    // DLI package groups and names: ASCII letters, digits, _ . and -, one optional group.
    let part_ok = |part: &str| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    };
    match reference.split_once('/') {
        Some((group, name)) => (part_ok(group) && part_ok(name)).then_some(name),
        None => part_ok(reference).then_some(reference),
    }
}

/// Checks each non-blank row of a list with `shape`; a repeated row is an error on the later
/// one. Paths use the row's index as posted, blank rows included.
pub(crate) fn list(
    check: &mut Check,
    list: &str,
    rows: &[String],
    shape: fn(&str) -> Result<(), &'static str>,
) -> Vec<String> {
    let (mut accepted, mut seen) = (Vec::new(), Seen::default());
    for (index, raw) in rows.iter().enumerate() {
        let path = format!("{list}.{index}");
        let Some(value) = check.text(&path, raw, MAX_REFERENCE_CHARS, shape) else {
            continue;
        };
        match seen.earlier_row(index, &value) {
            Some(earlier) => check.fail(path, format!("Already listed in row {}.", earlier + 1)),
            None => accepted.push(value),
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jar_is_an_obs_path_or_a_dli_package() {
        for good in [
            "obs://my-bucket/jars/app.jar",
            "obs://abc/app.jar",
            "app.jar",
            "myGroup/test.jar",
            "javaQueueStream.jar",
            "g/flink-connector-1.15.jar",
        ] {
            assert_eq!(jar(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn a_jar_reference_must_end_in_dot_jar() {
        for bad in [
            "obs://abc/app.zip",
            "app",
            "group/.jar",
            "obs://abc/dir/.jar",
            "app.JAR",
        ] {
            assert!(jar(bad).is_err(), "{bad}");
        }
        assert_eq!(
            jar("app.txt"),
            Err("Name a JAR: the file name must end in .jar.")
        );
    }

    #[test]
    fn malformed_references_are_rejected() {
        for bad in [
            "obs://Bad_Bucket/app.jar",
            "obs://abc",
            "obs://abc/",
            "obs://abc//app.jar",
            "obs://abc/dir/",
            "obs://abc/my app.jar",
            "s3://abc/app.jar",
            "a/b/app.jar",
            "/app.jar",
            "group/",
            "my app.jar",
        ] {
            assert!(jar(bad).is_err(), "{bad}");
            assert!(any_file(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dependency_files_take_any_file_name() {
        for good in [
            "myGroup/test.csv",
            "obs://abc/data/cities.txt",
            "settings",
            "g/model.bin",
        ] {
            assert_eq!(any_file(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn blank_rows_are_skipped_but_keep_their_index() {
        let rows = [
            "".to_owned(),
            " ".to_owned(),
            "a.jar".to_owned(),
            "bad".to_owned(),
        ];
        let mut check = Check::default();
        assert_eq!(list(&mut check, "dependency_jars", &rows, jar), ["a.jar"]);
        assert!(check.errors.get("dependency_jars.3").is_some());
        assert_eq!(check.errors.len(), 1);
    }

    #[test]
    fn a_repeated_row_is_an_error_on_the_later_one() {
        let rows = ["a.jar".to_owned(), "b.jar".to_owned(), " a.jar".to_owned()];
        let mut check = Check::default();
        assert_eq!(
            list(&mut check, "dependency_jars", &rows, jar),
            ["a.jar", "b.jar"]
        );
        assert_eq!(
            check.errors.get("dependency_jars.2"),
            Some("Already listed in row 1.")
        );
    }
}

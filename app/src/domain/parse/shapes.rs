//! Shape checks for single values: job names, OBS buckets, Java names, Flink versions and
//! images. Character classes are tested by hand because `regex` would add ~100 KB to the wasm.

/// DLI documents "letters, digits, _ and -". Only ASCII letters are accepted: the stricter
/// reading, and the one the Terraform provider and the name filter of DLI's list API share.
pub(crate) fn job_name(name: &str) -> Result<(), &'static str> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if name.chars().all(allowed) {
        Ok(())
    } else {
        Err("Use only letters A-Z and a-z, digits, _ and -.")
    }
}

/// OBS's bucket naming rules (the bucket name only, no `obs://`).
pub(crate) fn obs_bucket(name: &str) -> Result<(), &'static str> {
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.';
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let bytes = name.as_bytes();
    if !bytes.iter().all(|b| allowed(*b))
        || !(3..=63).contains(&bytes.len())
        || !edge(bytes.first())
        || !edge(bytes.last())
    {
        return Err(
            "Use a bucket name of 3 to 63 lowercase letters, digits, dots and dashes, \
                    starting and ending with a letter or digit.",
        );
    }
    if name.contains("..") || name.contains(".-") || name.contains("-.") {
        return Err("Put a letter or digit on both sides of every dot in a bucket name.");
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() == 4
        && labels
            .iter()
            .all(|label| label.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("A bucket name cannot look like an IP address.");
    }
    Ok(())
}

/// SMN topic names: letters, digits, - and _, starting with a letter or digit.
pub(crate) fn smn_topic(name: &str) -> Result<(), &'static str> {
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    if first_ok && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        Ok(())
    } else {
        Err("Use a topic name of letters, digits, - and _, starting with a letter or digit.")
    }
}

/// Dot-separated Java identifiers (any letters, as Java allows).
fn is_java_name(name: &str) -> bool {
    name.split('.').all(|part| {
        let mut chars = part.chars();
        chars
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    })
}

pub(crate) fn main_class(name: &str) -> Result<(), &'static str> {
    if is_java_name(name) {
        Ok(())
    } else {
        Err("Use a Java class name such as com.example.Main.")
    }
}

pub(crate) fn logger_name(name: &str) -> Result<(), &'static str> {
    if is_java_name(name) {
        Ok(())
    } else {
        Err("Use a logger name such as org.apache.flink.")
    }
}

pub(crate) fn flink_version(version: &str) -> Result<(), &'static str> {
    let parts: Vec<&str> = version.split('.').collect();
    let numeric = parts
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if numeric && (2..=3).contains(&parts.len()) {
        Ok(())
    } else {
        Err("Use a Flink version such as 1.15 or 1.17.")
    }
}

/// Whether a (valid) Flink version is 1.15 or later, from which DLI reads code only from OBS.
pub(crate) fn reads_only_obs(version: &str) -> bool {
    let mut numbers = version
        .split('.')
        .map(|part| part.parse::<u32>().unwrap_or(0));
    (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0)) >= (1, 15)
}

/// `[registry[:port]/]organization/image:tag`, as SWR and Docker write image references.
pub(crate) fn image(reference: &str) -> Result<(), &'static str> {
    const MESSAGE: &str =
        "Use an image such as organization/image:tag, optionally after a registry host.";
    let Some((path, tag)) = reference.rsplit_once(':') else {
        return Err(MESSAGE);
    };
    let tag_ok = tag.len() <= 128
        && tag
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
    let segments: Vec<&str> = path.split('/').collect();
    let segment_ok = |segment: &str| {
        let bytes = segment.as_bytes();
        let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        edge(bytes.first())
            && edge(bytes.last())
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(b))
    };
    // Only a registry host (the first of three or more segments) may carry a `:port`.
    let host_ok = |host: &str| match host.split_once(':') {
        Some((name, port)) => {
            segment_ok(name) && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
        }
        None => segment_ok(host),
    };
    let path_ok = segments.len() >= 2
        && segments.iter().enumerate().all(|(index, segment)| {
            if index == 0 && segments.len() >= 3 {
                host_ok(segment)
            } else {
                segment_ok(segment)
            }
        });
    if tag_ok && path_ok {
        Ok(())
    } else {
        Err(MESSAGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_name_takes_ascii_letters_digits_underscore_and_dash() {
        assert!(job_name("my_job-2").is_ok());
        assert!(job_name("my job").is_err());
        assert!(job_name("job.1").is_err());
        // Non-ASCII letters: DLI says "letters"; the stricter ASCII reading applies.
        assert!(job_name("tâche").is_err());
    }

    #[test]
    fn bucket_names_follow_obs_rules() {
        for good in ["abc", "my-bucket.logs", "a1b", &"b".repeat(63)] {
            assert!(obs_bucket(good).is_ok(), "{good}");
        }
        let long = "b".repeat(64);
        for bad in [
            "ab",
            &long,
            "bucketName",
            "-abc",
            "abc-",
            ".abc",
            "a_b",
            "obs://abc",
        ] {
            assert!(obs_bucket(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bucket_dots_need_letters_or_digits_on_both_sides() {
        assert!(obs_bucket("a..b").is_err());
        assert!(obs_bucket("a.-b").is_err());
        assert!(obs_bucket("a-.b").is_err());
    }

    #[test]
    fn a_bucket_name_shaped_like_an_ip_address_is_rejected() {
        assert_eq!(
            obs_bucket("192.168.1.1"),
            Err("A bucket name cannot look like an IP address.")
        );
        assert!(obs_bucket("192.168.1.a").is_ok());
    }

    #[test]
    fn smn_topics_are_letters_digits_dash_and_underscore() {
        assert!(smn_topic("topic").is_ok());
        assert!(smn_topic("job-alerts_2").is_ok());
        for bad in ["-alerts", "_alerts", "job alerts", "urn:smn:topic"] {
            assert!(smn_topic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn java_names_are_dotted_identifiers() {
        for good in [
            "Main",
            "com.example.Main",
            "org.apache.flink",
            "a.b$Inner",
            "_x.Ünï",
        ] {
            assert!(main_class(good).is_ok(), "{good}");
        }
        for bad in [
            "com..Main",
            ".Main",
            "Main.",
            "com.1st.Main",
            "com.example.Main()",
            "a b",
        ] {
            assert!(main_class(bad).is_err(), "{bad}");
            assert!(logger_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flink_versions_are_two_or_three_numbers() {
        for good in ["1.15", "1.17", "1.12.2"] {
            assert!(flink_version(good).is_ok(), "{good}");
        }
        for bad in ["1", "1.", "v1.15", "1.15.0.1", "1.x"] {
            assert!(flink_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn images_need_an_organization_a_name_and_a_tag() {
        for good in [
            "org/image:tag",
            "my-org/flink.app:1.0_b",
            "swr.example.com/org/image:v2",
            "reg.io:5000/org/img:1",
        ] {
            assert!(image(good).is_ok(), "{good}");
        }
        for bad in [
            "image:tag",
            "org/image",
            "org/image:",
            "Org/image:tag",
            "org//image:tag",
            "org:80/image:tag",
            "org/image:-x",
        ] {
            assert!(image(bad).is_err(), "{bad}");
        }
    }
}

//! The canonical form of a request that `SDK-HMAC-SHA256` signs (docs/dli-api.md §4a, step 2). The client
//! signs it and the simulator verifies it with this same code, so the two cannot drift apart.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// RFC 3986 unreserved characters stay as they are; every other byte becomes `%XX`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The path decoded, each segment encoded again, and a trailing `/` (the URI sent keeps none).
fn canonical_uri(path: &str) -> String {
    let mut uri = decode(path)
        .split('/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Pairs sorted by key then value, both encoded, joined with `&`. The client sends exactly this
/// string as its query, so what it signs is what goes over the wire.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Splits a received query string into decoded pairs: the inverse of [`canonical_query`].
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// `METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED_HEADERS\nPAYLOAD_HASH`. No `Debug`: with temporary
/// credentials the text holds the security token.
pub struct CanonicalRequest {
    pub(super) text: String,
    signed_headers: String,
}

impl CanonicalRequest {
    /// `headers` are the (name, value) pairs to sign, in any order and case; `body` is the
    /// exact bytes sent.
    pub fn new(
        method: &str,
        path: &str,
        query: &[(String, String)],
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Self {
        let mut headers: Vec<(String, &str)> = headers
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value.trim()))
            .collect();
        headers.sort();
        let canonical_headers: String = headers
            .iter()
            .map(|(name, value)| format!("{name}:{value}\n"))
            .collect();
        let signed_headers = headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let text = format!(
            "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
            method.to_ascii_uppercase(),
            canonical_uri(path),
            canonical_query(query),
            hex_sha256(body),
        );
        Self {
            text,
            signed_headers,
        }
    }

    /// The lowercased header names that were signed, joined with `;`.
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// Hex SHA-256 of the canonical text: the last line of the string to sign.
    pub fn digest(&self) -> String {
        hex_sha256(self.text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_canonical_uri_always_ends_with_a_slash() {
        assert_eq!(
            canonical_uri("/v1.0/p/streaming/jobs"),
            "/v1.0/p/streaming/jobs/"
        );
        assert_eq!(canonical_uri("/v1.0/p/"), "/v1.0/p/");
    }

    #[test]
    fn path_segments_are_decoded_then_encoded_with_uppercase_escapes() {
        assert_eq!(canonical_uri("/a%20b/c d/ü"), "/a%20b/c%20d/%C3%BC/");
    }

    #[test]
    fn query_pairs_are_sorted_and_spaces_become_percent_20() {
        let query = pairs(&[
            ("name", "demo job"),
            ("limit", "20"),
            ("job_type", "flink_jar_job"),
        ]);
        assert_eq!(
            canonical_query(&query),
            "job_type=flink_jar_job&limit=20&name=demo%20job"
        );
    }

    #[test]
    fn a_decoded_query_encodes_back_to_the_same_string() {
        let sent = "name=a%2Bb%20c&tags=k%3Dv%2Ck2%3Dv2";
        assert_eq!(canonical_query(&decode_query(sent)), sent);
        assert_eq!(
            decode_query(sent)[0],
            ("name".to_string(), "a+b c".to_string())
        );
    }

    #[test]
    fn header_names_are_lowercased_sorted_and_values_trimmed() {
        let request = CanonicalRequest::new("get", "/x", &[], &[("X-B", " 2 "), ("A", "1")], b"");
        assert_eq!(request.signed_headers(), "a;x-b");
        assert!(
            request
                .text
                .starts_with("GET\n/x/\n\na:1\nx-b:2\n\na;x-b\n")
        );
    }
}

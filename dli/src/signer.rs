//! `SDK-HMAC-SHA256` request signing (docs/dli-api.md §4a): a pure function of the request, the
//! credentials and the time that returns the headers to add; and the check the simulator makes.

use super::{
    canonical::CanonicalRequest,
    credentials::Credentials,
    sdk_headers::{ALGORITHM, SDK_DATE, SECURITY_TOKEN, authorization, format_sdk_date},
};
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderValue, header::AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use time::OffsetDateTime;

/// The parts of a request that the signature covers. `headers` are the headers already set
/// (host, content-type, ...); every one whose name has no `_` is signed.
pub struct RequestToSign<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`.
pub fn string_to_sign(sdk_date: &str, canonical: &CanonicalRequest) -> String {
    format!("{ALGORITHM}\n{sdk_date}\n{}", canonical.digest())
}

/// HMAC-SHA256 keyed with the SK's bytes: no date or region key derivation, unlike AWS.
fn mac(secret_key: &SecretString, string_to_sign: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose_secret().as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// Whether `signature` (hex) is the SK's signature of the string; compared in constant time.
pub fn signature_matches(secret_key: &SecretString, string_to_sign: &str, signature: &str) -> bool {
    hex::decode(signature)
        .is_ok_and(|bytes| mac(secret_key, string_to_sign).verify_slice(&bytes).is_ok())
}

/// Signs `request` at `now`: returns `X-Sdk-Date`, `X-Security-Token` for temporary
/// credentials, and `Authorization`, the last two marked sensitive so `Debug` hides them.
pub fn sign(
    request: &RequestToSign<'_>,
    credentials: &Credentials,
    now: OffsetDateTime,
) -> HeaderMap {
    let sdk_date = format_sdk_date(now);
    let mut added = HeaderMap::new();
    added.insert(
        SDK_DATE,
        HeaderValue::try_from(&sdk_date).expect("digits and letters"),
    );
    if let Some(token) = credentials.security_token() {
        added.insert(SECURITY_TOKEN, sensitive(token.expose_secret()));
    }
    let canonical = canonical_request(request, &added);
    let mac = mac(
        credentials.secret_key(),
        &string_to_sign(&sdk_date, &canonical),
    );
    let signature = hex::encode(mac.finalize().into_bytes());
    let value = authorization(
        credentials.access_key(),
        canonical.signed_headers(),
        &signature,
    );
    added.insert(AUTHORIZATION, sensitive(&value));
    added
}

fn canonical_request(request: &RequestToSign<'_>, added: &HeaderMap) -> CanonicalRequest {
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .chain(added.iter())
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
        .collect();
    CanonicalRequest::new(
        request.method,
        request.path,
        request.query,
        &headers,
        request.body,
    )
}

fn sensitive(value: &str) -> HeaderValue {
    let mut value = HeaderValue::try_from(value).expect("checked by Credentials");
    value.set_sensitive(true);
    value
}

#[cfg(test)]
mod tests {
    //! The known-answer vectors of docs/dli-api.md §4a, made with Huawei's own SDK 3.1.219.
    use super::*;
    use crate::canonical::decode_query;
    use http::header::{CONTENT_TYPE, HOST, USER_AGENT};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2024-01-02 03:04:05 UTC);
    const AUTH: &str = "SDK-HMAC-SHA256 Access=EXAMPLEAK0123456789A, SignedHeaders=";
    const SIGNED: &str = "content-type;host;user-agent;x-project-id;x-sdk-date";

    /// Signs a request of the vectors (project id in `path` filled in) and returns its
    /// canonical request, string to sign and Authorization.
    fn signed(
        method: &str,
        path: &str,
        query: &str,
        body: &str,
        user_agent: bool,
        token: Option<&str>,
    ) -> (String, String, String) {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(
            HOST,
            HeaderValue::from_static("dli.cn-north-4.myhuaweicloud.com"),
        );
        if user_agent {
            headers.insert(USER_AGENT, HeaderValue::from_static("dli-portal-test/1.0"));
        }
        let project = "0123456789abcdef0123456789abcdef";
        headers.insert("x-project-id", HeaderValue::from_static(project));
        let sk = "EXAMPLESKabcdefghijklmnopqrstuvwxyz0123456";
        let mut credentials = Credentials::new("EXAMPLEAK0123456789A", sk.into()).unwrap();
        if let Some(token) = token {
            credentials = credentials.with_security_token(token.into()).unwrap();
        }
        let path = format!("/v1.0/{project}{path}");
        let query = decode_query(query);
        let request = RequestToSign {
            method,
            path: &path,
            query: &query,
            headers: &headers,
            body: body.as_bytes(),
        };
        let added = sign(&request, &credentials, NOW);
        let mut dated = added.clone();
        dated.remove(AUTHORIZATION);
        let canonical = canonical_request(&request, &dated);
        let string_to_sign = string_to_sign("20240102T030405Z", &canonical);
        (
            canonical.text,
            string_to_sign,
            added[AUTHORIZATION].to_str().unwrap().into(),
        )
    }

    #[test]
    fn vector_1_a_create_post_with_a_json_body_signs_byte_for_byte() {
        let body = r#"{"name": "demo_jar_job", "queue_name": "flink_queue", "cu_number": 2, "manager_cu_number": 1, "parallel_number": 1, "main_class": "com.example.Main", "entrypoint_args": "--mode test", "entrypoint": "obs://my-bucket/jars/app.jar", "flink_version": "1.15", "feature": "basic", "tags": [{"key": "env", "value": "dev"}]}"#;
        assert_eq!(body.len(), 316);
        let (canonical, string_to_sign, authorization) =
            signed("POST", "/streaming/flink-jobs", "", body, true, None);
        assert_eq!(
            canonical,
            "POST
/v1.0/0123456789abcdef0123456789abcdef/streaming/flink-jobs/

content-type:application/json
host:dli.cn-north-4.myhuaweicloud.com
user-agent:dli-portal-test/1.0
x-project-id:0123456789abcdef0123456789abcdef
x-sdk-date:20240102T030405Z

content-type;host;user-agent;x-project-id;x-sdk-date
e0f9956a9bf42237735582bee99fe7ddb695d5a455ac98d4dc178cab744b4a6f"
        );
        assert_eq!(
            string_to_sign,
            "SDK-HMAC-SHA256
20240102T030405Z
30c0b9b80600f65a64d72139a644627daa80fee47e365294800d42f3da8afe74"
        );
        let signature = "2eff7d279ce12793363330ba551fffad39d2f8ddb0b9ae01caf9dbf555d4f444";
        assert_eq!(
            authorization,
            format!("{AUTH}{SIGNED}, Signature={signature}")
        );
    }

    #[test]
    fn vector_2_a_list_get_with_a_query_and_no_body_signs_byte_for_byte() {
        let query =
            "job_type=flink_jar_job&limit=20&name=demo%20job&offset=0&order=desc&show_detail=true";
        let (canonical, string_to_sign, authorization) =
            signed("GET", "/streaming/jobs", query, "", true, None);
        assert_eq!(
            canonical,
            "GET
/v1.0/0123456789abcdef0123456789abcdef/streaming/jobs/
job_type=flink_jar_job&limit=20&name=demo%20job&offset=0&order=desc&show_detail=true
content-type:application/json
host:dli.cn-north-4.myhuaweicloud.com
user-agent:dli-portal-test/1.0
x-project-id:0123456789abcdef0123456789abcdef
x-sdk-date:20240102T030405Z

content-type;host;user-agent;x-project-id;x-sdk-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let digest = "8491c7c25327a839bf231cdd79be0b3bb3a0257ca6c2dd9ca507991230a6872f";
        assert_eq!(
            string_to_sign,
            format!("SDK-HMAC-SHA256\n20240102T030405Z\n{digest}")
        );
        let signature = "c445dd52bc16af2a4092dd317891c8649fb560f2f5c581c3c0d73e06e4cece9e";
        assert_eq!(
            authorization,
            format!("{AUTH}{SIGNED}, Signature={signature}")
        );
    }

    #[test]
    fn vector_3_temporary_credentials_sign_the_security_token_byte_for_byte() {
        let body = r#"{"trigger_savepoint": false, "job_ids": [123456]}"#;
        assert_eq!(body.len(), 49);
        let token = Some("EXAMPLE-SECURITY-TOKEN-abc123+/=");
        let (canonical, string_to_sign, authorization) =
            signed("POST", "/streaming/jobs/stop", "", body, true, token);
        assert_eq!(
            canonical,
            "POST
/v1.0/0123456789abcdef0123456789abcdef/streaming/jobs/stop/

content-type:application/json
host:dli.cn-north-4.myhuaweicloud.com
user-agent:dli-portal-test/1.0
x-project-id:0123456789abcdef0123456789abcdef
x-sdk-date:20240102T030405Z
x-security-token:EXAMPLE-SECURITY-TOKEN-abc123+/=

content-type;host;user-agent;x-project-id;x-sdk-date;x-security-token
9ed1c6ec80af238e9baffe7a8109b470ace6076939537b0094d57574380a438b"
        );
        let digest = "14cbe8f108299421b2bd8e2bcfb75ac438c69ef516cbac31bd1486d1c9490693";
        assert_eq!(
            string_to_sign,
            format!("SDK-HMAC-SHA256\n20240102T030405Z\n{digest}")
        );
        let signature = "1761bdd40c5b02f99d33280e39dd64bd1fcea0f46cb7bdbec0c529393ce758a8";
        let signed_headers = format!("{SIGNED};x-security-token");
        assert_eq!(
            authorization,
            format!("{AUTH}{signed_headers}, Signature={signature}")
        );
    }

    #[test]
    fn vector_4_minimal_headers_and_a_compact_body_sign_byte_for_byte() {
        let body = r#"{"job_ids":[123456],"resume_savepoint":false}"#;
        let (canonical, string_to_sign, authorization) =
            signed("POST", "/streaming/jobs/run", "", body, false, None);
        let payload = "1728ed771d5c1736b1a746ed3cb01f8a398f347a7321eecd441d671b165f4926";
        assert!(canonical.ends_with(&format!(
            "\ncontent-type;host;x-project-id;x-sdk-date\n{payload}"
        )));
        let digest = "00d4c408538330d7e06b061d1abf3848be685d29eabf45efe1baaa4a3d50015a";
        assert_eq!(
            string_to_sign,
            format!("SDK-HMAC-SHA256\n20240102T030405Z\n{digest}")
        );
        let signature = "7b65dcd36b70a7e04c470afa61411b18af56c831ac0a9be75f781151a4c0525d";
        let signed_headers = "content-type;host;x-project-id;x-sdk-date";
        assert_eq!(
            authorization,
            format!("{AUTH}{signed_headers}, Signature={signature}")
        );
    }

    #[test]
    fn the_added_headers_hide_the_token_and_signature_from_debug() {
        let headers = HeaderMap::new();
        let request = RequestToSign {
            method: "GET",
            path: "/",
            query: &[],
            headers: &headers,
            body: b"",
        };
        let credentials = Credentials::new("AK", "SK".into())
            .and_then(|credentials| credentials.with_security_token("TOKEN-VALUE".into()))
            .unwrap();
        let printed = format!("{:?}", sign(&request, &credentials, NOW));
        assert!(printed.contains("20240102T030405Z"), "{printed}");
        assert!(
            !printed.contains("TOKEN-VALUE") && !printed.contains("Signature="),
            "{printed}"
        );
    }

    #[test]
    fn a_signature_verifies_only_with_the_same_secret_and_string() {
        let secret: SecretString = "secret".into();
        let signature = hex::encode(mac(&secret, "text").finalize().into_bytes());
        assert!(signature_matches(&secret, "text", &signature));
        assert!(!signature_matches(&secret, "texT", &signature));
        assert!(!signature_matches(&"other".into(), "text", &signature));
        assert!(!signature_matches(&secret, "text", "not hex"));
    }
}

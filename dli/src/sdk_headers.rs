//! The headers a signature rides on: `X-Sdk-Date` (`20240102T030405Z`, UTC) and
//! `Authorization: SDK-HMAC-SHA256 Access=.., SignedHeaders=.., Signature=..`, written and read.

use time::{
    OffsetDateTime, PrimitiveDateTime, format_description::BorrowedFormatItem,
    macros::format_description,
};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const SDK_DATE: &str = "x-sdk-date";
pub const SECURITY_TOKEN: &str = "x-security-token";
const SDK_DATE_FORMAT: &[BorrowedFormatItem<'_>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

pub fn format_sdk_date(time: OffsetDateTime) -> String {
    let utc = time.to_offset(time::UtcOffset::UTC);
    utc.format(SDK_DATE_FORMAT)
        .expect("a UTC date always formats")
}

pub fn parse_sdk_date(text: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(text, SDK_DATE_FORMAT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// The `Authorization` value for a signature.
pub(super) fn authorization(access_key: &str, signed_headers: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

/// The parts of a received `Authorization: SDK-HMAC-SHA256 Access=.., SignedHeaders=.., Signature=..`.
#[derive(Debug, PartialEq)]
pub struct AuthorizationHeader<'a> {
    pub access_key: &'a str,
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

impl<'a> AuthorizationHeader<'a> {
    pub fn parse(value: &'a str) -> Option<Self> {
        let parts = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
        let (mut access_key, mut signed_headers, mut signature) = (None, None, None);
        for part in parts.split(',').map(str::trim) {
            let (name, value) = part.split_once('=')?;
            match name {
                "Access" => access_key = Some(value),
                "SignedHeaders" => signed_headers = Some(value.split(';').collect()),
                "Signature" => signature = Some(value),
                _ => return None,
            }
        }
        Some(Self {
            access_key: access_key?,
            signed_headers: signed_headers?,
            signature: signature?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sdk_dates_round_trip_in_utc() {
        let time = datetime!(2024-01-02 03:04:05 UTC);
        assert_eq!(format_sdk_date(time), "20240102T030405Z");
        assert_eq!(
            format_sdk_date(datetime!(2024-01-02 05:04:05 +2)),
            "20240102T030405Z"
        );
        assert_eq!(parse_sdk_date("20240102T030405Z"), Some(time));
        assert_eq!(parse_sdk_date("2024-01-02T03:04:05Z"), None);
    }

    #[test]
    fn an_authorization_header_parses_back_into_its_parts() {
        let written = authorization("AK1", "host;x-sdk-date", "abc");
        let expected = AuthorizationHeader {
            access_key: "AK1",
            signed_headers: vec!["host", "x-sdk-date"],
            signature: "abc",
        };
        assert_eq!(AuthorizationHeader::parse(&written), Some(expected));
    }

    #[test]
    fn other_schemes_and_missing_parts_do_not_parse() {
        assert_eq!(
            AuthorizationHeader::parse("AWS4-HMAC-SHA256 Access=AK1"),
            None
        );
        assert_eq!(
            AuthorizationHeader::parse("SDK-HMAC-SHA256 Access=AK1, Signature=abc"),
            None
        );
        assert_eq!(
            AuthorizationHeader::parse("SDK-HMAC-SHA256 Access=A, Extra=1"),
            None
        );
    }
}

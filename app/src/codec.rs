//! How server functions' answers (and errors) travel: JSON, read in the browser as text. Leptos
//! reads an island's props with `serde_json::from_str` and server_fn its answers with
//! `from_slice`; the two readers are different types, so a type that is both (a job, a row of
//! the history) would have its deserializer twice in the wasm. Reading answers as text too
//! keeps one. server_fn has no such codec; this one is its `JsonEncoding` with the reader changed.

use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType, codec::Post};
use serde::{Serialize, de::DeserializeOwned};

/// JSON like server_fn's `JsonEncoding`, decoded from text.
pub struct JsonTextEncoding;

/// A server function's answer as [`JsonTextEncoding`], to a `POST`.
pub type JsonText = Post<JsonTextEncoding>;

impl ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTextEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::JsonTextEncoding;
    use leptos::server_fn::{Decodes, Encodes};

    #[test]
    fn an_answer_reads_back_as_it_was_written() {
        let rows = vec![(7_i64, Some("clicks_作业".to_owned())), (8, None)];
        let bytes = JsonTextEncoding::encode(&rows).expect("rows encode");
        assert_eq!(&bytes[..], r#"[[7,"clicks_作业"],[8,null]]"#.as_bytes());
        let back: Vec<(i64, Option<String>)> =
            JsonTextEncoding::decode(bytes).expect("rows decode");
        assert_eq!(back, rows);
    }

    #[test]
    fn bytes_that_are_not_text_are_an_error() {
        let decoded: Result<String, _> = JsonTextEncoding::decode(vec![b'"', 0xff, b'"'].into());
        assert!(decoded.is_err());
    }
}

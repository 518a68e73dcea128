//! Reads the code and message out of an error answer, in the order Huawei's SDK tries (docs/dli-api.md §3):
//! `error_code`/`error_msg`, `errorCode`/`errorMsg`, `code`/`message`, the same one level down,
//! and otherwise the raw body.

use serde_json::{Map, Value};

const SHAPES: [(&str, &str); 3] = [
    ("error_code", "error_msg"),
    ("errorCode", "errorMsg"),
    ("code", "message"),
];
/// Enough of an HTML error page to recognise it, not so much that it floods a log line.
const RAW_BODY_LIMIT: usize = 300;

#[derive(Debug, PartialEq)]
pub struct ErrorBody {
    pub code: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
}

pub fn parse(body: &[u8]) -> ErrorBody {
    if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) {
        let nested = object.values().filter_map(Value::as_object);
        if let Some(found) = std::iter::once(&object)
            .chain(nested)
            .find_map(code_and_message)
        {
            return found;
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let message = match text.char_indices().nth(RAW_BODY_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    };
    ErrorBody {
        code: None,
        message,
        request_id: None,
    }
}

fn code_and_message(object: &Map<String, Value>) -> Option<ErrorBody> {
    SHAPES.iter().find_map(|(code_field, message_field)| {
        let code = match object.get(*code_field)? {
            Value::String(code) => code.clone(),
            Value::Number(code) => code.to_string(),
            _ => return None,
        };
        let message = object
            .get(*message_field)
            .and_then(Value::as_str)
            .unwrap_or_default();
        let request_id = object
            .get("request_id")
            .and_then(Value::as_str)
            .map(str::to_string);
        Some(ErrorBody {
            code: Some(code),
            message: message.to_string(),
            request_id,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(body: &str) -> (Option<String>, String) {
        let found = parse(body.as_bytes());
        (found.code, found.message)
    }

    #[test]
    fn a_dli_body_gives_its_code_message_and_request_id() {
        let body = parse(br#"{"error_code":"APIGW.0301","error_msg":"verify aksk signature fail","request_id":"r1"}"#);
        assert_eq!(body.code.as_deref(), Some("APIGW.0301"));
        assert_eq!(body.message, "verify aksk signature fail");
        assert_eq!(body.request_id.as_deref(), Some("r1"));
    }

    #[test]
    fn the_camel_case_and_plain_shapes_are_read_in_order() {
        assert_eq!(
            parsed(r#"{"errorCode":"X.1","errorMsg":"camel"}"#),
            (Some("X.1".into()), "camel".into())
        );
        assert_eq!(
            parsed(r#"{"code":"X.2","message":"plain"}"#),
            (Some("X.2".into()), "plain".into())
        );
        assert_eq!(
            parsed(r#"{"code":"late","message":"m","error_code":"first","error_msg":"wins"}"#),
            (Some("first".into()), "wins".into())
        );
    }

    #[test]
    fn iam_nests_its_error_one_level_down_with_a_numeric_code() {
        let body = r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#;
        assert_eq!(
            parsed(body),
            (
                Some("401".into()),
                "The username or password is wrong.".into()
            )
        );
    }

    #[test]
    fn a_body_of_another_shape_is_kept_raw_and_cut_short() {
        assert_eq!(
            parsed("  <html>Bad Gateway</html>\n"),
            (None, "<html>Bad Gateway</html>".into())
        );
        assert_eq!(
            parsed(r#"{"detail":"x"}"#),
            (None, r#"{"detail":"x"}"#.into())
        );
        let long = "é".repeat(400);
        assert_eq!(parsed(&long).1.chars().count(), RAW_BODY_LIMIT + 1);
    }
}

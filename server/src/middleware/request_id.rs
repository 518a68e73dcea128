//! Request ids and the request's log span: a well-formed incoming `x-request-id` is kept (a
//! proxy's id then joins both logs), anything else is replaced by a new UUID; the id is echoed
//! in the response and is a field of the span, so every log line of the request carries it.

use axum::{Router, extract::Request};
use tower::util::MapRequestLayer;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::{Level, Span};

const REQUEST_ID: &str = "x-request-id";

/// Longer ids, or other characters, are not worth carrying into every log line.
const LONGEST_ID: usize = 128;

pub fn layer_onto<S>(router: Router<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(MapRequestLayer::new(drop_malformed_id))
}

fn request_span(request: &Request) -> Span {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        uri = %request.uri(),
        version = ?request.version(),
        request_id = %id,
        // Filled in by the identity middleware, from a trusted proxy's headers.
        client = tracing::field::Empty,
        user = tracing::field::Empty,
    )
}

/// Removes an incoming id that is not well formed, so that a fresh one is made instead.
fn drop_malformed_id(mut request: Request) -> Request {
    if !request
        .headers()
        .get(REQUEST_ID)
        .is_none_or(|id| is_well_formed(id.as_bytes()))
    {
        request.headers_mut().remove(REQUEST_ID);
    }
    request
}

/// Fits a UUID, a proxy's hex id or a trace id: 1 to 128 of letters, digits and `-_.:+/=`.
fn is_well_formed(id: &[u8]) -> bool {
    (1..=LONGEST_ID).contains(&id.len())
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-_.:+/=".contains(byte))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, routing::get};
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    /// A log sink the test can read back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Sends `request` through the layers to a handler that logs one line; returns the
    /// response's id and the log.
    async fn send(request: Request) -> (String, String) {
        let log = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer({
                let log = log.clone();
                move || log.clone()
            })
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let handler = || async {
            tracing::info!("inside the handler");
        };
        let router = layer_onto(Router::new().route("/", get(handler)));
        let response = router.oneshot(request).await.unwrap();
        let id = response.headers()[REQUEST_ID].to_str().unwrap().to_owned();
        let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        (id, log)
    }

    fn request_with_id(id: Option<&str>) -> Request {
        let mut request = Request::get("/");
        if let Some(id) = id {
            request = request.header(REQUEST_ID, id);
        }
        request.body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn an_incoming_id_is_echoed_and_on_the_handlers_log_line() {
        let (id, log) = send(request_with_id(Some("proxy-7f3a:1"))).await;
        assert_eq!(id, "proxy-7f3a:1");
        let line = log
            .lines()
            .find(|line| line.contains("inside the handler"))
            .expect("the handler logged");
        assert!(line.contains("request_id=proxy-7f3a:1"), "{line}");
    }

    #[tokio::test]
    async fn a_request_without_an_id_gets_a_new_uuid_in_the_response_and_the_log() {
        let (id, log) = send(request_with_id(None)).await;
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
        assert!(log.contains(&format!("request_id={id}")), "{log}");
    }

    #[tokio::test]
    async fn a_malformed_incoming_id_is_replaced() {
        let too_long = vec![b'9'; LONGEST_ID + 1];
        for malformed in [
            &b"a b"[..],
            b"\"quoted\"",
            "caf\u{e9}".as_bytes(),
            &too_long,
        ] {
            let value = axum::http::HeaderValue::from_bytes(malformed).unwrap();
            let mut request = request_with_id(None);
            request.headers_mut().insert(REQUEST_ID, value.clone());
            let (id, _) = send(request).await;
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{value:?} became {id}");
        }
    }

    #[test]
    fn ids_of_uuids_hex_and_trace_ids_are_well_formed_and_empty_or_long_ones_are_not() {
        assert!(is_well_formed(b"0b6f1c2e-57a4-4a53-9d0e-0f7c2b1b3a44"));
        assert!(is_well_formed(
            b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        ));
        assert!(is_well_formed(b"dGVzdA=="));
        assert!(!is_well_formed(b""));
        assert!(!is_well_formed(&[b'a'; LONGEST_ID + 1]));
        assert!(!is_well_formed(b"id\nforged log line"));
    }
}

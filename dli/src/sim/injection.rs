//! Fault injection: the middleware that applies an operation's planned fault. Latency and a share
//! of 500/502/503/429 answers come before DLI acts; malformed bodies and dropped connections after
//! it acted (a create that loses its answer still made the job). A share of 1.0 always applies.

use super::{answers::Refusal, faults::Operation, state::Sim};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{StatusCode, header::CONTENT_TYPE},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;

/// Always true for a share of 1.0 (`fastrand::f64` is below 1), never for 0.
fn happens(share: f64) -> bool {
    share > 0.0 && fastrand::f64() < share
}

pub async fn inject(
    State((sim, operation)): State<(Sim, Operation)>,
    request: Request,
    next: Next,
) -> Response {
    let fault = sim.take_fault(operation);
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    if let Some(status) = fault.status
        && happens(fault.status_share)
    {
        tracing::debug!(?operation, status, "simulator: injected failure");
        return failure(status).into_response();
    }
    let response = next.run(request).await;
    if happens(fault.drop_share) {
        tracing::debug!(
            ?operation,
            "simulator: dropping the connection after acting"
        );
        return dropped();
    }
    if happens(fault.malformed_share) {
        return cut_in_half(response).await;
    }
    response
}

/// The bodies the gateway and DLI send with these statuses.
fn failure(status: u16) -> Refusal {
    match status {
        429 => Refusal::gateway(
            StatusCode::TOO_MANY_REQUESTS,
            "APIGW.0308",
            "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute",
        ),
        502 => Refusal::gateway(StatusCode::BAD_GATEWAY, "APIGW.0201", "Backend unavailable"),
        503 => Refusal::gateway(
            StatusCode::SERVICE_UNAVAILABLE,
            "APIGW.0201",
            "Service temporarily unavailable",
        ),
        _ => Refusal::gateway(
            StatusCode::INTERNAL_SERVER_ERROR,
            "DLI.0999",
            "Server-side errors occur.",
        ),
    }
}

/// A body that fails as soon as it is read: the connection is closed before an answer arrives.
fn dropped() -> Response {
    let broken = futures::stream::once(async {
        Err::<Bytes, _>(std::io::Error::other("simulated dropped connection"))
    });
    Response::new(Body::from_stream(broken))
}

async fn cut_in_half(response: Response) -> Response {
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    let mut response = Response::from_parts(
        parts,
        Body::from(if half.is_empty() {
            Bytes::from_static(b"{")
        } else {
            half
        }),
    );
    response.headers_mut().remove("content-length");
    response.headers_mut().insert(
        CONTENT_TYPE,
        "application/json".parse().expect("a valid header"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_one_always_happens_and_zero_never() {
        assert!((0..1000).all(|_| happens(1.0)));
        assert!((0..1000).all(|_| !happens(0.0)));
    }
}

//! The person behind a request as the reverse proxy tells it: read from its identity headers,
//! and the client's own address from X-Forwarded-For. Whether to believe them is `gate`'s call.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The person behind a request, as the trusted proxy told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    pub email: Option<String>,
    pub groups: Vec<String>,
}

/// The nearest address in X-Forwarded-For that is not itself a trusted proxy.
pub(super) fn forwarded_client(
    headers: &HeaderMap,
    is_trusted: impl Fn(IpAddr) -> bool,
) -> Option<IpAddr> {
    let chain = headers.get("x-forwarded-for")?.to_str().ok()?;
    chain
        .rsplit(',')
        .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
        .find(|hop| !is_trusted(*hop))
}

pub(super) fn identity_from(
    headers: &HeaderMap,
    [user, email, groups]: [&str; 3],
) -> Option<Identity> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|value| !value.is_empty() && value.len() <= 256)
    };
    Some(Identity {
        user: text(user)?.to_owned(),
        email: text(email).map(str::to_owned),
        groups: text(groups)
            .map(|groups| {
                groups
                    .split(',')
                    .map(|group| group.trim().to_owned())
                    .filter(|group| !group.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

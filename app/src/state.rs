//! What every server function and page loader on the server can reach: the database pool and
//! Leptos' options. Provided as router state and, through leptos_axum, as context.

use crate::error::AppError;
use crate::rate_limit::Limits;
use axum::extract::FromRef;
use axum::http::HeaderMap;
use leptos::prelude::*;
use sqlx::PgPool;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub limits: Arc<Limits>,
    /// The directory's search results, kept until a coach changes (see `coaches::cache`).
    pub directory: Arc<crate::coaches::cache::DirectoryCache>,
    /// Whether a reverse proxy in front sets `X-Forwarded-For` (and so whether to believe it).
    pub trust_forwarded_for: bool,
    /// The address people use; links in emails start with it.
    pub public_url: String,
    /// Whether people reach the site over HTTPS (from `public_url`): cookies are then Secure.
    pub https: bool,
    /// Whether a mail server sends the outbox (otherwise staff read it at /staff/outbox).
    pub mail_delivery: bool,
    /// Whether the database holds the made-up demo data (read at start-up): every page says so.
    pub demo: bool,
    /// The one clock (see `clock`): the system's, or one a test has set.
    pub clock: crate::clock::Clock,
    /// The HTML document (`routes::page_shell`), through which a form's POST renders its page
    /// again: held here so that forms need not import the routes that import them.
    pub shell: fn(LeptosOptions) -> AnyView,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.pool.clone()
    }
}

/// The application's state, from the context leptos_axum gives each server function and page.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

/// The database pool, from the same context.
pub fn pool() -> Result<PgPool, AppError> {
    app_state().map(|state| state.pool)
}

/// The address a request came from, as limits count it: the connection's peer, or, behind a
/// trusted proxy, the last address in `X-Forwarded-For` (the one the proxy saw; earlier ones
/// the client can forge). See [`address_key`] for IPv6.
pub fn client_ip(headers: &HeaderMap, peer: SocketAddr, trust_forwarded_for: bool) -> String {
    let forwarded = trust_forwarded_for
        .then(|| headers.get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok());
    address_key(forwarded.unwrap_or(peer.ip()))
}

/// An IPv4 address as it is, and an IPv6 address as its /64 network: one household or device
/// usually holds a whole /64, so counting its single addresses apart would cost nothing to
/// get round.
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let peer: SocketAddr = "10.0.0.1:5000".parse().expect("an address");
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "6.6.6.6, 203.0.113.7".parse().expect("a header"),
        );
        assert_eq!(client_ip(&headers, peer, false), "10.0.0.1");
        assert_eq!(client_ip(&headers, peer, true), "203.0.113.7");
        assert_eq!(client_ip(&HeaderMap::new(), peer, true), "10.0.0.1");
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_network() {
        let key = |s: &str| address_key(s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0])));
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
    }
}

//! The middleware every request passes through, outermost first. Read top to bottom: that is the
//! order a request meets them (and a response leaves them in reverse).

use crate::configuration::Settings;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{
    HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, header,
};
use axum::middleware::Next;
use axum::response::IntoResponse;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Form posts and server-function calls are small; anything bigger is refused with 413.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;
/// A request still running after this is answered with 408 and abandoned.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Pages carry their own policy with a per-response nonce (see `app::site`); everything else
/// (server-function answers, health checks, static files) gets this one.
const FALLBACK_CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

pub fn apply(router: Router, settings: &Settings) -> Router {
    let request_id = HeaderName::from_static(app::error::REQUEST_ID_HEADER);
    let hsts = settings
        .serves_https()
        .then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    // Innermost: every 503 from the app says when to try again; with metrics on, every request
    // is timed by its route (after routing, so the route's pattern is known).
    let router = router.layer(axum::middleware::map_response(retry_after_unavailable));
    let router = match settings.metrics_address {
        Some(_) => router.layer(axum::middleware::from_fn(crate::metrics::track)),
        None => router,
    };
    router.layer(
        ServiceBuilder::new()
            // A panic becomes a plain 500 instead of a dropped connection.
            .layer(CatchPanicLayer::custom(panic_response))
            // Ids come from us only: one sent by the client is replaced, so logs can be trusted.
            .map_request(|mut request: Request<Body>| {
                request.headers_mut().remove(app::error::REQUEST_ID_HEADER);
                request
            })
            .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(request_id))
            // State changes only from our own pages: Leptos has no CSRF protection of its own.
            .layer(axum::middleware::from_fn_with_state(
                Arc::<str>::from(settings.public_url.as_str()),
                refuse_cross_site,
            ))
            .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
            // Brotli's default (quality 11) costs more CPU per page than it saves on the wire.
            .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                REQUEST_TIMEOUT,
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(FALLBACK_CONTENT_SECURITY_POLICY),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::STRICT_TRANSPORT_SECURITY,
                hsts,
            )),
    )
}

/// How long a 503 (the database unreachable) tells clients to wait before trying again.
pub const RETRY_AFTER_SECONDS: &str = "60";

/// Every 503 says when to try again, for browsers, crawlers and uptime checks alike.
async fn retry_after_unavailable(mut response: Response<Body>) -> Response<Body> {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    response
}

async fn refuse_cross_site(
    State(public_origin): State<Arc<str>>,
    request: Request<Body>,
    next: Next,
) -> axum::response::Response {
    if is_cross_site(request.method(), request.headers(), &public_origin) {
        tracing::warn!("cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            "This request did not come from a page of this site, so it was refused.\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether a request that may change something did not come from one of our own pages.
/// Browsers say where a request comes from in `Sec-Fetch-Site`; older ones send `Origin`,
/// which must be ours (the public address, or the address this request was sent to). Every
/// browser sends one or the other with a POST, so a request with neither is refused too: it
/// could be a browser that strips them, carrying someone's session cookie.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        None => true,
        Some(Ok(origin)) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let same_host = host.is_some_and(|h| {
                origin == format!("http://{h}") || origin == format!("https://{h}")
            });
            !(origin == public_origin || same_host)
        }
        Some(Err(_)) => true,
    }
}

/// The span every log line of a request belongs to. The path only: query strings can hold what
/// people typed (the eligibility checker's answers, searches), which logs must not keep; and a
/// private link's token is left out of it (see [`loggable_path`]).
fn request_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(app::error::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
        request_id = %request_id,
    )
}

/// A path as the logs keep it: a private link's token (a leader's request page, a
/// questionnaire) is a key to someone's data, so it is replaced by `…`.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    let mut segments = path.split('/');
    let (Some(""), Some(first @ ("requests" | "questionnaires")), Some(token)) =
        (segments.next(), segments.next(), segments.next())
    else {
        return path.into();
    };
    if token.is_empty() {
        return path.into();
    }
    let rest: Vec<&str> = segments.collect();
    let mut kept = format!("/{first}/…");
    for segment in rest {
        kept.push('/');
        kept.push_str(segment);
    }
    kept.into()
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<String> {
    tracing::error!("request handler panicked");
    let mut response = Response::new(
        "Something went wrong on our side. Please try again in a moment.\n".to_string(),
    );
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn private_links_leave_their_tokens_out_of_the_logs() {
        use super::loggable_path;
        assert_eq!(loggable_path("/requests/abc123"), "/requests/…");
        assert_eq!(
            loggable_path("/requests/abc123/your-data.json"),
            "/requests/…/your-data.json"
        );
        assert_eq!(loggable_path("/questionnaires/xyz"), "/questionnaires/…");
        assert_eq!(
            loggable_path("/coaches/amara-okafor"),
            "/coaches/amara-okafor"
        );
        assert_eq!(
            loggable_path("/me/requests/CL-2026-000001"),
            "/me/requests/CL-2026-000001"
        );
        assert_eq!(loggable_path("/"), "/");
    }

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v)))
            .collect()
    }

    const PUBLIC: &str = "https://cascade.example.org";

    #[test]
    fn reading_is_never_cross_site() {
        let evil = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ]);
        assert!(!is_cross_site(&Method::GET, &evil, PUBLIC));
        assert!(!is_cross_site(&Method::HEAD, &evil, PUBLIC));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        for (site, cross) in [
            ("same-origin", false),
            ("none", false),
            ("same-site", true),
            ("cross-site", true),
        ] {
            let h = headers(&[
                ("sec-fetch-site", site),
                ("origin", "https://cascade.example.org"),
            ]);
            assert_eq!(is_cross_site(&Method::POST, &h, PUBLIC), cross, "{site}");
        }
    }

    #[test]
    fn otherwise_the_origin_must_be_ours() {
        let ours = headers(&[("origin", "https://cascade.example.org")]);
        assert!(!is_cross_site(&Method::POST, &ours, PUBLIC));
        let same_host = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!is_cross_site(&Method::POST, &same_host, PUBLIC));
        let theirs = headers(&[
            ("origin", "https://evil.example"),
            ("host", "cascade.example.org"),
        ]);
        assert!(is_cross_site(&Method::POST, &theirs, PUBLIC));
        let null = headers(&[("origin", "null")]);
        assert!(is_cross_site(&Method::POST, &null, PUBLIC));
        assert!(
            is_cross_site(&Method::POST, &HeaderMap::new(), PUBLIC),
            "neither header: not known to be from our pages"
        );
    }
}

//! The middleware every request passes through, outermost first. Read top to bottom: that is the
//! order a request meets them (and a response leaves them in reverse).

use crate::configuration::Settings;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode, header};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
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
            .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
            .layer(CompressionLayer::new())
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

/// The span every log line of a request belongs to. The path only: query strings can hold what
/// people typed (the eligibility checker's answers, searches), which logs must not keep.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(app::error::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
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

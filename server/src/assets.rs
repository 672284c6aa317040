//! The built front end under `/pkg`: JS, WASM and CSS, served pre-compressed (brotli or gzip,
//! made at build time) to browsers that accept it.

use app::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use std::path::Path;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// File names carry no content hash, so browsers revalidate (cheaply, by Last-Modified) before
/// reusing a cached copy, and a new build is picked up at once.
pub fn router(site_root: &Path) -> Router<AppState> {
    Router::new()
        .fallback_service(
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

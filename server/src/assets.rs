//! The built front end under `/pkg`: JS, WASM and CSS, served pre-compressed (brotli or gzip,
//! made at build time) to browsers that accept it.
//!
//! A build's files are in a folder named by their hash (`/pkg/{hash}/cascade.js`, see
//! scripts/build.sh), so a changed file has a new address: browsers keep them for a year
//! without asking again. Anything else under `/pkg` (a build from before hashing) is
//! revalidated each time.

use app::state::AppState;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::path::Path;
use std::sync::Arc;
use tower_http::services::ServeDir;

const FOR_GOOD: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub fn router(site_root: &Path, version: Option<String>) -> Router<AppState> {
    let hashed: Option<Arc<str>> = version.map(|v| format!("/{v}/").into());
    Router::new()
        .fallback_service(
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let hashed = hashed.clone();
                async move {
                    let for_good = hashed
                        .as_deref()
                        .is_some_and(|prefix| request.uri().path().starts_with(prefix));
                    let mut response: Response = next.run(request).await;
                    let status = response.status();
                    let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
                    let cache = if for_good && found {
                        FOR_GOOD
                    } else {
                        REVALIDATE
                    };
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
                    response
                }
            },
        ))
}

//! `GET /healthz`: 200 while the database answers, 503 when it does not, for load balancers and
//! uptime checks.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use sqlx::PgPool;
use std::time::Duration;

pub async fn healthz(State(pool): State<PgPool>) -> impl IntoResponse {
    let check = tokio::time::timeout(
        Duration::from_secs(3),
        sqlx::query("SELECT 1").execute(&pool),
    )
    .await;
    let (status, body) = match check {
        Ok(Ok(_)) => (StatusCode::OK, "ok\n"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
    };
    (status, [(header::CACHE_CONTROL, "no-store")], body)
}

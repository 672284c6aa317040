//! `GET /healthz`: 200 while the database answers, 503 when it does not, for uptime checks and
//! for balancers that should stop sending requests to a server that cannot reach its database.
//! It answers within a second either way: a database that does not answer in [`DEADLINE`]
//! counts as down.
//!
//! `GET /livez`: 200 while this process answers at all, whatever the database. A balancer in
//! front of several servers checks this one when they should keep answering what they can
//! (the directory, from memory) while the database is down: were it to check `/healthz`, every
//! server would be out at once.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use sqlx::PgPool;
use std::time::Duration;

/// How long the database has to answer `SELECT 1` (a connection included).
pub const DEADLINE: Duration = Duration::from_millis(800);

pub async fn healthz(State(pool): State<PgPool>) -> impl IntoResponse {
    let check = tokio::time::timeout(DEADLINE, sqlx::query("SELECT 1").execute(&pool)).await;
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

pub async fn livez() -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        "alive\n",
    )
}

use crate::helpers::{spawn_app, test_settings};
use sqlx::postgres::PgPoolOptions;
use std::time::Duration;

#[tokio::test]
async fn healthz_is_ok_while_the_database_answers() {
    let app = spawn_app().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn healthz_is_unavailable_when_the_database_is_not() {
    // Nothing listens on port 1: every connection attempt fails at once.
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://cascade:nothing@127.0.0.1:1/cascade")
        .expect("a lazy pool");
    let app = crate::helpers::spawn_app_on(pool.clone(), pool, test_settings()).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status().as_u16(), 503);
    let body = response.text().await.expect("a body");
    assert_eq!(body, "database unreachable\n");
}

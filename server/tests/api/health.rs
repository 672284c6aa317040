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

#[tokio::test]
async fn healthz_gives_up_on_a_database_that_never_answers() {
    // A listener that accepts connections and never says a word, as a database host does when
    // it hangs: waiting for the pool (5 s) would keep a balancer sending traffic here.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let port = silent.local_addr().expect("bound").port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy(&format!(
            "postgres://cascade:nothing@127.0.0.1:{port}/cascade"
        ))
        .expect("a lazy pool");
    let app = crate::helpers::spawn_app_on(pool.clone(), pool, test_settings()).await;

    let started = std::time::Instant::now();
    let response = app.get("/healthz").await;

    assert_eq!(response.status().as_u16(), 503);
    // The deadline, not the pool's 5 s (generous, for a loaded machine).
    assert!(
        started.elapsed() < server::health::DEADLINE + Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

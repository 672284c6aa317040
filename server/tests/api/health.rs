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

/// A pool to a database that is not there: every connection attempt is refused at once.
fn unreachable_database() -> sqlx::PgPool {
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://cascade:nothing@127.0.0.1:1/cascade")
        .expect("a lazy pool")
}

#[tokio::test]
async fn livez_answers_while_the_process_does_whatever_the_database() {
    let pool = unreachable_database();
    let app = crate::helpers::spawn_app_on(pool.clone(), pool, test_settings()).await;

    let response = app.get("/livez").await;

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().await.expect("a body"), "alive\n");
}

#[tokio::test]
async fn without_the_database_pages_say_503_with_retry_after_and_forms_keep_what_was_typed() {
    let pool = unreachable_database();
    let app = crate::helpers::spawn_app_on(pool.clone(), pool, test_settings()).await;

    let directory = app.get("/coaches?q=governance").await;
    assert_eq!(directory.status().as_u16(), 503);
    assert_eq!(directory.headers()["retry-after"], "60");
    let page = directory.text().await.expect("a body");
    assert!(page.contains("try again in a minute"), "{page}");

    let profile = app.get("/coaches/amara-okafor").await;
    assert_eq!(profile.status().as_u16(), 503, "not known, not kept");
    assert_eq!(profile.headers()["retry-after"], "60");

    let email = "jo.bloggs@example.org";
    let signed_in = app
        .post_form(
            "/sign-in",
            &[("email", email), ("password", "whatever"), ("next", "/me")],
        )
        .await;
    assert_eq!(signed_in.status().as_u16(), 503);
    assert_eq!(signed_in.headers()["retry-after"], "60");
    let page = signed_in.text().await.expect("a body");
    assert!(
        page.contains("Cascade cannot reach its records just now. Please try again in a minute"),
        "{page}"
    );
    assert!(
        page.contains(r#"value="jo.bloggs@example.org""#),
        "what was typed is kept: {page}"
    );
}

#[tokio::test]
async fn without_the_database_a_signed_in_persons_form_is_not_taken_for_an_anonymous_one() {
    let pool = unreachable_database();
    let app = crate::helpers::spawn_app_on(pool.clone(), pool, test_settings()).await;

    let saved = app
        .post_form_as(
            Some("a-session-that-cannot-be-looked-up"),
            "/me",
            &[("accepting", "yes")],
        )
        .await;

    assert_eq!(saved.status().as_u16(), 503, "not sent to sign in");
    assert_eq!(saved.headers()["retry-after"], "60");
    let page = saved.text().await.expect("a body");
    assert!(page.contains("Please try again in a minute"), "{page}");
    assert!(page.contains("Go back to the form"), "{page}");

    let private = app
        .get_as(Some("a-session-that-cannot-be-looked-up"), "/me")
        .await;
    assert_eq!(private.status().as_u16(), 503, "not sent to sign in");
    let page = private.text().await.expect("a body");
    assert!(page.contains("Try again in a minute"), "{page}");
}

#[tokio::test]
async fn metrics_are_served_on_their_own_address_only() {
    let mut settings = test_settings();
    settings.metrics_address = Some("127.0.0.1:0".parse().expect("an address"));
    let (name, admin) = crate::helpers::fresh_database().await;
    let serving = crate::helpers::serving_pool(&name).await;
    let application = server::startup::Application::build(&settings, serving)
        .await
        .expect("the application builds");
    let public = application.address().expect("bound");
    let metrics = application.metrics_address().expect("a metrics address");
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    drop(admin);
    let client = reqwest::Client::new();

    let coaches = client
        .get(format!("http://{public}/coaches"))
        .send()
        .await
        .expect("the site answers");
    assert_eq!(coaches.status().as_u16(), 200);
    let on_the_public_port = client
        .get(format!("http://{public}/metrics"))
        .send()
        .await
        .expect("the site answers");
    assert_eq!(on_the_public_port.status().as_u16(), 404);

    let scraped = client
        .get(format!("http://{metrics}/metrics"))
        .send()
        .await
        .expect("the metrics answer");
    assert_eq!(scraped.status().as_u16(), 200);
    let text = scraped.text().await.expect("a body");
    for expected in [
        r#"cascade_http_request_duration_seconds_bucket{method="GET",route="/coaches",status="200",le="0.005"}"#,
        "cascade_db_pool_connections_in_use",
        "cascade_db_pool_connections_max",
        "cascade_directory_pages_kept",
        "cascade_outbox_waiting 0",
        "cascade_outbox_oldest_due_seconds 0",
        "cascade_jobs_overdue_requests 0",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
}

//! Retention that happens: the clock is driven past each period and what it covers is gone,
//! while what it does not cover stays.

use crate::helpers::{TestApp, spawn_app};
use app::retention;
use chrono::{DateTime, Duration, Utc};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .expect("a time")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool)
        .await
        .expect("a count")
}

async fn email(app: &TestApp, to: &str, sent_at: Option<DateTime<Utc>>) {
    sqlx::query(
        "INSERT INTO outbox (kind, to_address, subject, body, created_at, sent_at)
         VALUES ('new_request', $1, 'A subject', 'A body', $2, $3)",
    )
    .bind(to)
    .bind(at("2027-01-01T09:00:00Z"))
    .bind(sent_at)
    .execute(&app.pool)
    .await
    .expect("an email");
}

#[tokio::test]
async fn sent_emails_are_deleted_after_30_days_and_unsent_ones_kept() {
    let app = spawn_app().await;
    let sent = at("2027-01-01T10:00:00Z");
    email(&app, "sent@example.org", Some(sent)).await;
    email(&app, "waiting@example.org", None).await;

    let just_before = sent + Duration::days(retention::SENT_EMAIL_DAYS) - Duration::minutes(1);
    assert_eq!(
        retention::apply(&app.pool, just_before)
            .await
            .expect("ran")
            .emails,
        0
    );
    let after = sent + Duration::days(retention::SENT_EMAIL_DAYS);
    assert_eq!(
        retention::apply(&app.pool, after)
            .await
            .expect("ran")
            .emails,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE to_address = 'sent@example.org'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE to_address = 'waiting@example.org'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn expired_sessions_and_links_are_swept_hourly_and_live_ones_kept() {
    let app = spawn_app().await;
    app.clock.set(at("2027-03-01T09:00:00Z"));
    let staff = app.add_account("staff2@example.org", true, None).await;
    for (hours, token) in [(-1, "old"), (5, "live")] {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(token.as_bytes())
        .bind(staff)
        .bind(at("2027-02-28T09:00:00Z"))
        .bind(at("2027-03-01T09:00:00Z") + Duration::hours(hours))
        .execute(&app.pool)
        .await
        .expect("a session");
        sqlx::query(
            "INSERT INTO account_links (token_hash, account_id, purpose, created_at, expires_at)
             VALUES ($1, $2, 'password_reset', $3, $4)",
        )
        .bind(token.as_bytes())
        .bind(staff)
        .bind(at("2027-02-28T09:00:00Z"))
        .bind(at("2027-03-01T09:00:00Z") + Duration::hours(hours))
        .execute(&app.pool)
        .await
        .expect("a link");
    }

    let first = retention::run_due(&app.pool, &app.clock)
        .await
        .expect("ran")
        .0;
    assert_eq!((first.sessions, first.account_links), (1, 1));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM sessions WHERE token_hash = 'live'::bytea"
        )
        .await,
        1
    );

    // The live ones expire; within the hour the sweep does not run again, after it it does.
    app.clock.set(at("2027-03-01T14:30:00Z"));
    let swept = retention::run_due(&app.pool, &app.clock)
        .await
        .expect("ran")
        .0;
    assert_eq!(
        (swept.sessions, swept.account_links),
        (1, 1),
        "an hour and more on"
    );
    sqlx::query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ('new', $1, '2027-03-01T14:00:00Z')")
        .bind(staff)
        .execute(&app.pool)
        .await
        .expect("another");
    app.clock.set(at("2027-03-01T15:00:00Z"));
    let too_soon = retention::run_due(&app.pool, &app.clock)
        .await
        .expect("ran")
        .0;
    assert_eq!(too_soon.sessions, 0, "half an hour after the last sweep");
    app.clock.set(at("2027-03-01T15:31:00Z"));
    assert_eq!(
        retention::run_due(&app.pool, &app.clock)
            .await
            .expect("ran")
            .0
            .sessions,
        1
    );
}

#[tokio::test]
async fn the_privacy_notice_gives_each_retention_period_the_jobs_apply() {
    let app = spawn_app().await;
    let notice = app.get_page("/privacy").await;
    assert!(notice.html.contains(r#"data-testid="retention-table""#));
    for rule in retention::rules() {
        assert!(notice.html.contains(rule.what), "{}", rule.what);
        assert!(notice.html.contains(&rule.kept), "{}", rule.kept);
    }
    assert!(notice.html.contains(&format!(
        "Deleted {} days after they were sent.",
        retention::SENT_EMAIL_DAYS
    )));
}

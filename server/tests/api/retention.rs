//! Retention that happens: the clock is driven past each period and what it covers is gone,
//! while what it does not cover stays.

use crate::helpers::{TestApp, at, count, spawn_app};
use app::retention;
use chrono::{DateTime, Duration, Utc};

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

async fn evaluation_file(app: &TestApp, staff: &str) -> String {
    app.get_as(Some(staff), "/staff/overview/evaluation.csv")
        .await
        .text()
        .await
        .expect("a file")
}

/// The overview's figures, to show erasing keeps every count.
async fn overview_tables(app: &TestApp) -> Vec<app::reporting::overview::Table> {
    app::reporting::db::overview(
        &app.pool,
        &app::reporting::overview::OverviewFilter::default(),
        app.clock.now(),
    )
    .await
    .expect("the overview")
    .tables
}

#[tokio::test]
async fn a_request_that_ended_without_coaching_loses_its_leaders_details_after_12_months() {
    let app = spawn_app().await;
    app.add_coaches(&[crate::helpers::coach("Amara Okafor")])
        .await;
    app.clock.set(at("2027-01-04T10:00:00Z"));
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    app.clock.set(at("2027-03-01T10:00:00Z"));
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "sam@example.org",
        "organisation",
        "90k",
    )
    .await;
    // Jo withdrew on 5 January 2027, Sam on 1 March.
    for (email, ended) in [
        ("jo@example.org", "2027-01-05T09:00:00Z"),
        ("sam@example.org", "2027-03-01T11:00:00Z"),
    ] {
        sqlx::query(
            "WITH e AS (UPDATE expressions_of_interest SET status = 'withdrawn' WHERE email = $1
                        RETURNING leader_request_id)
             UPDATE leader_requests SET ended_at = $2, withdrawn_at = $2, withdrawal_reason = 'A private reason'
             WHERE id IN (SELECT leader_request_id FROM e)",
        )
        .bind(email)
        .bind(at(ended))
        .execute(&app.pool)
        .await
        .expect("withdrawn");
    }
    let before = overview_tables(&app).await;

    let not_yet = at("2028-01-05T08:59:00Z");
    assert_eq!(
        retention::apply(&app.pool, not_yet)
            .await
            .expect("ran")
            .erased,
        0
    );
    let year_on = at("2028-01-05T09:00:00Z");
    assert_eq!(
        retention::apply(&app.pool, year_on)
            .await
            .expect("ran")
            .erased,
        1
    );

    type Row = (
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
        Option<chrono::DateTime<Utc>>,
    );
    let jo: Row = sqlx::query_as(
        "SELECT leader_name, email, phone, role, organisation_name, postcode, goals, erased_at
         FROM expressions_of_interest WHERE erased_at IS NOT NULL",
    )
    .fetch_one(&app.pool)
    .await
    .expect("erased");
    assert_eq!(
        jo,
        (
            "Erased".into(),
            retention::ERASED_EMAIL.into(),
            None,
            "Erased".into(),
            "Erased".into(),
            "CF".into(),
            String::new(),
            Some(year_on)
        )
    );
    let reasons: Vec<Option<String>> =
        sqlx::query_scalar("SELECT withdrawal_reason FROM leader_requests ORDER BY created_at")
            .fetch_all(&app.pool)
            .await
            .expect("reasons");
    assert_eq!(
        reasons,
        [None, Some("A private reason".to_string())],
        "Sam's is kept"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expressions_of_interest WHERE email = 'sam@example.org'"
        )
        .await,
        1
    );
    // Every count the overview shows is as it was.
    app.clock.set(year_on);
    assert_eq!(overview_tables(&app).await, before);
    // Nothing that names Jo is left anywhere a page reads.
    let staff = app.staff_session().await;
    let requests =
        crate::helpers::Page::from(app.get_as(Some(&staff), "/staff/requests").await).await;
    assert!(!requests.html.contains("jo@example.org"));
    assert!(
        requests.html.contains("Erased, Erased"),
        "the request stays, naming nobody"
    );
    // The exact income goes too: the lowest of its band (£90k: £50k to £150k) stays.
    let income: i64 = sqlx::query_scalar(
        "SELECT annual_income_pence FROM expressions_of_interest WHERE erased_at IS NOT NULL",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the band");
    assert_eq!(income, 5_000_000);
}

#[tokio::test]
async fn coaching_loses_its_leaders_details_two_years_after_it_closed_and_keeps_their_code() {
    let app = spawn_app().await;
    app.add_coaches(&[crate::helpers::coach("Amara Okafor")])
        .await;
    app.clock.set(at("2027-02-01T10:00:00Z"));
    let coach = app.coach_id("amara-okafor").await;
    let reference = crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let engagement = app::me::db::accept(
        &app.pool,
        coach,
        &reference,
        "Yes.",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");
    app::me::db::close(
        &app.pool,
        coach,
        engagement,
        true,
        "http://test",
        false,
        at("2027-06-30T10:00:00Z"),
    )
    .await
    .expect("closed");
    app.clock.set(at("2027-07-01T10:00:00Z"));
    let staff = app.staff_session().await;
    let before = evaluation_file(&app, &staff).await;
    let code = before
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("a row")
        .to_string();
    assert!(code.starts_with("L-"), "{before}");

    assert_eq!(
        retention::apply(&app.pool, at("2029-06-30T09:59:00Z"))
            .await
            .expect("ran")
            .erased,
        0
    );
    assert_eq!(
        retention::apply(&app.pool, at("2029-06-30T10:00:00Z"))
            .await
            .expect("ran")
            .erased,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expressions_of_interest WHERE email = 'jo@example.org'"
        )
        .await,
        0
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM evaluation_ids").await,
        0,
        "the address is gone from there too"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM questionnaires").await,
        3,
        "answers kept, tied to the code"
    );

    app.clock.set(at("2029-06-30T10:00:00Z"));
    let staff_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM accounts WHERE staff")
        .fetch_one(&app.pool)
        .await
        .expect("staff");
    let staff = app.session_for(staff_id).await;
    let after = evaluation_file(&app, &staff).await;
    assert!(
        after.contains(&code),
        "the same code after erasure: {after}"
    );
    assert!(!after.contains("jo@example.org"));
}

#[tokio::test]
async fn the_communities_an_organisation_serves_go_with_the_leaders_details() {
    let app = spawn_app().await;
    app.add_coaches(&[crate::helpers::coach("Amara Okafor")])
        .await;
    app.clock.set(at("2027-01-04T10:00:00Z"));
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let sealed = crate::helpers::test_data_keys()
        .seal(
            app::special_category::SealedField::CommunitiesServed,
            &["carers"],
        )
        .expect("sealed");
    sqlx::query(
        "WITH e AS (UPDATE expressions_of_interest SET status = 'withdrawn',
                        communities_served_sealed = $2 RETURNING leader_request_id)
         UPDATE leader_requests SET ended_at = $1, withdrawn_at = $1
         WHERE id IN (SELECT leader_request_id FROM e)",
    )
    .bind(at("2027-01-05T09:00:00Z"))
    .bind(sealed)
    .execute(&app.pool)
    .await
    .expect("withdrawn, having said whom it serves");
    let kept =
        "SELECT count(*) FROM expressions_of_interest WHERE communities_served_sealed IS NOT NULL";
    retention::apply(&app.pool, at("2028-01-05T08:59:00Z"))
        .await
        .expect("ran");
    assert_eq!(count(&app, kept).await, 1, "kept until the details go");
    retention::apply(&app.pool, at("2028-01-05T09:00:00Z"))
        .await
        .expect("ran");
    assert_eq!(
        count(&app, kept).await,
        0,
        "given by consent: erased with the details"
    );
}

#[test]
fn the_data_protection_documents_retention_table_gives_the_periods_the_jobs_apply() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/data-protection.md"
    ))
    .expect("docs/data-protection.md");
    let expected = [
        format!(
            "`ENDED_REQUEST_MONTHS = {}`",
            retention::ENDED_REQUEST_MONTHS
        ),
        format!("{} months after it ended", retention::ENDED_REQUEST_MONTHS),
        format!(
            "`CLOSED_COACHING_YEARS = {}`",
            retention::CLOSED_COACHING_YEARS
        ),
        format!(
            "{} years after the coaching closed",
            retention::CLOSED_COACHING_YEARS
        ),
        format!("`SENT_EMAIL_DAYS = {}`", retention::SENT_EMAIL_DAYS),
        format!("{} days after sending", retention::SENT_EMAIL_DAYS),
        format!(
            "`RETENTION_EVERY_HOURS = {}`",
            retention::RETENTION_EVERY_HOURS
        ),
        format!("`SWEEP_EVERY_HOURS = {}`", retention::SWEEP_EVERY_HOURS),
        format!(
            "`SESSION_IDLE_MINUTES = {}`",
            app::accounts::SESSION_IDLE_MINUTES
        ),
        format!(
            "`SESSION_LONGEST_HOURS = {}`",
            app::accounts::SESSION_LONGEST_HOURS
        ),
        format!("`CLOSES_AFTER_DAYS = {}`", app::outcomes::CLOSES_AFTER_DAYS),
        format!(
            "`LINK_DAYS_AFTER_END = {}`",
            app::interest::leader::LINK_DAYS_AFTER_END
        ),
        format!(
            "`FORGET_AFTER_HOURS = {}`",
            app::accounts::throttle::FORGET_AFTER_HOURS
        ),
    ];
    for line in expected {
        assert!(
            doc.contains(&line),
            "docs/data-protection.md does not say {line}"
        );
    }
}

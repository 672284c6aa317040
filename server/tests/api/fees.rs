//! The fee ledger: a fee for every coaching, due with its first session, then invoiced, paid
//! or written off by staff (audited), totals by status and funder, and the CSV download.

use crate::helpers::{Page, TestApp, ask_coach, coach, spawn_app};
use uuid::Uuid;

/// A request the coach has accepted: its engagement.
async fn coaching(app: &TestApp, email: &str, funding: &str) -> Uuid {
    let reference = ask_coach(app, "amara-okafor", email, funding, "90k").await;
    let coach = app.coach_id("amara-okafor").await;
    app::me::db::accept(
        &app.pool,
        coach,
        &reference,
        "Welcome",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted")
}

async fn status_of(app: &TestApp, engagement: Uuid) -> (String, i32, Option<String>) {
    sqlx::query_as(
        "SELECT status, amount_pence, funder_name FROM programme_fees WHERE engagement_id = $1",
    )
    .bind(engagement)
    .fetch_one(&app.pool)
    .await
    .expect("a fee")
}

async fn record_session(app: &TestApp, engagement: Uuid) {
    let coach = app.coach_id("amara-okafor").await;
    app::me::db::record_session(
        &app.pool,
        coach,
        engagement,
        app.clock.today(),
        60,
        None,
        app.clock.now(),
    )
    .await
    .expect("recorded");
}

#[tokio::test]
async fn a_fee_is_due_with_the_first_session_then_invoiced_and_paid_each_change_audited() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let engagement = coaching(&app, "jo@example.org", "organisation").await;
    assert_eq!(
        status_of(&app, engagement).await,
        ("not_yet_due".into(), 80_000, None)
    );
    record_session(&app, engagement).await;
    record_session(&app, engagement).await;
    assert_eq!(status_of(&app, engagement).await.0, "due");

    let page = format!("/staff/fees/{engagement}");
    // Paid before it is invoiced: refused, and nothing changes.
    let early = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("change", "paid"),
                ("paid_on", &app.clock.today().to_string()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(early.status, 409);
    assert!(
        early
            .html
            .contains("does not apply to a fee that is due now")
    );

    // Problems by their fields, what was typed kept.
    let tomorrow = (app.clock.today() + chrono::Duration::days(1)).to_string();
    let wrong = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("change", "invoiced"),
                ("invoiced_on", &tomorrow),
                ("invoice_reference", ""),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .html
            .contains("Enter a date that has passed, or today")
    );
    assert!(
        wrong.html.contains("Enter the invoice&#x27;s reference")
            || wrong.html.contains("Enter the invoice's reference")
    );
    assert!(wrong.html.contains(&format!("value=\"{tomorrow}\"")));
    assert_eq!(status_of(&app, engagement).await.0, "due");

    let today = app.clock.today().to_string();
    let invoiced = app
        .post_form_as(
            Some(&staff),
            &page,
            &[
                ("change", "invoiced"),
                ("invoiced_on", &today),
                ("invoice_reference", "INV-2026-0042"),
            ],
        )
        .await;
    assert_eq!(invoiced.status().as_u16(), 303);
    let paid = app
        .post_form_as(
            Some(&staff),
            &page,
            &[("change", "paid"), ("paid_on", &today)],
        )
        .await;
    assert_eq!(paid.status().as_u16(), 303);
    assert_eq!(status_of(&app, engagement).await.0, "paid");

    let shown = Page::from(app.get_as(Some(&staff), &page).await).await;
    assert!(shown.html.contains("INV-2026-0042"));
    assert!(shown.html.contains("£800.00"));
    assert!(
        !shown.html.contains("Record payment"),
        "nothing left to record"
    );
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("the log");
    assert_eq!(actions, ["fee invoiced", "fee paid"]);
}

#[tokio::test]
async fn a_funder_who_referred_the_leader_is_the_fees_payer_and_totals_are_by_funder() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    // The leader says, on the form, that a funder told them about Cascade.
    let asked = app
        .post_form(
            "/coaches/amara-okafor/ask",
            &[
                ("submission_id", &Uuid::new_v4().to_string()),
                ("leader_name", "Jo Bloggs"),
                ("email", "jo@example.org"),
                ("role", "Director"),
                ("organisation_name", "Hollowmere Carers"),
                ("organisation_type", "registered-charity"),
                ("health_and_wellbeing", "yes"),
                ("annual_income", "90000"),
                ("region", "wales"),
                ("postcode", "CF10 1EP"),
                ("under_represented_communities", "no"),
                ("goals", "I would like to think about our strategy."),
                ("funding_route", "funder"),
                ("referred_by_funder", "yes"),
                ("referring_funder", "Wellbeing Trust Wales"),
                ("leadership_support_before", "yes"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 303, "sent");
    let reference: String = sqlx::query_scalar(
        "SELECT reference FROM expressions_of_interest WHERE referring_funder = 'Wellbeing Trust Wales'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("stored with the funder");
    let engagement = crate::helpers::amara_accepts(&app, &reference).await;
    assert_eq!(
        status_of(&app, engagement).await,
        (
            "not_yet_due".into(),
            80_000,
            Some("Wellbeing Trust Wales".into())
        )
    );
    // Another coaching, its funder not named; then named by staff.
    let unnamed = coaching(&app, "sam@example.org", "funder").await;
    let named = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/fees/{unnamed}"),
            &[
                ("change", "payer"),
                ("payer", "funder"),
                ("funder_name", "City Health Partnership"),
            ],
        )
        .await;
    assert_eq!(named.status().as_u16(), 303);

    let ledger = Page::from(app.get_as(Some(&staff), "/staff/fees").await).await;
    assert_eq!(ledger.status, 200);
    assert!(ledger.html.contains("Wellbeing Trust Wales"));
    assert!(ledger.html.contains("City Health Partnership"));
    assert!(ledger.html.contains("£1,600.00"), "two not yet due");
}

#[tokio::test]
async fn a_written_off_fee_says_why_and_the_download_has_every_fee_safely() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let engagement = coaching(&app, "jo@example.org", "organisation").await;
    record_session(&app, engagement).await;
    let page = format!("/staff/fees/{engagement}");
    let today = app.clock.today().to_string();
    app.post_form_as(
        Some(&staff),
        &page,
        &[
            ("change", "invoiced"),
            ("invoiced_on", &today),
            ("invoice_reference", "=HYPERLINK(\"http://evil.example\")"),
        ],
    )
    .await;
    let no_reason = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[("change", "written_off"), ("reason", " ")],
        )
        .await,
    )
    .await;
    assert_eq!(no_reason.status, 422);
    assert!(no_reason.html.contains("Say why it will not be paid"));
    let written_off = app
        .post_form_as(
            Some(&staff),
            &page,
            &[
                ("change", "written_off"),
                ("reason", "The charity <b>closed</b>."),
            ],
        )
        .await;
    assert_eq!(written_off.status().as_u16(), 303);
    let shown = Page::from(app.get_as(Some(&staff), &page).await).await;
    assert!(
        shown
            .html
            .contains("The charity &lt;b&gt;closed&lt;/b&gt;.")
    );

    let csv = app.get_as(Some(&staff), "/staff/fees.csv").await;
    assert_eq!(csv.status().as_u16(), 200);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains("cascade-fees.csv")
    );
    let body = csv.text().await.expect("a body");
    assert!(body.contains("written_off"));
    assert!(body.contains("800.00"));
    assert!(
        body.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "a formula is text: {body}"
    );
    let only_paid = app
        .get_as(Some(&staff), "/staff/fees.csv?status=paid")
        .await
        .text()
        .await
        .expect("a body");
    assert_eq!(only_paid.lines().count(), 1, "the header alone");
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'fees downloaded'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn the_fee_is_the_amount_in_effect_the_day_coaching_starts() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    sqlx::query(
        "INSERT INTO programme_settings (name, value, effective_from) VALUES ('fee_pence', 90000, $1)",
    )
    .bind(app.clock.today() + chrono::Duration::days(10))
    .execute(&app.pool)
    .await
    .expect("a new fee from ten days on");
    let before = coaching(&app, "jo@example.org", "organisation").await;
    assert_eq!(status_of(&app, before).await.1, 80_000);
    app.clock.advance(chrono::Duration::days(10));
    let after = coaching(&app, "sam@example.org", "organisation").await;
    assert_eq!(status_of(&app, after).await.1, 90_000);
}

#[tokio::test]
async fn a_fee_is_not_dated_before_the_step_it_follows() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let engagement = coaching(&app, "jo@example.org", "organisation").await;
    record_session(&app, engagement).await;
    let page = format!("/staff/fees/{engagement}");
    let before_due = (app.clock.today() - chrono::Duration::days(3)).to_string();
    let early = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("change", "invoiced"),
                ("invoiced_on", &before_due),
                ("invoice_reference", "INV-1"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(early.status, 422);
    assert!(early.html.contains("Enter a date on or after"));
    assert_eq!(status_of(&app, engagement).await.0, "due");
}

//! Programme settings: admins change the programme's numbers from a day, and every rule and
//! page uses the value in effect on its day: the fee for coaching starting then, the income
//! limits in the checker (whose island reads them from the page) and on the ask form, the answer
//! deadline for requests sent then, the availability, supervision and coaching periods in the due
//! work, and the pages and emails that quote them.

use crate::directory::listening_for_changes;
use crate::helpers::{Page, TestApp, amara_accepts, ask_coach, at, coach, spawn_app};
use crate::interest::{answers, ask, with};
use app::interest::due;

async fn admin(app: &TestApp) -> String {
    let admin = app.add_admin("admin@example.org").await;
    app.session_for(admin).await
}

/// Posts a change of `setting` to `value` from `from`.
async fn change(
    app: &TestApp,
    session: &str,
    setting: &str,
    value: &str,
    from: chrono::NaiveDate,
) -> reqwest::Response {
    app.post_form_as(
        Some(session),
        &format!("/staff/settings/{setting}"),
        &[("value", value), ("effective_from", &from.to_string())],
    )
    .await
}

async fn fee_of_a_new_coaching(app: &TestApp, email: &str) -> i32 {
    let reference = ask_coach(app, "amara-okafor", email, "organisation", "90k").await;
    let engagement = amara_accepts(app, &reference).await;
    sqlx::query_scalar("SELECT amount_pence FROM programme_fees WHERE engagement_id = $1")
        .bind(engagement)
        .fetch_one(&app.pool)
        .await
        .expect("a fee")
}

#[tokio::test]
async fn an_admin_sets_the_fee_from_a_day_and_only_later_coaching_costs_it() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    let tomorrow = app.clock.today() + chrono::Duration::days(1);

    let page = Page::from(app.get_as(Some(&session), "/staff/settings").await).await;
    assert!(page.html.contains("The fee for a coaching"));
    assert!(page.html.contains("£800"));
    let wrong = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/settings/fee_pence",
            &[("value", "lots"), ("effective_from", "2020-01-01")],
        )
        .await,
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.html.contains("Enter the amount as a number"));
    assert!(wrong.html.contains("Enter today or a later day"));
    assert!(
        wrong.html.contains(r#"value="lots""#),
        "what was typed is kept"
    );

    let set = change(&app, &session, "fee_pence", "£850", tomorrow).await;
    assert_eq!(
        set.headers()["location"],
        "/staff/settings/fee_pence?saved=yes"
    );
    let list = Page::from(app.get_as(Some(&session), "/staff/settings").await).await;
    assert!(list.html.contains("£850 from "), "the change to come");
    assert_eq!(fee_of_a_new_coaching(&app, "one@example.org").await, 80_000);
    app.clock.advance(chrono::Duration::days(1));
    assert_eq!(fee_of_a_new_coaching(&app, "two@example.org").await, 85_000);
    // A day on, the admin signs in again.
    let session = app.session_for(admin).await;
    let page = Page::from(
        app.get_as(Some(&session), "/staff/settings/fee_pence")
            .await,
    )
    .await;
    assert!(page.html.contains("In effect today: £850."));
    assert!(page.html.contains("admin@example.org"), "who set it");
    let checker = checker_for(&app, "90k").await;
    assert!(
        checker
            .html
            .contains("The programme costs £850 for about 5 one-to-one sessions"),
        "the checker quotes the fee in effect"
    );
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'change setting'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(logged, 1);

    // Staff who are not admins neither see nor change settings; nobody changes one that
    // does not exist.
    let staff = app.staff_session().await;
    assert_eq!(
        app.get_as(Some(&staff), "/staff/settings")
            .await
            .status()
            .as_u16(),
        403
    );
    let refused = change(&app, &staff, "fee_pence", "£1", app.clock.today()).await;
    assert_eq!(refused.status().as_u16(), 403);
    let unknown = change(&app, &session, "pay_rise", "£1", app.clock.today()).await;
    assert_eq!(unknown.status().as_u16(), 404);
}

/// The checker's answer for an eligible charity with `income` that has had support before.
async fn checker_for(app: &TestApp, income: &str) -> Page {
    app.get_page(&format!(
        "/eligibility?organisation_type=registered-charity&health_and_wellbeing=yes&income={income}\
         &under_represented_communities=no&leadership_support_before=yes"
    ))
    .await
}

#[tokio::test]
async fn new_income_limits_decide_the_checker_and_the_ask_form_from_their_day() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let session = admin(&app).await;
    let tomorrow = app.clock.today() + chrono::Duration::days(1);

    let today = checker_for(&app, "550k").await;
    assert!(today.html.contains(r#"data-eligible="false""#));
    assert!(
        today
            .html
            .contains("Your annual income of £550,000 is not under the £500,000 limit")
    );
    let set = change(
        &app,
        &session,
        "eligibility_income_limit_pence",
        "£600,000",
        tomorrow,
    )
    .await;
    assert_eq!(set.status().as_u16(), 303);
    let set = change(
        &app,
        &session,
        "bursary_income_limit_pence",
        "200k",
        tomorrow,
    )
    .await;
    assert_eq!(set.status().as_u16(), 303);
    // Not before their day.
    let big = with(
        with(answers(), "annual_income", "550k"),
        "funding_route",
        "organisation",
    );
    let refused = Page::from(ask(&app, &big).await).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .html
            .contains("an annual income under £500,000: you entered £550,000")
    );
    let still = checker_for(&app, "550k").await;
    assert!(still.html.contains(r#"data-eligible="false""#));
    assert!(
        app.get_page("/")
            .await
            .html
            .contains("annual income under £500,000")
    );

    app.clock.advance(chrono::Duration::days(1));
    let now = checker_for(&app, "550k").await;
    assert!(now.html.contains(r#"data-eligible="true""#), "{}", now.html);
    assert!(
        now.html
            .contains("Your annual income of £550,000 is under the £600,000 limit.")
    );
    // The island is given the limits by the page, not built with them.
    assert!(
        now.html
            .contains("&quot;eligibility_income_limit&quot;:60000000"),
        "the limit in the island's props"
    );
    let bursary = checker_for(&app, "180k").await;
    assert!(bursary.html.contains(r#"data-bursary="true""#));
    assert!(
        bursary
            .html
            .contains("Your annual income of £180,000 is under £200,000.")
    );
    let home = app.get_page("/").await;
    assert!(home.html.contains("annual income under £600,000"));
    assert!(home.html.contains("an income under £200,000"));

    // The ask form takes the same limits.
    let big = with(
        with(answers(), "annual_income", "550k"),
        "funding_route",
        "organisation",
    );
    let sent = ask(&app, &with(big, "email", "big@example.org")).await;
    assert_eq!(sent.status().as_u16(), 303, "sent, through the form");
    ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "550k",
    )
    .await;
    let bursary_asked = ask_coach(&app, "amara-okafor", "sam@example.org", "bursary", "180k").await;
    let eligible: Option<bool> = sqlx::query_scalar(
        "SELECT bursary_eligible FROM expressions_of_interest WHERE reference = $1",
    )
    .bind(&bursary_asked)
    .fetch_one(&app.pool)
    .await
    .expect("the request");
    assert_eq!(eligible, Some(true));
}

#[tokio::test]
async fn a_new_answer_deadline_applies_to_requests_sent_from_its_day() {
    let app = spawn_app().await;
    // Monday 1 March 2027.
    app.clock.set(at("2027-03-01T10:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = admin(&app).await;
    let tomorrow = app.clock.today() + chrono::Duration::days(1);
    let set = change(&app, &session, "answer_working_days", "5", tomorrow).await;
    assert_eq!(set.status().as_u16(), 303);

    let before = ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    app.clock.advance(chrono::Duration::days(1));
    let after = ask_coach(
        &app,
        "amara-okafor",
        "two@example.org",
        "organisation",
        "90k",
    )
    .await;
    let due_on = |reference: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, chrono::NaiveDate>(
                "SELECT answer_due_on FROM expressions_of_interest WHERE reference = $1",
            )
            .bind(reference)
            .fetch_one(&pool)
            .await
            .expect("the request")
        }
    };
    assert_eq!(
        due_on(before).await.to_string(),
        "2027-03-15",
        "10 working days"
    );
    assert_eq!(
        due_on(after).await.to_string(),
        "2027-03-09",
        "5 working days"
    );
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("Please answer by Tuesday 9 March 2027, 5 working days from now: we will remind you 2 working days and 1 working day before."),
        "{told}"
    );
    let sent = app.get_page("/coaches/amara-okafor/ask/sent").await;
    assert!(
        sent.html
            .contains("accepts or declines it within 5 working days")
    );
    let form = app.get_page("/coaches/amara-okafor/ask").await;
    assert!(form.html.contains("does not answer within 5 working days"));
}

#[tokio::test]
async fn the_due_work_uses_the_availability_and_coaching_periods_in_effect() {
    let app = spawn_app().await;
    app.clock.set(at("2027-01-01T09:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    app.add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    sqlx::query("UPDATE coaches SET availability_confirmed_at = $1")
        .bind(app.clock.now())
        .execute(&app.pool)
        .await
        .expect("confirmed");
    let session = admin(&app).await;
    let tomorrow = app.clock.today() + chrono::Duration::days(1);

    // Coaches must have a fortnight between being asked and being paused: refused by its
    // field, nothing stored.
    let wrong =
        Page::from(change(&app, &session, "availability_pause_days", "73", tomorrow).await).await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .html
            .contains("the pause must come at least 14 days after the confirmation")
    );
    assert!(wrong.html.contains(r#"value="73""#));
    let yesterday = app.clock.today() - chrono::Duration::days(1);
    let too_soon =
        Page::from(change(&app, &session, "sessions_expected", "6", yesterday).await).await;
    assert_eq!(too_soon.status, 422);
    assert!(too_soon.html.contains("Enter today or a later day"));
    for (setting, value) in [
        ("availability_confirm_days", "30"),
        ("availability_pause_days", "45"),
        ("months_expected_from", "3"),
        ("months_expected_to", "6"),
        ("sessions_expected", "6"),
    ] {
        let set = change(&app, &session, setting, value, tomorrow).await;
        assert_eq!(set.status().as_u16(), 303, "{setting}");
    }
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM programme_settings WHERE set_by IS NOT NULL")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(stored, 5);
    app.clock.advance(chrono::Duration::days(1));
    let home = app.get_page("/").await;
    assert!(
        home.html
            .contains("about 6 one-to-one sessions over 3 to 6 months")
    );
    assert!(
        app.get_page("/privacy")
            .await
            .html
            .contains("Every 30 days we email each coach")
    );

    let reference = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    amara_accepts(&app, &reference).await;

    let run = || due::run(&app.pool, &app.clock, "http://test", false);
    app.clock.set(at("2027-01-30T10:00:00Z"));
    assert_eq!(run().await.expect("ran").availability_asked, 0, "29 days");
    app.clock.set(at("2027-01-31T10:00:00Z"));
    assert_eq!(run().await.expect("ran").availability_asked, 1, "30 days");
    let asked = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        asked.contains("We ask every 30 days. If your availability is not confirmed for 45 days"),
        "{asked}"
    );
    app.clock.set(at("2027-02-15T10:00:00Z"));
    assert_eq!(run().await.expect("ran").paused, 1, "45 days");
    let paused = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        paused.contains("You have not confirmed your availability for 45 days."),
        "{paused}"
    );

    app.clock.set(at("2027-07-01T10:00:00Z"));
    assert_eq!(run().await.expect("ran").flagged, 0, "under 6 months");
    app.clock.set(at("2027-07-02T10:00:00Z"));
    assert_eq!(run().await.expect("ran").flagged, 1, "6 months");
    let close = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        close.contains("started 6 months ago: the programme runs over 3 to 6 months."),
        "{close}"
    );
}

#[tokio::test]
async fn every_process_hears_of_a_setting_changed_by_another() {
    let app = spawn_app().await;
    listening_for_changes(&app).await;
    // Read, and so kept.
    assert!(
        app.get_page("/")
            .await
            .html
            .contains("annual income under £500,000")
    );
    // Another process's change (here, straight to the table): only its notification can tell
    // this one, which keeps what it read while it listens.
    sqlx::query(
        "INSERT INTO programme_settings (name, value, effective_from)
         VALUES ('eligibility_income_limit_pence', 60000000, $1)",
    )
    .bind(app.clock.today())
    .execute(&app.pool)
    .await
    .expect("set");
    let mut home = app.get_page("/").await;
    for _ in 0..50 {
        if home.html.contains("annual income under £600,000") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        home = app.get_page("/").await;
    }
    assert!(
        home.html.contains("annual income under £600,000"),
        "heard within a second"
    );
}

#[tokio::test]
async fn the_table_holds_every_setting_within_the_bounds_the_form_does() {
    let app = spawn_app().await;
    let mut day = chrono::NaiveDate::from_ymd_opt(2040, 1, 1).expect("a date");
    for &name in app::settings::SettingName::ALL {
        let (least, most) = name.bounds();
        for (value, fits) in [
            (least - 1, false),
            (least, true),
            (most, true),
            (most + 1, false),
        ] {
            day = day.succ_opt().expect("a day");
            let stored = sqlx::query(
                "INSERT INTO programme_settings (name, value, effective_from) VALUES ($1, $2, $3)",
            )
            .bind(name)
            .bind(i32::try_from(value).expect("an integer"))
            .bind(day)
            .execute(&app.pool)
            .await;
            assert_eq!(stored.is_ok(), fits, "{name:?} {value}");
            if value >= 0 {
                // The form takes as typed what the page shows, within the same bounds.
                assert_eq!(
                    name.parse(&name.shown(value)).is_ok(),
                    fits,
                    "{name:?} {value}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_change_for_today_applies_as_soon_as_it_is_saved() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    assert!(
        app.get_page("/")
            .await
            .html
            .contains("about 5 one-to-one sessions")
    );
    let set = change(&app, &session, "sessions_expected", "7", app.clock.today()).await;
    assert_eq!(set.status().as_u16(), 303);
    assert!(
        app.get_page("/")
            .await
            .html
            .contains("about 7 one-to-one sessions")
    );
}

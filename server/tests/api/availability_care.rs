//! Availability that stays true, and coaching that does not drift: past openings hidden,
//! coaches asked to confirm every 60 days and paused after 90 (and at least 14 after being asked)
//! or after two expiries in a row, and engagements without a first session or still open after
//! eight months followed up (the programme's starting settings).

use crate::helpers::{Page, TestApp, ask_coach, at, coach, kinds_to, link_in, spawn_app};
use app::coaches::demo::NewCoach;
use app::interest::due;
use chrono::{DateTime, Duration, Utc};

async fn run(app: &TestApp) -> due::Done {
    due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the work ran")
}

/// Amara, published with an account, her availability last confirmed at `confirmed`.
async fn amara_confirmed_at(app: &TestApp, confirmed: &str) {
    app.add_coaches(&[coach("Amara Okafor")]).await;
    app.add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    sqlx::query("UPDATE coaches SET availability_confirmed_at = $1")
        .bind(at(confirmed))
        .execute(&app.pool)
        .await
        .expect("confirmed then");
}

#[tokio::test]
async fn a_next_opening_in_the_past_is_never_shown_to_the_public() {
    let app = spawn_app().await;
    app.clock.set(at("2027-03-10T12:00:00Z"));
    app.add_coaches(&[NewCoach {
        accepting_new_leaders: false,
        next_opening: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        ..coach("Amara Okafor")
    }])
    .await;

    let profile = app.get_page("/coaches/amara-okafor").await;

    assert!(profile.html.contains("Not accepting new leaders now"));
    assert!(!profile.html.contains("Next opening"), "1 March has passed");
    let directory = app.get_page("/coaches").await;
    assert!(!directory.html.contains("1 March 2027"));
}

#[tokio::test]
async fn coaches_confirm_their_availability_every_sixty_days_with_one_click() {
    let app = spawn_app().await;
    amara_confirmed_at(&app, "2027-01-01T09:00:00Z").await;
    app.clock.set(at("2027-03-01T09:00:00Z"));
    assert_eq!(run(&app).await.availability_asked, 0, "59 days");

    app.clock.set(at("2027-03-02T10:00:00Z"));
    assert_eq!(run(&app).await.availability_asked, 1, "60 days");
    assert_eq!(run(&app).await.availability_asked, 0, "asked once");
    let email = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        email.contains("The directory says: Accepting new leaders now."),
        "{email}"
    );
    let link = link_in(&email, "/me/confirm-availability?token=");

    app.clock.advance(Duration::hours(2));
    let page = app.get_page(&link).await;

    assert_eq!(page.status, 200);
    assert!(
        page.html
            .contains("Thank you, Amara Okafor: your availability is confirmed.")
    );
    assert!(
        page.html
            .contains("The directory says: Accepting new leaders now.")
    );
    let when: DateTime<Utc> = sqlx::query_scalar("SELECT availability_confirmed_at FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("confirmed");
    assert_eq!(
        when,
        app.clock.now(),
        "one click: opening the link confirms"
    );
    let again = app.get_page(&link).await;
    assert_eq!(
        again.status, 200,
        "opened again (or first by a mail scanner)"
    );
    assert!(again.html.contains("This link was used on 2 March 2027"));
    assert_eq!(
        app.get_page("/me/confirm-availability?token=made-up")
            .await
            .status,
        404
    );
    app.clock.advance(Duration::days(59));
    assert_eq!(run(&app).await.availability_asked, 0, "not due again yet");
}

#[tokio::test]
async fn a_coach_who_never_saved_their_availability_is_asked_sixty_days_after_publishing() {
    let app = spawn_app().await;
    amara_confirmed_at(&app, "2027-01-01T09:00:00Z").await;
    sqlx::query(
        "UPDATE coaches SET availability_confirmed_at = NULL, published_at = '2027-01-01T09:00:00Z'",
    )
    .execute(&app.pool)
    .await
    .expect("never confirmed");

    app.clock.set(at("2027-03-01T09:00:00Z"));
    assert_eq!(run(&app).await.availability_asked, 0, "59 days");
    app.clock.set(at("2027-03-02T10:00:00Z"));
    assert_eq!(run(&app).await.availability_asked, 1, "60 days");
    app.clock.set(at("2027-04-01T10:00:00Z"));
    assert_eq!(run(&app).await.paused, 1, "90 days");
}

#[tokio::test]
async fn after_ninety_days_unconfirmed_a_coach_is_shown_as_not_accepting_and_told_why() {
    let app = spawn_app().await;
    amara_confirmed_at(&app, "2027-01-01T09:00:00Z").await;
    // Supervised in March, so that only her availability can pause her.
    sqlx::query(
        "INSERT INTO supervision_sessions (coach_id, held_on, format, supervisor)
         SELECT id, '2027-03-01', 'group', 'Bethan Pritchard' FROM coaches",
    )
    .execute(&app.pool)
    .await
    .expect("supervised");
    // Never asked (the worker was stopped): asked first, and given a fortnight.
    app.clock.set(at("2027-04-01T10:00:00Z"));
    let first = run(&app).await;
    assert_eq!((first.availability_asked, first.paused), (1, 0));
    app.clock.set(at("2027-04-15T09:00:00Z"));
    assert_eq!(run(&app).await.paused, 0, "13 days after asking");
    app.clock.set(at("2027-04-15T10:00:00Z"));

    let done = run(&app).await;

    assert_eq!(done.paused, 1);
    let accepting: bool = sqlx::query_scalar("SELECT accepting_now FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("the coach");
    assert!(!accepting);
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("You have not confirmed your availability for 90 days."),
        "{told}"
    );
    let staff = app.staff_session().await;
    let coaches = Page::from(app.get_as(Some(&staff), "/staff/coaches").await).await;
    assert!(coaches.html.contains("Paused: availability not confirmed"));
    // Saving availability again is confirming it.
    let amara: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'amara@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("the account");
    let session = app.session_for(amara).await;
    let own = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(
        own.html.contains(
            "You did not confirm your availability in time after we asked. So that leaders"
        )
    );
    let saved = app
        .post_form_as(
            Some(&session),
            "/me",
            &[
                ("accepting", "yes"),
                ("capacity", "3"),
                ("next_opening", ""),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let paused: Option<String> = sqlx::query_scalar("SELECT paused_reason FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("the coach");
    assert_eq!(paused, None);
    let own = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(!own.html.contains("availability-paused"));
}

#[tokio::test]
async fn two_requests_in_a_row_expiring_unanswered_pause_the_coach() {
    let app = spawn_app().await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    app.clock.set(at("2027-02-16T09:00:00Z"));
    assert_eq!(run(&app).await.paused, 0, "one expiry is not yet a pattern");
    ask_coach(
        &app,
        "amara-okafor",
        "two@example.org",
        "organisation",
        "90k",
    )
    .await;

    app.clock.set(at("2027-03-03T09:00:00Z"));
    let done = run(&app).await;

    assert_eq!((done.expired, done.paused), (1, 1));
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("The last 2 requests you had to answer expired without an answer."),
        "{told}"
    );

    // Saying she is accepting again starts a new count: she is not paused again at once.
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let saved = app
        .post_form_as(
            Some(&session),
            "/me",
            &[
                ("accepting", "yes"),
                ("capacity", "3"),
                ("next_opening", ""),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    app.clock.advance(Duration::hours(1));
    assert_eq!(run(&app).await.paused, 0);
    let accepting: bool = sqlx::query_scalar("SELECT accepting_now FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("the coach");
    assert!(accepting);
}

#[tokio::test]
async fn coaching_without_a_first_session_is_followed_up_and_long_coaching_flagged() {
    let app = spawn_app().await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let reference = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let accepted = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[("decision", "accept"), ("message", "Yes.")],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303);

    app.clock.set(at("2027-02-21T09:00:00Z"));
    assert_eq!(run(&app).await.session_reminders, 0, "20 days");
    app.clock.set(at("2027-02-22T10:00:00Z"));
    assert_eq!(run(&app).await.session_reminders, 1, "three weeks");
    assert_eq!(run(&app).await.session_reminders, 0, "once");

    app.clock.set(at("2027-10-01T10:00:00Z"));
    assert_eq!(run(&app).await.flagged, 1, "eight months");
    assert_eq!(run(&app).await.flagged, 0, "once");
    let mut kinds = kinds_to(&app, "amara-okafor@example.org").await;
    // (Unconfirmed all that time, she was also asked to confirm her availability, and paused.)
    kinds.retain(|k| k.ends_with("session_reminder") || k.ends_with("engagement"));
    assert_eq!(kinds, ["first_session_reminder", "close_engagement"]);
    let staff = app.staff_session().await;
    let engagements = Page::from(app.get_as(Some(&staff), "/staff/engagements").await).await;
    assert_eq!(engagements.status, 200);
    assert!(engagements.html.contains("Open longer than expected"));
    assert!(engagements.html.contains(&reference));
}

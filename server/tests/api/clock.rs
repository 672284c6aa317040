//! Every rule with a date takes "today" from the one clock, in the UK: these stand the clock
//! either side of midnight in British Summer Time and in Greenwich Mean Time, where the UK's
//! date and UTC's differ or agree.

use crate::helpers::{Page, TestApp, ask_coach, at, coach, spawn_app};

/// Amara's account, with a leader's request she accepted at `accepted_at`: the account and
/// the engagement's page.
async fn coaching_since(app: &TestApp, accepted_at: &str) -> (uuid::Uuid, String) {
    app.clock.set(at(accepted_at));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let reference = ask_coach(app, "amara-okafor", "jo@example.org", "organisation", "90k").await;
    let accepted = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[("decision", "accept"), ("message", "Yes.")],
        )
        .await;
    let engagement = accepted.headers()["location"]
        .to_str()
        .expect("ascii")
        .trim_end_matches("?started=yes")
        .to_string();
    assert!(engagement.starts_with("/me/engagements/"), "{engagement}");
    (amara, engagement)
}

async fn record_session(app: &TestApp, session: &str, engagement: &str, held_on: &str) -> Page {
    Page::from(
        app.post_form_as(
            Some(session),
            engagement,
            &[
                ("action", "record"),
                ("held_on", held_on),
                ("minutes", "60"),
                ("submission_id", &uuid::Uuid::new_v4().to_string()),
            ],
        )
        .await,
    )
    .await
}

#[tokio::test]
async fn a_session_held_after_midnight_in_summer_time_is_held_today() {
    let app = spawn_app().await;
    let (amara, engagement) = coaching_since(&app, "2026-06-30T09:00:00Z").await;

    // 23:30 UTC on 30 June is 00:30 BST on 1 July: the session was held today, not tomorrow.
    app.clock.set(at("2026-06-30T23:30:00Z"));
    let session = app.session_for(amara).await;
    let recorded = record_session(&app, &session, &engagement, "2026-07-01").await;
    assert_eq!(recorded.status, 303, "{}", recorded.html);
    assert!(
        recorded.headers["location"]
            .to_str()
            .is_ok_and(|l| l.ends_with("?recorded=yes"))
    );

    let tomorrow = record_session(&app, &session, &engagement, "2026-07-02").await;
    assert_eq!(tomorrow.status, 422);
    assert!(tomorrow.html.contains("Enter a date that has passed"));
}

#[tokio::test]
async fn in_winter_the_uk_date_is_utcs_and_tomorrow_is_not_yet() {
    let app = spawn_app().await;
    let (amara, engagement) = coaching_since(&app, "2026-12-31T09:00:00Z").await;

    // 23:30 UTC on 31 December is 23:30 GMT: still 31 December in the UK.
    app.clock.set(at("2026-12-31T23:30:00Z"));
    let session = app.session_for(amara).await;
    let early = record_session(&app, &session, &engagement, "2027-01-01").await;
    assert_eq!(early.status, 422);
    let today = record_session(&app, &session, &engagement, "2026-12-31").await;
    assert_eq!(today.status, 303);
    assert!(
        today.headers["location"]
            .to_str()
            .is_ok_and(|l| l.ends_with("?recorded=yes"))
    );
}

#[tokio::test]
async fn the_next_opening_may_be_today_in_the_uk_but_not_before() {
    let app = spawn_app().await;
    app.clock.set(at("2026-06-30T23:30:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let availability = |date: &'static str| {
        let app = &app;
        let session = session.clone();
        async move {
            app.post_form_as(
                Some(&session),
                "/me",
                &[
                    ("accepting", "no"),
                    ("capacity", "3"),
                    ("next_opening", date),
                ],
            )
            .await
            .status()
            .as_u16()
        }
    };

    assert_eq!(
        availability("2026-06-30").await,
        422,
        "yesterday, in the UK"
    );
    assert_eq!(availability("2026-07-01").await, 303, "today, in the UK");
}

#[tokio::test]
async fn references_carry_the_uk_year_they_were_made_in() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;

    app.clock.set(at("2026-12-31T23:59:00Z"));
    let old_year = ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    app.clock.set(at("2027-01-01T00:00:00Z"));
    let new_year = ask_coach(
        &app,
        "amara-okafor",
        "two@example.org",
        "organisation",
        "90k",
    )
    .await;

    assert!(old_year.starts_with("CL-2026-"), "{old_year}");
    assert!(new_year.starts_with("CL-2027-"), "{new_year}");
}

#[tokio::test]
async fn a_bursary_counts_against_the_uk_year_it_was_decided_in() {
    let app = spawn_app().await;
    app.clock.set(at("2026-12-31T23:30:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let reference = ask_coach(&app, "amara-okafor", "one@example.org", "bursary", "40k").await;
    for (year, places) in [("2026", "1"), ("2027", "0")] {
        app.post_form_as(
            Some(&staff),
            "/staff/bursaries",
            &[("action", "places"), ("year", year), ("places", places)],
        )
        .await;
    }

    let approved = app
        .post_form_as(
            Some(&staff),
            "/staff/bursaries",
            &[
                ("action", "approve"),
                ("year", "2026"),
                ("reference", &reference),
            ],
        )
        .await;

    assert_eq!(approved.status().as_u16(), 303, "2026 has a place left");
    assert_eq!(approved.headers()["location"], "/staff/bursaries?year=2026");
    let page = Page::from(app.get_as(Some(&staff), "/staff/bursaries?year=2026").await).await;
    assert!(page.html.contains("1 of 1 bursaries for 2026 approved."));
}

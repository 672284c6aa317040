//! The staff area: coaches' visibility, requests, bursaries, the outbox and the audit log.

use crate::helpers::{Page, ask_coach, coach, spawn_app};

#[tokio::test]
async fn staff_hide_and_unhide_coaches_and_every_change_is_audited() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = app.staff_session().await;
    let id = app.coach_id("amara-okafor").await;

    app.post_form_as(
        Some(&session),
        &format!("/staff/coaches/{id}"),
        &[("action", "hide")],
    )
    .await;
    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 404);
    assert!(app.get_page("/coaches").await.card_slugs().is_empty());
    app.post_form_as(
        Some(&session),
        &format!("/staff/coaches/{id}"),
        &[("action", "unhide")],
    )
    .await;
    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 200);

    let log = Page::from(app.get_as(Some(&session), "/staff/audit").await).await;
    assert!(log.html.contains("hide coach: coach amara-okafor"));
    assert!(log.html.contains("unhide coach: coach amara-okafor"));
    assert!(log.html.contains("staff@example.org"));
    assert!(
        log.html
            .contains(r#"{&quot;status&quot;:&quot;published&quot;}"#)
            || log.html.contains(r#"{"status":"published"}"#)
    );
}

#[tokio::test]
async fn nobody_can_change_or_delete_the_audit_log() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = app.staff_session().await;
    let id = app.coach_id("amara-okafor").await;
    app.post_form_as(
        Some(&session),
        &format!("/staff/coaches/{id}"),
        &[("action", "hide")],
    )
    .await;

    for statement in [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
        // CASCADE: past the personal details that point to the log, to the log itself.
        "TRUNCATE audit_log CASCADE",
    ] {
        let refused = sqlx::query(statement).execute(&app.pool).await;
        let message = refused.expect_err(statement).to_string();
        assert!(message.contains("append-only"), "{statement}: {message}");
    }
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(entries, 1);
}

#[tokio::test]
async fn staff_see_every_request_and_filter_them() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let session = app.staff_session().await;
    ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    ask_coach(
        &app,
        "bethan-pritchard",
        "two@example.org",
        "bursary",
        "90k",
    )
    .await;

    let count = |page: &Page| page.html.matches(r#"data-testid="staff-request""#).count();
    let all = Page::from(app.get_as(Some(&session), "/staff/requests").await).await;
    assert_eq!(count(&all), 2);
    for (query, expected) in [
        ("coach=bethan-pritchard", 1),
        ("funding=bursary", 1),
        ("status=pending&region=wales", 2),
        ("status=accepted", 0),
        ("region=london", 0),
        ("region=mars&funding=lottery", 2),
    ] {
        let page = Page::from(
            app.get_as(Some(&session), &format!("/staff/requests?{query}"))
                .await,
        )
        .await;
        assert_eq!(count(&page), expected, "{query}");
    }
}

#[tokio::test]
async fn bursaries_are_approved_only_within_the_year_s_places() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = app.staff_session().await;
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive()).to_string();
    let first = ask_coach(&app, "amara-okafor", "one@example.org", "bursary", "40k").await;
    let second = ask_coach(&app, "amara-okafor", "two@example.org", "bursary", "40k").await;
    let decide = |reference: String, decision: &'static str| {
        let (app, session, year) = (&app, session.clone(), year.clone());
        async move {
            app.post_form_as(
                Some(&session),
                "/staff/bursaries",
                &[
                    ("action", decision),
                    ("year", &year),
                    ("reference", &reference),
                ],
            )
            .await
        }
    };

    let unset = Page::from(decide(first.clone(), "approve").await).await;
    assert_eq!(unset.status, 409);
    assert!(unset.html.contains(&format!(
        "Set the number of bursaries for {year} before approving any"
    )));

    app.post_form_as(
        Some(&session),
        "/staff/bursaries",
        &[("action", "places"), ("year", &year), ("places", "1")],
    )
    .await;
    // Two staff approving at once: the year's one place goes to one of them.
    let (a, b) = tokio::join!(
        decide(first.clone(), "approve"),
        decide(second.clone(), "approve")
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409]);

    let page = Page::from(
        app.get_as(Some(&session), &format!("/staff/bursaries?year={year}"))
            .await,
    )
    .await;
    assert!(
        page.html
            .contains(&format!("1 of 1 bursaries for {year} approved."))
    );
    let undecided = if sqlx::query_scalar::<_, Option<String>>(
        "SELECT bursary_decision FROM expressions_of_interest WHERE reference = $1",
    )
    .bind(&first)
    .fetch_one(&app.pool)
    .await
    .expect("decision")
    .is_some()
    {
        second
    } else {
        first
    };
    assert_eq!(
        decide(undecided.clone(), "decline").await.status().as_u16(),
        303
    );
    assert_eq!(
        decide(undecided, "approve").await.status().as_u16(),
        409,
        "decided already"
    );
    let audit: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE subject LIKE 'request %' OR subject LIKE 'bursaries %'")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(audit, 3, "places set, one approval, one decline");
    // Each leader is told the decision.
    let decisions: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, bursary_decision FROM expressions_of_interest ORDER BY email",
    )
    .fetch_all(&app.pool)
    .await
    .expect("decisions");
    for (email, decision) in decisions {
        let told = app.last_email_to(&email).await;
        let expected = if decision == "approved" {
            "have approved a bursary"
        } else {
            "have not been able to approve a bursary"
        };
        assert!(told.contains(expected), "{email}: {told}");
    }
}

#[tokio::test]
async fn without_a_mail_server_staff_read_every_message_in_the_outbox() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = app.staff_session().await;
    ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    app.post_form_as(
        Some(&session),
        "/staff/invite",
        &[("name", "Nia Evans"), ("email", "nia@example.org")],
    )
    .await;

    let outbox = Page::from(app.get_as(Some(&session), "/staff/outbox").await).await;

    assert!(outbox.html.contains("No mail server is configured"));
    assert_eq!(
        outbox
            .html
            .matches(r#"data-testid="outbox-message""#)
            .count(),
        3,
        "the request to the coach, its acknowledgement to the leader, and the invitation"
    );
    assert!(
        outbox
            .html
            .contains("You are invited to coach with Cascade")
    );
    assert!(outbox.html.contains("/account/welcome?token="));
    assert!(outbox.html.contains("New request from Jo Bloggs"));
    assert!(outbox.html.contains("Not sent: no mail server"));
}

#[tokio::test]
async fn a_profile_staff_never_approved_cannot_be_published_by_suspending_and_reinstating_it() {
    let app = spawn_app().await;
    app.add_coaches(&[app::coaches::demo::NewCoach {
        status: app::coaches::draft::CoachStatus::PendingApproval,
        ..coach("Never Approved")
    }])
    .await;
    sqlx::query("UPDATE coaches SET published_at = NULL")
        .execute(&app.pool)
        .await
        .expect("never published");
    let session = app.staff_session().await;
    let id = app.coach_id("never-approved").await;

    for action in ["suspend", "reinstate", "unhide"] {
        app.post_form_as(
            Some(&session),
            &format!("/staff/coaches/{id}"),
            &[("action", action)],
        )
        .await;
    }

    let status: String = sqlx::query_scalar("SELECT status FROM coaches WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("status");
    assert_eq!(status, "draft");
    assert_eq!(app.get_page("/coaches/never-approved").await.status, 404);
}

#[tokio::test]
async fn a_declined_request_cannot_take_a_bursary() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = app.staff_session().await;
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive()).to_string();
    let reference = ask_coach(&app, "amara-okafor", "one@example.org", "bursary", "40k").await;
    sqlx::query("UPDATE expressions_of_interest SET status = 'declined'")
        .execute(&app.pool)
        .await
        .expect("declined");
    app.post_form_as(
        Some(&session),
        "/staff/bursaries",
        &[("action", "places"), ("year", &year), ("places", "5")],
    )
    .await;
    let list = Page::from(app.get_as(Some(&session), "/staff/bursaries").await).await;
    assert!(
        !list
            .html
            .contains(&format!("approve bursary for {reference}")),
        "no button that can only fail"
    );
    assert!(
        list.html
            .contains("Not needed: the coaching request is closed")
    );

    let page = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/bursaries",
            &[
                ("action", "approve"),
                ("year", &year),
                ("reference", &reference),
            ],
        )
        .await,
    )
    .await;

    assert_eq!(page.status, 409);
    assert!(page.html.contains("its coaching request was declined"));
    assert!(
        page.html.contains(r#"value="5""#),
        "the number of places is still shown"
    );
}

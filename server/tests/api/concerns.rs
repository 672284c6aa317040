//! Concerns: raised by a leader or a coach about their coaching, read only by staff, followed
//! with staff's notes to a close that both sides are told of.

use crate::helpers::{Page, TestApp, coach, spawn_app};
use uuid::Uuid;

/// A coaching with Amara (who has an account): (engagement, the leader's page, Amara's session).
async fn coaching(app: &TestApp) -> (Uuid, String, String) {
    let account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let reference =
        crate::helpers::ask_coach(app, "amara-okafor", "jo@example.org", "organisation", "90k")
            .await;
    let engagement = crate::helpers::amara_accepts(app, &reference).await;
    let leader_page = crate::helpers::link_in(
        &app.last_email_of_kind("jo@example.org", "request_received")
            .await,
        "/requests/",
    );
    (engagement, leader_page, app.session_for(account).await)
}

#[tokio::test]
async fn a_leader_raises_a_concern_staff_follow_it_and_both_are_told_the_outcome() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let (_, leader_page, _) = coaching(&app).await;

    let page = app.get_page(&leader_page).await;
    assert!(
        page.html
            .contains("Raise a concern about your coaching with Amara Okafor")
    );
    let empty = Page::from(
        app.post_form(&leader_page, &[("action", "concern"), ("concern", "  ")])
            .await,
    )
    .await;
    assert_eq!(empty.status, 422);
    assert!(empty.html.contains("Write your concern"));

    let form = [
        ("action", "concern"),
        (
            "concern",
            "Sessions keep being <b>cancelled</b> at short notice.",
        ),
        ("submission_id", "3f1d5c1e-8b1a-4f55-8d67-2f3f1c1e0a42"),
    ];
    for _ in 0..2 {
        let sent = app.post_form(&leader_page, &form).await;
        assert_eq!(sent.status().as_u16(), 303, "sent twice, raised once");
    }
    let raised: Vec<(Uuid, String)> = sqlx::query_as("SELECT id, raised_by FROM concerns")
        .fetch_all(&app.pool)
        .await
        .expect("raised");
    assert_eq!(raised.len(), 1);
    let (id, by) = &raised[0];
    assert_eq!(by, "leader");
    assert!(
        app.last_email_to("jo@example.org")
            .await
            .contains("Thank you for telling us your concern")
    );
    // The coach is sent nothing about it.
    let to_coach: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE kind LIKE 'concern%' AND to_address = 'amara-okafor@example.org'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("count");
    assert_eq!(to_coach, 0);

    let list = Page::from(app.get_as(Some(&staff), "/staff/concerns").await).await;
    assert!(list.html.contains("Jo Bloggs with Amara Okafor"));
    let concern_page = format!("/staff/concerns/{id}");
    let shown = Page::from(app.get_as(Some(&staff), &concern_page).await).await;
    assert!(
        shown
            .html
            .contains("Sessions keep being &lt;b&gt;cancelled&lt;/b&gt;")
    );

    let noted = app
        .post_form_as(
            Some(&staff),
            &concern_page,
            &[
                ("action", "note"),
                ("note", "Called Jo: <i>agreed</i> to talk to Amara."),
            ],
        )
        .await;
    assert_eq!(noted.status().as_u16(), 303);
    app.post_form_as(Some(&staff), &concern_page, &[("action", "look-into")])
        .await;
    let no_outcome = Page::from(
        app.post_form_as(
            Some(&staff),
            &concern_page,
            &[("action", "close"), ("outcome", "")],
        )
        .await,
    )
    .await;
    assert_eq!(no_outcome.status, 422);
    assert!(no_outcome.html.contains("Say what was decided"));
    let closed = app
        .post_form_as(
            Some(&staff),
            &concern_page,
            &[
                ("action", "close"),
                ("outcome", "Amara and Jo agreed fixed session times."),
            ],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    for to in ["jo@example.org", "amara-okafor@example.org"] {
        let told = app.last_email_to(to).await;
        assert!(
            told.contains("Amara and Jo agreed fixed session times."),
            "{to}"
        );
        assert!(
            !told.contains("cancelled"),
            "the concern itself is never sent: {to}"
        );
    }
    let shown = Page::from(app.get_as(Some(&staff), &concern_page).await).await;
    assert!(shown.html.contains("Called Jo: &lt;i&gt;agreed&lt;/i&gt;"));
    assert!(!shown.html.contains("Add note"), "closed");
    let again = Page::from(
        app.post_form_as(
            Some(&staff),
            &concern_page,
            &[("action", "note"), ("note", "Late")],
        )
        .await,
    )
    .await;
    assert_eq!(again.status, 409);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE '%concern%' ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("the log");
    assert_eq!(
        actions,
        ["note on concern", "look into concern", "close concern"]
    );
}

#[tokio::test]
async fn a_coach_raises_a_concern_only_about_their_own_coaching() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let (engagement, _, session) = coaching(&app).await;
    let page = Page::from(
        app.get_as(Some(&session), &format!("/me/engagements/{engagement}"))
            .await,
    )
    .await;
    assert!(
        page.html
            .contains("Raise a concern about your coaching with Jo Bloggs")
    );
    let sent = app
        .post_form_as(
            Some(&session),
            &format!("/me/engagements/{engagement}"),
            &[
                ("action", "concern"),
                ("concern", "Jo has not replied for six weeks."),
            ],
        )
        .await;
    assert_eq!(
        sent.headers()["location"],
        format!("/me/engagements/{engagement}?concern=sent").as_str()
    );
    let by: String = sqlx::query_scalar("SELECT raised_by FROM concerns")
        .fetch_one(&app.pool)
        .await
        .expect("raised");
    assert_eq!(by, "coach");

    let bethan = app
        .add_account("bethan@example.org", false, Some("bethan-pritchard"))
        .await;
    let other = app.session_for(bethan).await;
    let refused = app
        .post_form_as(
            Some(&other),
            &format!("/me/engagements/{engagement}"),
            &[("action", "concern"), ("concern", "Not mine to raise.")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 404);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM concerns")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_leader_without_coaching_has_no_concern_to_raise() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let leader_page = crate::helpers::link_in(
        &app.last_email_of_kind("jo@example.org", "request_received")
            .await,
        "/requests/",
    );
    let page = app.get_page(&leader_page).await;
    assert!(!page.html.contains("Raise a concern"));
    let refused = app
        .post_form(
            &leader_page,
            &[("action", "concern"), ("concern", "Too early.")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 404);
}

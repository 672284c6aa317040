//! Coach readiness: training (needed to publish), supervisors, supervision sessions, the
//! pause after supervision lapses, and a supervisor's caseload.

use crate::helpers::{Page, TestApp, ask_coach, coach, spawn_app};
use app::interest::due;
use uuid::Uuid;

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("the audit log")
}

fn day(app: &TestApp, days_ago: i64) -> String {
    (app.clock.today() - chrono::Duration::days(days_ago)).to_string()
}

#[tokio::test]
async fn staff_record_training_a_supervisor_and_supervision_audited() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let staff = app.staff_session().await;
    let amara = app.coach_id("amara-okafor").await;
    let bethan = app
        .add_account("bethan@example.org", false, Some("bethan-pritchard"))
        .await;
    let page = format!("/staff/readiness/{amara}");

    let list = Page::from(app.get_as(Some(&staff), "/staff/readiness").await).await;
    assert_eq!(list.status, 200);
    assert!(list.html.contains("Amara Okafor"));

    let training = app
        .post_form_as(
            Some(&staff),
            &page,
            &[
                ("record", "training"),
                ("completed_on", &day(&app, 10)),
                ("cohort", "Wales, autumn 2026"),
                ("trainer", "Gwen Pritchard"),
            ],
        )
        .await;
    assert_eq!(
        training.headers()["location"],
        format!("{page}?recorded=training").as_str()
    );

    let supervisor = app
        .post_form_as(
            Some(&staff),
            &page,
            &[
                ("record", "supervisor"),
                ("supervisor_account", &bethan.to_string()),
            ],
        )
        .await;
    assert_eq!(supervisor.status().as_u16(), 303);

    let session = [
        ("record", "supervision"),
        ("held_on", &day(&app, 3)),
        ("format", "group"),
        ("supervisor", "Bethan Pritchard"),
        ("submission_id", "7b0c2a8e-3f7e-4c55-9a57-0d1b7d1f0a11"),
    ];
    for _ in 0..2 {
        let sent = app.post_form_as(Some(&staff), &page, &session).await;
        assert_eq!(sent.status().as_u16(), 303, "sent twice, recorded once");
    }
    let shown = Page::from(app.get_as(Some(&staff), &page).await).await;
    assert!(shown.html.contains("Wales, autumn 2026"));
    assert!(shown.html.contains("Gwen Pritchard"));
    assert_eq!(shown.html.matches("<td>Group</td>").count(), 1);
    let sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM supervision_sessions WHERE coach_id = $1")
            .bind(amara)
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(sessions, 1);
    assert_eq!(
        audit_actions(&app).await,
        ["record training", "set supervisor", "record supervision"]
    );

    // A coach cannot supervise themself.
    let amara_account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let themself = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("record", "supervisor"),
                ("supervisor_account", &amara_account.to_string()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(themself.status, 409);
    assert!(themself.html.contains("not the coach themself"));
}

#[tokio::test]
async fn readiness_forms_say_what_is_wrong_by_each_field_and_keep_what_was_typed() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let amara = app.coach_id("amara-okafor").await;
    let page = format!("/staff/readiness/{amara}");
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM coach_training")
        .fetch_one(&app.pool)
        .await
        .expect("count");

    let tomorrow = (app.clock.today() + chrono::Duration::days(1)).to_string();
    let training = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("record", "training"),
                ("completed_on", &tomorrow),
                ("cohort", "  "),
                ("trainer", "Gwen <b>Pritchard</b>"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(training.status, 422);
    assert!(training.html.contains("Enter a date that has passed"));
    assert!(training.html.contains("Enter the cohort"));
    assert!(
        training
            .html
            .contains("value=\"Gwen &lt;b&gt;Pritchard&lt;/b&gt;\"")
    );
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM coach_training")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(before, after, "nothing recorded");

    let supervision = Page::from(
        app.post_form_as(
            Some(&staff),
            &page,
            &[
                ("record", "supervision"),
                ("held_on", "not a date"),
                ("format", "telepathy"),
                ("supervisor", ""),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(supervision.status, 422);
    assert!(supervision.html.contains("Enter a real date"));
    assert!(supervision.html.contains("Choose one to one or group"));
    assert!(supervision.html.contains("Enter who led the supervision"));
}

#[tokio::test]
async fn an_untrained_coach_is_not_published_again() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let staff = app.staff_session().await;
    let id = app.coach_id("amara-okafor").await;
    let path = format!("/staff/coaches/{id}");
    let hidden = app
        .post_form_as(Some(&staff), &path, &[("action", "hide")])
        .await;
    assert_eq!(hidden.status().as_u16(), 303);
    // As for a coach published before training was recorded.
    sqlx::query("DELETE FROM coach_training WHERE coach_id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .expect("deleted");
    let refused = Page::from(
        app.post_form_as(Some(&staff), &path, &[("action", "unhide")])
            .await,
    )
    .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .html
            .contains("training before publishing their profile again")
    );
    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 404);
    app.record_training(id).await;
    let unhidden = app
        .post_form_as(Some(&staff), &path, &[("action", "unhide")])
        .await;
    assert_eq!(unhidden.status().as_u16(), 303);
    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 200);
}

/// A coach with an account, trained, and a supervisor (another coach) with one.
struct Supervised {
    app: TestApp,
    amara: Uuid,
    amara_account: Uuid,
    supervisor_account: Uuid,
    amara_session: String,
    supervisor_session: String,
    other_session: String,
}

async fn supervised() -> Supervised {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Amara Okafor"),
        coach("Bethan Pritchard"),
        coach("Chidi Obi"),
    ])
    .await;
    let amara = app.coach_id("amara-okafor").await;
    let amara_account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let bethan = app
        .add_account("bethan@example.org", false, Some("bethan-pritchard"))
        .await;
    let chidi = app
        .add_account("chidi@example.org", false, Some("chidi-obi"))
        .await;
    sqlx::query("UPDATE coaches SET supervisor_account_id = $2 WHERE id = $1")
        .bind(amara)
        .bind(bethan)
        .execute(&app.pool)
        .await
        .expect("supervisor");
    Supervised {
        amara,
        amara_account,
        supervisor_account: bethan,
        amara_session: app.session_for(amara_account).await,
        supervisor_session: app.session_for(bethan).await,
        other_session: app.session_for(chidi).await,
        app,
    }
}

#[tokio::test]
async fn a_longer_supervision_period_set_by_an_admin_is_the_one_the_due_work_uses() {
    let s = supervised().await;
    let app = &s.app;
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    let set = app
        .post_form_as(
            Some(&session),
            "/staff/settings/supervision_lapse_months",
            &[
                ("value", "6"),
                (
                    "effective_from",
                    &(app.clock.today() + chrono::Duration::days(1)).to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(set.status().as_u16(), 303);
    let run_at = |days: i64| async move {
        app.clock.advance(chrono::Duration::days(days));
        // Availability kept confirmed: only supervision can pause them.
        sqlx::query("UPDATE coaches SET availability_confirmed_at = $1")
            .bind(app.clock.now())
            .execute(&app.pool)
            .await
            .expect("confirmed");
        due::run(&app.pool, &app.clock, "http://test", false)
            .await
            .expect("the due work")
    };
    assert_eq!(run_at(31 * 4 + 1).await.paused, 0, "four months is not six");
    assert_eq!(
        run_at(31 * 2).await.paused,
        3,
        "six months: none of the three is supervised"
    );
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("No supervision has been recorded for you for 6 months"),
        "{told}"
    );
}

#[tokio::test]
async fn a_coach_unsupervised_for_four_months_stops_accepting_until_supervision_is_recorded() {
    let s = supervised().await;
    let app = &s.app;
    // Four months from the profile being made (their training, a year before, is older).
    app.clock.advance(chrono::Duration::days(31 * 4 + 1));
    // They have kept their availability confirmed: only supervision is missing.
    sqlx::query("UPDATE coaches SET availability_confirmed_at = $1")
        .bind(app.clock.now())
        .execute(&app.pool)
        .await
        .expect("confirmed");
    // Sessions from four months ago have ended: they sign in again.
    let amara_session = app.session_for(s.amara_account).await;
    let supervisor_session = app.session_for(s.supervisor_account).await;
    let done = due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the due work");
    assert!(done.paused >= 1, "{done:?}");
    let (accepting, reason): (bool, Option<String>) =
        sqlx::query_as("SELECT accepting_new_leaders, paused_reason FROM coaches WHERE id = $1")
            .bind(s.amara)
            .fetch_one(&app.pool)
            .await
            .expect("the coach");
    assert!(!accepting);
    assert_eq!(reason.as_deref(), Some("supervision_lapsed"));
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("No supervision has been recorded for you for 4 months"),
        "{told}"
    );

    // They cannot accept again on their own.
    let availability = [
        ("accepting", "yes"),
        ("capacity", "2"),
        ("next_opening", ""),
    ];
    let refused = Page::from(
        app.post_form_as(Some(&amara_session), "/me", &availability)
            .await,
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .html
            .contains("You cannot accept new leaders until a supervision session is recorded")
    );

    // Their supervisor records a session; then they can.
    let recorded = app
        .post_form_as(
            Some(&supervisor_session),
            &format!("/supervision/{}", s.amara),
            &[
                ("record", "supervision"),
                ("held_on", &day(app, 1)),
                ("format", "one_to_one"),
                ("supervisor", "Bethan Pritchard"),
            ],
        )
        .await;
    assert_eq!(recorded.headers()["location"], "/supervision?recorded=yes");
    let accepted = app
        .post_form_as(Some(&amara_session), "/me", &availability)
        .await;
    assert_eq!(accepted.status().as_u16(), 303);
    let again = due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the due work");
    assert_eq!(again.paused, 0, "supervised now");
}

#[tokio::test]
async fn a_supervisor_sees_their_caseload_and_nobody_else_records_for_it() {
    let s = supervised().await;
    let app = &s.app;
    let reference = ask_coach(
        app,
        "amara-okafor",
        "leader@example.org",
        "organisation",
        "90k",
    )
    .await;
    app::me::db::accept(
        &app.pool,
        s.amara,
        &reference,
        "Welcome",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");

    let caseload = Page::from(
        app.get_as(Some(&s.supervisor_session), "/supervision")
            .await,
    )
    .await;
    assert_eq!(caseload.status, 200);
    assert!(caseload.html.contains("Amara Okafor"));
    assert!(caseload.html.contains("Coaching now"));
    assert_eq!(
        caseload.html.matches("data-testid=\"supervisee\"").count(),
        1
    );
    let me = Page::from(app.get_as(Some(&s.supervisor_session), "/me").await).await;
    assert!(me.html.contains("Your supervision caseload"));

    let other = Page::from(app.get_as(Some(&s.other_session), "/supervision").await).await;
    assert!(other.html.contains("You supervise no coaches"));
    let other_me = Page::from(app.get_as(Some(&s.other_session), "/me").await).await;
    assert!(!other_me.html.contains("Your supervision caseload"));
    let refused = app
        .post_form_as(
            Some(&s.other_session),
            &format!("/supervision/{}", s.amara),
            &[
                ("record", "supervision"),
                ("held_on", &day(app, 1)),
                ("format", "group"),
                ("supervisor", "Someone"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 404);
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM supervision_sessions")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(sessions, 0);

    // A problem in the form opens that coach's form again, with what was typed.
    let invalid = Page::from(
        app.post_form_as(
            Some(&s.supervisor_session),
            &format!("/supervision/{}", s.amara),
            &[
                ("record", "supervision"),
                ("coach", &s.amara.to_string()),
                ("held_on", ""),
                ("format", "group"),
                ("supervisor", "Bethan <i>P</i>"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.html.contains("<details open"));
    assert!(
        invalid
            .html
            .contains("Enter the date the supervision was held")
    );
    assert!(invalid.html.contains("Bethan &lt;i&gt;P&lt;/i&gt;"));
}

#[tokio::test]
async fn a_coach_closing_their_account_takes_their_training_and_supervision_with_it() {
    let s = supervised().await;
    let app = &s.app;
    app.post_form_as(
        Some(&s.supervisor_session),
        &format!("/supervision/{}", s.amara),
        &[
            ("record", "supervision"),
            ("held_on", &day(app, 1)),
            ("format", "group"),
            ("supervisor", "Bethan Pritchard"),
        ],
    )
    .await;
    let held = Page::from(
        app.get_as(Some(&s.amara_session), "/me/your-data.json")
            .await,
    )
    .await;
    assert!(held.html.contains("\"supervision\""));
    assert!(held.html.contains("Bethan Pritchard"));
    assert!(held.html.contains("Test cohort") || held.html.contains("\"training\""));

    let closed = app
        .post_form_as(
            Some(&s.amara_session),
            "/me/close-account",
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303, "closed");
    for table in ["coach_training", "supervision_sessions"] {
        let left: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table} WHERE coach_id = $1"))
                .bind(s.amara)
                .fetch_one(&app.pool)
                .await
                .expect("count");
        assert_eq!(left, 0, "{table}");
    }
}

#[tokio::test]
async fn the_privacy_notice_says_what_supervisors_see_and_the_months_in_effect() {
    let app = spawn_app().await;
    let notice = app.get_page("/privacy").await;
    assert!(notice.html.contains("no supervision recorded for 4 months"));
    // An admin changes the period from tomorrow: the notice says so from then.
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    let tomorrow = (app.clock.today() + chrono::Duration::days(1)).to_string();
    let set = app
        .post_form_as(
            Some(&session),
            "/staff/settings/supervision_lapse_months",
            &[("value", "6"), ("effective_from", &tomorrow)],
        )
        .await;
    assert_eq!(set.status().as_u16(), 303);
    assert!(
        app.get_page("/privacy")
            .await
            .html
            .contains("no supervision recorded for 4 months")
    );
    app.clock.advance(chrono::Duration::days(1));
    let notice = app.get_page("/privacy").await;
    assert!(notice.html.contains("no supervision recorded for 6 months"));
    assert!(
        notice
            .html
            .contains("your coach&#x27;s supervisor sees your name")
            || notice
                .html
                .contains("your coach's supervisor sees your name")
    );
}

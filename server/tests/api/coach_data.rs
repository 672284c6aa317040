//! A coach's rights from `/me`: everything held about them (page and file), and closing their
//! account, which erases their profile. And the audit log keeps no personal data.

use crate::helpers::{Page, ask_coach, coach, count, kinds_to, spawn_app};
use app::coaches::draft::CoachStatus;
use app::vocabulary::LivedExperience;

#[tokio::test]
async fn a_coach_reads_and_downloads_everything_held_about_them_and_nobody_else_can() {
    let app = spawn_app().await;
    let mut amara = coach("Amara Okafor");
    amara.lived_experience = vec![LivedExperience::MentalHealth];
    app.add_coaches(&[amara, coach("Malik Ahmed")]).await;
    let account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(account).await;
    let reference = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;

    let page = Page::from(app.get_as(Some(&session), "/me/your-data").await).await;
    assert_eq!(page.status, 200);
    for held in [
        "amara@example.org",
        "amara-okafor@example.org",
        reference.as_str(),
        "mental-ill-health",
        "07700 900123",
    ] {
        assert!(page.html.contains(held), "the page shows {held}");
    }
    assert!(
        !page.html.contains("jo@example.org"),
        "not the leader's details"
    );

    let file = app.get_as(Some(&session), "/me/your-data.json").await;
    assert_eq!(file.status().as_u16(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains("attachment")
    );
    let held: serde_json::Value = file.json().await.expect("JSON");
    assert_eq!(held["account"]["email"], "amara@example.org");
    assert_eq!(held["profile"]["name"], "Amara Okafor");
    assert_eq!(
        held["profile"]["lived_experience"],
        serde_json::json!(["mental-ill-health"])
    );
    assert_eq!(
        held["requests_received"][0]["reference"],
        reference.as_str()
    );
    assert!(!held.to_string().contains("jo@example.org"));

    // Changes waiting for approval come with their lived experience opened too.
    let changed = app
        .post_form_as(
            Some(&session),
            "/me/profile",
            &[
                ("name", "Amara Okafor"),
                ("role", "Director"),
                ("organisation", "Northgate Wellbeing Trust"),
                ("region", "london"),
                ("postcode_area", "e"),
                (
                    "bio",
                    "I have led a small charity for ten years, and I still learn every week.",
                ),
                (
                    "how_i_coach",
                    "I listen, and ask questions, and we end with a next step.",
                ),
                ("themes", "strategy-and-planning"),
                ("languages", "english"),
                ("formats", "video"),
                ("lived_experience", "being-lgbtq"),
                ("lived_experience_consent", "yes"),
            ],
        )
        .await;
    assert_eq!(changed.status().as_u16(), 303);
    let held: serde_json::Value = app
        .get_as(Some(&session), "/me/your-data.json")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        held["changes_sent_for_approval"][0]["lived_experience"],
        serde_json::json!(["being-lgbtq"])
    );

    let anonymous = app.get_as(None, "/me/your-data.json").await;
    assert_eq!(anonymous.status().as_u16(), 303, "sent to sign in");
    let staff = app.staff_session().await;
    let not_a_coach = app.get_as(Some(&staff), "/me/your-data.json").await;
    assert_eq!(not_a_coach.status().as_u16(), 403);
}

#[tokio::test]
async fn closing_an_account_erases_the_profile_tells_waiting_leaders_and_keeps_the_counts() {
    let app = spawn_app().await;
    let mut amara = coach("Amara Okafor");
    amara.lived_experience = vec![LivedExperience::MentalHealth];
    app.add_coaches(&[amara, coach("Malik Ahmed")]).await;
    let coach_id = app.coach_id("amara-okafor").await;
    let account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(account).await;
    let waiting = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let coached = ask_coach(
        &app,
        "amara-okafor",
        "sam@example.org",
        "organisation",
        "90k",
    )
    .await;
    let accepted = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{coached}"),
            &[
                ("decision", "accept"),
                ("message", "Happy to work with you."),
            ],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303);

    // Not without ticking the box; not while coaching is in progress.
    let unticked = Page::from(
        app.post_form_as(Some(&session), "/me/close-account", &[])
            .await,
    )
    .await;
    assert!(unticked.html.contains("Tick the box to confirm"));
    let in_progress = Page::from(
        app.post_form_as(Some(&session), "/me/close-account", &[("confirm", "yes")])
            .await,
    )
    .await;
    assert!(
        in_progress.html.contains("You are coaching Jo Bloggs"),
        "{}",
        in_progress.html
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM accounts WHERE email = 'amara@example.org'"
        )
        .await,
        1,
        "nothing closed"
    );
    sqlx::query("UPDATE engagements SET status = 'completed', closed_at = now()")
        .execute(&app.pool)
        .await
        .expect("coaching closed");
    sqlx::query("UPDATE coaches SET current_leaders = 0 WHERE id = $1")
        .bind(coach_id)
        .execute(&app.pool)
        .await
        .expect("place freed");

    let closed = app
        .post_form_as(Some(&session), "/me/close-account", &[("confirm", "yes")])
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    assert_eq!(closed.headers()["location"], "/account-closed");

    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 404);
    let me = app.get_as(Some(&session), "/me").await;
    assert_eq!(
        me.status().as_u16(),
        303,
        "signed out: the session went with the account"
    );
    let row: (CoachStatus, String, String, Option<String>, Option<Vec<u8>>) = sqlx::query_as(
        "SELECT status, name, email, phone, lived_experience_sealed FROM coaches WHERE id = $1",
    )
    .bind(coach_id)
    .fetch_one(&app.pool)
    .await
    .expect("the row stays for the counts");
    assert_eq!(row.0, CoachStatus::Closed);
    assert_eq!(row.1, app::retention::ERASED);
    assert_eq!(row.2, app::retention::ERASED_EMAIL);
    assert_eq!((row.3, row.4), (None, None));
    let everywhere = "SELECT count(*) FROM (
            SELECT to_jsonb(c)::text AS t FROM coaches c
            UNION ALL SELECT to_jsonb(a)::text FROM accounts a
            UNION ALL SELECT to_jsonb(o)::text FROM outbox o WHERE to_address ILIKE '%amara%'
            UNION ALL SELECT to_jsonb(l)::text FROM audit_log l
            UNION ALL SELECT to_jsonb(d)::text FROM audit_details d) x
        WHERE t ILIKE '%amara%'";
    assert_eq!(
        count(&app, everywhere).await,
        0,
        "her name and addresses are nowhere"
    );
    assert!(
        kinds_to(&app, "jo@example.org")
            .await
            .contains(&"request_lapsed".to_string()),
        "the leader still waiting is told"
    );
    let status: String =
        sqlx::query_scalar("SELECT status FROM expressions_of_interest WHERE reference = $1")
            .bind(&waiting)
            .fetch_one(&app.pool)
            .await
            .expect("the request");
    assert_eq!(status, "lapsed");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM engagements WHERE status = 'completed'"
        )
        .await,
        1,
        "the coaching still counts"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'close own account'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_audit_log_names_records_by_id_and_its_personal_details_go_with_erasure() {
    let app = spawn_app().await;
    let mut pending = coach("Amara Okafor");
    pending.status = CoachStatus::PendingApproval;
    app.add_coaches(&[pending]).await;
    let coach_id = app.coach_id("amara-okafor").await;
    let account = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let staff = app.staff_session().await;
    let invited = app
        .post_form_as(
            Some(&staff),
            "/staff/invite",
            &[("name", "Priya Shah"), ("email", "priya@example.org")],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    let sent_back = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{coach_id}"),
            &[
                ("decision", "reject"),
                ("reason", "Please say more about Ringwood Carers."),
            ],
        )
        .await;
    assert_eq!(sent_back.status().as_u16(), 303);

    let personal = "SELECT count(*) FROM audit_log l
        WHERE to_jsonb(l)::text ~* '(priya|amara|ringwood|@)'";
    assert_eq!(
        count(&app, personal).await,
        0,
        "no name, address or reason in the log"
    );
    let log = Page::from(app.get_as(Some(&staff), "/staff/audit").await).await;
    for shown in [
        "invite coach: account priya@example.org",
        "send back profile: coach amara-okafor",
        "Ringwood Carers",
        "staff@example.org",
    ] {
        assert!(log.html.contains(shown), "the page shows {shown}");
    }

    let session = app.session_for(account).await;
    let closed = app
        .post_form_as(Some(&session), "/me/close-account", &[("confirm", "yes")])
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    let log = Page::from(app.get_as(Some(&staff), "/staff/audit").await).await;
    assert!(log.html.contains("send back profile: coach (erased)"));
    assert!(
        !log.html.contains("Ringwood Carers"),
        "her details went with her profile"
    );
    assert!(log.html.contains("Priya Shah"), "others' stay");
    assert_eq!(
        count(&app, "SELECT count(*) FROM audit_log").await,
        3,
        "every line stays"
    );
}

#[tokio::test]
async fn an_account_that_is_staff_too_is_closed_by_another_member_of_staff_and_wholly() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let both = app
        .add_account("amara@example.org", true, Some("amara-okafor"))
        .await;
    let session = app.session_for(both).await;
    let own = Page::from(
        app.post_form_as(Some(&session), "/me/close-account", &[("confirm", "yes")])
            .await,
    )
    .await;
    assert!(own.html.contains("Your account is a staff account too"));
    let staff = app.staff_session().await;
    let found: serde_json::Value = app
        .get_as(
            Some(&staff),
            "/staff/people/data.json?email=amara%40example.org",
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(found["as_a_coach"]["profile"]["name"], "Amara Okafor");
    assert_eq!(found["as_staff"]["account"]["email"], "amara@example.org");
    let erased = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "amara@example.org"),
                ("reason", "Asked by email."),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    assert_eq!(
        app.get_page("/coaches/amara-okafor").await.status,
        404,
        "the profile too"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM coaches WHERE status = 'closed'").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM accounts WHERE email = 'amara@example.org'"
        )
        .await,
        0
    );
}

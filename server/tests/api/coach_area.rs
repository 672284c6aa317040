//! A coach's own area: profile, availability, requests, engagements.

use crate::helpers::{Page, TestApp, ask_coach, coach, spawn_app};
use app::coaches::demo::NewCoach;

const PROFILE: [(&str, &str); 14] = [
    ("name", "Nia Evans"),
    ("pronouns", "she/her"),
    ("role", "Director"),
    ("organisation", "Aberllyn Wellbeing Forum"),
    ("region", "wales"),
    ("postcode_area", "sa"),
    (
        "bio",
        "I have led a small wellbeing charity in west Wales for nine years, through thick and thin.",
    ),
    (
        "how_i_coach",
        "I listen first, ask good questions, and we finish every session with a next step.",
    ),
    ("themes", "leading-through-change"),
    ("themes", "wellbeing-and-resilience"),
    ("languages", "english"),
    ("languages", "welsh"),
    ("formats", "video"),
    ("phone", "07700 900456"),
];

/// Amara (already in the directory) signed in to her coach account: the session.
async fn amara_signed_in(app: &TestApp) -> String {
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    app.session_for(amara).await
}

/// Nia, a coach with an account and no profile yet (as after an invitation), signed in.
async fn new_coach_signed_in(app: &TestApp) -> String {
    app.new_coach_session("nia@example.org").await
}

async fn ask(app: &TestApp, slug: &str, email: &str) -> String {
    ask_coach(app, slug, email, "organisation", "90k").await
}

/// A leader asks Amara, Amara (signed in as `session`) accepts: the engagement page's path.
async fn coaching_started(app: &TestApp, session: &str, leader_email: &str) -> String {
    let reference = ask(app, "amara-okafor", leader_email).await;
    let accepted = app
        .post_form_as(
            Some(session),
            &format!("/me/requests/{reference}"),
            &[("decision", "accept"), ("message", "Yes.")],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303, "accepted");
    accepted.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .trim_end_matches("?started=yes")
        .to_string()
}

#[tokio::test]
async fn a_new_coach_writes_a_profile_which_is_public_once_staff_approve_it() {
    let app = spawn_app().await;
    let session = new_coach_signed_in(&app).await;
    let staff = app.staff_session().await;

    let saved = app
        .post_form_as(Some(&session), "/me/profile", &PROFILE)
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    assert_eq!(saved.headers()["location"], "/me?saved=profile");
    assert_eq!(
        app.get_page("/coaches/nia-evans").await.status,
        404,
        "not public before approval"
    );
    let me = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(me.html.contains("Waiting for approval"));

    let queue = Page::from(app.get_as(Some(&staff), "/staff/moderation").await).await;
    assert!(queue.html.contains("New profile: Nia Evans"));
    assert!(queue.html.contains("Aberllyn Wellbeing Forum"));
    let id = app.coach_id("nia-evans").await;
    // Not before their training is recorded.
    let untrained = Page::from(
        app.post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{id}"),
            &[("decision", "approve")],
        )
        .await,
    )
    .await;
    assert_eq!(untrained.status, 409);
    assert!(
        untrained
            .html
            .contains("training before publishing their profile")
    );
    assert_eq!(app.get_page("/coaches/nia-evans").await.status, 404);
    let completed = (app.clock.today() - chrono::Duration::days(60)).to_string();
    let trained = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/readiness/{id}"),
            &[
                ("record", "training"),
                ("completed_on", &completed),
                ("cohort", "Wales, spring 2026"),
                ("trainer", "Gwen Pritchard"),
            ],
        )
        .await;
    assert_eq!(trained.status().as_u16(), 303);
    let approved = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{id}"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(approved.status().as_u16(), 303);

    let public = app.get_page("/coaches/nia-evans").await;
    assert_eq!(public.status, 200);
    assert!(public.html.contains("Aberllyn Wellbeing Forum"));
    assert!(
        !public.html.contains("900456"),
        "the phone number stays private"
    );
    let email = app.last_email_to("nia@example.org").await;
    assert!(email.contains("approved your profile"));
}

#[tokio::test]
async fn a_profile_sent_back_shows_the_reason_and_can_be_sent_again() {
    let app = spawn_app().await;
    let session = new_coach_signed_in(&app).await;
    let staff = app.staff_session().await;
    app.post_form_as(Some(&session), "/me/profile", &PROFILE)
        .await;
    let id = app.coach_id("nia-evans").await;

    let unexplained = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{id}"),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(unexplained.status().as_u16(), 422, "a reason is needed");
    app.post_form_as(
        Some(&staff),
        &format!("/staff/moderation/{id}"),
        &[
            ("decision", "reject"),
            ("reason", "Please say more about how you coach."),
        ],
    )
    .await;

    let me = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(me.html.contains("Please say more about how you coach."));
    assert!(
        app.last_email_to("nia@example.org")
            .await
            .contains("Please say more about how you coach.")
    );
    app.post_form_as(Some(&session), "/me/profile", &PROFILE)
        .await;
    let me = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(me.html.contains("Waiting for approval"));
}

#[tokio::test]
async fn changes_to_a_published_profile_wait_for_approval_while_the_public_sees_the_old_one() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = amara_signed_in(&app).await;
    let staff = app.staff_session().await;
    let mut edited: Vec<(&str, &str)> = PROFILE.to_vec();
    edited.retain(|(k, _)| *k != "name");
    edited.push(("name", "Amara Okafor"));
    edited.retain(|(k, _)| *k != "role");
    edited.push(("role", "Founder and chief executive"));

    let saved = app
        .post_form_as(Some(&session), "/me/profile", &edited)
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(
        public.html.contains("Director, Northgate Wellbeing Trust"),
        "the approved profile stays public"
    );
    let me = Page::from(app.get_as(Some(&session), "/me").await).await;
    assert!(me.html.contains("You have changes waiting for approval"));
    let form = Page::from(app.get_as(Some(&session), "/me/profile").await).await;
    assert!(
        form.html.contains(r#"value="Founder and chief executive""#),
        "the coach sees what is pending"
    );

    let queue = Page::from(app.get_as(Some(&staff), "/staff/moderation").await).await;
    assert!(
        queue
            .html
            .contains("Changes to Amara Okafor&#x27;s profile")
            || queue.html.contains("Changes to Amara Okafor's profile")
    );
    assert!(queue.html.contains("<del>Director</del>"));
    assert!(
        queue
            .html
            .contains("<ins>Founder and chief executive</ins>")
    );
    let id = app.coach_id("amara-okafor").await;
    app.post_form_as(
        Some(&staff),
        &format!("/staff/moderation/{id}"),
        &[("decision", "approve")],
    )
    .await;

    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(
        public
            .html
            .contains("Founder and chief executive, Aberllyn Wellbeing Forum")
    );
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'approve profile changes'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("count");
    assert_eq!(audit, 1);
}

/// The `submitted` stamp the moderation form sends: which version staff are looking at.
fn version_on_screen(queue: &Page) -> String {
    queue
        .tag_with(r#"name="submitted""#)
        .and_then(|tag| tag.split(r#"value=""#).nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the version on screen")
        .to_string()
}

#[tokio::test]
async fn staff_cannot_approve_a_version_they_have_not_seen() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = amara_signed_in(&app).await;
    let staff = app.staff_session().await;
    let with_role = |role: &'static str| {
        let mut edited: Vec<(&str, &str)> = PROFILE.to_vec();
        edited.retain(|(k, _)| *k != "name" && *k != "role");
        edited.push(("name", "Amara Okafor"));
        edited.push(("role", role));
        edited
    };
    app.post_form_as(Some(&session), "/me/profile", &with_role("Founder"))
        .await;
    let queue = Page::from(app.get_as(Some(&staff), "/staff/moderation").await).await;
    let seen = version_on_screen(&queue);

    // The coach sends another version while staff read the first.
    app.clock.advance(chrono::Duration::minutes(1));
    app.post_form_as(Some(&session), "/me/profile", &with_role("Chief executive"))
        .await;
    let id = app.coach_id("amara-okafor").await;
    let path = format!("/staff/moderation/{id}");
    let stale = app
        .post_form_as(
            Some(&staff),
            &path,
            &[("decision", "approve"), ("submitted", seen.as_str())],
        )
        .await;
    assert_eq!(stale.status().as_u16(), 409);
    let page = Page::from(stale).await;
    assert!(page.html.contains("sent a newer version"), "{}", page.html);
    assert!(
        page.html.contains("<ins>Chief executive</ins>"),
        "the new one shown"
    );
    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(
        !public.html.contains("Chief executive"),
        "nothing published"
    );

    let queue = Page::from(app.get_as(Some(&staff), "/staff/moderation").await).await;
    let seen = version_on_screen(&queue);
    let approved = app
        .post_form_as(
            Some(&staff),
            &path,
            &[("decision", "approve"), ("submitted", seen.as_str())],
        )
        .await;
    assert_eq!(approved.status().as_u16(), 303);
    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(
        public
            .html
            .contains("Chief executive, Aberllyn Wellbeing Forum")
    );
}

#[tokio::test]
async fn every_profile_field_is_checked_and_what_was_typed_is_kept() {
    let app = spawn_app().await;
    let session = new_coach_signed_in(&app).await;

    let page = Page::from(
        app.post_form_as(
            Some(&session),
            "/me/profile",
            &[("name", "Nia Evans"), ("bio", "Short."), ("phone", "12")],
        )
        .await,
    )
    .await;

    assert_eq!(page.status, 422);
    for message in [
        "Enter your role",
        "Choose your region",
        "Write a little more: at least 50 characters",
        "Choose at least one theme you coach on",
        "Choose video, phone or both",
        "Enter a UK phone number",
    ] {
        assert!(page.html.contains(message), "{message}");
    }
    assert!(page.html.contains(r#"value="Nia Evans""#));
    let coaches: i64 = sqlx::query_scalar("SELECT count(*) FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(coaches, 0);
}

#[tokio::test]
async fn availability_is_public_at_once_and_checked() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        current_leaders: 2,
        ..coach("Amara Okafor")
    }])
    .await;
    let session = amara_signed_in(&app).await;

    let below = Page::from(
        app.post_form_as(
            Some(&session),
            "/me",
            &[
                ("accepting", "yes"),
                ("capacity", "1"),
                ("next_opening", ""),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(below.status, 422);
    let main = below
        .html
        .split("<main")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(
        main.contains("You coach 2 leaders now, so your capacity cannot be lower than 2"),
        "{main}"
    );
    let past = Page::from(
        app.post_form_as(
            Some(&session),
            "/me",
            &[
                ("accepting", "no"),
                ("capacity", "3"),
                ("next_opening", "2001-01-01"),
            ],
        )
        .await,
    )
    .await;
    assert!(past.html.contains("Enter a date from today onwards"));

    let saved = app
        .post_form_as(
            Some(&session),
            "/me",
            &[
                ("accepting", "no"),
                ("capacity", "3"),
                ("next_opening", "2099-03-01"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let directory = app.get_page("/coaches?accepting=yes").await;
    assert!(directory.card_slugs().is_empty());
    let profile = app.get_page("/coaches/amara-okafor").await;
    assert!(
        profile
            .html
            .contains("Not accepting new leaders now. Next opening: 1 March 2099")
    );
}

#[tokio::test]
async fn accepting_a_request_starts_coaching_takes_a_place_and_tells_the_leader() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        capacity: 1,
        ..coach("Amara Okafor")
    }])
    .await;
    let session = amara_signed_in(&app).await;
    let reference = ask(&app, "amara-okafor", "jo@example.org").await;
    assert!(
        app.last_email_to("amara-okafor@example.org")
            .await
            .contains(&format!("/me/requests/{reference}"))
    );

    let page = Page::from(
        app.get_as(Some(&session), &format!("/me/requests/{reference}"))
            .await,
    )
    .await;
    assert!(
        page.html
            .contains("I would like to think about our strategy.")
    );
    assert!(
        !page.html.contains("jo@example.org"),
        "the coach sees how to reach the leader only once they accept"
    );
    let empty = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(empty.status().as_u16(), 422);

    let accepted = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[
                ("decision", "accept"),
                ("message", "Delighted. I will email you some times."),
            ],
        )
        .await;

    assert_eq!(accepted.status().as_u16(), 303);
    assert!(
        accepted.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .starts_with("/me/engagements/")
    );
    let (leaders, accepting): (i32, bool) = sqlx::query_as(
        "SELECT current_leaders, accepting_now FROM coaches WHERE slug = 'amara-okafor'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("coach");
    assert_eq!(
        (leaders, accepting),
        (1, false),
        "full now, so not accepting"
    );
    assert!(
        app.get_page("/coaches/amara-okafor")
            .await
            .html
            .contains("Not accepting new leaders now")
    );
    let email = app
        .last_email_of_kind("jo@example.org", "request_accepted")
        .await;
    assert!(email.contains("Delighted. I will email you some times."));
    let again = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[("decision", "decline"), ("reason", "x")],
        )
        .await;
    assert_eq!(again.status().as_u16(), 409, "answered already");
}

#[tokio::test]
async fn declining_tells_the_leader_why_and_points_them_to_other_coaches() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let session = amara_signed_in(&app).await;
    let reference = ask(&app, "amara-okafor", "jo@example.org").await;
    // The leader named Bethan as a coach they would also accept.
    sqlx::query(
        "INSERT INTO expression_of_interest_alternatives (expression_of_interest_id, coach_id, preference)
         SELECT e.id, c.id, 1 FROM expressions_of_interest e, coaches c
         WHERE e.reference = $1 AND c.slug = 'bethan-pritchard'",
    )
    .bind(&reference)
    .execute(&app.pool)
    .await
    .expect("an alternative");

    let declined = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[
                ("decision", "decline"),
                (
                    "reason",
                    "Your goals fit a coach who knows governance better.",
                ),
            ],
        )
        .await;

    assert_eq!(declined.status().as_u16(), 303);
    let email = app.last_email_to("jo@example.org").await;
    assert!(email.contains("Your goals fit a coach who knows governance better."));
    assert!(
        email.contains("Bethan Pritchard: http://127.0.0.1/coaches/bethan-pritchard/ask"),
        "{email}"
    );
    assert!(email.contains("You did not ask us to pass your request on, so we have not."));
    assert!(email.contains("You named other coaches you would accept."));
    assert!(email.contains("/coaches?accepting=yes"));
    let status: String =
        sqlx::query_scalar("SELECT status FROM expressions_of_interest WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&app.pool)
            .await
            .expect("status");
    assert_eq!(status, "declined");
}

#[tokio::test]
async fn two_acceptances_racing_for_the_last_place_cannot_both_succeed() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        capacity: 1,
        ..coach("Amara Okafor")
    }])
    .await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let first = ask(&app, "amara-okafor", "one@example.org").await;
    let second = ask(&app, "amara-okafor", "two@example.org").await;
    // Two browser tabs, one session each.
    let (tab_one, tab_two) = (app.session_for(amara).await, app.session_for(amara).await);

    let accept = |token: String, reference: String| {
        let app = &app;
        async move {
            app.post_form_as(
                Some(&token),
                &format!("/me/requests/{reference}"),
                &[("decision", "accept"), ("message", "Yes please.")],
            )
            .await
            .status()
            .as_u16()
        }
    };
    let (a, b) = tokio::join!(accept(tab_one, first), accept(tab_two, second));

    let mut statuses = [a, b];
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [303, 409],
        "one accepted, one refused for want of a place"
    );
    let (leaders, engagements): (i32, i64) = sqlx::query_as(
        "SELECT current_leaders, (SELECT count(*) FROM engagements) FROM coaches WHERE slug = 'amara-okafor'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("coach");
    assert_eq!((leaders, engagements), (1, 1));
    let accepted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM expressions_of_interest WHERE status = 'accepted'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("count");
    assert_eq!(
        accepted, 1,
        "the loser's request is still pending, untouched"
    );
}

#[tokio::test]
async fn sessions_are_recorded_and_closing_frees_the_place() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        capacity: 1,
        ..coach("Amara Okafor")
    }])
    .await;
    let session = amara_signed_in(&app).await;
    let engagement = coaching_started(&app, &session, "jo@example.org").await;
    let today = chrono::Local::now().date_naive().to_string();

    for (held_on, minutes, status) in [
        (today.as_str(), "60", 303),
        (today.as_str(), "5", 422),
        ("2999-01-01", "60", 422),
        ("2001-01-01", "60", 422),
        (today.as_str(), "90", 303),
    ] {
        let response = app
            .post_form_as(
                Some(&session),
                &engagement,
                &[
                    ("action", "record"),
                    ("held_on", held_on),
                    ("minutes", minutes),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), status, "{held_on} {minutes}");
    }
    let page = Page::from(app.get_as(Some(&session), &engagement).await).await;
    assert!(page.html.contains("2 sessions recorded, of about 5"));

    let closed = app
        .post_form_as(
            Some(&session),
            &engagement,
            &[("action", "close"), ("outcome", "completed")],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    let (leaders, accepting): (i32, bool) = sqlx::query_as(
        "SELECT current_leaders, accepting_now FROM coaches WHERE slug = 'amara-okafor'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("coach");
    assert_eq!((leaders, accepting), (0, true));
    let after = app
        .post_form_as(
            Some(&session),
            &engagement,
            &[("action", "record"), ("held_on", &today), ("minutes", "60")],
        )
        .await;
    assert_eq!(
        after.status().as_u16(),
        409,
        "no sessions on closed coaching"
    );
}

#[tokio::test]
async fn the_same_session_form_sent_twice_records_one_session() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = amara_signed_in(&app).await;
    let engagement = coaching_started(&app, &session, "jo@example.org").await;
    let today = chrono::Local::now().date_naive().to_string();
    let form = [
        ("action", "record"),
        ("held_on", today.as_str()),
        ("minutes", "60"),
        ("submission_id", "11111111-2222-4333-8444-555555555555"),
    ];

    let (a, b) = tokio::join!(
        app.post_form_as(Some(&session), &engagement, &form),
        app.post_form_as(Some(&session), &engagement, &form)
    );

    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM coaching_sessions")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(sessions, 1);
}

#[tokio::test]
async fn a_leaders_address_cannot_add_recipients_to_the_coachs_email_link() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let session = amara_signed_in(&app).await;
    let sly = "x/?cc=evil%40attacker.example&body=hi@example.org";
    let reference = ask(&app, "amara-okafor", sly).await;
    // The address is shown to the coach once they accept.
    app.post_form_as(
        Some(&session),
        &format!("/me/requests/{reference}"),
        &[("decision", "accept"), ("message", "Yes.")],
    )
    .await;

    let page = Page::from(
        app.get_as(Some(&session), &format!("/me/requests/{reference}"))
            .await,
    )
    .await;

    assert!(
        page.html.contains(
            r#"href="mailto:x%2F%3Fcc%3Devil%2540attacker.example%26body%3Dhi%40example.org""#
        ),
        "{}",
        page.html
    );
    assert!(!page.html.contains("mailto:x/?cc="));
}

#[tokio::test]
async fn lived_experience_is_published_only_with_consent_and_withdrawn_at_once() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        communities: vec![app::vocabulary::Community::MentalHealth],
        ..coach("Amara Okafor")
    }])
    .await;
    let session = amara_signed_in(&app).await;
    let staff = app.staff_session().await;
    let mut profile: Vec<(&str, &str)> = PROFILE
        .iter()
        .copied()
        .filter(|(k, _)| *k != "name")
        .collect();
    profile.push(("name", "Amara Okafor"));
    profile.push(("communities", "mental-health-lived-experience"));
    profile.push(("lived_experience", "mental-ill-health"));

    let unconsented = Page::from(
        app.post_form_as(Some(&session), "/me/profile", &profile)
            .await,
    )
    .await;
    assert_eq!(unconsented.status, 422);
    assert!(
        unconsented
            .html
            .contains("Tick to agree to publishing your lived experience")
    );

    profile.push(("lived_experience_consent", "yes"));
    let sent = app
        .post_form_as(Some(&session), "/me/profile", &profile)
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let id = app.coach_id("amara-okafor").await;
    let approved = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{id}"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(approved.status().as_u16(), 303);
    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(public.html.contains("Communities I serve or know well"));
    assert!(public.html.contains("My lived experience"));
    assert!(public.html.contains("Mental ill health"));

    // Unticking the consent withdraws it: gone from the public profile before staff look.
    let withdrawn: Vec<(&str, &str)> = profile
        .iter()
        .copied()
        .filter(|(k, _)| *k != "lived_experience" && *k != "lived_experience_consent")
        .collect();
    let saved = app
        .post_form_as(Some(&session), "/me/profile", &withdrawn)
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let public = app.get_page("/coaches/amara-okafor").await;
    assert!(!public.html.contains("My lived experience"));
    assert!(!public.html.contains("Mental ill health"));
    let kept: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM coaches WHERE cardinality(lived_experience) > 0
                    OR lived_experience_sealed IS NOT NULL)
              + (SELECT count(*) FROM coach_profile_revisions WHERE profile::text LIKE '%mental-ill-health%'
                    OR lived_experience_sealed IS NOT NULL)
              + (SELECT count(*) FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%mental-ill-health%')",
    )
    .fetch_one(&app.pool)
    .await
    .expect("a count");
    assert_eq!(kept, 0, "the lived experience is not kept anywhere");
}

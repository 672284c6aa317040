//! What people type is text wherever it lands: markup typed into every free-text field, on
//! every public, coach and staff page it reaches, including `<title>` and `<textarea>`, which
//! the renderer does not escape by itself.

use crate::helpers::{Page, TestApp, coach, link_in, spawn_app};

/// Closes `<title>` and `<textarea>`, then adds an element and a redirect to another site. 96
/// characters, so that it fits every field (names allow 100).
const MARKUP: &str = "Lee</title></textarea><h1 id=injected>x</h1><meta http-equiv=refresh content=9;url=//e.example>";

/// The page shows `MARKUP` as text at least once, and nowhere as markup.
#[track_caller]
fn assert_inert(page: &Page, what: &str) {
    for injected in [
        "<h1 id=injected",
        "<h1 id=\"injected\"",
        "<meta http-equiv=refresh",
    ] {
        assert!(
            !page.html.contains(injected),
            "{what}: {injected} became markup"
        );
    }
    assert!(
        page.html
            .contains("&lt;/title&gt;&lt;/textarea&gt;&lt;h1 id=injected&gt;"),
        "{what}: the typed text is not shown"
    );
    assert!(
        !page.html.contains("&amp;lt;"),
        "{what}: escaped twice, so people would see entities"
    );
}

async fn page_as(app: &TestApp, session: Option<&str>, path: &str) -> Page {
    let page = Page::from(app.get_as(session, path).await).await;
    assert_eq!(page.status, 200, "{path}");
    page
}

fn long(text: &str) -> String {
    format!("{text} And a few more words, so that this is long enough for the form to take it.")
}

fn ask_answers(submission_id: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("submission_id", submission_id.to_string()),
        ("leader_name", MARKUP.into()),
        ("email", email.into()),
        ("phone", "".into()),
        ("role", MARKUP.into()),
        ("organisation_name", MARKUP.into()),
        ("organisation_type", "registered-charity".into()),
        ("registration_number", "".into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "90k".into()),
        ("region", "wales".into()),
        ("postcode", "CF10 1EP".into()),
        ("under_represented_communities", "no".into()),
        ("goals", long(MARKUP)),
        ("funding_route", "bursary".into()),
        ("leadership_support_before", "no".into()),
        ("alternative_1", "".into()),
        ("alternative_2", "".into()),
        ("consent", "yes".into()),
        ("website", "".into()),
    ]
}

fn borrowed<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A leader asks Amara with markup in every free-text answer: its reference.
async fn ask_with_markup(app: &TestApp, email: &str) -> String {
    let answers = ask_answers(&uuid::Uuid::new_v4().to_string(), email);
    let sent = app
        .post_form("/coaches/amara-okafor/ask", &borrowed(&answers))
        .await;
    assert_eq!(sent.status().as_u16(), 303, "the request was stored");
    sqlx::query_scalar("SELECT reference FROM expressions_of_interest WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .expect("stored")
}

#[tokio::test]
async fn markup_a_leader_types_stays_text_on_every_page_it_reaches() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let coach_session = app.session_for(amara).await;
    let staff = app.staff_session().await;

    // The form sent back with a problem shows every answer again, the goals in a textarea.
    let mut incomplete = ask_answers(&uuid::Uuid::new_v4().to_string(), "");
    incomplete.retain(|(k, _)| *k != "consent");
    let again = Page::from(
        app.post_form("/coaches/amara-okafor/ask", &borrowed(&incomplete))
            .await,
    )
    .await;
    assert_eq!(again.status, 422);
    assert_inert(&again, "the ask form sent back");

    let first = ask_with_markup(&app, "first@example.org").await;
    let second = ask_with_markup(&app, "second@example.org").await;

    assert_inert(&page_as(&app, Some(&coach_session), "/me").await, "/me");
    let request = format!("/me/requests/{first}");
    assert_inert(
        &page_as(&app, Some(&coach_session), &request).await,
        "a request",
    );
    for path in ["/staff/requests", "/staff/bursaries", "/staff/outbox"] {
        assert_inert(&page_as(&app, Some(&staff), path).await, path);
    }

    // Accepting, with markup in the message: the engagement page is titled with the leader's name.
    let accepted = app
        .post_form_as(
            Some(&coach_session),
            &request,
            &[("decision", "accept"), ("message", MARKUP)],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303);
    let engagement = accepted.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert_inert(
        &page_as(&app, Some(&coach_session), &engagement).await,
        "the engagement",
    );
    assert_inert(
        &page_as(&app, Some(&coach_session), &request).await,
        "the answer",
    );
    // The leader's questionnaire greets them by the name they typed.
    let questionnaire = link_in(
        &app.last_email_of_kind("first@example.org", "questionnaire")
            .await,
        "/questionnaires/",
    );
    assert_inert(
        &page_as(&app, None, &questionnaire).await,
        "the leader's questionnaire",
    );
    // The coach's, at the close: their own words sent back with a problem, in a textarea.
    let closed = app
        .post_form_as(
            Some(&coach_session),
            &engagement,
            &[("action", "close"), ("outcome", "completed")],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    let coachs = link_in(
        &app.last_email_of_kind("amara-okafor@example.org", "questionnaire")
            .await,
        "/questionnaires/",
    );
    let sent_back = Page::from(
        app.post_form(
            &coachs,
            &[
                ("part", "0"),
                ("action", "send"),
                ("coach-hours", "many"),
                ("coach-gains-own-words", MARKUP),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(sent_back.status, 422);
    assert_inert(&sent_back, "the coach's questionnaire sent back");

    // Declining, first with a reason too long (sent back in its textarea), then for real.
    let declining = format!("/me/requests/{second}");
    let too_long = format!("{MARKUP}{}", "x".repeat(2_000));
    let refused = Page::from(
        app.post_form_as(
            Some(&coach_session),
            &declining,
            &[("decision", "decline"), ("reason", &too_long)],
        )
        .await,
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_inert(&refused, "the decline form sent back");
    let declined = app
        .post_form_as(
            Some(&coach_session),
            &declining,
            &[("decision", "decline"), ("reason", MARKUP)],
        )
        .await;
    assert_eq!(declined.status().as_u16(), 303);
    assert_inert(
        &page_as(&app, Some(&coach_session), &declining).await,
        "the declined request",
    );
    assert_inert(
        &page_as(&app, Some(&staff), "/staff/outbox").await,
        "the emails",
    );
}

#[tokio::test]
async fn markup_a_coach_or_staff_types_stays_text_on_every_page_it_reaches() {
    let app = spawn_app().await;
    let coach_session = app.new_coach_session("nia@example.org").await;
    let staff = app.staff_session().await;
    let bio = long(MARKUP);
    let mut profile = vec![
        ("name", MARKUP),
        ("role", MARKUP),
        ("organisation", MARKUP),
        ("region", "wales"),
        ("postcode_area", "SA"),
        ("bio", bio.as_str()),
        ("how_i_coach", bio.as_str()),
        ("languages", "english"),
        ("formats", "video"),
    ];

    // Without a theme the form comes back, every field as typed.
    let again = Page::from(
        app.post_form_as(Some(&coach_session), "/me/profile", &profile)
            .await,
    )
    .await;
    assert_eq!(again.status, 422);
    assert_inert(&again, "the profile form sent back");

    profile.push(("themes", "leading-through-change"));
    let saved = app
        .post_form_as(Some(&coach_session), "/me/profile", &profile)
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    assert_inert(
        &page_as(&app, Some(&staff), "/staff/moderation").await,
        "the moderation queue",
    );
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("the profile");
    let moderate = format!("/staff/moderation/{id}");
    app.record_training(id).await;

    // A reason sent back with the form (no decision chosen) comes back in its textarea.
    let undecided = Page::from(
        app.post_form_as(
            Some(&staff),
            &moderate,
            &[
                ("decision", ""),
                ("reason", MARKUP),
                ("coach", &id.to_string()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(undecided.status, 422);
    assert_inert(&undecided, "the moderation form sent back");

    let sent_back = app
        .post_form_as(
            Some(&staff),
            &moderate,
            &[("decision", "reject"), ("reason", MARKUP)],
        )
        .await;
    assert_eq!(sent_back.status().as_u16(), 303);
    assert_inert(
        &page_as(&app, Some(&coach_session), "/me").await,
        "the reason",
    );
    assert_inert(
        &page_as(&app, Some(&coach_session), "/me/profile").await,
        "the profile form",
    );

    let resent = app
        .post_form_as(Some(&coach_session), "/me/profile", &profile)
        .await;
    assert_eq!(resent.status().as_u16(), 303);
    let approved = app
        .post_form_as(Some(&staff), &moderate, &[("decision", "approve")])
        .await;
    assert_eq!(approved.status().as_u16(), 303);
    let slug: String = sqlx::query_scalar("SELECT slug FROM coaches")
        .fetch_one(&app.pool)
        .await
        .expect("published");
    for path in [
        format!("/coaches/{slug}"),
        format!("/coaches/{slug}/ask"),
        "/coaches".to_string(),
    ] {
        assert_inert(&page_as(&app, None, &path).await, &path);
    }

    let invited = app
        .post_form_as(
            Some(&staff),
            "/staff/invite",
            &[("name", MARKUP), ("email", "new@example.org")],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    for path in ["/staff/coaches", "/staff/outbox", "/staff/audit"] {
        assert_inert(&page_as(&app, Some(&staff), path).await, path);
    }
}

#[tokio::test]
async fn markup_in_a_withdrawal_reason_or_a_bank_holiday_name_stays_text() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    ask_with_markup(&app, "jo@example.org").await;
    let leader_page = link_in(&app.last_email_to("jo@example.org").await, "/requests/");

    let too_long = format!("{MARKUP}{}", "x".repeat(2_000));
    let refused = Page::from(
        app.post_form(
            &leader_page,
            &[("action", "withdraw"), ("reason", &too_long)],
        )
        .await,
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_inert(&refused, "the withdrawal sent back");
    let withdrawn = app
        .post_form(&leader_page, &[("action", "withdraw"), ("reason", MARKUP)])
        .await;
    assert_eq!(withdrawn.status().as_u16(), 303);
    assert_inert(
        &page_as(&app, None, &leader_page).await,
        "the leader's page",
    );

    let staff = app.staff_session().await;
    let undated = Page::from(
        app.post_form_as(
            Some(&staff),
            "/staff/bank-holidays",
            &[
                ("action", "add"),
                ("on_date", ""),
                ("nation", "scotland"),
                ("name", MARKUP),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(undated.status, 422);
    assert!(undated.html.contains("Enter the date of the bank holiday"));
    assert!(!undated.html.contains("<h1 id=injected"));
    let added = app
        .post_form_as(
            Some(&staff),
            "/staff/bank-holidays",
            &[
                ("action", "add"),
                ("on_date", "2028-06-14"),
                ("nation", "scotland"),
                ("name", MARKUP),
            ],
        )
        .await;
    assert_eq!(added.status().as_u16(), 303);
    for path in ["/staff/bank-holidays", "/staff/audit"] {
        assert_inert(&page_as(&app, Some(&staff), path).await, path);
    }
}

#[tokio::test]
async fn markup_on_the_people_page_and_in_an_erasure_reason_stays_text() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    ask_with_markup(&app, "jo@example.org").await;
    let staff = app.staff_session().await;
    let found = page_as(&app, Some(&staff), "/staff/people?email=jo%40example.org").await;
    assert_inert(&found, "what staff find about a leader");
    // Sent back for the missing box: the reason comes back in its textarea.
    let refused = Page::from(
        app.post_form_as(
            Some(&staff),
            "/staff/people",
            &[("email", "jo@example.org"), ("reason", MARKUP)],
        )
        .await,
    )
    .await;
    assert_inert(&refused, "the erase form sent back");
    let erased = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "jo@example.org"),
                ("reason", MARKUP),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    assert_inert(
        &page_as(&app, Some(&staff), "/staff/audit").await,
        "/staff/audit",
    );
}

#[tokio::test]
async fn markup_in_an_accounts_name_stays_text() {
    let app = spawn_app().await;
    let staff = app.staff_session().await;
    let saved = app
        .post_form_as(Some(&staff), "/account", &[("name", MARKUP)])
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    assert_inert(&page_as(&app, Some(&staff), "/account").await, "/account");
}

#[tokio::test]
async fn markup_in_a_staff_members_name_stays_text_on_the_team_page_and_its_messages() {
    let app = spawn_app().await;
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    let invited = app
        .post_form_as(
            Some(&session),
            "/staff/team",
            &[
                ("name", MARKUP),
                ("email", "new@example.org"),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    for path in ["/staff/team", "/staff/outbox", "/staff/audit"] {
        assert_inert(&page_as(&app, Some(&session), path).await, path);
    }
    // The name comes back in the message said once a change is made.
    let member: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'new@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("invited");
    let changed = app
        .post_form_as(
            Some(&session),
            &format!("/staff/team/{member}"),
            &[("change", "make-admin")],
        )
        .await;
    let location = changed.headers()["location"]
        .to_str()
        .expect("a location")
        .to_string();
    assert_inert(&page_as(&app, Some(&session), &location).await, &location);
    // Sent again with markup in the field that failed, it comes back as text.
    let again = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/team",
            &[("name", MARKUP), ("email", MARKUP), ("role", MARKUP)],
        )
        .await,
    )
    .await;
    assert_eq!(again.status, 422);
    assert_inert(&again, "/staff/team sent again");
}

#[tokio::test]
async fn markup_typed_as_a_setting_comes_back_as_text_in_its_field() {
    let app = spawn_app().await;
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    for setting in ["fee_pence", "answer_working_days"] {
        let path = format!("/staff/settings/{setting}");
        let refused = Page::from(
            app.post_form_as(
                Some(&session),
                &path,
                &[("value", MARKUP), ("effective_from", MARKUP)],
            )
            .await,
        )
        .await;
        assert_eq!(refused.status, 422);
        assert_inert(&refused, &path);
    }
}

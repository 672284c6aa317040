//! A leader's own page for their request, reached by the private link in their
//! acknowledgement email: where it stands, withdrawing it, correcting contact details, asking
//! another coach; and the contact details each side gets only once the coach accepts.

use crate::helpers::{Page, TestApp, coach, link_in, spawn_app};
use chrono::Duration;

/// A leader's answers to the ask form, naming Bethan as another coach they would accept.
pub(crate) fn answers(submission_id: &str) -> Vec<(&'static str, String)> {
    vec![
        ("submission_id", submission_id.to_string()),
        ("leader_name", "Jo Bloggs".into()),
        ("email", "jo@example.org".into()),
        ("phone", "07700 900111".into()),
        ("role", "Director".into()),
        ("organisation_name", "Hollowmere Carers".into()),
        ("organisation_type", "registered-charity".into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "90k".into()),
        ("region", "london".into()),
        ("postcode", "E1 6AN".into()),
        ("under_represented_communities", "no".into()),
        (
            "goals",
            "I would like to think about our strategy for next year.".into(),
        ),
        ("funding_route", "organisation".into()),
        ("leadership_support_before", "yes".into()),
        ("alternative_1", "bethan-pritchard".into()),
        ("consent", "yes".into()),
    ]
}

pub(crate) fn borrowed<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Jo asks Amara; the path of Jo's own page, from the acknowledgement email.
async fn asked(app: &TestApp) -> String {
    let sent = app
        .post_form(
            "/coaches/amara-okafor/ask",
            &borrowed(&answers(&uuid::Uuid::new_v4().to_string())),
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    link_in(&app.last_email_to("jo@example.org").await, "/requests/")
}

async fn app_with_coaches() -> TestApp {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    app
}

/// The `data-status` of the leader's page.
fn status(page: &Page) -> String {
    page.tag_with(r#"data-testid="leader-request-status""#)
        .and_then(|tag| tag.split(r#"data-status=""#).nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

async fn amara_session(app: &TestApp) -> String {
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    app.session_for(amara).await
}

/// Amara, signed in, declines Jo's request with `reason`.
async fn amara_declines(app: &TestApp, reason: &str) {
    let session = amara_session(app).await;
    let declined = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{}", reference(app, "amara-okafor").await),
            &[("decision", "decline"), ("reason", reason)],
        )
        .await;
    assert_eq!(declined.status().as_u16(), 303);
}

async fn reference(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar(
        "SELECT e.reference FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
         WHERE c.slug = $1",
    )
    .bind(slug)
    .fetch_one(&app.pool)
    .await
    .expect("a request")
}

#[tokio::test]
async fn the_acknowledgement_links_to_the_leaders_own_page() {
    let app = app_with_coaches().await;

    let page_path = asked(&app).await;
    let page = app.get_page(&page_path).await;

    assert_eq!(page.status, 200);
    assert_eq!(status(&page), "waiting");
    assert!(page.html.contains("Amara Okafor"));
    assert!(page.html.contains(&reference(&app, "amara-okafor").await));
    let token = page_path.trim_start_matches("/requests/");
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM leader_requests WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
    )
    .bind(token)
    .fetch_one(&app.pool)
    .await
    .expect("a count");
    assert_eq!(stored, 1, "stored as its hash");
}

#[tokio::test]
async fn a_link_that_is_unknown_or_long_ended_opens_nothing() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;
    assert_eq!(app.get_page("/requests/made-up").await.status, 404);

    let withdrawn = app
        .post_form(&page_path, &[("action", "withdraw"), ("reason", "")])
        .await;
    assert_eq!(withdrawn.status().as_u16(), 303);
    app.clock.advance(Duration::days(89));
    assert_eq!(app.get_page(&page_path).await.status, 200, "89 days after");
    app.clock.advance(Duration::days(2));
    assert_eq!(app.get_page(&page_path).await.status, 404, "91 days after");
}

#[tokio::test]
async fn a_leader_withdraws_and_the_coach_is_told() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;

    let withdrawn = app
        .post_form(
            &page_path,
            &[
                ("action", "withdraw"),
                ("reason", "I found support closer to home."),
            ],
        )
        .await;

    assert_eq!(withdrawn.status().as_u16(), 303);
    assert_eq!(
        withdrawn.headers()["location"],
        format!("{page_path}?done=withdrawn").as_str()
    );
    let page = app.get_page(&page_path).await;
    assert_eq!(status(&page), "withdrawn");
    assert!(page.html.contains("I found support closer to home."));
    let told = app.last_email_to("amara-okafor@example.org").await;
    assert!(
        told.contains("Jo Bloggs has withdrawn their request"),
        "{told}"
    );
    assert!(
        !told.contains("closer to home"),
        "the reason stays with the request"
    );
    let again = app.post_form(&page_path, &[("action", "withdraw")]).await;
    assert_eq!(again.status().as_u16(), 409, "nothing left to withdraw");
}

#[tokio::test]
async fn the_leader_corrects_their_details() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;

    let wrong = Page::from(
        app.post_form(
            &page_path,
            &[
                ("action", "contact"),
                ("leader_name", "Jo Bloggs"),
                ("role", ""),
                ("organisation_name", "Hollowmere Carers"),
                ("email", "jo@"),
                ("phone", "12"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .html
            .contains("Enter an email address in the correct format")
    );
    assert!(wrong.html.contains("Enter a UK phone number"));
    assert!(wrong.html.contains("Enter your role"));
    assert!(
        wrong.html.contains(r#"value="jo@""#),
        "what was typed is kept"
    );

    let right = app
        .post_form(
            &page_path,
            &[
                ("action", "contact"),
                ("leader_name", "Jo Bloggs-Rees"),
                ("role", "Director"),
                ("organisation_name", "Hollowmere Carers Network"),
                ("email", "jo.bloggs@example.org"),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(right.status().as_u16(), 303);
    let stored: (String, String, String, String, Option<String>) = sqlx::query_as(
        "SELECT leader_name, role, organisation_name, email, phone FROM expressions_of_interest",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the request");
    assert_eq!(
        stored,
        (
            "Jo Bloggs-Rees".into(),
            "Director".into(),
            "Hollowmere Carers Network".into(),
            "jo.bloggs@example.org".into(),
            None
        )
    );
}

#[tokio::test]
async fn each_side_gets_the_others_contact_details_only_when_the_coach_accepts() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;
    let session = amara_session(&app).await;
    let request = format!("/me/requests/{}", reference(&app, "amara-okafor").await);

    let before = Page::from(app.get_as(Some(&session), &request).await).await;
    assert!(
        !before.html.contains("jo@example.org"),
        "no email before accepting"
    );
    assert!(!before.html.contains("900111"), "no phone before accepting");
    assert!(
        !before.html.contains("E1 6AN"),
        "no full postcode before accepting"
    );
    assert!(before.html.contains("London, E1"), "the postcode's area");
    assert!(
        !app.get_page(&page_path)
            .await
            .html
            .contains("amara-okafor@example.org")
    );

    let accepted = app
        .post_form_as(
            Some(&session),
            &request,
            &[("decision", "accept"), ("message", "Glad to.")],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303);

    let after = Page::from(app.get_as(Some(&session), &request).await).await;
    assert!(after.html.contains("jo@example.org"));
    assert!(after.html.contains("E1 6AN"));
    let to_leader = app
        .last_email_of_kind("jo@example.org", "request_accepted")
        .await;
    assert!(
        to_leader.contains("Email: amara-okafor@example.org"),
        "{to_leader}"
    );
    let to_coach = app.last_email_to("amara-okafor@example.org").await;
    assert!(to_coach.contains("Email: jo@example.org"), "{to_coach}");
    assert!(to_coach.contains("Phone: 07700900111"), "{to_coach}");
    let page = app.get_page(&page_path).await;
    assert_eq!(status(&page), "accepted");
    assert!(page.html.contains(r#"data-testid="coach-contact""#));
    assert!(page.html.contains("amara-okafor@example.org"));
}

#[tokio::test]
async fn after_a_decline_the_leader_asks_another_coach_with_their_answers_filled_in() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;
    let token = page_path.trim_start_matches("/requests/").to_string();
    amara_declines(&app, "I am full until spring.").await;
    let page = app.get_page(&page_path).await;
    assert_eq!(status(&page), "declined");
    let ask_bethan = format!("/coaches/bethan-pritchard/ask?from={token}");
    assert!(
        page.html.contains(&ask_bethan),
        "the coach they named is offered"
    );

    let form = app.get_page(&ask_bethan).await;
    assert!(
        form.html.contains(r#"value="Jo Bloggs""#),
        "answers filled in"
    );
    assert!(form.html.contains("think about our strategy"));
    assert!(
        form.html
            .contains(&format!(r#"name="from" value="{token}""#))
    );
    let mut again = answers(&uuid::Uuid::new_v4().to_string());
    again.retain(|(k, _)| *k != "alternative_1");
    again.push(("from", token.clone()));
    let sent = app
        .post_form("/coaches/bethan-pritchard/ask", &borrowed(&again))
        .await;
    assert_eq!(sent.status().as_u16(), 303);

    let page = app.get_page(&page_path).await;
    assert_eq!(status(&page), "waiting");
    assert_eq!(page.html.matches(r#"data-testid="leader-ask""#).count(), 2);
    assert!(page.html.contains("Bethan Pritchard"));
    // While Bethan considers it, the request cannot go to a third coach from the same page.
    let third = Page::from(
        app.post_form(
            "/coaches/amara-okafor/ask",
            &borrowed(&{
                let mut third = answers(&uuid::Uuid::new_v4().to_string());
                third.push(("from", token.clone()));
                third
            }),
        )
        .await,
    )
    .await;
    assert_eq!(third.status, 422);
    assert!(
        third
            .html
            .contains("does not let you ask another coach now")
    );
}

/// Asking another coach after the request ended starts it again: its link lasts until 90 days
/// after it next ends, and the earlier coach's deadline is still shown.
#[tokio::test]
async fn asking_again_keeps_the_link_working_while_the_new_coach_considers_it() {
    let app = app_with_coaches().await;
    let page_path = asked(&app).await;
    let token = page_path.trim_start_matches("/requests/").to_string();
    amara_declines(&app, "I am full.").await;
    let page = app.get_page(&page_path).await;
    assert!(
        page.html.contains("(the answer was due by "),
        "the past deadline"
    );

    app.clock.advance(Duration::days(80));
    let mut again = answers(&uuid::Uuid::new_v4().to_string());
    again.retain(|(k, _)| *k != "alternative_1");
    again.push(("from", token));
    let sent = app
        .post_form("/coaches/bethan-pritchard/ask", &borrowed(&again))
        .await;
    assert_eq!(sent.status().as_u16(), 303);

    app.clock.advance(Duration::days(20));
    let page = app.get_page(&page_path).await;
    assert_eq!(
        page.status, 200,
        "100 days after the first end, but under way again"
    );
    assert_eq!(status(&page), "waiting");
}

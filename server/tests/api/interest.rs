//! Expressions of interest, on a real database: validation, the rules, the transaction, the
//! duplicate guard, and the ways bad traffic is kept out.

use crate::helpers::{Page, TestApp, coach, spawn_app, spawn_app_with, test_settings};
use app::coaches::demo::NewCoach;
use app::vocabulary::Theme;
use server::configuration::Settings;

const ASK: &str = "/coaches/amara-okafor/ask";

fn submission_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) type Answers = Vec<(String, String)>;

/// A complete, valid request with a fresh submission id.
pub(crate) fn answers() -> Answers {
    [
        ("submission_id", submission_id()),
        ("leader_name", "Jo Bloggs".into()),
        ("email", "jo@example.org".into()),
        ("phone", "".into()),
        ("role", "Chief executive".into()),
        ("organisation_name", "Hollowmere Carers Network".into()),
        ("organisation_type", "registered-charity".into()),
        ("registration_number", "1123456".into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "£120,000".into()),
        ("region", "south-east".into()),
        ("postcode", "bn1 1aa".into()),
        ("under_represented_communities", "no".into()),
        ("communities", "carers".into()),
        ("communities", "older-people".into()),
        (
            "goals",
            "I want to plan the next three years with my board.".into(),
        ),
        ("funding_route", "bursary".into()),
        ("leadership_support_before", "yes".into()),
        ("alternative_1", "bethan-pritchard".into()),
        ("alternative_2", "".into()),
        ("consent", "yes".into()),
        ("website", "".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

pub(crate) fn with(mut answers: Answers, field: &str, value: &str) -> Answers {
    answers.retain(|(k, _)| k != field);
    answers.push((field.to_string(), value.to_string()));
    answers
}

fn pairs(answers: &Answers) -> Vec<(&str, &str)> {
    answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

pub(crate) async fn ask(app: &TestApp, answers: &Answers) -> reqwest::Response {
    app.post_form(ASK, &pairs(answers)).await
}

async fn app_with_coaches() -> TestApp {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Amara Okafor"),
        coach("Bethan Pritchard"),
        coach("Callum MacLeod"),
    ])
    .await;
    app
}

async fn stored_requests(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM expressions_of_interest")
        .fetch_one(&app.pool)
        .await
        .expect("a count")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string()
}

#[tokio::test]
async fn references_keep_every_digit_past_a_million() {
    let app = app_with_coaches().await;
    sqlx::query("SELECT setval('expression_of_interest_number', 999999)")
        .execute(&app.pool)
        .await
        .expect("sequence moved on");

    let first = crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "one@example.org",
        "organisation",
        "90k",
    )
    .await;
    let second = crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "two@example.org",
        "organisation",
        "90k",
    )
    .await;

    assert!(first.ends_with("-1000000"), "{first}");
    assert!(second.ends_with("-1000001"), "{second}");
    assert_eq!(stored_requests(&app).await, 2);
}

#[tokio::test]
async fn a_valid_request_is_stored_and_the_leader_gets_a_reference() {
    let app = app_with_coaches().await;

    let response = ask(&app, &answers()).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/coaches/amara-okafor/ask/sent");
    let confirmation = app.get_page(&location(&response)).await;
    assert!(confirmation.html.contains("Request sent"));
    let acknowledgement = app.last_email_to("jo@example.org").await;
    let reference = acknowledgement
        .split("Your reference is ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .expect("the leader is emailed the reference")
        .to_string();
    assert!(
        reference.starts_with("CL-20") && reference.len() == "CL-2026-000001".len(),
        "{reference}"
    );
    assert!(acknowledgement.contains("You asked for a bursary"));

    #[derive(sqlx::FromRow, Debug)]
    struct Row {
        reference: String,
        status: String,
        leader_name: String,
        email: String,
        organisation_type: String,
        registration_number: Option<String>,
        annual_income_pence: i64,
        postcode: String,
        communities_served: Vec<String>,
        communities_served_sealed: Option<Vec<u8>>,
        funding_route: String,
        bursary_eligible: bool,
        coach: String,
        alternative: Option<String>,
    }
    let row: Row = sqlx::query_as(
        "SELECT e.reference, e.status, e.leader_name, e.email, e.organisation_type,
                e.registration_number, e.annual_income_pence, e.postcode, e.communities_served,
                e.communities_served_sealed, e.funding_route, e.bursary_eligible, c.slug AS coach,
                (SELECT a.slug FROM expression_of_interest_alternatives x JOIN coaches a ON a.id = x.coach_id
                 WHERE x.expression_of_interest_id = e.id AND x.preference = 1) AS alternative
         FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("one stored request");
    assert_eq!(row.reference, reference);
    assert_eq!(row.status, "pending");
    assert_eq!(row.leader_name, "Jo Bloggs");
    assert_eq!(row.email, "jo@example.org");
    assert_eq!(row.organisation_type, "registered-charity");
    assert_eq!(row.registration_number.as_deref(), Some("1123456"));
    assert_eq!(row.annual_income_pence, 12_000_000);
    assert_eq!(row.postcode, "BN1 1AA");
    // Special-category data: sealed, never in the clear.
    assert!(row.communities_served.is_empty());
    let sealed = row.communities_served_sealed.expect("sealed");
    assert!(!String::from_utf8_lossy(&sealed).contains("carers"));
    assert_eq!(
        crate::helpers::test_data_keys().open(
            app::special_category::SealedField::CommunitiesServed,
            Some(&sealed)
        ),
        Ok(vec!["older-people".to_string(), "carers".to_string()]),
        "in the list's own order"
    );
    assert_eq!(row.funding_route, "bursary");
    assert!(row.bursary_eligible);
    assert_eq!(row.coach, "amara-okafor");
    assert_eq!(row.alternative.as_deref(), Some("bethan-pritchard"));

    assert_eq!(confirmation.status, 200);
    assert!(
        !confirmation.html.contains(&reference),
        "the page does not show a reference: whoever sent the form may not own the address"
    );
    assert!(confirmation.html.contains("What happens next"));
    assert!(confirmation.html.contains("Amara reads your request"));
}

#[tokio::test]
async fn every_field_is_checked_with_a_message_next_to_it_and_nothing_is_stored() {
    let app = app_with_coaches().await;
    for (field, value, message) in [
        ("leader_name", "  ", "Enter your name"),
        (
            "email",
            "jo-at-example",
            "Enter an email address in the correct format",
        ),
        ("phone", "12345", "Enter a UK phone number"),
        ("role", "", "Enter your role"),
        (
            "organisation_name",
            "",
            "Enter your organisation&#x27;s name",
        ),
        (
            "organisation_type",
            "plc",
            "Choose the type of organisation",
        ),
        (
            "registration_number",
            "ABC",
            "Enter a charity number like 1123456",
        ),
        (
            "health_and_wellbeing",
            "",
            "Say whether your organisation works in health and wellbeing",
        ),
        ("annual_income", "lots", "Enter annual income as an amount"),
        (
            "region",
            "atlantis",
            "Choose your organisation&#x27;s region",
        ),
        (
            "postcode",
            "XX1 1XX",
            "Enter a full UK postcode, like LS1 4AP",
        ),
        (
            "under_represented_communities",
            "",
            "Say whether your organisation works with ethnic-minority",
        ),
        (
            "goals",
            "Help!",
            "Tell the coach a little more: at least 20 characters",
        ),
        (
            "funding_route",
            "lottery",
            "Choose how your coaching will be paid for",
        ),
        (
            "leadership_support_before",
            "",
            "Say whether you have had leadership development support before",
        ),
        (
            "alternative_1",
            "amara-okafor",
            "Choose a different coach from the one you are asking",
        ),
        (
            "alternative_1",
            "nobody-at-all",
            "Choose a coach from the list",
        ),
        (
            "consent",
            "",
            "Confirm that you have read the privacy notice",
        ),
    ] {
        let response = ask(&app, &with(answers(), field, value)).await;
        let page = Page::from(response).await;
        assert_eq!(page.status, 422, "{field}={value:?}");
        let html = page.html.replace('\'', "&#x27;");
        assert!(
            html.contains(message) || page.html.contains(message),
            "{field}={value:?}: {message}"
        );
        assert!(
            page.html.contains(&format!(r#"id="{field}-error""#)),
            "{field}: message by the field"
        );
        assert!(
            page.html.contains("There is a problem"),
            "{field}: the summary"
        );
        // What was typed elsewhere is kept.
        assert!(
            page.html.contains(r#"value="Jo Bloggs""#) || field == "leader_name",
            "{field}"
        );
        assert!(
            page.html
                .contains("I want to plan the next three years with my board.")
                || field == "goals",
            "{field}"
        );
    }
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn invalid_fields_are_marked_for_assistive_technology() {
    let app = app_with_coaches().await;

    let page = Page::from(ask(&app, &with(answers(), "email", "nope")).await).await;

    let input = page.tag_with(r#"name="email""#).expect("the email field");
    assert!(input.contains(r#"value="nope""#), "{input}");
    assert!(input.contains(r#"aria-invalid="true""#), "{input}");
    assert!(
        input.contains(r#"aria-describedby="email-hint email-error""#),
        "{input}"
    );
    assert!(
        page.html
            .contains(r##"<a href="#email">Enter an email address in the correct format"##)
    );
}

#[tokio::test]
async fn goals_must_be_between_20_and_2000_characters() {
    let app = app_with_coaches().await;

    let long = "x".repeat(2_001);
    let page = Page::from(ask(&app, &with(answers(), "goals", &long)).await).await;

    assert_eq!(page.status, 422);
    assert!(
        page.html
            .contains("Keep this to 2000 characters or fewer: you have written 2001")
    );
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn an_ineligible_organisation_is_refused_with_the_reason() {
    let app = app_with_coaches().await;

    let too_big = with(
        with(answers(), "annual_income", "£500,000"),
        "funding_route",
        "organisation",
    );
    let page = Page::from(ask(&app, &too_big).await).await;
    assert_eq!(page.status, 422);
    assert!(page.html.contains(
        "Cascade is for organisations with an annual income under £500,000: you entered £500,000"
    ));

    let outside = with(answers(), "health_and_wellbeing", "no");
    let page = Page::from(ask(&app, &outside).await).await;
    assert!(
        page.html
            .contains("Cascade is for organisations working in health and wellbeing")
    );

    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn a_bursary_the_rules_do_not_allow_gets_a_clear_message_and_the_other_routes() {
    let app = app_with_coaches().await;

    let page = Page::from(ask(&app, &with(answers(), "annual_income", "£150,000")).await).await;

    assert_eq!(page.status, 422);
    assert!(
        page.html
            .contains("Your answers do not meet the bursary criteria")
    );
    assert!(page.html.contains("Choose your organisation or a funder"));
    assert_eq!(stored_requests(&app).await, 0);

    let paying = with(
        with(answers(), "annual_income", "£150,000"),
        "funding_route",
        "funder",
    );
    assert_eq!(ask(&app, &paying).await.status().as_u16(), 303);
    let bursary_eligible: bool =
        sqlx::query_scalar("SELECT bursary_eligible FROM expressions_of_interest")
            .fetch_one(&app.pool)
            .await
            .expect("stored");
    assert!(!bursary_eligible);
}

#[tokio::test]
async fn a_coach_who_stopped_accepting_meanwhile_is_refused_with_similar_coaches() {
    let app = app_with_coaches().await;
    let form = app.get_page(ASK).await;
    assert!(form.html.contains("Send request"));
    sqlx::query("UPDATE coaches SET accepting_new_leaders = false WHERE slug = 'amara-okafor'")
        .execute(&app.pool)
        .await
        .expect("the coach stops accepting");

    let page = Page::from(ask(&app, &answers()).await).await;

    assert_eq!(page.status, 409);
    assert!(page.html.contains("Amara is not accepting new leaders now"));
    assert!(page.html.contains("Your request was not sent"));
    assert!(
        page.html
            .contains("Similar coaches accepting new leaders now")
    );
    assert_eq!(page.card_slugs().len(), 2);
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn the_same_form_sent_twice_stores_one_request() {
    let app = app_with_coaches().await;
    let answers = answers();

    let first = ask(&app, &answers).await;
    let second = ask(&app, &answers).await;

    assert_eq!(first.status().as_u16(), 303);
    assert_eq!(second.status().as_u16(), 303);
    assert_eq!(location(&first), location(&second));
    assert_eq!(stored_requests(&app).await, 1);
    let emails: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = 'jo@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("a count");
    assert_eq!(emails, 1, "one acknowledgement");
}

#[tokio::test]
async fn a_double_click_racing_itself_stores_one_request() {
    let app = app_with_coaches().await;
    let answers = answers();

    let (first, second) = tokio::join!(ask(&app, &answers), ask(&app, &answers));

    assert_eq!(first.status().as_u16(), 303);
    assert_eq!(second.status().as_u16(), 303);
    assert_eq!(stored_requests(&app).await, 1);
}

#[tokio::test]
async fn going_back_and_sending_a_fresh_copy_of_the_form_stores_one_request() {
    let app = app_with_coaches().await;

    let first = ask(&app, &answers()).await;
    // A reloaded form carries a new submission id; same leader, same coach.
    let second = ask(&app, &with(answers(), "leader_name", "Someone Else")).await;

    assert_eq!(stored_requests(&app).await, 1);
    // Whoever sent the second may not be the first's owner: they see the same confirmation,
    // and the address's holder is told by email, by the name on the first request.
    assert_eq!(location(&first), location(&second));
    let told = app.last_email_to("jo@example.org").await;
    assert!(told.starts_with("Dear Jo Bloggs,"), "{told}");
    assert!(told.contains("You already have a request waiting for Amara Okafor's answer"));
    assert!(!told.contains("Someone Else"));
    // Another coach is another request.
    let other = app
        .post_form(
            "/coaches/callum-macleod/ask",
            &pairs(&with(answers(), "alternative_1", "")),
        )
        .await;
    assert_eq!(other.status().as_u16(), 303);
    assert_eq!(stored_requests(&app).await, 2);
}

#[tokio::test]
async fn nothing_partial_is_stored_when_the_transaction_fails() {
    let app = app_with_coaches().await;
    // Break the schema on purpose: the alternatives can no longer be stored, after the
    // request itself has been inserted.
    sqlx::query("DROP TABLE expression_of_interest_alternatives")
        .execute(&app.pool)
        .await
        .expect("drop");

    let page = Page::from(ask(&app, &answers()).await).await;

    assert_eq!(page.status, 500);
    assert!(page.html.contains("Something went wrong on our side"));
    assert!(
        !page.html.contains("expression_of_interest_alternatives"),
        "no SQL reaches the browser"
    );
    let reference = page.headers["x-request-id"].to_str().expect("ascii");
    assert!(
        page.html.contains(reference),
        "the person sees the request id to quote"
    );
    assert!(
        page.html.contains("I want to plan the next three years"),
        "nothing typed is lost"
    );
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn bots_that_fill_in_the_hidden_field_are_refused() {
    let app = app_with_coaches().await;

    let page =
        Page::from(ask(&app, &with(answers(), "website", "http://spam.example")).await).await;

    assert_eq!(page.status, 400);
    assert!(page.html.contains("Your request looked automated"));
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn each_address_may_send_only_so_many_requests() {
    let settings = Settings {
        requests_per_address: 10,
        ..test_settings()
    };
    let app = spawn_app_with(settings).await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let invalid = with(answers(), "email", "");
    for _ in 0..10 {
        assert_eq!(ask(&app, &invalid).await.status().as_u16(), 422);
    }

    let page = Page::from(ask(&app, &answers()).await).await;

    assert_eq!(page.status, 429);
    assert!(
        page.html
            .contains("Too many requests have come from your connection")
    );
    assert!(
        page.html.contains(r#"value="Jo Bloggs""#),
        "what was typed is kept"
    );
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn requests_from_other_sites_are_refused() {
    let app = app_with_coaches().await;
    let body = serde_urlencoded::to_string(pairs(&answers())).expect("encodable");

    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        // Neither header at all: not known to come from our pages.
        ("x-nothing", "x"),
    ] {
        let response = app
            .client
            .post(app.url(ASK))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(header, value)
            .body(body.clone())
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 403, "{header}: {value}");
    }
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn oversized_forms_and_unknown_coaches_are_refused() {
    let app = app_with_coaches().await;

    let huge = with(
        answers(),
        "goals",
        &"x".repeat(server::layers::BODY_LIMIT_BYTES),
    );
    assert_eq!(ask(&app, &huge).await.status().as_u16(), 413);

    let unknown = Page::from(
        app.post_form("/coaches/nobody/ask", &pairs(&answers()))
            .await,
    )
    .await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.html.contains("Coach not found"));

    sqlx::query("UPDATE coaches SET status = 'hidden' WHERE slug = 'amara-okafor'")
        .execute(&app.pool)
        .await
        .expect("hide");
    assert_eq!(ask(&app, &answers()).await.status().as_u16(), 404);
    assert_eq!(stored_requests(&app).await, 0);
}

#[tokio::test]
async fn a_coach_full_when_the_form_is_opened_offers_others_instead_of_the_form() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            capacity: 1,
            current_leaders: 1,
            ..coach("Amara Okafor")
        },
        coach("Bethan Pritchard"),
    ])
    .await;

    let page = app.get_page(ASK).await;

    assert_eq!(page.status, 200);
    assert!(!page.html.contains("Send request"));
    assert!(page.html.contains("Amara is not accepting new leaders now"));
    assert_eq!(page.card_slugs(), ["bethan-pritchard"]);
}

/// At national scale thousands of coaches may be accepting: the lists of others offer the 100
/// most like the coach asked (and say so), not every one of them.
#[tokio::test]
async fn with_more_than_a_hundred_coaches_accepting_the_lists_offer_the_most_alike() {
    let app = spawn_app().await;
    let mut coaches = vec![
        NewCoach {
            themes: vec![Theme::LeadingThroughChange],
            ..coach("Amara Okafor")
        },
        // Last by name, first by likeness.
        NewCoach {
            themes: vec![Theme::LeadingThroughChange],
            ..coach("Zara Alike")
        },
    ];
    for n in 0..105 {
        coaches.push(coach(&format!("Coach Number {n:03}")));
    }
    app.add_coaches(&coaches).await;

    let page = app.get_page("/coaches/amara-okafor/ask").await;

    assert_eq!(page.status, 200);
    assert_eq!(
        page.html.matches(r#"value="zara-alike""#).count(),
        2,
        "in both lists"
    );
    assert_eq!(
        page.html.matches(r#"value="coach-number-"#).count(),
        2 * 99,
        "the rest of the hundred, in both lists"
    );
    assert!(page.html.contains(
        "Of the 106 coaches accepting new leaders, the list holds the 100 most like Amara"
    ));
}

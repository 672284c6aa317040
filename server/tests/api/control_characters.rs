//! Control characters (NUL above all: PostgreSQL text cannot hold it) in any field of any form,
//! or any part of an address, get a message or are dropped: never a 500.

use crate::helpers::{Page, TestApp, ask_coach, coach, spawn_app};
use app::forms::CONTROL_CHARACTER_MESSAGE;

/// Posts `fields` to `path` once per field, with a NUL added to that field's value, and checks
/// that no answer is a server error.
async fn nul_in_each_field(
    app: &TestApp,
    session: Option<&str>,
    path: &str,
    fields: &[(&str, &str)],
) {
    for index in 0..fields.len() {
        let with_nul: Vec<(String, String)> = fields
            .iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let v = if i == index {
                    format!("{v}\0x")
                } else {
                    v.to_string()
                };
                (k.to_string(), v)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = with_nul
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let response = app.post_form_as(session, path, &pairs).await;
        let status = response.status().as_u16();
        assert!(
            status < 500,
            "{path}: a NUL in {} gave {status}",
            fields[index].0
        );
    }
}

#[tokio::test]
async fn nul_in_any_field_of_any_form_is_never_a_server_error() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let coach_session = app.session_for(amara).await;
    let staff = app.staff_session().await;
    let submission = uuid::Uuid::new_v4().to_string();

    nul_in_each_field(
        &app,
        None,
        "/coaches/amara-okafor/ask",
        &[
            ("submission_id", &submission),
            ("leader_name", "Jo Bloggs"),
            ("email", "jo@example.org"),
            ("phone", "07700 900123"),
            ("role", "Director"),
            ("organisation_name", "Hollowmere Carers"),
            ("organisation_type", "registered-charity"),
            ("registration_number", "1123456"),
            ("health_and_wellbeing", "yes"),
            ("annual_income", "90k"),
            ("region", "wales"),
            ("postcode", "CF10 1EP"),
            ("under_represented_communities", "no"),
            ("communities", "carers"),
            ("goals", "I would like to think about our strategy."),
            ("funding_route", "organisation"),
            ("leadership_support_before", "yes"),
            ("alternative_1", "bethan-pritchard"),
            ("alternative_2", ""),
            ("consent", "yes"),
            ("website", ""),
        ],
    )
    .await;
    nul_in_each_field(
        &app,
        None,
        "/coaches/amara\0okafor/ask",
        &[("leader_name", "Jo")],
    )
    .await;
    nul_in_each_field(
        &app,
        None,
        "/sign-in",
        &[
            ("email", "staff@example.org"),
            ("password", "x"),
            ("next", "/me"),
        ],
    )
    .await;
    nul_in_each_field(
        &app,
        None,
        "/account/forgot-password",
        &[("email", "staff@example.org")],
    )
    .await;
    for path in ["/account/welcome", "/account/reset-password"] {
        nul_in_each_field(
            &app,
            None,
            path,
            &[("token", "abc"), ("password", "a long enough passphrase")],
        )
        .await;
    }
    nul_in_each_field(
        &app,
        Some(&coach_session),
        "/me/profile",
        &[
            ("name", "Amara Okafor"),
            ("pronouns", "she/her"),
            ("role", "Director"),
            ("organisation", "Northgate Wellbeing Trust"),
            ("region", "london"),
            ("postcode_area", "E"),
            (
                "bio",
                "I have led a small charity for ten years, and coached for five.",
            ),
            (
                "how_i_coach",
                "I listen, ask questions, and we end each session with one next step.",
            ),
            ("themes", "leading-through-change"),
            ("languages", "english"),
            ("formats", "video"),
            ("phone", "07700 900123"),
        ],
    )
    .await;
    nul_in_each_field(
        &app,
        Some(&coach_session),
        "/me",
        &[
            ("accepting", "yes"),
            ("capacity", "3"),
            ("next_opening", ""),
        ],
    )
    .await;
    let reference = ask_coach(&app, "amara-okafor", "jo@example.org", "bursary", "90k").await;
    for (decision, text) in [("decline", "reason"), ("accept", "message")] {
        nul_in_each_field(
            &app,
            Some(&coach_session),
            &format!("/me/requests/{reference}"),
            &[("decision", decision), (text, "Thank you for asking.")],
        )
        .await;
    }
    nul_in_each_field(
        &app,
        Some(&coach_session),
        "/me/requests/CL-2026-00\u{0}001",
        &[("decision", "decline"), ("reason", "No.")],
    )
    .await;
    let id = app.coach_id("amara-okafor").await;
    nul_in_each_field(
        &app,
        Some(&staff),
        &format!("/staff/moderation/{id}"),
        &[
            ("decision", "reject"),
            ("reason", "Please say more about how you coach."),
            ("submitted", "2026-01-01T00:00:00Z"),
        ],
    )
    .await;
    nul_in_each_field(
        &app,
        Some(&staff),
        &format!("/staff/coaches/{id}"),
        &[("action", "hide")],
    )
    .await;
    nul_in_each_field(
        &app,
        Some(&staff),
        "/staff/invite",
        &[("name", "Nia Evans"), ("email", "nia@example.org")],
    )
    .await;
    nul_in_each_field(
        &app,
        Some(&staff),
        "/staff/bursaries",
        &[
            ("year", "2026"),
            ("action", "approve"),
            ("reference", &reference),
        ],
    )
    .await;
    nul_in_each_field(
        &app,
        Some(&staff),
        "/staff/bursaries",
        &[("year", "2026"), ("action", "places"), ("places", "5")],
    )
    .await;
}

#[tokio::test]
async fn what_people_type_with_a_control_character_gets_a_message_next_to_it() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;

    let page = Page::from(
        app.post_form(
            "/coaches/amara-okafor/ask",
            &[
                ("submission_id", &uuid::Uuid::new_v4().to_string()),
                ("leader_name", "Jo\0 Bloggs"),
                ("goals", "I would like \u{1b}[31mhelp with our strategy."),
            ],
        )
        .await,
    )
    .await;

    assert_eq!(page.status, 422);
    let messages = page.html.matches(CONTROL_CHARACTER_MESSAGE).count();
    // Each message shows next to its field and again in the summary at the top.
    assert_eq!(
        messages, 4,
        "one for the name and one for the goals, twice each"
    );
    let sign_in = Page::from(
        app.post_form(
            "/sign-in",
            &[("email", "staff@example.org\0"), ("password", "x")],
        )
        .await,
    )
    .await;
    assert_eq!(sign_in.status, 422);
    assert!(
        sign_in
            .html
            .contains("Enter an email address in the correct format")
    );
}

#[tokio::test]
async fn control_characters_in_addresses_are_never_a_server_error() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let coach_session = app.session_for(amara).await;
    let staff = app.staff_session().await;

    let search = app.get_page("/coaches?q=ama%00ra").await;
    assert_eq!(search.status, 200);
    assert_eq!(search.card_slugs(), ["amara-okafor"], "the NUL is dropped");
    for path in [
        "/coaches/amara%00okafor",
        "/coaches/amara%00okafor/ask",
        "/coaches/amara-okafor/ask/sent?reference=CL-2026-%00",
        "/account/welcome?token=a%00b",
        "/account/reset-password?token=a%00b",
    ] {
        let status = app.get_page(path).await.status;
        assert!(status < 500, "{path}: {status}");
    }
    assert_eq!(
        app.get_as(Some(&coach_session), "/me/requests/CL-2026-%00")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get_as(Some(&staff), "/staff/requests?coach=a%00b&status=%00")
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.get_as(Some(&staff), "/staff/bursaries?year=%00")
            .await
            .status()
            .as_u16(),
        200
    );
}

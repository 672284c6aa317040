//! The sentinel: a canary value in every personal field a person fills in, sent through the
//! real forms, must never reach the server's logs nor the pseudonymised exports; and the
//! special-category values must not be in the database in the clear.

use crate::helpers::{Page, captured_logs, coach, link_in, spawn_app};
use app::coaches::demo::NewCoach;

/// Each personal field's canary: valid for its field, and found nowhere else.
const LEADER: &[(&str, &str)] = &[
    ("leader_name", "Canarywyn Quillfeather"),
    ("email", "canarywyn.q@example.org"),
    ("phone", "07700 900917"),
    ("role", "Canaryrole Director"),
    ("organisation_name", "Canaryorg Wellbeing Trust"),
    ("registration_number", "7319468"),
    ("postcode", "ZE2 9QT"),
    (
        "goals",
        "Canarygoal: I want to think about the board and our funders.",
    ),
];
const WITHDRAWAL: &str = "Canaryreason: my circumstances changed.";
const DECLINE: &str = "Canarydecline: I am not the right coach for board matters.";
const INVITED: &[(&str, &str)] = &[
    ("name", "Canaryinvite Morwenna"),
    ("email", "canaryinvite@example.org"),
];
const ERASE_REASON: &str = "Canaryerase: asked by letter.";
const COACH_PROFILE: &[(&str, &str)] = &[
    ("name", "Canaryco Pendragon"),
    ("pronouns", "canary/they"),
    ("role", "Canarycoach Chief Officer"),
    ("organisation", "Canarycoach Community Hub"),
    (
        "bio",
        "Canarybio: I have led a small charity for many years, through thick and thin.",
    ),
    (
        "how_i_coach",
        "Canaryhow: I listen first and we finish every session with a step.",
    ),
    ("phone", "07700 900938"),
];
const SEND_BACK: &str = "Canarystaff: please say more about how you coach.";
/// Special-category values: slugs used nowhere else in this test's database.
const COMMUNITY: &str = "refugees-and-asylum-seekers";
const LIVED: &str = "seeking-asylum-or-refuge";

#[tokio::test]
async fn canaries_in_every_personal_field_never_reach_the_logs_the_exports_or_the_clear() {
    let Some(_) = captured_logs() else {
        panic!("run the sentinel without TEST_LOG: it reads the captured logs");
    };
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        capacity: 5,
        ..coach("Amara Okafor")
    }])
    .await;
    let staff = app.staff_session().await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let amara = app.session_for(amara).await;

    // A leader asks, with a canary in every field they type.
    let mut answers: Vec<(&str, String)> = vec![
        ("submission_id", uuid::Uuid::new_v4().to_string()),
        ("organisation_type", "registered-charity".into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "£60,000".into()),
        ("region", "scotland".into()),
        ("under_represented_communities", "yes".into()),
        ("communities", COMMUNITY.into()),
        ("funding_route", "organisation".into()),
        ("leadership_support_before", "no".into()),
        ("consent", "yes".into()),
    ];
    answers.extend(LEADER.iter().map(|(k, v)| (*k, v.to_string())));
    let pairs: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let asked = app.post_form("/coaches/amara-okafor/ask", &pairs).await;
    assert_eq!(asked.status().as_u16(), 303, "the request is sent");
    let email = app.last_email_to("canarywyn.q@example.org").await;
    let page = link_in(&email, "/requests/");
    assert_eq!(app.get_page(&page).await.status, 200);
    // The coach declines, with a reason; another leader asks and withdraws, with theirs.
    let reference: String = sqlx::query_scalar(
        "SELECT reference FROM expressions_of_interest WHERE email = 'canarywyn.q@example.org'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("stored");
    let declined = app
        .post_form_as(
            Some(&amara),
            &format!("/me/requests/{reference}"),
            &[("decision", "decline"), ("reason", DECLINE)],
        )
        .await;
    assert_eq!(declined.status().as_u16(), 303, "declined");
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "sam@example.org",
        "organisation",
        "90k",
    )
    .await;
    let page = link_in(&app.last_email_to("sam@example.org").await, "/requests/");
    let withdrawn = app
        .post_form(&page, &[("action", "withdraw"), ("reason", WITHDRAWAL)])
        .await;
    assert_eq!(withdrawn.status().as_u16(), 303);
    // Staff invite someone, and erase someone else at their request.
    let invited = app
        .post_form_as(Some(&staff), "/staff/invite", INVITED)
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    let erased = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "sam@example.org"),
                ("reason", ERASE_REASON),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(erased.status().as_u16(), 303);

    // A new coach writes a profile with a canary in every field, and lived experience; staff
    // send it back with a reason.
    let coach_session = app.new_coach_session("canaryco@example.org").await;
    let mut profile: Vec<(&str, &str)> = vec![
        ("region", "scotland"),
        ("postcode_area", "ze"),
        ("themes", "leading-through-change"),
        ("languages", "english"),
        ("formats", "video"),
        ("lived_experience", LIVED),
        ("lived_experience_consent", "yes"),
    ];
    profile.extend(COACH_PROFILE.iter().copied());
    let saved = app
        .post_form_as(Some(&coach_session), "/me/profile", &profile)
        .await;
    assert_eq!(saved.status().as_u16(), 303, "the profile is saved");
    let coach_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM coaches WHERE email = 'canaryco@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("the new profile");
    let sent_back = app
        .post_form_as(
            Some(&staff),
            &format!("/staff/moderation/{coach_id}"),
            &[("decision", "reject"), ("reason", SEND_BACK)],
        )
        .await;
    assert_eq!(sent_back.status().as_u16(), 303);

    // Staff look the leader up, and download every export.
    let looked_up = Page::from(
        app.get_as(
            Some(&staff),
            "/staff/people?email=canarywyn.q%40example.org",
        )
        .await,
    )
    .await;
    assert!(looked_up.html.contains(LEADER[0].1), "staff can find them");
    let mut exports = String::new();
    for slug in [
        "evaluation",
        "take-up-by-month",
        "funnel",
        "answers",
        "utilisation",
        "bursaries",
        "organisation-size",
        "regions",
        "funding-routes",
        "priority-groups",
        "outcomes",
        "coaches-questionnaires",
    ] {
        let response = app
            .get_as(Some(&staff), &format!("/staff/overview/{slug}.csv"))
            .await;
        assert_eq!(response.status().as_u16(), 200, "{slug}.csv");
        exports.push_str(&response.text().await.expect("a file"));
    }

    let canaries: Vec<&str> = LEADER
        .iter()
        .chain(COACH_PROFILE.iter())
        .map(|(_, v)| *v)
        .chain(INVITED.iter().map(|(_, v)| *v))
        .chain([WITHDRAWAL, SEND_BACK, DECLINE, ERASE_REASON])
        .collect();
    let logs = captured_logs().unwrap_or_default();
    assert!(!logs.is_empty(), "the logs were captured");
    for canary in &canaries {
        assert!(!logs.contains(canary), "{canary} is in the server's logs");
        assert!(
            !exports.contains(canary),
            "{canary} is in a pseudonymised export"
        );
    }
    // Postcodes reach the evaluator only as their area, and incomes only as a band.
    assert!(exports.contains("ZE"));

    // The special-category values are nowhere in the database in the clear.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .fetch_all(&app.pool)
    .await
    .expect("the tables");
    for table in tables {
        for slug in [COMMUNITY, LIVED] {
            let found: i64 = sqlx::query_scalar(&format!(
                "SELECT count(*) FROM \"{table}\" t WHERE to_jsonb(t)::text LIKE '%{slug}%'"
            ))
            .fetch_one(&app.pool)
            .await
            .expect("a count");
            assert_eq!(found, 0, "{slug} is in {table} in the clear");
        }
    }
}

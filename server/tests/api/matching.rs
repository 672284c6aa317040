//! Suggested coaches and conflicts of interest, on a real database: what a coach declares,
//! what a leader is suggested and why, the warning on the ask form, and the flag staff see.

use crate::helpers::{Page, TestApp, coach, count, spawn_app};
use app::coaches::demo::NewCoach;
use app::vocabulary::{Community, Language, Region, Theme};

async fn signed_in_as(app: &TestApp, slug: &str) -> String {
    let account = app
        .add_account(&format!("{slug}@accounts.example.org"), false, Some(slug))
        .await;
    app.session_for(account).await
}

async fn declare(app: &TestApp, session: &str, pairs: &[(&str, &str)]) -> Page {
    Page::from(
        app.post_form_as(Some(session), "/me/whom-you-coach", pairs)
            .await,
    )
    .await
}

fn suggested(page: &Page) -> Vec<String> {
    page.html
        .split(r#"data-testid="suggested-coach" data-slug=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_string))
        .collect()
}

async fn four_coaches(app: &TestApp) {
    app.add_coaches(&[
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            region: Region::Wales,
            postcode_area: "CF",
            languages: vec![Language::English, Language::Welsh],
            ..coach("Bethan Pritchard")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            region: Region::SouthWest,
            postcode_area: "BS",
            ..coach("Amara Okafor")
        },
        NewCoach {
            themes: vec![Theme::Wellbeing],
            region: Region::Wales,
            postcode_area: "SA",
            communities: vec![Community::Carers],
            ..coach("Callum MacLeod")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            region: Region::Wales,
            postcode_area: "CF",
            accepting_new_leaders: false,
            ..coach("Ewa Nowak")
        },
    ])
    .await;
}

#[tokio::test]
async fn suggestions_rank_by_fit_accepting_first_each_with_its_reasons() {
    let app = spawn_app().await;
    four_coaches(&app).await;
    let bethan = signed_in_as(&app, "bethan-pritchard").await;
    let saved = declare(&app, &bethan, &[("stages", "new")]).await;
    assert_eq!(saved.status, 303);

    let page = app
        .get_page("/suggested-coaches?theme=board-and-governance&postcode=CF10+1AA&language=welsh&stage=new")
        .await;

    assert_eq!(page.status, 200);
    assert_eq!(
        suggested(&page),
        [
            "bethan-pritchard",
            "amara-okafor",
            "callum-macleod",
            "ewa-nowak"
        ],
        "fit, with the coach who is not accepting last however well they fit"
    );
    assert!(page.html.contains(
        "coaches on board and governance · near you · speaks Welsh · coaches new and emerging leaders"
    ));
    assert!(page.html.contains("Coaches who may suit you"));
    // Nothing said: a plain list, accepting coaches first.
    let plain = app.get_page("/suggested-coaches").await;
    assert_eq!(
        suggested(&plain).last().map(String::as_str),
        Some("ewa-nowak")
    );
    // A postcode that is not one is said beside its field, and the rest is kept.
    let wrong = app
        .get_page("/suggested-coaches?postcode=nowhere&language=welsh")
        .await;
    assert!(
        wrong
            .html
            .contains("Enter a UK postcode, or the first part of one")
    );
    assert!(wrong.html.contains(r#"value="nowhere""#));
    assert!(wrong.html.contains(r#"<option value="welsh" selected"#));
}

#[tokio::test]
async fn many_waiting_requests_rank_a_coach_lower_but_never_below_a_worse_fit() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            ..coach("Amara Okafor")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            ..coach("Bethan Pritchard")
        },
        coach("Callum MacLeod"),
    ])
    .await;
    for i in 0..3 {
        crate::helpers::ask_coach(
            &app,
            "amara-okafor",
            &format!("leader{i}@example.org"),
            "organisation",
            "£90,000",
        )
        .await;
    }
    let page = app
        .get_page("/suggested-coaches?theme=board-and-governance")
        .await;
    assert_eq!(
        suggested(&page),
        ["bethan-pritchard", "amara-okafor", "callum-macleod"]
    );
}

#[tokio::test]
async fn a_coach_declares_whom_they_coach_and_bad_entries_are_said_with_the_rest_kept() {
    let app = spawn_app().await;
    four_coaches(&app).await;
    let amara = signed_in_as(&app, "amara-okafor").await;

    let form = Page::from(app.get_as(Some(&amara), "/me/whom-you-coach").await).await;
    assert_eq!(form.status, 200);
    assert!(
        form.html
            .contains("Organisations whose leaders you must not coach")
    );

    let markup = "<script>alert(1)</script> Trust";
    let refused = declare(
        &app,
        &amara,
        &[
            ("stages", "experienced"),
            ("organisations", &format!("{markup}\nThe Ltd")),
            ("districts", "BS1 nowhere"),
        ],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .html
            .contains("“The Ltd” does not name an organisation")
    );
    assert!(
        refused
            .html
            .contains("“nowhere” is not a postcode district")
    );
    assert!(
        refused
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; Trust")
    );
    assert!(!refused.html.contains("<script>alert(1)"));
    assert!(
        refused.html.contains("BS1 nowhere"),
        "what was typed is kept"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM coaches WHERE cardinality(stages) > 0"
        )
        .await,
        0,
        "nothing saved"
    );

    let saved = declare(
        &app,
        &amara,
        &[
            ("stages", "experienced"),
            (
                "organisations",
                &format!("{markup}\nHollowmere Carers, 01234567"),
            ),
            ("districts", "bs1, BS2"),
        ],
    )
    .await;
    assert_eq!(saved.status, 303);
    let again = Page::from(app.get_as(Some(&amara), "/me/whom-you-coach").await).await;
    assert!(again.html.contains("Hollowmere Carers, 01234567"));
    assert!(again.html.contains(r#"value="BS1, BS2""#));
    assert!(
        again
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; Trust")
    );
    // Private: not on the public profile.
    let profile = app.get_page("/coaches/amara-okafor").await;
    assert!(!profile.html.contains("Hollowmere Carers"));
    // Only the coach's own: another coach's page shows theirs, and staff are not coaches.
    let callum = signed_in_as(&app, "callum-macleod").await;
    let theirs = Page::from(app.get_as(Some(&callum), "/me/whom-you-coach").await).await;
    assert!(!theirs.html.contains("01234567"));
}

/// A request to Amara from Hollowmere Carers, as the ask form sends it.
fn request_from(organisation: &str, number: &str, postcode: &str) -> Vec<(String, String)> {
    [
        ("submission_id", uuid::Uuid::new_v4().to_string()),
        ("leader_name", "Jo Bloggs".into()),
        ("email", "jo@example.org".into()),
        ("role", "Chief executive".into()),
        ("organisation_name", organisation.into()),
        ("organisation_type", "registered-charity".into()),
        ("registration_number", number.into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "£120,000".into()),
        ("region", "south-west".into()),
        ("postcode", postcode.into()),
        ("under_represented_communities", "no".into()),
        ("communities", "carers".into()),
        ("goals", "I want to plan the next three years.".into()),
        ("funding_route", "organisation".into()),
        ("leadership_support_before", "yes".into()),
        ("consent", "yes".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn pairs(answers: &[(String, String)]) -> Vec<(&str, &str)> {
    answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn a_leader_from_a_declared_organisation_is_never_suggested_the_coach_and_is_warned() {
    let app = spawn_app().await;
    four_coaches(&app).await;
    let amara = signed_in_as(&app, "amara-okafor").await;
    declare(
        &app,
        &amara,
        &[("organisations", "The Hollowmere Carers Ltd")],
    )
    .await;

    let with_org = app
        .get_page("/suggested-coaches?theme=board-and-governance&organisation=Hollowmere+Carers")
        .await;
    assert!(!suggested(&with_org).contains(&"amara-okafor".to_string()));
    let without = app
        .get_page("/suggested-coaches?theme=board-and-governance")
        .await;
    assert!(suggested(&without).contains(&"amara-okafor".to_string()));

    // The ask form warns, and sends nothing.
    let answers = request_from("hollowmere carers.", "", "BS1 4DJ");
    let warned = Page::from(
        app.post_form("/coaches/amara-okafor/ask", &pairs(&answers))
            .await,
    )
    .await;
    assert_eq!(warned.status, 200);
    assert!(warned.html.contains(r#"data-testid="conflict-warning""#));
    assert!(
        warned
            .html
            .contains("Amara has said they cannot coach anyone from your organisation")
    );
    assert!(warned.html.contains("Send my request anyway"));
    assert!(
        warned.html.contains(r#"value="hollowmere carers.""#),
        "the form is kept"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM expressions_of_interest").await,
        0
    );
    // The suggestions on the form leave Amara out too.
    assert!(!suggested(&warned).contains(&"amara-okafor".to_string()));

    // Sent anyway: stored, and flagged to staff.
    let mut anyway = answers.clone();
    anyway.push((
        "conflict_acknowledged".into(),
        "declared-organisation".into(),
    ));
    let sent = app
        .post_form("/coaches/amara-okafor/ask", &pairs(&anyway))
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expressions_of_interest WHERE conflict = 'declared-organisation'"
        )
        .await,
        1
    );
    let staff = app.staff_session().await;
    let requests = Page::from(app.get_as(Some(&staff), "/staff/requests").await).await;
    assert!(
        requests
            .html
            .contains("Conflict of interest: The coach declared this organisation a conflict")
    );

    // Another coach: no warning.
    let other = request_from("Hollowmere Carers", "", "BS1 4DJ");
    let fine = app
        .post_form("/coaches/bethan-pritchard/ask", &pairs(&other))
        .await;
    assert_eq!(fine.status().as_u16(), 303);
}

#[tokio::test]
async fn a_leader_in_the_coachs_district_serving_the_same_communities_is_warned() {
    let app = spawn_app().await;
    four_coaches(&app).await;
    let callum = signed_in_as(&app, "callum-macleod").await;
    declare(&app, &callum, &[("districts", "SA1")]).await;

    let near = request_from("Swansea Young Carers", "", "SA1 3AB");
    let warned = Page::from(
        app.post_form("/coaches/callum-macleod/ask", &pairs(&near))
            .await,
    )
    .await;
    assert!(
        warned
            .html
            .contains(r#"data-conflict="same-district-and-service""#)
    );
    assert!(warned.html.contains("you may be local competitors"));

    // Still suggested: a shared district is for the leader to weigh, once warned.
    let suggestions = app
        .get_page("/suggested-coaches?postcode=SA1+3AB&community=carers&organisation=Swansea+Young+Carers")
        .await;
    assert!(suggested(&suggestions).contains(&"callum-macleod".to_string()));

    let elsewhere = request_from("Swansea Young Carers", "", "SA2 3AB");
    let sent = app
        .post_form("/coaches/callum-macleod/ask", &pairs(&elsewhere))
        .await;
    assert_eq!(sent.status().as_u16(), 303);
}

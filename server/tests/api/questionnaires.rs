//! Questionnaires: a leader's at the start of their coaching, at its close and six months on, a
//! coach's at its close; answered from a private link with no account, saved part by part,
//! reminded once after seven days, and scored by each measure's rules when sent back.

use crate::helpers::{Page, TestApp, ask_coach, at, coach, kinds_to, link_in, spawn_app};
use app::interest::due;

async fn run(app: &TestApp) -> due::Done {
    due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the work ran")
}

/// Jo's request accepted by Amara on 1 February 2027: the engagement's id and Amara's session.
async fn coaching_started(app: &TestApp) -> (uuid::Uuid, String) {
    app.clock.set(at("2027-02-01T09:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let reference = ask_coach(app, "amara-okafor", "jo@example.org", "organisation", "90k").await;
    let accepted = app
        .post_form_as(
            Some(&session),
            &format!("/me/requests/{reference}"),
            &[("decision", "accept"), ("message", "Yes.")],
        )
        .await;
    assert_eq!(accepted.status().as_u16(), 303);
    let engagement: uuid::Uuid = sqlx::query_scalar("SELECT id FROM engagements")
        .fetch_one(&app.pool)
        .await
        .expect("an engagement");
    (engagement, session)
}

fn all_ten(value: &'static str) -> Vec<(String, &'static str)> {
    (1..=10).map(|i| (format!("gse-{i}"), value)).collect()
}

async fn post_part(
    app: &TestApp,
    link: &str,
    part: &str,
    action: &str,
    items: &[(String, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(&str, &str)> = vec![("part", part), ("action", action)];
    fields.extend(items.iter().map(|(k, v)| (k.as_str(), *v)));
    app.post_form(link, &fields).await
}

#[tokio::test]
async fn a_leader_answers_part_by_part_comes_back_later_and_skips_are_never_zero() {
    let app = spawn_app().await;
    coaching_started(&app).await;
    // The baseline went as the coaching started: the worker has none to send.
    assert_eq!(run(&app).await.questionnaires_sent, 0);
    let email = app.last_email_to("jo@example.org").await;
    assert!(
        email.contains("As your coaching with Amara Okafor starts"),
        "{email}"
    );
    let link = link_in(&email, "/questionnaires/");

    let first = app.get_page(&link).await;
    assert_eq!(first.status, 200);
    assert!(
        !first.html.contains("checked"),
        "nothing chosen for the leader, skips included"
    );
    assert!(
        first
            .html
            .contains("Part 1 of 4: Handling what comes your way")
    );
    assert!(
        first
            .html
            .contains("I can usually handle whatever comes my way.")
    );

    // Part 1 with three of ten skipped: saved, and on to part 2.
    let mut gse: Vec<(String, &str)> = all_ten("3");
    for skipped in &mut gse[7..] {
        skipped.1 = "";
    }
    gse[0].1 = "4";
    let saved = post_part(&app, &link, "0", "next", &gse).await;
    assert_eq!(saved.status().as_u16(), 303);
    assert!(
        saved.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?part=1")
    );

    // An answer off its scale is sent back by its field, everything else kept, nothing saved.
    let wrong = post_part(
        &app,
        &link,
        "1",
        "next",
        &[
            ("ucla-companionship".into(), "7"),
            ("ucla-left-out".into(), "2"),
        ],
    )
    .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let wrong = Page::from(wrong).await;
    assert!(wrong.html.contains("Choose one of the answers shown"));
    assert!(
        wrong
            .html
            .contains(r#"id="ucla-left-out-2" name="ucla-left-out" value="2" checked"#),
        "kept"
    );

    // Saved for later, and the link opens where the leader left off.
    let later = post_part(
        &app,
        &link,
        "1",
        "later",
        &[
            ("ucla-companionship".into(), "2"),
            ("ucla-left-out".into(), "2"),
            ("ucla-isolated".into(), "3"),
            ("ons-lonely".into(), "4"),
        ],
    )
    .await;
    assert!(
        later.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("saved=later")
    );
    let back = app.get_page(&link).await;
    assert!(
        back.html.contains("Part 3 of 4: Your wellbeing"),
        "the first part not saved"
    );
    assert!(
        back.html
            .contains("Part 2 of 4: Feeling connected</a> (saved)")
    );

    let wellbeing = [
        ("ons-life-satisfaction".into(), "0"),
        ("ons-worthwhile".into(), "7"),
        ("ons-anxiety".into(), "6"),
    ];
    assert_eq!(
        post_part(&app, &link, "2", "next", &wellbeing)
            .await
            .status()
            .as_u16(),
        303
    );
    let sent = post_part(
        &app,
        &link,
        "3",
        "send",
        &[("programme-strategic-decisions".into(), "2")],
    )
    .await;
    assert_eq!(sent.status().as_u16(), 303);

    type Scores = (
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    );
    let scores: Scores = sqlx::query_as(
        "SELECT general_self_efficacy, ucla_loneliness, ons_loneliness, life_satisfaction, happiness,
                anxiety, strategic_decisions, difficult_issues FROM questionnaires WHERE submitted_at IS NOT NULL",
    )
    .fetch_one(&app.pool)
    .await
    .expect("scored");
    // GSE: 4 + 3×6 = 22 from seven answered, ten times the mean: 31.43, never the sum 22.
    let gse = scores.0.expect("GSE scored with three skipped");
    assert!((gse - 220.0 / 7.0).abs() < 1e-9, "{gse}");
    assert_eq!(scores.1, Some(7.0));
    assert_eq!(scores.2, Some(4.0));
    assert_eq!(scores.3, Some(0.0), "an answer of 0 is 0");
    assert_eq!(scores.4, None, "happiness skipped");
    assert_eq!(scores.5, Some(6.0));
    assert_eq!(scores.6, Some(2.0));
    assert_eq!(scores.7, None);

    let thanks = app.get_page(&link).await;
    assert!(thanks.html.contains(r#"data-testid="questionnaire-sent""#));
    let again = post_part(&app, &link, "3", "send", &[]).await;
    assert_eq!(again.status().as_u16(), 409);
}

#[tokio::test]
async fn one_reminder_after_seven_days_and_the_link_closes_after_sixty() {
    let app = spawn_app().await;
    coaching_started(&app).await;
    run(&app).await;
    let link = link_in(
        &app.last_email_to("jo@example.org").await,
        "/questionnaires/",
    );

    app.clock.set(at("2027-02-07T10:00:00Z"));
    assert_eq!(run(&app).await.questionnaire_reminders, 0, "six days");
    app.clock.set(at("2027-02-08T10:00:00Z"));
    assert_eq!(run(&app).await.questionnaire_reminders, 1, "seven days");
    app.clock.set(at("2027-03-08T10:00:00Z"));
    assert_eq!(run(&app).await.questionnaire_reminders, 0, "one, no more");
    let reminder = app.last_email_to("jo@example.org").await;
    assert!(reminder.contains("this is our one reminder"));
    // Both links work.
    let second = link_in(&reminder, "/questionnaires/");
    assert_ne!(second, link);
    assert!(app.get_page(&second).await.html.contains("Part 1 of 4"));
    assert!(app.get_page(&link).await.html.contains("Part 1 of 4"));

    app.clock.set(at("2027-04-03T09:00:00Z"));
    let closed = app.get_page(&link).await;
    assert!(
        closed
            .html
            .contains(r#"data-testid="questionnaire-closed""#),
        "60 days on"
    );
    let refused = post_part(&app, &link, "0", "next", &all_ten("3")).await;
    assert_eq!(refused.status().as_u16(), 409);
    // Within the hour the sweep deletes the closed questionnaire's links.
    let swept = app::retention::sweep(&app.pool, app.clock.now())
        .await
        .expect("swept");
    assert_eq!(swept.questionnaire_links, 2);
    assert_eq!(app.get(&link).await.status().as_u16(), 404);
    assert_eq!(
        app.get("/questionnaires/not-a-link")
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn at_the_close_leader_and_coach_are_asked_and_the_leader_again_six_months_on() {
    let app = spawn_app().await;
    let (engagement, _) = coaching_started(&app).await;
    run(&app).await;
    app.clock.set(at("2027-06-30T10:00:00Z"));
    let amara: uuid::Uuid = sqlx::query_scalar("SELECT id FROM accounts")
        .fetch_one(&app.pool)
        .await
        .expect("Amara's account");
    let session = app.session_for(amara).await;
    let closed = app
        .post_form_as(
            Some(&session),
            &format!("/me/engagements/{engagement}"),
            &[("action", "close"), ("outcome", "completed")],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303, "closed");
    // Sent as it closed, the leader's and the coach's: the worker has none to send.
    assert_eq!(run(&app).await.questionnaires_sent, 0);
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM questionnaires ORDER BY kind")
        .fetch_all(&app.pool)
        .await
        .expect("questionnaires");
    assert_eq!(kinds, ["coach_end", "leader_baseline", "leader_end"]);
    assert!(
        kinds_to(&app, "jo@example.org")
            .await
            .ends_with(&["questionnaire".to_string()])
    );
    let coach_email: String = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_address = 'amara-okafor@example.org' AND kind = 'questionnaire'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the coach's questionnaire");
    assert!(
        coach_email.contains("Coaching helps those who give it too"),
        "{coach_email}"
    );

    // The coach answers with markup in their own words: kept as typed, shown as text.
    let link = link_in(&coach_email, "/questionnaires/");
    let page = app.get_page(&link).await;
    assert!(page.html.contains("Hours you gave to this coaching"));
    let bad = app
        .post_form(
            &link,
            &[
                ("part", "0"),
                ("action", "send"),
                ("coach-hours", "lots"),
                ("coach-gains-own-words", "<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let bad = Page::from(bad).await;
    assert!(bad.html.contains("Enter the hours as a number, like 7.5"));
    assert!(
        bad.html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
        "kept, escaped"
    );
    let sent = app
        .post_form(
            &link,
            &[
                ("part", "0"),
                ("action", "send"),
                ("coach-confidence", "5"),
                ("coach-gains", "coaching-skills"),
                ("coach-hours", "8.5"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let (confidence, hours): (Option<f64>, Option<f64>) = sqlx::query_as(
        "SELECT coach_confidence, hours_given FROM questionnaires WHERE kind = 'coach_end'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the coach's");
    assert_eq!((confidence, hours), (Some(5.0), Some(8.5)));

    app.clock.set(at("2027-12-29T10:00:00Z"));
    assert_eq!(
        run(&app).await.questionnaires_sent,
        0,
        "not quite six months"
    );
    app.clock.set(at("2027-12-30T11:00:00Z"));
    assert_eq!(run(&app).await.questionnaires_sent, 1, "six months on");
    assert!(
        app.last_email_to("jo@example.org")
            .await
            .contains("six months since your coaching")
    );
}

#[tokio::test]
async fn the_worker_sends_one_missed_but_never_one_more_than_30_days_late() {
    let app = spawn_app().await;
    coaching_started(&app).await;
    // As if coaching had started before questionnaires existed.
    for table in ["questionnaire_links", "outbox", "questionnaires"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&app.pool)
            .await
            .expect("gone");
    }
    app.clock.set(at("2027-03-05T10:00:00Z"));
    assert_eq!(
        run(&app).await.questionnaires_sent,
        0,
        "more than 30 days after it started"
    );
    app.clock.set(at("2027-02-10T10:00:00Z"));
    assert_eq!(
        run(&app).await.questionnaires_sent,
        1,
        "nine days after: sent"
    );
}

#[tokio::test]
async fn a_leader_never_sent_one_at_the_start_is_not_asked_the_same_questions_at_the_close() {
    let app = spawn_app().await;
    let (engagement, session) = coaching_started(&app).await;
    // As if the coaching had started before questionnaires existed.
    for table in ["questionnaire_links", "outbox", "questionnaires"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&app.pool)
            .await
            .expect("gone");
    }
    let closed = app
        .post_form_as(
            Some(&session),
            &format!("/me/engagements/{engagement}"),
            &[("action", "close"), ("outcome", "completed")],
        )
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    run(&app).await;
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM questionnaires")
        .fetch_all(&app.pool)
        .await
        .expect("questionnaires");
    assert_eq!(kinds, ["coach_end"], "the coach's only");
    app.clock.set(at("2027-08-05T10:00:00Z"));
    assert_eq!(
        run(&app).await.questionnaires_sent,
        0,
        "no follow-up either"
    );
}

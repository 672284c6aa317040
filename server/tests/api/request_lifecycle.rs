//! A request's life on the clock: a coach's 10 working days, the reminders, expiry, passing the
//! request to the next coach the leader named, and the same work done once by two servers.

use crate::helpers::{Page, TestApp, ask_coach, at, coach, link_in, serving_pool, spawn_app};
use app::coaches::demo::NewCoach;
use app::interest::due;
use app::vocabulary::{Region, Theme};
use chrono::Duration;

fn answers(submission_id: String, pass_on: bool, region: &str) -> Vec<(&'static str, String)> {
    let mut answers = vec![
        ("submission_id", submission_id),
        ("leader_name", "Jo Bloggs".into()),
        ("email", "jo@example.org".into()),
        ("role", "Director".into()),
        ("organisation_name", "Hollowmere Carers".into()),
        ("organisation_type", "registered-charity".into()),
        ("health_and_wellbeing", "yes".into()),
        ("annual_income", "90k".into()),
        ("region", region.into()),
        ("postcode", "E1 6AN".into()),
        ("under_represented_communities", "no".into()),
        ("goals", "I would like to think about our strategy.".into()),
        ("funding_route", "organisation".into()),
        ("leadership_support_before", "yes".into()),
        ("alternative_1", "bethan-pritchard".into()),
        ("consent", "yes".into()),
    ];
    if pass_on {
        answers.push(("pass_on", "yes".into()));
    }
    answers
}

/// Jo asks Amara, naming Bethan, agreeing or not to passing it on: Jo's page.
async fn ask(app: &TestApp, pass_on: bool) -> String {
    let answers = answers(uuid::Uuid::new_v4().to_string(), pass_on, "london");
    let pairs: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = app.post_form("/coaches/amara-okafor/ask", &pairs).await;
    assert_eq!(sent.status().as_u16(), 303);
    link_in(&app.last_email_to("jo@example.org").await, "/requests/")
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

/// The kinds of email sent to `to`, oldest first.
async fn emails_to(app: &TestApp, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM outbox WHERE to_address = $1 ORDER BY created_at, seq")
        .bind(to)
        .fetch_all(&app.pool)
        .await
        .expect("the outbox")
}

async fn run_at(app: &TestApp, time: &str) -> due::Done {
    app.clock.set(at(time));
    due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the work ran")
}

/// Staff hide a coach, taking them out of the directory.
async fn staff_hide(app: &TestApp, staff: &str, slug: &str) {
    let id = app.coach_id(slug).await;
    let hidden = app
        .post_form_as(
            Some(staff),
            &format!("/staff/coaches/{id}"),
            &[("action", "hide")],
        )
        .await;
    assert_eq!(hidden.status().as_u16(), 303);
}

/// (coach's slug, status, due date) of each coach asked, in order.
async fn asks(app: &TestApp) -> Vec<(String, String, Option<chrono::NaiveDate>)> {
    sqlx::query_as(
        "SELECT c.slug, e.status, e.answer_due_on FROM expressions_of_interest e
         JOIN coaches c ON c.id = e.coach_id ORDER BY e.position",
    )
    .fetch_all(&app.pool)
    .await
    .expect("the requests")
}

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[tokio::test]
async fn eleven_working_days_bring_the_reminders_the_expiry_and_the_pass_on_in_order() {
    let app = app_with_coaches().await;
    // Monday 1 February 2027: no bank holiday for weeks either side.
    app.clock.set(at("2027-02-01T09:00:00Z"));
    let page = ask(&app, true).await;
    assert_eq!(
        asks(&app).await,
        [("amara-okafor".into(), "pending".into(), date("2027-02-15"))],
        "10 working days: due Monday 15 February"
    );
    assert!(
        app.last_email_to("amara-okafor@example.org")
            .await
            .contains("Please answer by Monday 15 February 2027")
    );

    assert_eq!(
        run_at(&app, "2027-02-05T12:00:00Z").await,
        due::Done::default()
    );
    let first = run_at(&app, "2027-02-08T07:00:00Z").await;
    assert_eq!(first.reminders, 1, "5 working days before: Monday 8th");
    assert!(
        app.last_email_to("amara-okafor@example.org")
            .await
            .contains("due by Monday 15 February 2027: 5 working days from now")
    );
    assert_eq!(
        run_at(&app, "2027-02-08T16:00:00Z").await,
        due::Done::default(),
        "once"
    );
    let last = run_at(&app, "2027-02-12T07:00:00Z").await;
    assert_eq!(last.reminders, 1, "1 working day before: Friday 12th");
    assert!(
        app.last_email_to("amara-okafor@example.org")
            .await
            .contains("due by Monday 15 February 2027: 1 working day from now")
    );
    assert_eq!(
        run_at(&app, "2027-02-15T23:30:00Z").await.expired,
        0,
        "the whole of the last day"
    );
    let expired = run_at(&app, "2027-02-16T00:30:00Z").await;
    assert_eq!((expired.expired, expired.passed_on), (1, 1));
    assert_eq!(
        run_at(&app, "2027-02-16T09:00:00Z").await,
        due::Done::default(),
        "once"
    );

    assert_eq!(
        asks(&app).await,
        [
            ("amara-okafor".into(), "expired".into(), date("2027-02-15")),
            (
                "bethan-pritchard".into(),
                "pending".into(),
                date("2027-03-02")
            ),
        ]
    );
    assert_eq!(
        emails_to(&app, "amara-okafor@example.org").await,
        ["new_request", "answer_reminder", "answer_reminder"]
    );
    assert_eq!(
        emails_to(&app, "jo@example.org").await,
        ["request_received", "request_expired", "request_passed_on"]
    );
    assert_eq!(
        emails_to(&app, "bethan-pritchard@example.org").await,
        ["new_request"]
    );
    let leader_page = app.get_page(&page).await;
    assert!(leader_page.html.contains(r#"data-status="passed-on""#));
    assert!(leader_page.html.contains("answer due by 2 March 2027"));
}

/// After an expiry the leader is told what happens next as they chose on the form: we pass it
/// on, or they can ask another coach themselves.
#[tokio::test]
async fn an_expiry_tells_the_leader_what_happens_next_as_they_chose() {
    for agreed in [false, true] {
        let app = app_with_coaches().await;
        app.clock.set(at("2027-02-01T09:00:00Z"));
        ask(&app, agreed).await;

        run_at(&app, "2027-02-16T09:00:00Z").await;

        let expired: String = sqlx::query_scalar(
            "SELECT body FROM outbox WHERE kind = 'request_expired' AND to_address = 'jo@example.org'",
        )
        .fetch_one(&app.pool)
        .await
        .expect("the expiry email");
        if agreed {
            assert!(
                expired.contains("so we will email you again shortly"),
                "{expired}"
            );
            assert_eq!(
                emails_to(&app, "jo@example.org").await,
                ["request_received", "request_expired", "request_passed_on"]
            );
        } else {
            assert!(
                expired.contains("You did not ask us to pass your request on, so we have not."),
                "{expired}"
            );
            assert!(expired.contains("/coaches?accepting=yes"), "{expired}");
            assert!(
                expired.contains("Bethan Pritchard: http://test/coaches/bethan-pritchard/ask"),
                "the coach they named, to ask themselves: {expired}"
            );
            assert_eq!(
                emails_to(&app, "jo@example.org").await,
                ["request_received", "request_expired"],
                "nothing more promised, nothing more sent"
            );
        }
    }
}

/// When no coach the leader named is left, the email and the leader's page suggest the same
/// three coaches accepting now: in the leader's region first, then sharing the last coach's
/// themes.
#[tokio::test]
async fn with_no_named_coach_left_the_leader_is_pointed_to_three_nearest_first() {
    let app = spawn_app().await;
    let other_theme = *Theme::ALL
        .iter()
        .find(|t| **t != Theme::StrategyAndPlanning)
        .expect("another theme");
    app.add_coaches(&[
        coach("Amara Okafor"),
        NewCoach {
            accepting_new_leaders: false,
            ..coach("Bethan Pritchard")
        },
        coach("Zara Ahmed"),
        NewCoach {
            themes: vec![other_theme],
            ..coach("Yusuf Ali")
        },
        NewCoach {
            region: Region::Wales,
            ..coach("Xena Hart")
        },
        NewCoach {
            region: Region::Wales,
            themes: vec![other_theme],
            ..coach("Anna Bell")
        },
    ])
    .await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    let page = ask(&app, true).await;

    run_at(&app, "2027-02-16T09:00:00Z").await;

    let told = app.last_email_to("jo@example.org").await;
    let order: Vec<usize> = ["Zara Ahmed: ", "Yusuf Ali: ", "Xena Hart: "]
        .iter()
        .map(|name| {
            told.find(name)
                .unwrap_or_else(|| panic!("{name} in {told}"))
        })
        .collect();
    assert!(order.is_sorted(), "region, then themes: {told}");
    assert!(
        !told.contains("Anna Bell") && !told.contains("Bethan"),
        "{told}"
    );
    assert_eq!(
        emails_to(&app, "jo@example.org").await,
        [
            "request_received",
            "request_expired",
            "request_not_passed_on"
        ]
    );
    let own = app.get_page(&page).await;
    assert!(own.html.contains("suggested-coaches"));
    let order: Vec<usize> = ["Ask Zara Ahmed", "Ask Yusuf Ali", "Ask Xena Hart"]
        .iter()
        .map(|name| {
            own.html
                .find(name)
                .unwrap_or_else(|| panic!("{name} on the page"))
        })
        .collect();
    assert!(order.is_sorted());
    assert!(!own.html.contains("Ask Anna Bell") && !own.html.contains("Ask Bethan"));
}

/// Asking another coach from their page, the leader names coaches again: those on the latest
/// form are the ones a request passes to.
#[tokio::test]
async fn a_request_passes_to_the_coaches_named_on_the_latest_form() {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Amara Okafor"),
        coach("Bethan Pritchard"),
        coach("Callum MacLeod"),
        coach("Dafydd Evans"),
    ])
    .await;
    let page = ask(&app, false).await;
    let token = page.trim_start_matches("/requests/").to_string();
    let staff = app.staff_session().await;
    staff_hide(&app, &staff, "amara-okafor").await;

    // Asking Callum from the page, naming Dafydd this time, and agreeing to passing it on.
    let mut again = answers(uuid::Uuid::new_v4().to_string(), true, "london");
    for (k, v) in again.iter_mut() {
        if *k == "alternative_1" {
            *v = "dafydd-evans".into();
        }
    }
    again.push(("from", token));
    let pairs: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = app.post_form("/coaches/callum-macleod/ask", &pairs).await;
    assert_eq!(sent.status().as_u16(), 303);
    staff_hide(&app, &staff, "callum-macleod").await;

    let statuses: Vec<(String, String)> =
        asks(&app).await.into_iter().map(|a| (a.0, a.1)).collect();
    assert_eq!(
        statuses,
        [
            ("amara-okafor".into(), "lapsed".into()),
            ("callum-macleod".into(), "lapsed".into()),
            ("dafydd-evans".into(), "pending".into()),
        ]
    );
}

/// A leader whose answers no longer meet the rules (they changed after the request was sent) is
/// told so, not offered coaches whose forms would refuse them.
#[tokio::test]
async fn a_request_whose_answers_no_longer_fit_is_not_passed_on() {
    let app = app_with_coaches().await;
    let mut bursary = answers(uuid::Uuid::new_v4().to_string(), true, "london");
    for (k, v) in bursary.iter_mut() {
        if *k == "funding_route" {
            *v = "bursary".into();
        }
    }
    let pairs: Vec<(&str, &str)> = bursary.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = app.post_form("/coaches/amara-okafor/ask", &pairs).await;
    assert_eq!(sent.status().as_u16(), 303);
    // As if the bursary income limit had fallen below this organisation's income (£200,000:
    // still eligible for the programme, no longer for a bursary, which is how they would pay).
    sqlx::query("UPDATE expressions_of_interest SET annual_income_pence = 20000000")
        .execute(&app.pool)
        .await
        .expect("changed");
    let staff = app.staff_session().await;

    staff_hide(&app, &staff, "amara-okafor").await;

    assert_eq!(asks(&app).await.len(), 1, "not passed on");
    assert_eq!(
        emails_to(&app, "jo@example.org").await,
        [
            "request_received",
            "request_lapsed",
            "request_not_passed_on"
        ]
    );
    let told = app.last_email_to("jo@example.org").await;
    assert!(told.contains("no longer meet them"), "{told}");
    assert!(told.contains("/eligibility"), "{told}");
}

/// A worker stopped over both reminder dates sends one reminder, not two, and it says how long
/// is really left.
#[tokio::test]
async fn a_worker_that_was_stopped_sends_one_true_reminder() {
    let app = app_with_coaches().await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    ask(&app, false).await;

    let late = run_at(&app, "2027-02-15T09:00:00Z").await;

    assert_eq!(late.reminders, 1);
    assert_eq!(
        emails_to(&app, "amara-okafor@example.org").await,
        ["new_request", "answer_reminder"]
    );
    assert!(
        app.last_email_to("amara-okafor@example.org")
            .await
            .contains("due by Monday 15 February 2027: the end of today")
    );
}

/// The staff "waiting" view: oldest first, overdue marked, each request's history and the
/// coaches its leader named.
#[tokio::test]
async fn staff_see_waiting_requests_oldest_first_with_their_history() {
    let app = app_with_coaches().await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    ask(&app, true).await;
    app.clock.set(at("2027-02-02T09:00:00Z"));
    let later = ask_coach(
        &app,
        "callum-macleod",
        "sam@example.org",
        "organisation",
        "90k",
    )
    .await;
    run_at(&app, "2027-02-08T07:00:00Z").await;
    run_at(&app, "2027-02-12T07:00:00Z").await;
    app.clock.set(at("2027-02-16T07:00:00Z"));
    let staff = app.staff_session().await;

    let waiting = Page::from(
        app.get_as(Some(&staff), "/staff/requests?view=waiting")
            .await,
    )
    .await;

    assert_eq!(waiting.status, 200);
    let jo = waiting.html.find("to Amara Okafor").expect("Jo's request");
    let sam = waiting
        .html
        .find(&format!("{later}: "))
        .expect("the later request");
    assert!(jo < sam, "oldest first");
    assert_eq!(waiting.html.matches(r#"data-overdue="true""#).count(), 1);
    assert!(
        waiting
            .html
            .contains("Overdue: the answer was due by 15 February 2027")
    );
    assert!(waiting.html.contains("Answer due by 16 February 2027"));
    assert!(
        waiting
            .html
            .contains("Other coaches the leader named: Bethan Pritchard")
    );
    assert!(waiting.html.contains("1 February 2027: Asked Amara Okafor"));
    assert!(
        waiting
            .html
            .contains("8 February 2027: Amara Okafor reminded (first reminder)")
    );

    run_at(&app, "2027-02-16T07:00:00Z").await;
    let waiting = Page::from(
        app.get_as(Some(&staff), "/staff/requests?view=waiting")
            .await,
    )
    .await;

    assert!(waiting.html.contains("to Bethan Pritchard"), "passed on");
    assert!(
        waiting
            .html
            .contains("12 February 2027: Amara Okafor reminded (last reminder)")
    );
    assert!(
        waiting
            .html
            .contains("16 February 2027: No answer in time (Amara Okafor)")
    );
    assert!(
        waiting
            .html
            .contains("16 February 2027: Passed on to Bethan Pritchard")
    );
    assert_eq!(waiting.html.matches(r#"data-overdue="true""#).count(), 0);
}

#[tokio::test]
async fn a_decline_passes_the_request_on_only_if_the_leader_agreed() {
    for agreed in [false, true] {
        let app = app_with_coaches().await;
        let page = ask(&app, agreed).await;
        let amara = app
            .add_account("amara@example.org", false, Some("amara-okafor"))
            .await;
        let session = app.session_for(amara).await;
        let reference: String = sqlx::query_scalar("SELECT reference FROM expressions_of_interest")
            .fetch_one(&app.pool)
            .await
            .expect("the request");
        let declined = app
            .post_form_as(
                Some(&session),
                &format!("/me/requests/{reference}"),
                &[("decision", "decline"), ("reason", "I am full.")],
            )
            .await;
        assert_eq!(declined.status().as_u16(), 303);

        let statuses: Vec<String> = asks(&app).await.into_iter().map(|a| a.1).collect();
        let leader_page = app.get_page(&page).await;
        if agreed {
            assert_eq!(statuses, ["declined", "pending"]);
            assert!(leader_page.html.contains(r#"data-status="passed-on""#));
            assert_eq!(
                emails_to(&app, "jo@example.org").await,
                ["request_received", "request_declined", "request_passed_on"]
            );
        } else {
            assert_eq!(statuses, ["declined"]);
            assert!(leader_page.html.contains(r#"data-status="declined""#));
            assert!(
                app.last_email_to("jo@example.org")
                    .await
                    .contains("http://127.0.0.1/coaches/bethan-pritchard/ask"),
                "the decline links to asking the coach they named"
            );
        }
    }
}

#[tokio::test]
async fn a_request_never_passes_to_a_coach_who_declined_that_leader() {
    let app = app_with_coaches().await;
    // Bethan declined Jo before.
    let earlier = crate::helpers::ask_coach(
        &app,
        "bethan-pritchard",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    sqlx::query("UPDATE expressions_of_interest SET status = 'declined' WHERE reference = $1")
        .bind(&earlier)
        .execute(&app.pool)
        .await
        .expect("declined");
    app.clock.set(at("2027-02-01T09:00:00Z"));
    ask(&app, true).await;

    let expired = run_at(&app, "2027-02-16T09:00:00Z").await;

    assert_eq!((expired.expired, expired.passed_on), (1, 0));
    let told = app.last_email_to("jo@example.org").await;
    assert!(
        told.contains("None of the coaches you named can take your request now"),
        "{told}"
    );
    assert!(
        told.contains("Callum MacLeod: http://test/coaches/callum-macleod/ask"),
        "{told}"
    );
    assert!(!told.contains("bethan-pritchard/ask"), "{told}");
}

#[tokio::test]
async fn a_coach_leaving_the_directory_passes_their_waiting_requests_on() {
    let app = app_with_coaches().await;
    let page = ask(&app, true).await;
    let staff = app.staff_session().await;

    staff_hide(&app, &staff, "amara-okafor").await;

    let statuses: Vec<(String, String)> =
        asks(&app).await.into_iter().map(|a| (a.0, a.1)).collect();
    assert_eq!(
        statuses,
        [
            ("amara-okafor".into(), "lapsed".into()),
            ("bethan-pritchard".into(), "pending".into())
        ]
    );
    assert_eq!(
        emails_to(&app, "jo@example.org").await,
        ["request_received", "request_lapsed", "request_passed_on"]
    );
    assert!(
        app.get_page(&page)
            .await
            .html
            .contains("The coach left the directory")
    );
}

#[tokio::test]
async fn bank_holidays_of_the_leaders_nation_move_the_deadline() {
    let app = app_with_coaches().await;
    // Monday 21 December 2026, in England: 25 and 28 December and 1 January are holidays.
    app.clock.set(at("2026-12-21T10:00:00Z"));
    ask(&app, false).await;
    // The same day, from Scotland: 2 January's holiday falls on Monday 4 January 2027 too.
    let scottish = answers(uuid::Uuid::new_v4().to_string(), false, "scotland");
    let mut scottish: Vec<(&str, String)> = scottish
        .into_iter()
        .map(|(k, v)| {
            if k == "email" {
                (k, "ailsa@example.org".to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    scottish.retain(|(k, _)| *k != "alternative_1");
    let pairs: Vec<(&str, &str)> = scottish.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_form("/coaches/bethan-pritchard/ask", &pairs)
            .await
            .status()
            .as_u16(),
        303
    );

    let due: Vec<(String, Option<chrono::NaiveDate>)> =
        asks(&app).await.into_iter().map(|a| (a.0, a.2)).collect();
    assert_eq!(
        due,
        [
            ("amara-okafor".into(), date("2027-01-07")),
            ("bethan-pritchard".into(), date("2027-01-08")),
        ]
    );
}

#[tokio::test]
async fn two_servers_on_one_database_never_send_the_same_email_twice() {
    let app = app_with_coaches().await;
    app.clock.set(at("2027-02-01T09:00:00Z"));
    for n in 0..6 {
        crate::helpers::ask_coach(
            &app,
            ["amara-okafor", "bethan-pritchard", "callum-macleod"][n % 3],
            &format!("leader{n}@example.org"),
            "organisation",
            "90k",
        )
        .await;
    }
    // Another server's connections to the same database.
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(&app.pool)
        .await
        .expect("the database's name");
    let (one, two) = (serving_pool(&name).await, serving_pool(&name).await);
    app.clock.set(at("2027-02-08T09:00:00Z"));

    let (a, b) = tokio::join!(
        due::run(&one, &app.clock, "http://test", false),
        due::run(&two, &app.clock, "http://test", false)
    );

    let (a, b) = (a.expect("one ran"), b.expect("two ran"));
    assert_eq!(
        a.reminders + b.reminders,
        6,
        "each reminder once, between them"
    );
    let reminders: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE kind = 'answer_reminder'")
            .fetch_one(&app.pool)
            .await
            .expect("a count");
    assert_eq!(reminders, 6);

    app.clock.advance(Duration::days(8));
    let (a, b) = tokio::join!(
        due::run(&one, &app.clock, "http://test", false),
        due::run(&two, &app.clock, "http://test", false)
    );
    let (a, b) = (a.expect("one ran"), b.expect("two ran"));
    assert_eq!(a.expired + b.expired, 6, "each expiry once");
    let expired_emails: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE kind = 'request_expired'")
            .fetch_one(&app.pool)
            .await
            .expect("a count");
    assert_eq!(expired_emails, 6);
    assert_eq!(
        a.paused + b.paused,
        3,
        "two expiries in a row pause each coach once"
    );

    // Each coach has an account, and confirmed their availability 61 days ago.
    for slug in ["amara-okafor", "bethan-pritchard", "callum-macleod"] {
        app.add_account(&format!("{slug}@accounts.example.org"), false, Some(slug))
            .await;
    }
    sqlx::query("UPDATE coaches SET availability_confirmed_at = $1")
        .bind(app.clock.now() - Duration::days(61))
        .execute(&app.pool)
        .await
        .expect("confirmed then");
    let (a, b) = tokio::join!(
        due::run(&one, &app.clock, "http://test", false),
        due::run(&two, &app.clock, "http://test", false)
    );
    let (a, b) = (a.expect("one ran"), b.expect("two ran"));
    assert_eq!(a.availability_asked + b.availability_asked, 3);

    let twice: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT to_address, kind, subject FROM outbox
                               GROUP BY 1, 2, 3 HAVING count(*) > 1) AS repeated",
    )
    .fetch_one(&app.pool)
    .await
    .expect("a count");
    assert_eq!(twice, 0, "no email sent twice");
    let kinds: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, count(*) FROM outbox GROUP BY kind ORDER BY kind")
            .fetch_all(&app.pool)
            .await
            .expect("the outbox");
    assert_eq!(
        kinds,
        [
            ("answer_reminder".into(), 6),
            ("availability_paused".into(), 3),
            ("confirm_availability".into(), 3),
            ("new_request".into(), 6),
            ("request_expired".into(), 6),
            ("request_received".into(), 6),
        ]
    );
}

/// A change to the bank holidays, sent as staff: the page that answers.
async fn change(app: &TestApp, staff: &str, fields: &[(&str, &str)]) -> Page {
    Page::from(
        app.post_form_as(Some(staff), "/staff/bank-holidays", fields)
            .await,
    )
    .await
}

/// Staff keep the bank holidays: a day they add moves the deadlines of requests from then on,
/// and one they remove no longer does. Each change is audited; bad input is refused by its field.
#[tokio::test]
async fn staff_keep_the_bank_holidays_that_deadlines_skip() {
    let app = app_with_coaches().await;
    app.clock.set(at("2027-01-20T10:00:00Z"));
    let staff_id = app.add_account("staff@example.org", true, None).await;
    let staff = app.session_for(staff_id).await;
    let add = |date: &'static str, nation: &'static str, name: &'static str| {
        vec![
            ("action", "add"),
            ("on_date", date),
            ("nation", nation),
            ("name", name),
        ]
    };
    let remove = [
        ("action", "remove"),
        ("nation", "england-and-wales"),
        ("on_date", "2027-02-10"),
    ];

    let past = change(&app, &staff, &add("2027-01-19", "every", "Royal wedding")).await;
    assert_eq!(past.status, 422);
    assert!(past.html.contains("Enter a date from today onwards"));
    assert!(
        past.html.contains(r#"value="Royal wedding""#),
        "what was typed is kept"
    );
    let nowhere = change(&app, &staff, &add("2027-02-10", "", "Royal wedding")).await;
    assert_eq!(nowhere.status, 422);
    assert!(
        nowhere
            .html
            .contains("Choose the nation the bank holiday is in")
    );
    let again = change(
        &app,
        &staff,
        &add("2027-03-17", "northern-ireland", "St Patrick's Day"),
    )
    .await;
    assert_eq!(again.status, 409);
    assert!(
        again
            .html
            .contains("Northern Ireland already has a bank holiday on that date")
    );

    let added = change(&app, &staff, &add("2027-02-10", "every", "Royal wedding")).await;
    assert_eq!(added.status, 303);
    let listed = Page::from(app.get_as(Some(&staff), "/staff/bank-holidays").await).await;
    assert_eq!(listed.html.matches(r#"data-date="2027-02-10""#).count(), 3);

    app.clock.set(at("2027-02-01T09:00:00Z"));
    ask(&app, false).await;
    assert_eq!(asks(&app).await[0].2, date("2027-02-16"), "one day later");

    let staff = app.session_for(staff_id).await;
    let removed = change(&app, &staff, &remove).await;
    assert_eq!(removed.status, 303);
    let twice = change(&app, &staff, &remove).await;
    assert_eq!(twice.status, 409);
    assert_eq!(
        asks(&app).await[0].2,
        date("2027-02-16"),
        "a deadline already set stays"
    );
    let later = ask_coach(
        &app,
        "callum-macleod",
        "sam@example.org",
        "organisation",
        "90k",
    )
    .await;
    let due: Option<chrono::NaiveDate> = sqlx::query_scalar(
        "SELECT answer_due_on FROM expressions_of_interest WHERE reference = $1",
    )
    .bind(&later)
    .fetch_one(&app.pool)
    .await
    .expect("the request");
    assert_eq!(
        due,
        date("2027-02-15"),
        "Wales: the day is no longer a holiday"
    );

    let audited: Vec<String> =
        sqlx::query_scalar("SELECT action || ': ' || subject FROM audit_log ORDER BY at, subject")
            .fetch_all(&app.pool)
            .await
            .expect("the audit log");
    assert_eq!(
        audited,
        [
            "add bank holiday: bank holiday england-and-wales 2027-02-10",
            "add bank holiday: bank holiday northern-ireland 2027-02-10",
            "add bank holiday: bank holiday scotland 2027-02-10",
            "remove bank holiday: bank holiday england-and-wales 2027-02-10",
        ]
    );
}

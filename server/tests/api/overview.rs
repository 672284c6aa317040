//! The take-up overview against a fixture whose every figure was worked out by hand: counts,
//! the median, the funnel's rates, a paired mean change with its interval, and the figures
//! about fewer than five leaders that must read "fewer than 5" on the page and in the CSVs.
//! Also: the evaluator's pseudonymised export, the audit of each download, and `/impact`.

use crate::helpers::{Page, TestApp, at, coach, spawn_app};
use uuid::Uuid;

/// One leader's request in the fixture.
struct Asked {
    n: u32,
    asked: &'static str,
    region: &'static str,
    postcode: &'static str,
    income_pounds: i64,
    funding: &'static str,
    /// The first coach's answer: ("accepted" | "declined" | "expired" | "withdrawn", when).
    answer: (&'static str, Option<&'static str>),
}

async fn insert_ask(
    app: &TestApp,
    leader_request: Uuid,
    a: &Asked,
    position: i16,
    (status, created, responded): (&str, &str, Option<&str>),
    passed_on_from: Option<Uuid>,
) -> Uuid {
    let coach = app.coach_id("amara-okafor").await;
    let bursary = a.funding == "bursary";
    sqlx::query_scalar(
        "INSERT INTO expressions_of_interest (reference, submission_id, coach_id, status, leader_name,
             email, role, organisation_name, organisation_type, works_in_health_and_wellbeing,
             annual_income_pence, works_with_under_represented_communities, region, postcode, goals,
             funding_route, had_leadership_support_before, bursary_eligible, consented_at, created_at,
             responded_at, leader_request_id, position, passed_on_from, bursary_decision, bursary_decided_at)
         VALUES ('CL-2027-' || lpad((nextval('expression_of_interest_number'))::text, 6, '0'), gen_random_uuid(),
             $1, $2, $3, $4, 'Director', $5, 'registered-charity', true, $6, $7, $8, $9,
             'We would like to think about our strategy.', $10, true, $11, $12, $12, $13, $14, $15, $16,
             CASE WHEN $11 AND $10 = 'bursary' THEN 'approved' END,
             CASE WHEN $11 AND $10 = 'bursary' THEN $12 END)
         RETURNING id",
    )
    .bind(coach)
    .bind(status)
    .bind(format!("Leader Number{}", a.n))
    .bind(format!("leader{}@example.org", a.n))
    .bind(format!("Fixture Charity {}", a.n))
    .bind(a.income_pounds * 100)
    .bind(a.n == 1)
    .bind(a.region)
    .bind(a.postcode)
    .bind(a.funding)
    .bind(bursary)
    .bind(at(created))
    .bind(responded.map(at))
    .bind(leader_request)
    .bind(position)
    .bind(passed_on_from)
    .fetch_one(&app.pool)
    .await
    .expect("an ask")
}

/// Coaching from an accepted ask: sessions on `sessions`, closed as `closed` if it was.
async fn engagement(
    app: &TestApp,
    ask: Uuid,
    started: &str,
    sessions: &[&str],
    closed: Option<(&str, &str)>,
) -> Uuid {
    let coach = app.coach_id("amara-okafor").await;
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO engagements (expression_of_interest_id, coach_id, status, started_at, closed_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(ask)
    .bind(coach)
    .bind(closed.map_or("active", |(status, _)| status))
    .bind(at(started))
    .bind(closed.map(|(_, on)| at(on)))
    .fetch_one(&app.pool)
    .await
    .expect("an engagement");
    for held in sessions {
        sqlx::query("INSERT INTO coaching_sessions (engagement_id, held_on, minutes) VALUES ($1, $2::date, 60)")
            .bind(id)
            .bind(held)
            .execute(&app.pool)
            .await
            .expect("a session");
    }
    id
}

async fn questionnaire(
    app: &TestApp,
    engagement: Uuid,
    kind: &str,
    gse: Option<f64>,
    submitted: bool,
) {
    sqlx::query(
        "INSERT INTO questionnaires (engagement_id, kind, sent_at, submitted_at, general_self_efficacy)
         VALUES ($1, $2, '2027-01-20T10:00:00Z', CASE WHEN $3 THEN '2027-01-21T10:00:00Z'::timestamptz END, $4)",
    )
    .bind(engagement)
    .bind(kind)
    .bind(submitted)
    .bind(gse)
    .execute(&app.pool)
    .await
    .expect("a questionnaire");
}

async fn coach_questionnaire(
    app: &TestApp,
    engagement: Uuid,
    confidence: Option<f64>,
    hours: Option<f64>,
) {
    sqlx::query(
        "INSERT INTO questionnaires (engagement_id, kind, sent_at, submitted_at, coach_confidence, hours_given)
         VALUES ($1, 'coach_end', '2027-06-30T10:00:00Z',
                 CASE WHEN $2::float8 IS NOT NULL THEN '2027-07-01T10:00:00Z'::timestamptz END, $2, $3)",
    )
    .bind(engagement)
    .bind(confidence)
    .bind(hours)
    .execute(&app.pool)
    .await
    .expect("a coach's questionnaire");
}

/// Ten requests, all to Amara, worked out by hand:
/// - asked: 8 in January 2027 and 2 in February; 8 in London, 2 in Wales;
/// - answers in working days: 2, 4, 5, 1, 5, 2 (R1–R6 accepted), 2 (R7, passed on after its
///   first ask expired, then accepted), 4 (R8 declined), 1 (R9 declined); R10 withdrew. Sorted
///   1 1 2 2 2 4 4 5 5: the median is 2;
/// - accepted 7, first session 6 (R1–R6), completed 5 (R1–R5; R6 ended early; R7 active);
/// - expired 1 and passed on 1: both "fewer than 5";
/// - incomes: R1–R5 under £50k, R6–R8 £50k–£150k, R9–R10 £150k–£500k;
/// - bursaries R1–R5, approved in January 2027, against a pool of 20;
/// - GSE at the start and the close for R1–R5: 20→26, 25→27, 30→34, 22→30, 28→38: changes
///   6 2 4 8 10, mean 6, sample sd √10, so the interval is 6 ± t(4)·√2 = 6 ± 2.776445 × 1.414214
///   = 2.07 to 9.93; R6 was sent the close's questionnaire and did not answer: 5 of 6, 83.3%;
/// - coaches' questionnaires for R1–R5: confidence 4 4 5 3 4 (mean 4.00), hours 5 6 7 8 9
///   (35.0 in total, mean 7.0); R6's coach has not answered, but was asked on 30 June, so
///   their questionnaire is still open and not yet a non-response: 100.0%.
async fn fixture(app: &TestApp) {
    app.add_coaches(&[coach("Amara Okafor")]).await;
    sqlx::query("INSERT INTO bursary_places (year, places) VALUES (2027, 20)")
        .execute(&app.pool)
        .await
        .expect("a pool");
    let asks = [
        Asked {
            n: 1,
            asked: "2027-01-04T10:00:00Z",
            region: "london",
            postcode: "E1 6AN",
            income_pounds: 40_000,
            funding: "bursary",
            answer: ("accepted", Some("2027-01-06T10:00:00Z")),
        },
        Asked {
            n: 2,
            asked: "2027-01-04T11:00:00Z",
            region: "london",
            postcode: "E1 6AN",
            income_pounds: 45_000,
            funding: "bursary",
            answer: ("accepted", Some("2027-01-08T10:00:00Z")),
        },
        Asked {
            n: 3,
            asked: "2027-01-05T10:00:00Z",
            region: "london",
            postcode: "SW1A 1AA",
            income_pounds: 20_000,
            funding: "bursary",
            answer: ("accepted", Some("2027-01-12T10:00:00Z")),
        },
        Asked {
            n: 4,
            asked: "2027-01-06T10:00:00Z",
            region: "london",
            postcode: "N1 9GU",
            income_pounds: 49_999,
            funding: "bursary",
            answer: ("accepted", Some("2027-01-07T10:00:00Z")),
        },
        Asked {
            n: 5,
            asked: "2027-01-11T10:00:00Z",
            region: "london",
            postcode: "N1 9GU",
            income_pounds: 10_000,
            funding: "bursary",
            answer: ("accepted", Some("2027-01-18T10:00:00Z")),
        },
        Asked {
            n: 6,
            asked: "2027-01-11T11:00:00Z",
            region: "london",
            postcode: "E2 7DG",
            income_pounds: 50_000,
            funding: "organisation",
            answer: ("accepted", Some("2027-01-13T10:00:00Z")),
        },
        Asked {
            n: 7,
            asked: "2027-01-18T10:00:00Z",
            region: "london",
            postcode: "E2 7DG",
            income_pounds: 90_000,
            funding: "funder",
            answer: ("expired", Some("2027-02-01T09:00:00Z")),
        },
        Asked {
            n: 8,
            asked: "2027-01-18T11:00:00Z",
            region: "london",
            postcode: "E3 2AA",
            income_pounds: 149_999,
            funding: "funder",
            answer: ("declined", Some("2027-01-22T10:00:00Z")),
        },
        Asked {
            n: 9,
            asked: "2027-02-01T10:00:00Z",
            region: "wales",
            postcode: "CF10 1EP",
            income_pounds: 150_000,
            funding: "funder",
            answer: ("declined", Some("2027-02-02T10:00:00Z")),
        },
        Asked {
            n: 10,
            asked: "2027-02-01T11:00:00Z",
            region: "wales",
            postcode: "CF10 1EP",
            income_pounds: 499_999,
            funding: "funder",
            answer: ("withdrawn", None),
        },
    ];
    let starts = [
        (
            "2027-01-06T10:00:00Z",
            vec!["2027-01-20"],
            Some(("completed", "2027-06-01T10:00:00Z")),
            Some((20.0, 26.0)),
        ),
        (
            "2027-01-08T10:00:00Z",
            vec!["2027-01-22"],
            Some(("completed", "2027-06-02T10:00:00Z")),
            Some((25.0, 27.0)),
        ),
        (
            "2027-01-12T10:00:00Z",
            vec!["2027-01-26"],
            Some(("completed", "2027-06-03T10:00:00Z")),
            Some((30.0, 34.0)),
        ),
        (
            "2027-01-07T10:00:00Z",
            vec!["2027-01-28", "2027-03-01"],
            Some(("completed", "2027-06-04T10:00:00Z")),
            Some((22.0, 30.0)),
        ),
        (
            "2027-01-18T10:00:00Z",
            vec!["2027-02-01"],
            Some(("completed", "2027-06-07T10:00:00Z")),
            Some((28.0, 38.0)),
        ),
        (
            "2027-01-13T10:00:00Z",
            vec!["2027-02-03"],
            Some(("ended_early", "2027-03-01T10:00:00Z")),
            None,
        ),
    ];
    let confidences = [4.0, 4.0, 5.0, 3.0, 4.0];
    for a in &asks {
        let leader_request: Uuid = sqlx::query_scalar(
            "INSERT INTO leader_requests (token_hash, created_at) VALUES (gen_random_uuid()::text::bytea, $1) RETURNING id",
        )
        .bind(at(a.asked))
        .fetch_one(&app.pool)
        .await
        .expect("a leader request");
        let (status, responded) = a.answer;
        let first = insert_ask(
            app,
            leader_request,
            a,
            1,
            (status, a.asked, responded),
            None,
        )
        .await;
        let i = (a.n - 1) as usize;
        if let Some((started, sessions, closed, gse)) = starts.get(i) {
            let id = engagement(app, first, started, sessions, *closed).await;
            questionnaire(app, id, "leader_baseline", gse.map(|g| g.0), true).await;
            questionnaire(app, id, "leader_end", gse.map(|g| g.1), gse.is_some()).await;
            coach_questionnaire(
                app,
                id,
                confidences.get(i).copied(),
                confidences.get(i).map(|_| 5.0 + i as f64),
            )
            .await;
        }
        if a.n == 7 {
            let second = insert_ask(
                app,
                leader_request,
                a,
                2,
                (
                    "accepted",
                    "2027-02-01T09:00:00Z",
                    Some("2027-02-03T10:00:00Z"),
                ),
                Some(first),
            )
            .await;
            let id = engagement(app, second, "2027-02-03T10:00:00Z", &[], None).await;
            questionnaire(app, id, "leader_baseline", Some(30.0), true).await;
        }
    }
}

/// Every headline figure and table figure on the page: (data-metric, data-value).
fn metrics(page: &Page) -> std::collections::BTreeMap<String, String> {
    let mut found = std::collections::BTreeMap::new();
    for piece in page.html.split(r#"data-testid="overview-metric""#).skip(1) {
        let attribute = |name: &str| {
            piece
                .split_once(&format!(r#"{name}=""#))
                .and_then(|(_, rest)| rest.split('"').next())
                .unwrap_or_default()
                .to_string()
        };
        found.insert(attribute("data-metric"), attribute("data-value"));
    }
    found
}

#[tokio::test]
async fn the_overview_matches_the_hand_worked_fixture_exactly() {
    let app = spawn_app().await;
    app.clock.set(at("2027-07-10T10:00:00Z"));
    fixture(&app).await;
    let staff = app.staff_session().await;

    let page = Page::from(app.get_as(Some(&staff), "/staff/overview").await).await;
    assert_eq!(page.status, 200);
    let m = metrics(&page);
    let expect = |name: &str, value: &str| {
        assert_eq!(m.get(name).map(String::as_str), Some(value), "{name}");
    };
    expect("requests", "10");
    expect("accepted", "7");
    expect("first-session", "6");
    expect("completed", "5");
    expect("accepted-rate", "70.0");
    expect("completed-rate", "50.0");
    expect("answers", "9");
    expect("median-days-to-answer", "2.0");
    expect("expired-share", "fewer than 5");
    expect("passed-on-share", "fewer than 5");
    expect("bursaries-granted", "5");
    expect("bursaries-granted-2027", "5");
    expect("gse-n", "5");
    expect("gse-mean-change", "6.00");
    expect("gse-response-rate", "83.3");
    expect("gse-follow-up-mean-change", "fewer than 5");
    expect("ucla-loneliness-mean-change", "fewer than 5");
    assert!(page.html.contains("2.07 to 9.93"), "the interval");

    let csv = |path: &str| {
        let app = &app;
        let staff = staff.clone();
        let path = path.to_string();
        async move {
            let response = app.get_as(Some(&staff), &path).await;
            assert_eq!(response.status().as_u16(), 200, "{path}");
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/csv")
            );
            response
                .text()
                .await
                .expect("a body")
                .trim_start_matches('\u{feff}')
                .to_string()
        }
    };
    assert_eq!(
        csv("/staff/overview/funnel.csv").await,
        "Stage,Leaders,Of those who asked,Of the stage before\r\n\
         Asked,10,,\r\n\
         Accepted,7,70.0,70.0\r\n\
         First session,6,60.0,85.7\r\n\
         Completed,5,50.0,83.3\r\n"
    );
    assert_eq!(
        csv("/staff/overview/organisation-size.csv").await,
        "Band,Requests,Of all requests\r\n\
         Under £50,000,5,50.0\r\n\
         \"£50,000 to £149,999\",fewer than 5,fewer than 5\r\n\
         \"£150,000 to £499,999\",fewer than 5,fewer than 5\r\n"
            .replace("Under £50,000", "\"Under £50,000\"")
    );
    let months = csv("/staff/overview/take-up-by-month.csv").await;
    let lines: Vec<&str> = months.lines().collect();
    assert_eq!(lines[0], "Month,Requests,Accepted,First sessions,Completed");
    assert_eq!(lines[1], "January 2027,8,6,fewer than 5,fewer than 5");
    assert_eq!(
        lines[2],
        "February 2027,fewer than 5,fewer than 5,fewer than 5,fewer than 5"
    );
    assert_eq!(
        lines[6],
        "June 2027,fewer than 5,fewer than 5,fewer than 5,5"
    );
    assert_eq!(lines.len(), 7, "January to June, quiet months included");
    let coaches = csv("/staff/overview/coaches-questionnaires.csv").await;
    assert!(
        coaches.contains("Mean confidence as a coach (1 to 5),4.00\r\n"),
        "{coaches}"
    );
    assert!(
        coaches.contains("\"Hours given, in total, by the coaches who answered\",35.0\r\n"),
        "{coaches}"
    );
    // R6's coach has not answered, but their questionnaire is still open: 5 of 5.
    assert!(coaches.contains("Response rate,100.0\r\n"), "{coaches}");

    // A region filter, kept in the address and in the exports.
    let london = Page::from(
        app.get_as(Some(&staff), "/staff/overview?region=london")
            .await,
    )
    .await;
    assert_eq!(
        metrics(&london).get("requests").map(String::as_str),
        Some("8")
    );
    assert!(
        london
            .html
            .contains("/staff/overview/funnel.csv?region=london")
    );
    let wales = Page::from(
        app.get_as(Some(&staff), "/staff/overview?region=wales")
            .await,
    )
    .await;
    assert_eq!(
        metrics(&wales).get("requests").map(String::as_str),
        Some("fewer than 5")
    );
    let january = Page::from(
        app.get_as(
            Some(&staff),
            "/staff/overview?from=2027-01-01&to=2027-01-31",
        )
        .await,
    )
    .await;
    assert_eq!(
        metrics(&january).get("requests").map(String::as_str),
        Some("8")
    );

    // Every download is in the audit log.
    let downloads: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'overview_downloaded'")
            .fetch_one(&app.pool)
            .await
            .expect("the audit log");
    assert_eq!(downloads, 4);
}

#[tokio::test]
async fn the_evaluators_export_is_pseudonymised_and_its_ids_are_stable() {
    let app = spawn_app().await;
    app.clock.set(at("2027-07-10T10:00:00Z"));
    fixture(&app).await;
    let staff = app.staff_session().await;
    let first = app
        .get_as(Some(&staff), "/staff/overview/evaluation.csv")
        .await;
    assert_eq!(first.status().as_u16(), 200);
    let first = first.text().await.expect("a body");
    for private in [
        "Leader Number",
        "leader1@example.org",
        "Fixture Charity",
        "E1 6AN",
        "6AN",
        "40000",
        "2027-01-04",
    ] {
        assert!(!first.contains(private), "{private} must not leave");
    }
    let rows: Vec<Vec<&str>> = first
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 10);
    let header: Vec<&str> = first
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    // By month, then code: the order within a month would tell when each request came.
    let months: Vec<&str> = rows.iter().map(|r| r[column("request_month")]).collect();
    assert_eq!(
        months,
        [["2027-01"; 8].as_slice(), &["2027-02"; 2]].concat()
    );
    let codes: Vec<&str> = rows[..8]
        .iter()
        .map(|r| r[column("evaluation_id")])
        .collect();
    assert!(codes.windows(2).all(|w| w[0] <= w[1]), "{codes:?}");
    // R1, told by its start score alone.
    let r1 = rows
        .iter()
        .find(|r| r[column("baseline_general_self_efficacy")] == "20.00")
        .expect("R1");
    assert_eq!(r1[column("postcode_area")], "E");
    assert_eq!(r1[column("income_band")], "under-50k");
    assert_eq!(r1[column("end_general_self_efficacy")], "26.00");
    assert!(r1[column("evaluation_id")].starts_with("L-"));
    let second = app
        .get_as(Some(&staff), "/staff/overview/evaluation.csv")
        .await
        .text()
        .await
        .expect("a body");
    assert_eq!(first, second, "the same ids every time");

    // Not for coaches or the public; and the table must exist.
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let coach = app.session_for(amara).await;
    assert_eq!(
        app.get_as(Some(&coach), "/staff/overview/evaluation.csv")
            .await
            .status()
            .as_u16(),
        403
    );
    let anonymous = app.get("/staff/overview/evaluation.csv").await;
    assert!(anonymous.status().is_redirection());
    assert!(
        anonymous.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .starts_with("/sign-in")
    );
    assert_eq!(
        app.get_as(Some(&staff), "/staff/overview/nothing.csv")
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn impact_shows_the_headlines_to_everyone_with_the_same_suppression() {
    let app = spawn_app().await;
    app.clock.set(at("2027-07-10T10:00:00Z"));
    fixture(&app).await;
    let impact = app.get_page("/impact").await;
    assert_eq!(impact.status, 200);
    assert!(
        impact
            .html
            .contains(r#"data-metric="requests" data-value="10""#)
    );
    assert!(
        impact
            .html
            .contains(r#"data-metric="completed" data-value="5""#)
    );
    assert!(
        impact
            .html
            .contains(r#"data-metric="gse-mean-change" data-value="6.00""#)
    );
    assert!(
        impact
            .html
            .contains(r#"data-metric="ucla-loneliness-mean-change" data-value="fewer than 5""#)
    );
    assert!(impact.html.contains("How we measure"));
    assert!(!impact.html.contains("Leader Number"));

    // In February, it counts only January's requests: the figures change once a month.
    app.clock.set(at("2027-02-10T10:00:00Z"));
    let february = app.get_page("/impact").await;
    assert!(
        february
            .html
            .contains(r#"data-metric="requests" data-value="8""#)
    );
    assert!(february.html.contains("made up to 31 January 2027"));
}

#[tokio::test]
async fn a_date_that_is_not_one_is_told_by_its_field_and_the_rest_still_applies() {
    let app = spawn_app().await;
    app.clock.set(at("2027-07-10T10:00:00Z"));
    fixture(&app).await;
    let staff = app.staff_session().await;
    let page = Page::from(
        app.get_as(
            Some(&staff),
            "/staff/overview?from=2027-13-01&region=london",
        )
        .await,
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("Enter a real date, like 2026-04-01"));
    assert!(page.html.contains(r#"value="2027-13-01""#), "kept as typed");
    assert_eq!(
        metrics(&page).get("requests").map(String::as_str),
        Some("8")
    );
}

//! A leader sees and downloads everything held about them from their request's private page.

use crate::helpers::{at, coach, link_in, spawn_app};

#[tokio::test]
async fn a_leader_downloads_everything_held_about_them_and_reads_it_on_a_page() {
    let app = spawn_app().await;
    app.clock.set(at("2027-02-01T10:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor"), coach("Ben Carter")])
        .await;
    let amara = app.coach_id("amara-okafor").await;
    let reference = crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    // Jo's second request, to Ben, from the same address; and someone else's.
    crate::helpers::ask_coach(&app, "ben-carter", "JO@example.org", "organisation", "90k").await;
    crate::helpers::ask_coach(&app, "ben-carter", "sam@example.org", "organisation", "90k").await;
    let page = link_in(
        &app.last_email_of_kind("jo@example.org", "request_received")
            .await,
        "/requests/",
    );
    app::me::db::accept(
        &app.pool,
        amara,
        &reference,
        "Gladly <b>Jo</b>.",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");

    let own = app.get_page(&page).await;
    assert!(own.html.contains(&format!("{page}/your-data.json")));
    let file = app.get(&format!("{page}/your-data.json")).await;
    assert_eq!(file.status().as_u16(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let held: serde_json::Value = file.json().await.expect("JSON");
    assert_eq!(held["email_address"], "jo@example.org");
    let asked: Vec<&str> = held["coaches_asked"]
        .as_array()
        .expect("asks")
        .iter()
        .map(|a| a["coach"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        asked,
        ["Amara Okafor", "Ben Carter"],
        "both of Jo's requests, nobody else's"
    );
    assert_eq!(
        held["coaches_asked"][0]["goals"],
        "I would like to think about our strategy."
    );
    assert_eq!(held["coaching"][0]["status"], "active");
    assert_eq!(held["questionnaires"][0]["kind"], "leader_baseline");
    let emails: Vec<&str> = held["emails_to_you"]
        .as_array()
        .expect("emails")
        .iter()
        .map(|e| e["subject"].as_str().unwrap_or_default())
        .collect();
    assert!(emails.len() >= 4, "{emails:?}");
    let text = held.to_string();
    for private in [
        "sam@example.org",
        "token_hash",
        "submission_id",
        "amara-okafor@example.org\",\"phone",
        // Columns only a coach's own record has.
        "\"capacity\"",
        "\"how_i_coach\"",
    ] {
        assert!(!text.contains(private), "{private}");
    }

    let readable = app.get_page(&format!("{page}/your-data")).await;
    assert_eq!(readable.status, 200);
    assert!(
        readable
            .html
            .contains("I would like to think about our strategy.")
    );
    assert!(
        readable.html.contains("Gladly &lt;b&gt;Jo&lt;/b&gt;."),
        "what a coach typed stays text"
    );
    assert!(!readable.html.contains("sam@example.org"));

    assert_eq!(
        app.get("/requests/made-up/your-data.json")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get_page("/requests/made-up/your-data").await.status,
        404
    );
}

#[tokio::test]
async fn a_leader_erases_their_details_coaching_in_progress_ends_and_every_count_stays() {
    let app = spawn_app().await;
    app.clock.set(at("2027-02-01T10:00:00Z"));
    app.add_coaches(&[coach("Amara Okafor"), coach("Ben Carter")])
        .await;
    let amara = app.coach_id("amara-okafor").await;
    let reference = crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    crate::helpers::ask_coach(&app, "ben-carter", "jo@example.org", "organisation", "90k").await;
    crate::helpers::ask_coach(&app, "ben-carter", "sam@example.org", "organisation", "90k").await;
    let page = link_in(
        &app.last_email_of_kind("jo@example.org", "request_received")
            .await,
        "/requests/",
    );
    app::me::db::accept(
        &app.pool,
        amara,
        &reference,
        "Yes.",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");
    let counted = |app: &crate::helpers::TestApp| {
        let pool = app.pool.clone();
        let now = app.clock.now();
        async move {
            app::reporting::db::overview(
                &pool,
                &app::reporting::overview::OverviewFilter::default(),
                now,
            )
            .await
            .expect("the overview")
            .tables
        }
    };
    let before = counted(&app).await;

    // Without the box ticked: told by the box, nothing erased.
    let unticked = app.post_form(&page, &[("action", "erase")]).await;
    assert_eq!(unticked.status().as_u16(), 422);
    let unticked = crate::helpers::Page::from(unticked).await;
    assert!(
        unticked
            .html
            .contains("Tick the box to confirm you want your details erased")
    );
    assert!(
        unticked
            .html
            .contains(r#"aria-describedby="confirm-error""#)
    );

    app.clock.set(at("2027-02-03T10:00:00Z"));
    let erased = app
        .post_form(&page, &[("action", "erase"), ("confirm", "yes")])
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    assert_eq!(erased.headers()["location"], "/your-data-erased");
    assert!(
        app.get_page("/your-data-erased")
            .await
            .html
            .contains("Your details are erased")
    );

    let left: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT email, status, phone FROM expressions_of_interest ORDER BY created_at, reference",
    )
    .fetch_all(&app.pool)
    .await
    .expect("asks");
    assert_eq!(
        left,
        [
            (app::retention::ERASED_EMAIL.into(), "accepted".into(), None),
            (
                app::retention::ERASED_EMAIL.into(),
                "withdrawn".into(),
                None
            ),
            ("sam@example.org".into(), "pending".into(), None),
        ]
    );
    let (status, leaders): (String, i32) = sqlx::query_as(
        "SELECT g.status, c.current_leaders FROM engagements g JOIN coaches c ON c.id = g.coach_id",
    )
    .fetch_one(&app.pool)
    .await
    .expect("the coaching");
    assert_eq!(
        (status.as_str(), leaders),
        ("ended_early", 0),
        "closed, the place freed"
    );
    let to_amara: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM outbox WHERE to_address = 'amara-okafor@example.org' ORDER BY created_at, seq",
    )
    .fetch_all(&app.pool)
    .await
    .expect("Amara's emails");
    assert!(
        to_amara.ends_with(&["request_withdrawn".to_string(), "questionnaire".to_string()]),
        "{to_amara:?}"
    );
    assert!(
        app.last_email_to("ben-carter@example.org")
            .await
            .contains("has withdrawn their request")
    );
    let to_jo: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE lower(to_address) = 'jo@example.org'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("Jo's emails");
    assert_eq!(
        to_jo, 0,
        "the emails waiting for Jo went with their details"
    );
    assert_eq!(
        app.get(&page).await.status().as_u16(),
        404,
        "the link stops working"
    );
    assert_eq!(
        app.get(&format!("{page}/your-data.json"))
            .await
            .status()
            .as_u16(),
        404
    );

    // Every count stays but the coaching's close, now a day on.
    let after = counted(&app).await;
    let funnel = |tables: &[app::reporting::overview::Table]| {
        tables.iter().find(|t| t.slug == "funnel").map(|t| t.csv())
    };
    assert_eq!(funnel(&after), funnel(&before));
    // And nobody is emailed at Jo's erased address, ever: no reminder of their questionnaire.
    app.clock.set(at("2027-02-12T10:00:00Z"));
    app::interest::due::run(&app.pool, &app.clock, "http://test", false)
        .await
        .expect("the work ran");
    let to_erased: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = $1")
        .bind(app::retention::ERASED_EMAIL)
        .fetch_one(&app.pool)
        .await
        .expect("none");
    assert_eq!(to_erased, 0);
}

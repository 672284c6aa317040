//! A leader sees and downloads everything held about them from their request's private page.

use crate::helpers::{coach, link_in, spawn_app};
use chrono::{DateTime, Utc};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .expect("a time")
}

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

//! The demo data shows a request's life: the demo coach has one request two working days from
//! its deadline and one passed on to them, and the outbox holds every email that led there.

use crate::helpers::{kinds_to, spawn_app};
use chrono::{DateTime, NaiveDate, Utc};

#[tokio::test]
async fn the_demo_coach_has_a_request_near_its_deadline_and_one_passed_on() {
    let app = spawn_app().await;
    // Wednesday 10 February 2027, mid-morning in London.
    let now: DateTime<Utc> = "2027-02-10T10:30:00Z".parse().expect("a time");
    let today = NaiveDate::from_ymd_opt(2027, 2, 10).expect("a date");
    app.add_coaches(&app::coaches::demo::coaches(6, today))
        .await;
    // Published this winter (the demo's coaches are stamped with the database's time).
    sqlx::query("UPDATE coaches SET published_at = '2027-01-04T10:00:00Z'")
        .execute(&app.pool)
        .await
        .expect("published");

    app::accounts::demo::insert(&app.pool, "http://test", false, now)
        .await
        .expect("the demo accounts and requests");

    let amaras: Vec<(String, String, Option<NaiveDate>, bool)> = sqlx::query_as(
        "SELECT e.leader_name, e.status, e.answer_due_on, e.passed_on_from IS NOT NULL
         FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
         WHERE c.slug = 'amara-okafor' ORDER BY e.created_at",
    )
    .fetch_all(&app.pool)
    .await
    .expect("Amara's requests");
    assert_eq!(
        amaras,
        [
            // Asked Friday 29 January: due Friday 12 February, two working days on.
            (
                "Rosa Delgado".into(),
                "pending".into(),
                NaiveDate::from_ymd_opt(2027, 2, 12),
                false
            ),
            // Passed on Saturday 6 February, when his first choice's deadline had passed.
            (
                "Tom Whitlock".into(),
                "pending".into(),
                NaiveDate::from_ymd_opt(2027, 2, 19),
                true
            ),
        ]
    );
    assert_eq!(
        kinds_to(&app, "tom.whitlock@example.org").await,
        ["request_received", "request_expired", "request_passed_on"]
    );
    let amara: String = sqlx::query_scalar("SELECT email FROM coaches WHERE slug = 'amara-okafor'")
        .fetch_one(&app.pool)
        .await
        .expect("Amara");
    assert_eq!(
        kinds_to(&app, &amara).await,
        ["new_request", "answer_reminder", "new_request"],
        "Rosa's request, its first reminder, Tom's passed on"
    );

    // Seeding again adds nothing and sends nothing.
    let emails: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    app::accounts::demo::insert(&app.pool, "http://test", false, now)
        .await
        .expect("again");
    let again: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(again, emails);
}

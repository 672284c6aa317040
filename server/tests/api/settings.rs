//! Programme settings: an admin sets the fee from a day; coaching starting from then costs the
//! new fee, earlier coaching keeps its own.

use crate::helpers::{Page, TestApp, ask_coach, coach, spawn_app};
use uuid::Uuid;

async fn fee_of_a_new_coaching(app: &TestApp, email: &str) -> i32 {
    let reference = ask_coach(app, "amara-okafor", email, "organisation", "90k").await;
    let engagement: Uuid = app::me::db::accept(
        &app.pool,
        app.coach_id("amara-okafor").await,
        &reference,
        "Welcome",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");
    sqlx::query_scalar("SELECT amount_pence FROM programme_fees WHERE engagement_id = $1")
        .bind(engagement)
        .fetch_one(&app.pool)
        .await
        .expect("a fee")
}

#[tokio::test]
async fn an_admin_sets_the_fee_from_a_day_and_only_later_coaching_costs_it() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let admin = app.add_admin("admin@example.org").await;
    let session = app.session_for(admin).await;
    let tomorrow = (app.clock.today() + chrono::Duration::days(1)).to_string();

    let page = Page::from(app.get_as(Some(&session), "/staff/settings").await).await;
    assert!(page.html.contains("In effect today: £800.00."));
    let wrong = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/settings",
            &[
                ("setting", "fee_pence"),
                ("value", "lots"),
                ("effective_from", "2020-01-01"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.html.contains("Enter the amount as a number"));
    assert!(wrong.html.contains("Enter today or a later day"));

    let set = app
        .post_form_as(
            Some(&session),
            "/staff/settings",
            &[
                ("setting", "fee_pence"),
                ("value", "£850"),
                ("effective_from", &tomorrow),
            ],
        )
        .await;
    assert_eq!(set.headers()["location"], "/staff/settings?saved=yes");
    assert_eq!(fee_of_a_new_coaching(&app, "one@example.org").await, 80_000);
    app.clock.advance(chrono::Duration::days(1));
    assert_eq!(fee_of_a_new_coaching(&app, "two@example.org").await, 85_000);
    // A day on, the admin signs in again.
    let session = app.session_for(admin).await;
    let page = Page::from(app.get_as(Some(&session), "/staff/settings").await).await;
    assert!(page.html.contains("In effect today: £850.00."));
    assert!(page.html.contains("admin@example.org"), "who set it");
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'change setting'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(logged, 1);

    // Staff who are not admins neither see nor change it.
    let staff = app.staff_session().await;
    assert_eq!(
        app.get_as(Some(&staff), "/staff/settings")
            .await
            .status()
            .as_u16(),
        403
    );
}

//! The cascade: a leader offers to train when their coaching closes, staff invite them, the new
//! coach's record keeps who coached them, and the overview draws who coached whom.

use crate::helpers::{Page, closed_coaching, coach, spawn_app};
use uuid::Uuid;

#[tokio::test]
async fn a_leader_offers_to_train_staff_invite_them_and_their_profile_keeps_who_coached_them() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Nia Evans")])
        .await;
    let staff = app.staff_session().await;
    let link = closed_coaching(&app, "jo@example.org").await;

    let feedback = app.get_page(&format!("{link}/feedback")).await;
    assert!(feedback.html.contains("data-testid=\"offer-form\""));
    let offered = app.post_form(&format!("{link}/train"), &[]).await;
    assert_eq!(offered.status().as_u16(), 303);
    let again = app.post_form(&format!("{link}/train"), &[]).await;
    assert_eq!(again.status().as_u16(), 303, "once is enough");
    let feedback = app.get_page(&format!("{link}/feedback")).await;
    assert!(feedback.html.contains("data-testid=\"offer-made\""));
    assert_eq!(
        app.post_form("/questionnaires/made-up/train", &[])
            .await
            .status()
            .as_u16(),
        404
    );

    let page = Page::from(app.get_as(Some(&staff), "/staff/cascade").await).await;
    assert!(page.html.contains("Jo Bloggs (jo@example.org)"));
    let engagement: Uuid = sqlx::query_scalar("SELECT engagement_id FROM training_offers")
        .fetch_one(&app.pool)
        .await
        .expect("an offer");
    let invited = app
        .post_form_as(Some(&staff), &format!("/staff/cascade/{engagement}"), &[])
        .await;
    assert_eq!(invited.headers()["location"], "/staff/cascade?invited=yes");
    assert!(
        app.last_email_to("jo@example.org")
            .await
            .contains("/account/welcome?token=")
    );
    let twice = Page::from(
        app.post_form_as(Some(&staff), &format!("/staff/cascade/{engagement}"), &[])
            .await,
    )
    .await;
    assert_eq!(twice.status, 409);

    // Their profile, once made, keeps who coached them.
    let nia = app.coach_id("nia-evans").await;
    sqlx::query("UPDATE accounts SET coach_id = $1 WHERE email = 'jo@example.org'")
        .bind(nia)
        .execute(&app.pool)
        .await
        .expect("profile made");
    let coached_by: Option<Uuid> =
        sqlx::query_scalar("SELECT coached_by FROM coaches WHERE id = $1")
            .bind(nia)
            .fetch_one(&app.pool)
            .await
            .expect("the coach");
    assert_eq!(coached_by, Some(app.coach_id("amara-okafor").await));

    let page = Page::from(app.get_as(Some(&staff), "/staff/cascade").await).await;
    assert!(
        page.html
            .contains("2 generations; 1 coach who were once leaders here.")
    );
    assert!(page.html.contains("<svg"));
    assert_eq!(
        page.html.matches("data-testid=\"cascade-coach\"").count(),
        2
    );
}

#[tokio::test]
async fn the_cascade_counts_leaders_through_each_line_and_draws_names_as_text() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan <b>Pritchard</b>")])
        .await;
    let staff = app.staff_session().await;
    // Amara coached two leaders; one of them is Bethan.
    closed_coaching(&app, "one@example.org").await;
    closed_coaching(&app, "two@example.org").await;
    let bethan: Uuid = sqlx::query_scalar("SELECT id FROM coaches WHERE name LIKE 'Bethan%'")
        .fetch_one(&app.pool)
        .await
        .expect("Bethan");
    sqlx::query("UPDATE coaches SET coached_by = $2 WHERE id = $1")
        .bind(bethan)
        .bind(app.coach_id("amara-okafor").await)
        .execute(&app.pool)
        .await
        .expect("lineage");
    let page = Page::from(app.get_as(Some(&staff), "/staff/cascade").await).await;
    assert!(page.html.contains("Bethan &lt;b&gt;Pritchard&lt;/b&gt;"));
    assert!(!page.html.contains("Bethan <b>"));
    // Amara: two leaders, and Bethan's none: two through her line.
    assert!(page.html.contains("<td>2</td><td>2</td>"), "{}", page.html);
}

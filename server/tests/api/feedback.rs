//! Leaders' anonymous feedback at the close of their coaching: given once from the closing
//! questionnaire's link, shown to the coach and staff only from three answers.

use crate::helpers::{Page, TestApp, closed_coaching, coach, link_in, spawn_app};

async fn give(app: &TestApp, link: &str, rating: &str, comment: &str) -> reqwest::Response {
    app.post_form(
        &format!("{link}/feedback"),
        &[("rating", rating), ("comment", comment)],
    )
    .await
}

#[tokio::test]
async fn a_leader_rates_their_coaching_once_from_the_closing_questionnaire() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let link = closed_coaching(&app, "jo@example.org").await;

    let questionnaire = app.get_page(&link).await;
    assert!(
        questionnaire
            .html
            .contains("data-testid=\"feedback-invitation\"")
    );
    let form = app.get_page(&format!("{link}/feedback")).await;
    assert_eq!(form.status, 200);
    assert!(
        form.html
            .contains("How was your coaching with Amara Okafor?")
    );

    let wrong = Page::from(give(&app, &link, "9", "Kind <b>and</b> wise").await).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.html.contains("Choose a rating from 1 to 5"));
    assert!(
        wrong.html.contains("Kind &lt;b&gt;and&lt;/b&gt; wise"),
        "kept, as text"
    );

    let given = give(&app, &link, "4", "Kind <b>and</b> wise").await;
    assert_eq!(given.status().as_u16(), 303);
    let again = give(&app, &link, "1", "Changed my mind").await;
    assert_eq!(
        again.status().as_u16(),
        303,
        "said thank you, changed nothing"
    );
    let stored: Vec<(i16, Option<String>)> =
        sqlx::query_as("SELECT rating, comment FROM coaching_feedback")
            .fetch_all(&app.pool)
            .await
            .expect("stored");
    assert_eq!(stored, [(4, Some("Kind <b>and</b> wise".to_string()))]);
    // Nothing in it points to the leader or the coaching.
    let columns: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns
         WHERE table_name = 'coaching_feedback' ORDER BY 1",
    )
    .fetch_all(&app.pool)
    .await
    .expect("columns");
    // An arrival counter, not a time; the year, not the day.
    assert_eq!(
        columns,
        ["arrival", "coach_id", "comment", "given_in", "id", "rating"]
    );
    let questionnaire = app.get_page(&link).await;
    assert!(!questionnaire.html.contains("feedback-invitation"));
    let thanked = app.get_page(&format!("{link}/feedback")).await;
    assert!(thanked.html.contains("data-testid=\"feedback-given\""));
}

#[tokio::test]
async fn only_a_leaders_closing_questionnaire_opens_the_feedback_form() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let link = closed_coaching(&app, "jo@example.org").await;
    let coach_link = link_in(
        &app.last_email_of_kind("amara-okafor@example.org", "questionnaire")
            .await,
        "/questionnaires/",
    );
    assert_ne!(coach_link, link);
    for path in [
        format!("{coach_link}/feedback"),
        "/questionnaires/made-up/feedback".into(),
    ] {
        assert_eq!(app.get_page(&path).await.status, 404, "{path}");
        let refused = give(&app, path.trim_end_matches("/feedback"), "5", "").await;
        assert_eq!(refused.status().as_u16(), 404);
    }
}

#[tokio::test]
async fn a_coach_and_staff_see_feedback_only_from_three_leaders() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let session = app.session_for(amara).await;
    let staff = app.staff_session().await;
    for (i, (rating, comment)) in [("5", "Kind <b>and</b> wise"), ("4", ""), ("3", "Useful")]
        .into_iter()
        .enumerate()
    {
        let link = closed_coaching(&app, &format!("leader{i}@example.org")).await;
        give(&app, &link, rating, comment).await;
        let me = Page::from(app.get_as(Some(&session), "/me").await).await;
        let listed = Page::from(app.get_as(Some(&staff), "/staff/feedback").await).await;
        if i < 2 {
            assert!(
                me.html.contains(&format!("Feedback from {} leader", i + 1)),
                "{}",
                me.html
            );
            assert!(!me.html.contains("Average rating"));
            assert!(!me.html.contains("Kind &lt;b&gt;"), "no comment yet");
            assert!(!listed.html.contains("Average rating"));
        } else {
            for page in [&me, &listed] {
                assert!(page.html.contains(
                    "Average rating 4.0 out of 5, from 3 leaders (shown 3 answers at a time)."
                ));
                assert!(page.html.contains("Kind &lt;b&gt;and&lt;/b&gt; wise"));
                assert!(page.html.contains("Useful"));
            }
        }
    }
    // Closing the coach's account erases the feedback about them.
    let closed = app
        .post_form_as(Some(&session), "/me/close-account", &[("confirm", "yes")])
        .await;
    assert_eq!(closed.status().as_u16(), 303);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM coaching_feedback")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

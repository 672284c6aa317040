//! Staff acting for a person who asks: everything held about an email address, produced and
//! audited; erasure with a reason, audited.

use crate::helpers::{Page, ask_coach, coach, count, spawn_app};

#[tokio::test]
async fn staff_produce_everything_held_about_an_address_and_each_time_is_audited() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    app.add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let reference = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let staff = app.staff_session().await;

    let page = Page::from(
        app.get_as(Some(&staff), "/staff/people?email=JO%40example.org")
            .await,
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains(&reference));
    assert!(page.html.contains("Hollowmere Carers"));
    let file = app
        .get_as(
            Some(&staff),
            "/staff/people/data.json?email=jo%40example.org",
        )
        .await;
    assert_eq!(file.status().as_u16(), 200);
    let held: serde_json::Value = file.json().await.expect("JSON");
    assert_eq!(
        held["as_a_leader"]["coaches_asked"][0]["reference"],
        reference.as_str()
    );
    assert!(held["as_a_coach"].is_null());

    let coach_file: serde_json::Value = app
        .get_as(
            Some(&staff),
            "/staff/people/data.json?email=amara%40example.org",
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(coach_file["as_a_coach"]["profile"]["name"], "Amara Okafor");

    let nothing = Page::from(
        app.get_as(Some(&staff), "/staff/people?email=nobody%40example.org")
            .await,
    )
    .await;
    assert!(
        nothing
            .html
            .contains("Cascade holds nothing about nobody@example.org")
    );
    let invalid = Page::from(app.get_as(Some(&staff), "/staff/people?email=jo").await).await;
    assert!(
        invalid
            .html
            .contains("Enter an email address in the correct format")
    );

    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'produce personal data'"
        )
        .await,
        3,
        "the page, and the two files"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log l WHERE to_jsonb(l)::text LIKE '%@%'"
        )
        .await,
        0,
        "the address is kept beside the log, not in it"
    );

    // A staff member's own: their account and the actions they took.
    let own: serde_json::Value = app
        .get_as(
            Some(&staff),
            "/staff/people/data.json?email=staff%40example.org",
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(own["as_staff"]["account"]["email"], "staff@example.org");
    assert_eq!(
        own["as_staff"]["actions_taken"][0]["what"],
        "produce personal data"
    );

    // Not for coaches, nor anyone signed out.
    let coach_session = app
        .session_for(app.add_account("other@example.org", false, None).await)
        .await;
    assert_eq!(
        app.get_as(
            Some(&coach_session),
            "/staff/people/data.json?email=jo%40example.org"
        )
        .await
        .status()
        .as_u16(),
        403
    );
    assert_eq!(
        app.get_as(None, "/staff/people/data.json?email=jo%40example.org")
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn staff_erase_a_person_with_a_reason_as_a_leader_and_as_a_coach() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Malik Ahmed")])
        .await;
    app.add_account("malik-ahmed@example.org", false, Some("malik-ahmed"))
        .await;
    let reference = ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let staff = app.staff_session().await;
    let before = count(&app, "SELECT count(*) FROM expressions_of_interest").await;

    // Each mistake is named by its field, and nothing is erased.
    let refused = Page::from(
        app.post_form_as(
            Some(&staff),
            "/staff/people",
            &[("email", "jo@example.org"), ("reason", "")],
        )
        .await,
    )
    .await;
    assert!(refused.html.contains("Say why you are erasing it"));
    assert!(refused.html.contains("Tick the box to confirm the erasure"));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expressions_of_interest WHERE erased_at IS NOT NULL"
        )
        .await,
        0
    );
    let nobody = Page::from(
        app.post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "nobody@example.org"),
                ("reason", "Asked by phone."),
                ("confirm", "yes"),
            ],
        )
        .await,
    )
    .await;
    assert!(
        nobody
            .html
            .contains("Cascade holds nothing about nobody@example.org")
    );

    let erased = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "jo@example.org"),
                ("reason", "Asked by email on 2 December."),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(erased.status().as_u16(), 303);
    let name: String =
        sqlx::query_scalar("SELECT leader_name FROM expressions_of_interest WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&app.pool)
            .await
            .expect("the request stays");
    assert_eq!(name, app::retention::ERASED);
    assert_eq!(
        count(&app, "SELECT count(*) FROM expressions_of_interest").await,
        before
    );

    let coach_erased = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "malik-ahmed@example.org"),
                ("reason", "Asked by letter."),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(coach_erased.status().as_u16(), 303);
    assert_eq!(app.get_page("/coaches/malik-ahmed").await.status, 404);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM accounts WHERE email = 'malik-ahmed@example.org'"
        )
        .await,
        0
    );
    let reasons: Vec<String> = sqlx::query_scalar(
        "SELECT d.details ->> 'reason' FROM audit_log l JOIN audit_details d ON d.audit_id = l.id
         WHERE l.action = 'erase personal data' ORDER BY l.id",
    )
    .fetch_all(&app.pool)
    .await
    .expect("audited");
    assert_eq!(
        reasons,
        ["Asked by email on 2 December.", "Asked by letter."]
    );
    let log = Page::from(app.get_as(Some(&staff), "/staff/audit").await).await;
    assert!(log.html.contains("Asked by letter."));

    // Not one's own staff account; another's, yes, and their decisions stay.
    let own = Page::from(
        app.post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "staff@example.org"),
                ("reason", "Testing."),
                ("confirm", "yes"),
            ],
        )
        .await,
    )
    .await;
    assert!(own.html.contains("That is your own account"));
    let colleague = app.add_account("colleague@example.org", true, None).await;
    let colleague_session = app.session_for(colleague).await;
    let looked = app
        .get_as(
            Some(&colleague_session),
            "/staff/people?email=staff%40example.org",
        )
        .await;
    assert_eq!(looked.status().as_u16(), 200);
    let gone = app
        .post_form_as(
            Some(&staff),
            "/staff/people",
            &[
                ("email", "colleague@example.org"),
                ("reason", "Left the programme."),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(gone.status().as_u16(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM accounts WHERE email = 'colleague@example.org'"
        )
        .await,
        0
    );
    assert_eq!(
        app.get_as(Some(&colleague_session), "/staff/people")
            .await
            .status()
            .as_u16(),
        303,
        "signed out"
    );
    let log = Page::from(app.get_as(Some(&staff), "/staff/audit").await).await;
    assert!(
        log.html.contains("(erased account)"),
        "their actions stay, by no name"
    );
}

#[tokio::test]
async fn the_schedule_erasing_a_leader_also_erases_staff_having_produced_their_data() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    app.clock.set(crate::helpers::at("2027-01-04T10:00:00Z"));
    ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let staff = app.staff_session().await;
    let page = app
        .get_as(Some(&staff), "/staff/people?email=jo%40example.org")
        .await;
    assert_eq!(page.status().as_u16(), 200);
    let about_jo = "SELECT count(*) FROM audit_details WHERE email = 'jo@example.org'";
    assert_eq!(count(&app, about_jo).await, 1);
    sqlx::query(
        "WITH e AS (UPDATE expressions_of_interest SET status = 'withdrawn' RETURNING leader_request_id)
         UPDATE leader_requests SET ended_at = $1, withdrawn_at = $1
         WHERE id IN (SELECT leader_request_id FROM e)",
    )
    .bind(crate::helpers::at("2027-01-05T09:00:00Z"))
    .execute(&app.pool)
    .await
    .expect("withdrawn");
    app::retention::apply(&app.pool, crate::helpers::at("2028-01-05T09:00:00Z"))
        .await
        .expect("ran");
    assert_eq!(
        count(&app, about_jo).await,
        0,
        "their address went with their details"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'produce personal data'"
        )
        .await,
        1,
        "the line stays"
    );
}

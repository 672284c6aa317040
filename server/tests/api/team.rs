//! `/staff/team`: admins invite staff and admins, change roles, disable and enable accounts and
//! reset two-step sign-in; nobody changes their own account; every change is audited.

use crate::helpers::{Page, TestApp, cookie_set, link_in, spawn_app};
use uuid::Uuid;

/// An admin, signed in: (their account, their session).
async fn admin(app: &TestApp) -> (Uuid, String) {
    let id = app.add_admin("admin@example.org").await;
    (id, app.session_for(id).await)
}

async fn change(app: &TestApp, session: &str, account: Uuid, change: &str) -> reqwest::Response {
    app.post_form_as(
        Some(session),
        &format!("/staff/team/{account}"),
        &[("change", change)],
    )
    .await
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .expect("the audit log")
}

#[tokio::test]
async fn an_invited_member_of_staff_sets_a_password_and_an_app_and_is_not_an_admin() {
    let app = spawn_app().await;
    let (_, session) = admin(&app).await;

    let invited = app
        .post_form_as(
            Some(&session),
            "/staff/team",
            &[
                ("name", "Dafydd <i>Evans</i>"),
                ("email", "dafydd@example.org"),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    assert_eq!(
        invited.headers()["location"],
        "/staff/team?invited=dafydd%40example.org"
    );
    let team = Page::from(app.get_as(Some(&session), "/staff/team").await).await;
    assert!(
        team.html.contains("Dafydd &lt;i&gt;Evans&lt;/i&gt;"),
        "escaped"
    );
    assert!(team.html.contains("Invited: no password yet"));
    assert!(
        audit_actions(&app)
            .await
            .contains(&"invite staff".to_string())
    );

    let email = app.last_email_to("dafydd@example.org").await;
    let link = link_in(&email, "/account/welcome?token=");
    let welcome = app.get_page(&link).await;
    assert!(
        welcome
            .html
            .contains("invited to join Cascade&#x27;s staff")
            || welcome.html.contains("invited to join Cascade's staff"),
        "a staff invitation says so, not coaching"
    );
    let token = link.trim_start_matches("/account/welcome?token=");
    let set = app
        .post_form_as(
            None,
            "/account/welcome",
            &[("token", token), ("password", "heron lantern copper")],
        )
        .await;
    assert_eq!(set.headers()["location"], "/account/two-step");
    let challenge = cookie_set(&set, "cascade_two_step").expect("a challenge");
    let staff = app.set_up_app(&challenge).await.session;
    assert_eq!(
        app.get_as(Some(&staff), "/staff").await.status().as_u16(),
        200
    );
    assert_eq!(
        app.get_as(Some(&staff), "/staff/team")
            .await
            .status()
            .as_u16(),
        403,
        "staff, not an admin"
    );
    let home = Page::from(app.get_as(Some(&staff), "/staff").await).await;
    assert!(
        !home.html.contains("/staff/team"),
        "no link to what they cannot open"
    );
}

#[tokio::test]
async fn an_invitation_with_problems_says_each_by_its_field_and_keeps_the_rest() {
    let app = spawn_app().await;
    let (_, session) = admin(&app).await;
    let page = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/team",
            &[
                ("name", "  "),
                ("email", "not-an-address"),
                ("role", "owner"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.html.contains("Enter their name"));
    assert!(page.html.contains("Choose staff or admin"));
    assert!(page.html.contains("value=\"not-an-address\""));
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(accounts, 1, "nothing made");

    app.add_account("taken@example.org", true, None).await;
    let taken = Page::from(
        app.post_form_as(
            Some(&session),
            "/staff/team",
            &[
                ("name", "T"),
                ("email", "taken@example.org"),
                ("role", "admin"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(taken.status, 409);
    assert!(
        taken
            .html
            .contains("There is already an account for this email address")
    );
    assert!(taken.html.contains("id=\"role-admin\"") && taken.html.contains("checked"));
}

#[tokio::test]
async fn an_admin_changes_roles_disables_and_enables_others_audited() {
    let app = spawn_app().await;
    let (_, session) = admin(&app).await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let staff_session = app.session_for(staff).await;

    let made_admin = change(&app, &session, staff, "make-admin").await;
    assert_eq!(made_admin.status().as_u16(), 303);
    assert_eq!(
        app.get_as(Some(&staff_session), "/staff/team")
            .await
            .status()
            .as_u16(),
        200,
        "an admin now"
    );
    let page = Page::from(
        app.get_as(
            Some(&session),
            made_admin.headers()["location"].to_str().unwrap_or("/"),
        )
        .await,
    )
    .await;
    assert!(page.html.contains("is now an admin"), "{}", page.html);

    change(&app, &session, staff, "make-staff").await;
    assert_eq!(
        app.get_as(Some(&staff_session), "/staff/team")
            .await
            .status()
            .as_u16(),
        403
    );

    let disabled = change(&app, &session, staff, "disable").await;
    assert_eq!(disabled.status().as_u16(), 303);
    assert_eq!(
        app.get_as(Some(&staff_session), "/staff")
            .await
            .status()
            .as_u16(),
        303,
        "signed out everywhere"
    );
    let refused = Page::from(
        app.post_form_as(
            None,
            "/sign-in",
            &[
                ("email", "staff@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(refused.status, 403);
    assert!(refused.html.contains("This account has been disabled"));

    change(&app, &session, staff, "enable").await;
    let again = app
        .post_form_as(
            None,
            "/sign-in",
            &[
                ("email", "staff@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.headers()["location"], "/account/two-step");

    // A change that no longer applies is said so, and changes nothing.
    let twice = Page::from(change(&app, &session, staff, "enable").await).await;
    assert_eq!(twice.status, 409);
    assert!(
        twice
            .html
            .contains("does not apply to them as they are now")
    );

    assert_eq!(
        audit_actions(&app).await,
        [
            "change staff role",
            "change staff role",
            "disable staff account",
            "enable staff account"
        ]
    );
}

#[tokio::test]
async fn nobody_changes_their_own_account_so_an_admin_always_remains() {
    let app = spawn_app().await;
    let (me, session) = admin(&app).await;
    for what in ["make-staff", "disable", "reset-two-step"] {
        let page = Page::from(change(&app, &session, me, what).await).await;
        assert_eq!(page.status, 409, "{what}");
        assert!(
            page.html
                .contains("You cannot change your own account here")
        );
    }
    let still: (bool, bool) =
        sqlx::query_as("SELECT admin, disabled_at IS NULL FROM accounts WHERE id = $1")
            .bind(me)
            .fetch_one(&app.pool)
            .await
            .expect("the admin");
    assert_eq!(still, (true, true));

    // Two admins demoting each other at the same moment: one of them stays an admin.
    let other = app.add_admin("other@example.org").await;
    let other_session = app.session_for(other).await;
    let (a, b) = tokio::join!(
        change(&app, &session, other, "make-staff"),
        change(&app, &other_session, me, "make-staff"),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    // The second is refused: by the route, if the first had committed before it was read
    // (403), or inside, where the admins are locked (409).
    assert!(
        statuses[0] == 303 && matches!(statuses[1], 403 | 409),
        "{statuses:?}"
    );
    let admins: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts WHERE admin")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(admins, 1);
    // Whichever of the two is still the admin.
    let remaining: Uuid = sqlx::query_scalar("SELECT id FROM accounts WHERE admin")
        .fetch_one(&app.pool)
        .await
        .expect("the admin");
    let session = if remaining == me {
        session
    } else {
        other_session
    };

    // Not staff: not theirs to change.
    app.new_coach_session("coach@example.org").await;
    let coach_id: Uuid =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'coach@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("the coach");
    let page = Page::from(change(&app, &session, coach_id, "disable").await).await;
    assert_eq!(page.status, 409);
    assert!(page.html.contains("That account is not on the staff team"));
}

#[tokio::test]
async fn a_reset_two_step_sign_in_is_set_up_again_at_the_next_sign_in() {
    let app = spawn_app().await;
    let (_, session) = admin(&app).await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let sign_in = || async {
        app.post_form_as(
            None,
            "/sign-in",
            &[
                ("email", "staff@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await
    };
    let challenge = cookie_set(&sign_in().await, "cascade_two_step").expect("a challenge");
    let first = app.set_up_app(&challenge).await;

    let reset = change(&app, &session, staff, "reset-two-step").await;
    assert_eq!(reset.status().as_u16(), 303);
    assert_eq!(
        app.get_as(Some(&first.session), "/staff")
            .await
            .status()
            .as_u16(),
        303,
        "signed out"
    );
    let challenge = cookie_set(&sign_in().await, "cascade_two_step").expect("a challenge");
    let second = app.set_up_app(&challenge).await;
    assert_ne!(first.secret, second.secret, "a new key");
    assert!(
        audit_actions(&app)
            .await
            .contains(&"reset two-step sign-in".to_string())
    );
}

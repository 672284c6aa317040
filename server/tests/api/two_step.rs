//! Staff sign in in two steps: a password, then a code from an authenticator app or a
//! recovery code. Setting up the app, codes used once, wrong codes, the challenge's end, new
//! recovery codes, and the one exception (the demo staff account, on a demo site).

use crate::helpers::{
    PASSWORD, Page, TestApp, cookie_set, fresh_database, serving_pool, spawn_app, spawn_app_on,
    test_settings,
};
use app::accounts::second_factor::code_at;

const STAFF: &str = "rhiannon@example.org";

/// Signs in with the password: the challenge's token (no session yet).
async fn password_step(app: &TestApp, email: &str) -> String {
    let response = app
        .post_form_as(
            None,
            "/sign-in",
            &[("email", email), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/account/two-step");
    assert_eq!(cookie_set(&response, "cascade_session"), None, "not yet");
    cookie_set(&response, "cascade_two_step").expect("a challenge")
}

/// A staff member who has set up their app: (its secret, their recovery codes).
async fn staff_with_app(app: &TestApp) -> (String, Vec<String>) {
    app.add_account(STAFF, true, None).await;
    let challenge = password_step(app, STAFF).await;
    let done = app.set_up_app(&challenge).await;
    (done.secret, done.recovery_codes)
}

#[tokio::test]
async fn staff_set_up_an_app_at_first_sign_in_and_give_its_code_every_time_after() {
    let app = spawn_app().await;
    app.add_account(STAFF, true, None).await;

    // The password alone opens nothing.
    let challenge = password_step(&app, STAFF).await;
    let staff_page = app.get_as(None, "/staff").await;
    assert_eq!(staff_page.status().as_u16(), 303);

    let done = app.set_up_app(&challenge).await;
    assert!(done.page.html.contains("Two-step sign-in is set up"));
    assert_eq!(done.recovery_codes.len(), 10, "{}", done.page.html);
    assert!(
        done.page.html.contains("Sign out"),
        "the header is a signed-in person's"
    );
    assert_eq!(
        app.get_as(Some(&done.session), "/staff")
            .await
            .status()
            .as_u16(),
        200
    );
    // The secret is kept sealed: not as typed, nor as bytes anyone could read.
    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT totp_secret_sealed FROM accounts WHERE email = $1")
            .bind(STAFF)
            .fetch_one(&app.pool)
            .await
            .expect("stored");
    let as_text = String::from_utf8_lossy(&stored);
    assert!(!as_text.contains(&done.secret[..8]), "sealed");

    // Next time: a code, not the set-up.
    app.clock.advance(chrono::Duration::minutes(1));
    let challenge = password_step(&app, STAFF).await;
    let page = Page::from(
        app.with_challenge(&challenge, None, reqwest::Method::GET, "/account/two-step")
            .send()
            .await
            .expect("an answer"),
    )
    .await;
    assert!(
        page.html
            .contains("Now enter the code your authenticator app shows")
    );
    assert!(
        !page.html.contains("setup-key"),
        "the key is never shown again"
    );

    let typed_as_apps_show_it = {
        let code = code_at(&done.secret, app.clock.now()).expect("a code");
        format!("{} {}", &code[..3], &code[3..])
    };
    let response = app.send_code(&challenge, &typed_as_apps_show_it).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/staff");
    assert_eq!(
        cookie_set(&response, "cascade_two_step").as_deref(),
        Some(""),
        "the challenge's cookie goes"
    );
    let session = cookie_set(&response, "cascade_session").expect("signed in");
    assert_eq!(
        app.get_as(Some(&session), "/staff").await.status().as_u16(),
        200
    );
}

#[tokio::test]
async fn an_app_code_signs_in_once() {
    let app = spawn_app().await;
    let (secret, _) = staff_with_app(&app).await;
    // The code that set the app up cannot sign in again.
    let challenge = password_step(&app, STAFF).await;
    let code = code_at(&secret, app.clock.now()).expect("a code");
    let again = Page::from(app.send_code(&challenge, &code).await).await;
    assert_eq!(again.status, 401);
    assert!(
        again
            .html
            .contains("That code is not right, or was used already")
    );

    // The next one does, once.
    app.clock.advance(chrono::Duration::seconds(30));
    let code = code_at(&secret, app.clock.now()).expect("a code");
    let first = app.send_code(&challenge, &code).await;
    assert_eq!(first.status().as_u16(), 303);
    let challenge = password_step(&app, STAFF).await;
    let replayed = app.send_code(&challenge, &code).await;
    assert_eq!(replayed.status().as_u16(), 401);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_new_ones_replace_the_old() {
    let app = spawn_app().await;
    let (_, codes) = staff_with_app(&app).await;

    let challenge = password_step(&app, STAFF).await;
    let typed = codes[0].to_uppercase();
    let response = app.send_code(&challenge, &typed).await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "typed in capitals: {typed}"
    );
    let session = cookie_set(&response, "cascade_session").expect("signed in");

    let challenge = password_step(&app, STAFF).await;
    let reused = app.send_code(&challenge, &codes[0]).await;
    assert_eq!(reused.status().as_u16(), 401, "used already");

    let account = Page::from(app.get_as(Some(&session), "/account").await).await;
    assert!(
        account
            .html
            .contains("9 of your 10 recovery codes are unused"),
        "{}",
        account.html
    );
    let new = Page::from(
        app.post_form_as(Some(&session), "/account/recovery-codes", &[])
            .await,
    )
    .await;
    assert_eq!(new.status, 200);
    assert_eq!(new.headers["cache-control"], "no-store");
    let new_codes = crate::helpers::texts_after(
        new.html
            .split("data-testid=\"recovery-codes\"")
            .nth(1)
            .expect("the codes"),
        "<code",
    );
    assert!(new_codes.len() >= 10);
    let challenge = password_step(&app, STAFF).await;
    let old = app.send_code(&challenge, &codes[1]).await;
    assert_eq!(old.status().as_u16(), 401, "the old codes stop working");
    let fresh = app.send_code(&challenge, &new_codes[0]).await;
    assert_eq!(fresh.status().as_u16(), 303);
}

#[tokio::test]
async fn five_wrong_codes_end_the_challenge() {
    let app = spawn_app().await;
    let (secret, _) = staff_with_app(&app).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let challenge = password_step(&app, STAFF).await;
    let right = code_at(&secret, app.clock.now()).expect("a code");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..4 {
        let page = Page::from(app.send_code(&challenge, wrong).await).await;
        assert_eq!(page.status, 401);
        // Said by the field, which is named.
        assert!(page.html.contains("aria-invalid=\"true\""));
    }
    let fifth = Page::from(app.send_code(&challenge, wrong).await).await;
    assert_eq!(fifth.status, 403);
    assert!(fifth.html.contains("Too many wrong codes"));
    let late = Page::from(app.send_code(&challenge, &right).await).await;
    assert!(late.html.contains("This step of signing in has ended"));
    assert_eq!(
        late.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter(|v| v.starts_with("cascade_session="))
            .count(),
        0
    );
}

#[tokio::test]
async fn a_challenge_lasts_ten_minutes_and_a_shapeless_code_is_explained() {
    let app = spawn_app().await;
    let (secret, _) = staff_with_app(&app).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let challenge = password_step(&app, STAFF).await;

    let shapeless = Page::from(app.send_code(&challenge, "<b>12</b>").await).await;
    assert_eq!(shapeless.status, 422);
    assert!(
        shapeless
            .html
            .contains("Enter the 6-digit code from your authenticator app")
    );
    assert!(!shapeless.html.contains("<b>12</b>"));

    app.clock.advance(chrono::Duration::minutes(11));
    let code = code_at(&secret, app.clock.now()).expect("a code");
    let late = Page::from(app.send_code(&challenge, &code).await).await;
    assert!(late.html.contains("This step of signing in has ended"));
    assert!(!late.headers.contains_key("location"));
}

#[tokio::test]
async fn a_staff_member_disabled_mid_sign_in_goes_no_further() {
    let app = spawn_app().await;
    let (secret, _) = staff_with_app(&app).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let challenge = password_step(&app, STAFF).await;
    sqlx::query("UPDATE accounts SET disabled_at = now() WHERE email = $1")
        .bind(STAFF)
        .execute(&app.pool)
        .await
        .expect("disabled");
    let code = code_at(&secret, app.clock.now()).expect("a code");
    let page = Page::from(app.send_code(&challenge, &code).await).await;
    assert!(page.html.contains("This step of signing in has ended"));
}

#[tokio::test]
async fn coaches_sign_in_with_a_password_alone() {
    let app = spawn_app().await;
    app.new_coach_session("coach@example.org").await;
    let response = app
        .post_form_as(
            None,
            "/sign-in",
            &[("email", "coach@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.headers()["location"], "/me");
    assert!(cookie_set(&response, "cascade_session").is_some());
}

#[tokio::test]
async fn only_the_demo_staff_account_on_a_demo_site_signs_in_without_a_second_factor() {
    let demo_staff = app::accounts::demo::DEMO_STAFF;
    // Not on a site without the demo banner, even with the demo's address.
    let plain = spawn_app().await;
    plain.add_account(demo_staff, true, None).await;
    password_step(&plain, demo_staff).await;

    let (name, admin) = fresh_database().await;
    app::coaches::demo::mark_seeded(&admin)
        .await
        .expect("marked as demo");
    let demo = spawn_app_on(serving_pool(&name).await, admin, test_settings()).await;
    assert!(demo.get_page("/").await.html.contains("demo-banner"));
    demo.add_account(demo_staff, true, None).await;
    demo.add_account(STAFF, true, None).await;
    let exempt = demo
        .post_form_as(
            None,
            "/sign-in",
            &[("email", demo_staff), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(exempt.headers()["location"], "/staff");
    assert!(cookie_set(&exempt, "cascade_session").is_some());
    // Any other staff account on the demo site gives a second factor.
    password_step(&demo, STAFF).await;
}

#[tokio::test]
async fn the_privacy_notice_gives_the_figures_the_code_uses() {
    use app::accounts::second_factor::{CHALLENGE_MINUTES, RECOVERY_CODES, WRONG_CODES_ALLOWED};
    let app = spawn_app().await;
    let notice = app.get_page("/privacy").await;
    for figure in [
        format!("one of {RECOVERY_CODES} recovery codes"),
        format!("after {CHALLENGE_MINUTES} minutes or {WRONG_CODES_ALLOWED} wrong codes"),
        "encrypted".to_string(),
    ] {
        assert!(notice.html.contains(&figure), "{figure}");
    }
}

#[tokio::test]
async fn wrong_codes_across_sign_ins_make_codes_wait_an_hour() {
    use app::accounts::second_factor::{CODES_REFUSED_MINUTES, WRONG_CODES_BEFORE_A_WAIT};
    let app = spawn_app().await;
    let (secret, _) = staff_with_app(&app).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let right = code_at(&secret, app.clock.now()).expect("a code");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    // Each sign-in takes five wrong codes; signing in again does not start the count again.
    let mut sent = 0;
    while sent < WRONG_CODES_BEFORE_A_WAIT {
        let challenge = password_step(&app, STAFF).await;
        for _ in 0..5 {
            if sent == WRONG_CODES_BEFORE_A_WAIT {
                break;
            }
            app.send_code(&challenge, wrong).await;
            sent += 1;
        }
    }
    let refused = Page::from(
        app.post_form_as(
            None,
            "/sign-in",
            &[("email", STAFF), ("password", PASSWORD), ("next", "")],
        )
        .await,
    )
    .await;
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .html
            .contains("Too many wrong codes from your authenticator app")
    );
    // After the wait, a right code signs in, and the count starts again.
    app.clock
        .advance(chrono::Duration::minutes(CODES_REFUSED_MINUTES + 1));
    let challenge = password_step(&app, STAFF).await;
    let code = code_at(&secret, app.clock.now()).expect("a code");
    assert_eq!(
        app.send_code(&challenge, &code).await.status().as_u16(),
        303
    );
    let count: i32 =
        sqlx::query_scalar("SELECT wrong_codes_in_a_row FROM accounts WHERE email = $1")
            .bind(STAFF)
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_set_up_page_with_its_secret_is_never_cached() {
    let app = spawn_app().await;
    app.add_account(STAFF, true, None).await;
    let challenge = password_step(&app, STAFF).await;
    let page = app
        .with_challenge(&challenge, None, reqwest::Method::GET, "/account/two-step")
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.headers()["cache-control"], "no-store");
}

//! Signing in and out, sessions, invitations and password resets.

use crate::helpers::{PASSWORD, Page, TestApp, coach, cookie_set, link_in, spawn_app};
use std::time::{Duration, Instant};

async fn sign_in(
    app: &TestApp,
    session: Option<&str>,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.post_form_as(
        session,
        "/sign-in",
        &[("email", email), ("password", password), ("next", "")],
    )
    .await
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("cascade_session="))
        .map(str::to_string)
}

fn token_of(cookie: &str) -> String {
    cookie
        .trim_start_matches("cascade_session=")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn signed_in(app: &TestApp, token: &str) -> bool {
    app.get_as(Some(token), "/me").await.status().as_u16() == 200
}

#[tokio::test]
async fn signing_in_starts_a_server_side_session_in_a_protected_cookie() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    app.add_account("amara@example.org", false, Some("amara-okafor"))
        .await;

    let response = sign_in(&app, None, "Amara@Example.org", PASSWORD).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/me");
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let token = token_of(&cookie);
    assert!(signed_in(&app, &token).await);
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sessions WHERE token_hash = sha256($1::bytea)")
            .bind(token.as_bytes())
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(stored, 1, "only the token's hash is stored");
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_answer_in_the_same_time() {
    let app = spawn_app().await;
    app.add_account("staff@example.org", true, None).await;

    let mut wrong_password = Duration::MAX;
    let mut unknown_email = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let a =
            Page::from(sign_in(&app, None, "staff@example.org", "not the password").await).await;
        wrong_password = wrong_password.min(started.elapsed());
        let started = Instant::now();
        let b =
            Page::from(sign_in(&app, None, "nobody@example.org", "not the password").await).await;
        unknown_email = unknown_email.min(started.elapsed());
        assert_eq!(a.status, 401);
        assert_eq!(b.status, 401);
        for page in [&a, &b] {
            assert!(
                page.html
                    .contains("The email address or password is not right")
            );
        }
    }
    // Both pay for an argon2 verification (a dummy one for the unknown address); without it the
    // unknown address would be answered many times faster.
    assert!(
        unknown_email * 3 >= wrong_password,
        "unknown email {unknown_email:?} vs wrong password {wrong_password:?}"
    );
}

#[tokio::test]
async fn a_session_token_from_before_sign_in_is_not_valid_after_it() {
    let app = spawn_app().await;
    let before = app.staff_session().await;

    let response = sign_in(&app, Some(&before), "staff@example.org", PASSWORD).await;
    assert_eq!(response.headers()["location"], "/account/two-step");
    let challenge = cookie_set(&response, "cascade_two_step").expect("a challenge");
    assert!(
        session_cookie(&response).is_none(),
        "no session before the second step"
    );
    // The browser's old session ends when the new one starts, at the end of the second step.
    let after = app.set_up_app_with(&challenge, Some(&before)).await.session;
    assert_ne!(before, after);
    assert_eq!(
        app.get_as(Some(&before), "/staff").await.status().as_u16(),
        303,
        "old token refused"
    );
    assert_eq!(
        app.get_as(Some(&after), "/staff").await.status().as_u16(),
        200
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let token = app.staff_session().await;

    let response = app.post_form_as(Some(&token), "/sign-out", &[]).await;

    assert_eq!(response.status().as_u16(), 303);
    assert!(session_cookie(&response).is_some_and(|c| c.contains("Max-Age=0")));
    let page = app.get_as(Some(&token), "/staff").await;
    assert_eq!(page.status().as_u16(), 303);
    assert_eq!(page.headers()["location"], "/sign-in?next=%2Fstaff");
}

#[tokio::test]
async fn idle_and_old_sessions_end() {
    let app = spawn_app().await;
    let id = app.add_account("staff@example.org", true, None).await;
    let idle = app.session_for(id).await;
    let old = app.session_for(id).await;
    let fresh = app.session_for(id).await;
    sqlx::query("UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE token_hash = sha256($1::bytea)")
        .bind(idle.as_bytes())
        .execute(&app.pool)
        .await
        .expect("idle");
    sqlx::query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = sha256($1::bytea)")
        .bind(old.as_bytes())
        .execute(&app.pool)
        .await
        .expect("old");

    assert_eq!(
        app.get_as(Some(&idle), "/staff").await.status().as_u16(),
        303
    );
    assert_eq!(
        app.get_as(Some(&old), "/staff").await.status().as_u16(),
        303
    );
    assert_eq!(
        app.get_as(Some(&fresh), "/staff").await.status().as_u16(),
        200
    );
}

#[tokio::test]
async fn suspending_a_coach_disables_their_account_and_ends_its_sessions() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor")]).await;
    let amara = app
        .add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let amara_session = app.session_for(amara).await;
    let staff_session = app.session_for(staff).await;
    let coach_id = app.coach_id("amara-okafor").await;

    let response = app
        .post_form_as(
            Some(&staff_session),
            &format!("/staff/coaches/{coach_id}"),
            &[("action", "suspend")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        app.get_as(Some(&amara_session), "/me")
            .await
            .status()
            .as_u16(),
        303
    );
    let again = Page::from(sign_in(&app, None, "amara@example.org", PASSWORD).await).await;
    assert_eq!(again.status, 403);
    assert!(again.html.contains("This account has been disabled"));
    assert_eq!(app.get_page("/coaches/amara-okafor").await.status, 404);
}

/// A sign-in from `address` (behind a proxy the app trusts), without cookies.
async fn sign_in_from(app: &TestApp, address: &str, email: &str, password: &str) -> Page {
    let response = app
        .as_(None, reqwest::Method::POST, "/sign-in")
        .header("x-forwarded-for", address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            serde_urlencoded::to_string([("email", email), ("password", password), ("next", "")])
                .expect("encodable"),
        )
        .send()
        .await
        .expect("the server answers");
    Page::from(response).await
}

async fn app_behind_a_proxy() -> TestApp {
    let settings = server::configuration::Settings {
        trust_forwarded_for: true,
        ..crate::helpers::test_settings()
    };
    crate::helpers::spawn_app_with(settings).await
}

const ADDRESS_A: &str = "203.0.113.1";
const ADDRESS_B: &str = "198.51.100.2";

#[tokio::test]
async fn wrong_passwords_slow_down_their_address_and_never_lock_the_owner_out() {
    let app = app_behind_a_proxy().await;
    app.add_account("staff@example.org", true, None).await;

    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            sign_in_from(&app, ADDRESS_A, "staff@example.org", "guess")
                .await
                .status,
        );
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 429, 429],
        "three free tries, then a wait"
    );

    let owner = sign_in_from(&app, ADDRESS_B, "staff@example.org", PASSWORD).await;
    assert_eq!(
        owner.status, 303,
        "the right password from elsewhere signs in at once"
    );

    let guesser = sign_in_from(&app, ADDRESS_A, "staff@example.org", PASSWORD).await;
    assert_eq!(
        guesser.status, 429,
        "even the right password waits at address A"
    );
    assert!(
        guesser
            .html
            .contains("Too many wrong passwords from your connection. Wait 15 seconds"),
        "{}",
        guesser.html
    );

    // Once the wait has passed, address A may try again.
    sqlx::query(
        "UPDATE sign_in_failures SET last_failed_at = last_failed_at - interval '16 seconds'",
    )
    .execute(&app.pool)
    .await
    .expect("time passes");
    let later = sign_in_from(&app, ADDRESS_A, "staff@example.org", PASSWORD).await;
    assert_eq!(later.status, 303);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM sign_in_failures")
        .fetch_one(&app.pool)
        .await
        .expect("a count");
    assert_eq!(left, 0, "a success forgets the address's failures");
}

#[tokio::test]
async fn each_wait_is_longer_than_the_last() {
    let app = app_behind_a_proxy().await;
    app.add_account("staff@example.org", true, None).await;
    for _ in 0..4 {
        sign_in_from(&app, ADDRESS_A, "staff@example.org", "guess").await;
    }
    let mut told = Vec::new();
    for _ in 0..3 {
        let refused = sign_in_from(&app, ADDRESS_A, "staff@example.org", "guess").await;
        assert_eq!(refused.status, 429);
        let wait = refused
            .html
            .split("Too many wrong passwords from your connection. ")
            .nth(1)
            .and_then(|rest| rest.split(" and try again").next())
            .expect("the wait is given")
            .to_string();
        told.push(wait);
        // The wait passes, and the next guess is wrong again.
        sqlx::query(
            "UPDATE sign_in_failures SET last_failed_at = last_failed_at - interval '15 minutes'",
        )
        .execute(&app.pool)
        .await
        .expect("time passes");
        let wrong = sign_in_from(&app, ADDRESS_A, "staff@example.org", "guess").await;
        assert_eq!(wrong.status, 401);
    }
    assert_eq!(
        told,
        ["Wait 15 seconds", "Wait 30 seconds", "Wait 60 seconds"]
    );
}

#[tokio::test]
async fn an_account_is_counted_once_however_its_address_is_typed() {
    let app = app_behind_a_proxy().await;
    app.add_account("staff@example.org", true, None).await;
    for typed in [
        "staff@example.org",
        "STAFF@example.org",
        "Staff@Example.ORG",
        " staff@example.org ",
    ] {
        let page = sign_in_from(&app, ADDRESS_A, typed, "guess").await;
        assert_eq!(page.status, 401, "{typed}");
    }

    let fifth = sign_in_from(&app, ADDRESS_A, "sTaff@example.org", "guess").await;

    assert_eq!(
        fifth.status, 429,
        "four failures on one account, however spelt"
    );
    let counted: Vec<(String, i32)> =
        sqlx::query_as("SELECT client_address, failures FROM sign_in_failures")
            .fetch_all(&app.pool)
            .await
            .expect("counts");
    assert_eq!(counted, [(ADDRESS_A.to_string(), 4)]);
}

#[tokio::test]
async fn one_address_guessing_at_many_accounts_is_stopped() {
    let app = app_behind_a_proxy().await;
    for n in 0..21 {
        let page = sign_in_from(&app, ADDRESS_A, &format!("nobody{n}@example.org"), "guess").await;
        let expected = if n < 20 { 401 } else { 429 };
        assert_eq!(page.status, expected, "attempt {n}");
    }
    assert_eq!(
        sign_in_from(&app, ADDRESS_B, "nobody@example.org", "guess")
            .await
            .status,
        401,
        "other addresses are not affected"
    );
}

#[tokio::test]
async fn an_invitation_link_sets_a_password_once_and_signs_in() {
    let app = spawn_app().await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let staff_session = app.session_for(staff).await;

    let invited = app
        .post_form_as(
            Some(&staff_session),
            "/staff/invite",
            &[("name", "Nia Evans"), ("email", "nia@example.org")],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    let link = link_in(
        &app.last_email_to("nia@example.org").await,
        "/account/welcome?token=",
    );
    let token = link
        .trim_start_matches("/account/welcome?token=")
        .to_string();

    let form = app.get_page(&link).await;
    assert_eq!(form.status, 200);
    assert!(form.html.contains("as nia@example.org"));

    let weak = Page::from(
        app.post_form_as(
            None,
            "/account/welcome",
            &[("token", &token), ("password", "password123")],
        )
        .await,
    )
    .await;
    assert_eq!(weak.status, 422);
    assert!(weak.html.contains("That password is too common"));

    let set = app
        .post_form_as(
            None,
            "/account/welcome",
            &[("token", &token), ("password", "tulip kettle orbit")],
        )
        .await;
    assert_eq!(set.status().as_u16(), 303);
    assert_eq!(set.headers()["location"], "/me/profile");
    let session = token_of(&session_cookie(&set).expect("signed in"));
    assert_eq!(
        app.get_as(Some(&session), "/me/profile")
            .await
            .status()
            .as_u16(),
        200
    );

    let reused = app
        .post_form_as(
            None,
            "/account/welcome",
            &[("token", &token), ("password", "another good phrase")],
        )
        .await;
    assert_eq!(reused.status().as_u16(), 404, "single use");
    assert_eq!(app.get_page(&link).await.status, 404);

    let twice = Page::from(
        app.post_form_as(
            Some(&staff_session),
            "/staff/invite",
            &[("name", "Nia"), ("email", "NIA@example.org")],
        )
        .await,
    )
    .await;
    assert_eq!(twice.status, 409);
    assert!(
        twice
            .html
            .contains("There is already an account for this email address")
    );
}

#[tokio::test]
async fn an_expired_invitation_does_not_work() {
    let app = spawn_app().await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let staff_session = app.session_for(staff).await;
    app.post_form_as(
        Some(&staff_session),
        "/staff/invite",
        &[("name", "Nia"), ("email", "nia@example.org")],
    )
    .await;
    sqlx::query("UPDATE account_links SET expires_at = now() - interval '1 minute'")
        .execute(&app.pool)
        .await
        .expect("expire");
    let link = link_in(
        &app.last_email_to("nia@example.org").await,
        "/account/welcome?token=",
    );

    let page = app.get_page(&link).await;

    assert_eq!(page.status, 404);
    assert!(
        page.html
            .contains("This link has expired or has already been used")
    );
}

#[tokio::test]
async fn a_password_reset_changes_the_password_and_ends_other_sessions() {
    let app = spawn_app().await;
    let elsewhere = app.staff_session().await;

    let asked = app
        .post_form_as(
            None,
            "/account/forgot-password",
            &[("email", "staff@example.org")],
        )
        .await;
    assert_eq!(
        asked.headers()["location"],
        "/account/forgot-password?sent=yes"
    );
    // The same answer for an address with no account, and no email.
    let unknown = app
        .post_form_as(
            None,
            "/account/forgot-password",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(
        unknown.headers()["location"],
        "/account/forgot-password?sent=yes"
    );
    let none: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = 'nobody@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(none, 0);

    let link = link_in(
        &app.last_email_to("staff@example.org").await,
        "/account/reset-password?token=",
    );
    let token = link
        .trim_start_matches("/account/reset-password?token=")
        .to_string();
    let reset = app
        .post_form_as(
            None,
            "/account/reset-password",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(reset.status().as_u16(), 303);
    // A new password is the first step: staff still give their second.
    assert_eq!(reset.headers()["location"], "/account/two-step");

    assert_eq!(
        app.get_as(Some(&elsewhere), "/staff")
            .await
            .status()
            .as_u16(),
        303,
        "other sessions ended"
    );
    assert_eq!(
        sign_in(&app, None, "staff@example.org", PASSWORD)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        sign_in(&app, None, "staff@example.org", "a brand new passphrase")
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn signed_in_pages_are_never_cached() {
    let app = spawn_app().await;
    let token = app.staff_session().await;

    let response = app.get_as(Some(&token), "/staff").await;

    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn sign_in_never_sends_people_off_the_site() {
    let app = spawn_app().await;
    // A coach: staff go through a second step first (see `two_step`).
    app.new_coach_session("coach@example.org").await;

    for next in [
        "/\\evil.example",
        "//evil.example",
        "https://evil.example/x",
        "/\t/evil.example",
        "/staff?x=1",
    ] {
        let response = app
            .post_form_as(
                None,
                "/sign-in",
                &[
                    ("email", "coach@example.org"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        let location = response.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            location.starts_with('/') && !location.starts_with("//") && !location.contains('\\'),
            "{next:?} → {location}"
        );
        let expected = match next {
            "/staff?x=1" => "/staff?x=1",
            "https://evil.example/x" => "/x",
            _ => "/me",
        };
        assert_eq!(location, expected, "{next:?}");
    }
}

#[tokio::test]
async fn setting_a_password_retires_every_other_link() {
    let app = spawn_app().await;
    app.add_account("staff@example.org", true, None).await;
    for _ in 0..2 {
        app.post_form_as(
            None,
            "/account/forgot-password",
            &[("email", "staff@example.org")],
        )
        .await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The emails are written after the answers: wait for both.
    for _ in 0..100 {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
            .fetch_one(&app.pool)
            .await
            .expect("count");
        if count == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM outbox ORDER BY created_at, seq")
            .fetch_all(&app.pool)
            .await
            .expect("two emails");
    assert_eq!(bodies.len(), 2);
    let first = link_in(&bodies[0], "/account/reset-password?token=")
        .replace("/account/reset-password?token=", "");
    let second = link_in(&bodies[1], "/account/reset-password?token=")
        .replace("/account/reset-password?token=", "");

    let used = app
        .post_form_as(
            None,
            "/account/reset-password",
            &[("token", &second), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(used.status().as_u16(), 303);

    let older = app
        .post_form_as(
            None,
            "/account/reset-password",
            &[("token", &first), ("password", "another new passphrase")],
        )
        .await;
    assert_eq!(
        older.status().as_u16(),
        404,
        "the older link died with the password change"
    );
}

#[tokio::test]
async fn a_sign_in_that_says_neither_where_it_came_from_nor_its_site_is_refused() {
    let app = spawn_app().await;
    app.add_account("staff@example.org", true, None).await;
    let body =
        serde_urlencoded::to_string([("email", "staff@example.org"), ("password", PASSWORD)])
            .expect("encodable");

    let bare = app
        .plain
        .post(app.url("/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.clone())
        .send()
        .await
        .expect("an answer");
    assert_eq!(bare.status().as_u16(), 403);
    assert!(bare.headers().get("set-cookie").is_none(), "no session");

    let from_our_page = app
        .plain
        .post(app.url("/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", app.address.clone())
        .body(body)
        .send()
        .await
        .expect("an answer");
    assert_eq!(from_our_page.status().as_u16(), 303);
}

#[tokio::test]
async fn anyone_signed_in_corrects_their_own_name_and_only_their_own() {
    let app = spawn_app().await;
    let staff = app.staff_session().await;
    let page = Page::from(app.get_as(Some(&staff), "/account").await).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("staff@example.org"));
    let empty = Page::from(
        app.post_form_as(Some(&staff), "/account", &[("name", "  ")])
            .await,
    )
    .await;
    assert_eq!(empty.status, 422);
    assert!(empty.html.contains("Enter your name"));
    let saved = app
        .post_form_as(Some(&staff), "/account", &[("name", "Sam Staff-Jones")])
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let name: String =
        sqlx::query_scalar("SELECT name FROM accounts WHERE email = 'staff@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("the account");
    assert_eq!(name, "Sam Staff-Jones");
    assert_eq!(
        app.get_as(None, "/account").await.status().as_u16(),
        303,
        "sign in first"
    );
}

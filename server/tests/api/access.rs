//! Every server function and every form, called as anonymous, coach A, coach B, staff and an
//! admin: the access matrix. And the inventories: no server function or form without a declared rule.

use crate::helpers::{TestApp, ask_coach, coach, spawn_app};
use app::access::Access;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Who is calling, in the order of each row's expectations.
const CALLERS: [&str; 5] = ["anonymous", "coach A", "coach B", "staff", "admin"];

struct World {
    app: TestApp,
    sessions: [Option<String>; 5],
    coach_a: Uuid,
    request_a: String,
    engagement_a: Uuid,
}

/// Two coaches with accounts, a staff account, an admin's, and a request to coach A that A has accepted
/// (so A has an engagement) plus one still pending.
async fn world() -> World {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    let a = app
        .add_account("a@example.org", false, Some("amara-okafor"))
        .await;
    let b = app
        .add_account("b@example.org", false, Some("bethan-pritchard"))
        .await;
    let staff = app.add_account("staff@example.org", true, None).await;
    let admin = app.add_admin("admin@example.org").await;
    let sessions = [
        None,
        Some(app.session_for(a).await),
        Some(app.session_for(b).await),
        Some(app.session_for(staff).await),
        Some(app.session_for(admin).await),
    ];
    let coach_a = app.coach_id("amara-okafor").await;
    let mut references = Vec::new();
    for email in ["one@example.org", "two@example.org"] {
        references.push(ask_coach(&app, "amara-okafor", email, "organisation", "90k").await);
    }
    let accepted = app::me::db::accept(
        &app.pool,
        coach_a,
        &references[0],
        "Welcome",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted");
    World {
        app,
        sessions,
        coach_a,
        request_a: references[1].clone(),
        engagement_a: accepted,
    }
}

/// What a caller is expected to get.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    /// Served: any 2xx, or a 422 (the form was read and its fields checked) or 409.
    Served,
    /// 401 from a server function, or a redirect to sign in from a form.
    SignIn,
    Forbidden,
    /// Not theirs, so as if it did not exist.
    NotFound,
}

fn answer(status: u16, location: Option<&str>) -> Answer {
    match status {
        401 => Answer::SignIn,
        303 if location.is_some_and(|l| l.starts_with("/sign-in")) => Answer::SignIn,
        403 => Answer::Forbidden,
        404 => Answer::NotFound,
        200..=399 | 422 | 409 => Answer::Served,
        other => panic!("unexpected status {other}"),
    }
}

/// The expectations for a rule, for callers in `CALLERS` order, when the resource (if any)
/// is coach A's.
fn expected(access: Access, owned_by_a: bool) -> [Answer; 5] {
    use Answer::*;
    match access {
        Access::Public => [Served; 5],
        Access::SignedIn => [SignIn, Served, Served, Served, Served],
        Access::Coach if owned_by_a => [SignIn, Served, NotFound, Forbidden, Forbidden],
        Access::Coach => [SignIn, Served, Served, Forbidden, Forbidden],
        Access::Staff => [SignIn, Forbidden, Forbidden, Served, Served],
        Access::Admin => [SignIn, Forbidden, Forbidden, Forbidden, Served],
    }
}

/// Each server function with arguments that name coach A's things where it takes any.
fn server_function_calls(w: &World) -> Vec<(&'static str, String, bool)> {
    vec![
        (
            "/api/search_coaches",
            "query[accepting_only]=false&query[page]=1".into(),
            false,
        ),
        ("/api/coach_results", "search=region%3Dwales".into(), false),
        (
            "/api/suggested_coaches",
            "wishes[themes][0]=board-and-governance&wishes[communities][0]=carers&limit=3".into(),
            false,
        ),
        ("/api/coach_profile", "slug=amara-okafor".into(), false),
        ("/api/my_declarations", String::new(), false),
        ("/api/ask_page", "slug=amara-okafor".into(), false),
        ("/api/leader_request", "token=made-up".into(), false),
        ("/api/questionnaire", "token=made-up".into(), false),
        ("/api/leader_data", "token=made-up".into(), false),
        ("/api/impact_figures", String::new(), false),
        (
            "/api/take_up_overview",
            "filter[region]=london".into(),
            false,
        ),
        (
            "/api/account_link",
            "token=nothing&invitation=true".into(),
            false,
        ),
        ("/api/confirm_availability", "token=made-up".into(), false),
        ("/api/my_coaching", String::new(), false),
        ("/api/my_profile_form", String::new(), false),
        (
            "/api/my_request",
            format!("reference={}", w.request_a),
            true,
        ),
        ("/api/my_engagement", format!("id={}", w.engagement_a), true),
        ("/api/coach_data", String::new(), false),
        ("/api/coaching_in_progress", String::new(), false),
        ("/api/staff_overview", String::new(), false),
        ("/api/moderation_queue", String::new(), false),
        ("/api/staff_coaches", String::new(), false),
        (
            "/api/staff_requests",
            "filter[coach]=amara-okafor".into(),
            false,
        ),
        ("/api/staff_waiting", String::new(), false),
        ("/api/staff_engagements", String::new(), false),
        ("/api/staff_bursaries", "year=2026".into(), false),
        ("/api/staff_bank_holidays", String::new(), false),
        ("/api/staff_outbox", String::new(), false),
        ("/api/staff_audit_log", String::new(), false),
        (
            "/api/person_data",
            "email=nobody%40example.org".into(),
            false,
        ),
        ("/api/staff_team", String::new(), false),
        ("/api/programme_settings", String::new(), false),
        ("/api/my_second_factor", String::new(), false),
        ("/api/staff_readiness", String::new(), false),
        (
            "/api/readiness_of_coach",
            format!("coach_id={}", w.coach_a),
            false,
        ),
        // Anyone signed in: an empty caseload for those who supervise nobody.
        ("/api/supervision_caseload", String::new(), false),
        ("/api/my_supervisees", String::new(), false),
        ("/api/staff_fees", "status=due".into(), false),
        ("/api/staff_concerns", String::new(), false),
        ("/api/staff_cascade", String::new(), false),
        ("/api/offer_to_train", "token=made-up".into(), false),
        ("/api/staff_concern", format!("id={}", Uuid::nil()), false),
        ("/api/feedback_form", "token=made-up".into(), false),
        ("/api/my_feedback", String::new(), false),
        ("/api/staff_feedback", String::new(), false),
        (
            "/api/staff_fee",
            format!("engagement_id={}", w.engagement_a),
            false,
        ),
        // Public; without a challenge cookie it says to sign in again.
        ("/api/sign_in_step", String::new(), false),
    ]
}

#[tokio::test]
async fn every_server_function_answers_each_caller_as_its_rule_says() {
    let w = world().await;
    for (endpoint, body, owned) in server_function_calls(&w) {
        let (_, access) = app::access::SERVER_FUNCTIONS
            .iter()
            .find(|(path, _)| *path == endpoint)
            .unwrap_or_else(|| panic!("{endpoint} has no declared rule"));
        let mut expected = expected(*access, owned);
        if matches!(
            endpoint,
            "/api/account_link"
                | "/api/leader_request"
                | "/api/confirm_availability"
                | "/api/questionnaire"
                | "/api/leader_data"
                | "/api/feedback_form"
                | "/api/offer_to_train"
        ) {
            // Public, but the token is made up.
            expected = [Answer::NotFound; 5];
        }
        if endpoint == "/api/staff_concern" {
            // Staff may ask, and there is no such concern.
            use Answer::*;
            expected = [SignIn, Forbidden, Forbidden, NotFound, NotFound];
        }
        for (i, caller) in CALLERS.iter().enumerate() {
            let response = w
                .app
                .as_(w.sessions[i].as_deref(), reqwest::Method::POST, endpoint)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone())
                .send()
                .await
                .expect("an answer");
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            assert!(status != 400, "{endpoint} as {caller}: {text}");
            let got = answer(status, None);
            assert_eq!(got, expected[i], "{endpoint} as {caller}: {status} {text}");
            assert!(
                !text.contains("sqlx") && !text.contains("SELECT"),
                "{endpoint}: {text}"
            );
        }
    }
}

#[tokio::test]
async fn a_coach_sees_only_their_own_requests() {
    let w = world().await;
    let as_b = w
        .app
        .as_(
            w.sessions[2].as_deref(),
            reqwest::Method::POST,
            "/api/my_coaching",
        )
        .send()
        .await
        .expect("an answer");
    let body: serde_json::Value = as_b.json().await.expect("json");
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(0));
    let as_a = w
        .app
        .as_(
            w.sessions[1].as_deref(),
            reqwest::Method::POST,
            "/api/my_coaching",
        )
        .send()
        .await
        .expect("an answer");
    let body: serde_json::Value = as_a.json().await.expect("json");
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(2));
}

/// A form post: the address, the route it matches, the fields, and whether it names coach A's
/// things.
type FormPost = (String, &'static str, Vec<(&'static str, String)>, bool);

/// Each form with a body that names coach A's things, and reaches the handler's checks.
fn form_posts(w: &World) -> Vec<FormPost> {
    vec![
        (
            "/coaches/amara-okafor/ask".into(),
            "/coaches/{slug}/ask",
            vec![],
            false,
        ),
        (
            "/requests/made-up".into(),
            "/requests/{token}",
            vec![("action", "withdraw".into())],
            false,
        ),
        (
            "/questionnaires/made-up".into(),
            "/questionnaires/{token}",
            vec![("part", "0".into())],
            false,
        ),
        // A rating, so that the made-up link is what is refused.
        (
            "/questionnaires/made-up/feedback".into(),
            "/questionnaires/{token}/feedback",
            vec![("rating", "5".into())],
            false,
        ),
        ("/sign-in".into(), "/sign-in", vec![], false),
        (
            "/account/welcome".into(),
            "/account/welcome",
            vec![("token", "made-up".into())],
            false,
        ),
        (
            "/account/forgot-password".into(),
            "/account/forgot-password",
            vec![],
            false,
        ),
        (
            "/account/reset-password".into(),
            "/account/reset-password",
            vec![("token", "made-up".into())],
            false,
        ),
        ("/me/profile".into(), "/me/profile", vec![], false),
        ("/me".into(), "/me", vec![], false),
        // A district that is not one: refused with a message, so nothing is saved here.
        (
            "/me/whom-you-coach".into(),
            "/me/whom-you-coach",
            vec![("districts", "nowhere".into())],
            false,
        ),
        // Empty: refused with a message, so nobody's name changes here.
        ("/account".into(), "/account", vec![], false),
        // Unticked: refused with a message, so nobody's account closes here.
        (
            "/me/close-account".into(),
            "/me/close-account",
            vec![],
            false,
        ),
        (
            format!("/me/requests/{}", w.request_a),
            "/me/requests/{reference}",
            vec![("decision", "accept".into())],
            true,
        ),
        (
            format!("/me/engagements/{}", w.engagement_a),
            "/me/engagements/{id}",
            vec![("action", "record".into())],
            true,
        ),
        (
            format!("/staff/moderation/{}", w.coach_a),
            "/staff/moderation/{coach}",
            vec![],
            false,
        ),
        (
            format!("/staff/coaches/{}", w.coach_a),
            "/staff/coaches/{coach}",
            vec![],
            false,
        ),
        ("/staff/invite".into(), "/staff/invite", vec![], false),
        // Empty: refused with messages, so nobody is invited here.
        ("/staff/team".into(), "/staff/team", vec![], false),
        // Empty: refused with messages, so no setting changes here.
        (
            "/staff/settings/fee_pence".into(),
            "/staff/settings/{setting}",
            vec![],
            false,
        ),
        // Empty: refused with messages, so nothing is recorded here.
        (
            format!("/staff/readiness/{}", w.coach_a),
            "/staff/readiness/{coach}",
            vec![("record", "training".into())],
            false,
        ),
        // No such offer: refused with a message, so nobody is invited here.
        (
            format!("/staff/cascade/{}", Uuid::nil()),
            "/staff/cascade/{engagement}",
            vec![],
            false,
        ),
        (
            "/questionnaires/made-up/train".into(),
            "/questionnaires/{token}/train",
            vec![],
            false,
        ),
        // No such action: refused with a message, so nothing changes here.
        (
            format!("/staff/concerns/{}", Uuid::nil()),
            "/staff/concerns/{id}",
            vec![("action", "shrug".into())],
            false,
        ),
        // No change chosen: refused with a message, so no fee changes here.
        (
            format!("/staff/fees/{}", w.engagement_a),
            "/staff/fees/{engagement}",
            vec![],
            false,
        ),
        (
            format!("/supervision/{}", w.coach_a),
            "/supervision/{coach}",
            vec![("record", "supervision".into())],
            false,
        ),
        // Someone who is not on staff: refused, so nothing changes here.
        (
            format!("/staff/team/{}", uuid::Uuid::nil()),
            "/staff/team/{account}",
            vec![("change", "disable".into())],
            false,
        ),
        // Without a challenge: the page says to sign in again.
        (
            "/account/two-step".into(),
            "/account/two-step",
            vec![("code", "123456".into())],
            false,
        ),
        // Coach-only and staff callers hold no app: refused with a message.
        (
            "/account/recovery-codes".into(),
            "/account/recovery-codes",
            vec![],
            false,
        ),
        // Empty: refused with messages, so nobody is erased here.
        ("/staff/people".into(), "/staff/people", vec![], false),
        ("/staff/bursaries".into(), "/staff/bursaries", vec![], false),
        (
            "/staff/bank-holidays".into(),
            "/staff/bank-holidays",
            vec![],
            false,
        ),
        // Last: it ends the sessions it is sent with.
        ("/sign-out".into(), "/sign-out", vec![], false),
    ]
}

#[tokio::test]
async fn every_form_answers_each_caller_as_its_rule_says() {
    let w = world().await;
    let routes = app::routes::forms::routes();
    for (path, route, fields, owned) in form_posts(&w) {
        let rule = routes
            .iter()
            .find(|r| r.path == route)
            .unwrap_or_else(|| panic!("{route} is not a form"));
        let mut expected = expected(rule.access, owned);
        if route.starts_with("/account/welcome")
            || route.starts_with("/account/reset-password")
            || route.starts_with("/requests/")
            || route.starts_with("/questionnaires/")
        {
            expected = [Answer::NotFound; 5];
        }
        if route == "/supervision/{coach}" {
            // Only the coach's supervisor, or staff: neither coach supervises coach A.
            use Answer::*;
            expected = [SignIn, NotFound, NotFound, Served, Served];
        }
        for (i, caller) in CALLERS.iter().enumerate() {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = w
                .app
                .post_form_as(w.sessions[i].as_deref(), &path, &pairs)
                .await;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_string);
            let got = answer(status, location.as_deref());
            assert_eq!(
                got, expected[i],
                "POST {path} as {caller}: {status} {location:?}"
            );
        }
    }
}

#[tokio::test]
async fn every_registered_server_function_has_a_declared_rule() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let declared: BTreeSet<String> = app::access::SERVER_FUNCTIONS
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(
        registered, declared,
        "a server function without a rule, or a rule without a function"
    );
}

#[tokio::test]
async fn the_matrix_covers_every_server_function_and_every_form() {
    let w = world().await;
    let called: BTreeSet<&str> = server_function_calls(&w)
        .iter()
        .map(|(p, _, _)| *p)
        .collect();
    let declared: BTreeSet<&str> = app::access::SERVER_FUNCTIONS
        .iter()
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(called, declared);
    let posted: BTreeSet<&str> = form_posts(&w)
        .iter()
        .map(|(_, route, _, _)| *route)
        .collect();
    let forms: BTreeSet<&str> = app::routes::forms::routes()
        .iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(posted, forms);
}

#[tokio::test]
async fn no_server_function_can_be_reached_by_get() {
    let w = world().await;
    for (endpoint, _) in app::access::SERVER_FUNCTIONS {
        let status = w
            .app
            .get_as(w.sessions[3].as_deref(), endpoint)
            .await
            .status()
            .as_u16();
        assert_eq!(status, 405, "GET {endpoint}");
    }
    for (method, _) in leptos::server_fn::axum::server_fn_paths().map(|(_, m)| (m, ())) {
        assert_eq!(method, axum::http::Method::POST);
    }
}

#[tokio::test]
async fn requests_from_other_sites_cannot_change_anything() {
    let w = world().await;
    for (path, _, _, _) in form_posts(&w) {
        let response = w
            .app
            .plain
            .post(w.app.url(&path))
            .header(
                "cookie",
                format!(
                    "cascade_session={}",
                    w.sessions[3].as_deref().unwrap_or_default()
                ),
            )
            .header("origin", "https://evil.example")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 403, "{path}");
    }
    let audit: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&w.app.pool)
        .await
        .expect("count");
    assert_eq!(audit, 0);
}

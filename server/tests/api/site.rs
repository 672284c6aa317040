//! The frame around every page: status codes, security headers, compression, static files.

use crate::helpers::{spawn_app, spawn_app_with, test_settings};

#[tokio::test]
async fn the_home_page_leads_to_the_eligibility_checker() {
    let app = spawn_app().await;

    let page = app.get_page("/").await;

    assert_eq!(page.status, 200);
    assert!(page.html.contains(
        r#"<a class="button button-large" href="/eligibility">Check if you are eligible</a>"#
    ));
    assert!(page.html.contains("<title>Cascade</title>"));
    assert!(page.html.contains(r#"<html lang="en-GB">"#));
}

#[tokio::test]
async fn pages_have_titles_and_the_privacy_notice_says_how_long_data_is_kept() {
    let app = spawn_app().await;

    let page = app.get_page("/privacy").await;

    assert_eq!(page.status, 200);
    assert!(
        page.html
            .contains("<title>Privacy notice – Cascade</title>")
    );
    assert!(page.html.contains("How long we keep it"));
}

#[tokio::test]
async fn unknown_addresses_answer_404_with_a_helpful_page() {
    let app = spawn_app().await;

    for path in ["/no-such-page", "/eligibility/extra", "/pkg-not"] {
        let page = app.get_page(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.html.contains("Page not found"), "{path}");
        assert!(page.html.contains(r#"href="/eligibility""#), "{path}");
    }
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_whose_nonce_matches_the_inline_script() {
    let app = spawn_app().await;

    // A page with an island, so with Leptos's inline loader.
    let page = app.get_page("/eligibility").await;

    let policy = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16);
    assert!(
        page.html
            .contains(&format!(r#"<script type="module" nonce="{nonce}">"#))
    );
    assert!(policy.contains("frame-ancestors 'none'"));
    assert!(policy.contains("object-src 'none'"));
    // A fresh nonce for every response.
    let again = app.get_page("/eligibility").await;
    assert_ne!(
        again.headers["content-security-policy"],
        page.headers["content-security-policy"]
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let app = spawn_app().await;

    for path in ["/", "/healthz", "/no-such-page"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert!(
            !headers.contains_key("strict-transport-security"),
            "{path}: plain http"
        );
        let id = headers["x-request-id"].to_str().expect("ascii");
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{path}: {id}");
    }
}

#[tokio::test]
async fn a_request_id_sent_by_the_client_is_replaced() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "forged-id")
        .send()
        .await
        .expect("an answer");

    assert_ne!(response.headers()["x-request-id"], "forged-id");
}

#[tokio::test]
async fn hsts_is_sent_when_served_over_https() {
    let mut settings = test_settings();
    settings.public_url = "https://cascade.example.org".into();
    let app = spawn_app_with(settings).await;

    let response = app.get("/").await;

    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/privacy"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("an answer");

    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn the_front_end_is_served_precompressed_and_revalidated() {
    let site_root = std::env::temp_dir().join(format!("cascade-site-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(site_root.join("pkg")).expect("a temporary folder");
    std::fs::write(site_root.join("pkg/cascade.css"), "body{}").expect("write");
    std::fs::write(site_root.join("pkg/cascade.css.br"), b"brotli bytes").expect("write");
    let mut settings = test_settings();
    settings.site_root = site_root.clone();
    let app = spawn_app_with(settings).await;

    let compressed = app
        .client
        .get(app.url("/pkg/cascade.css"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .expect("an answer");
    assert_eq!(compressed.status().as_u16(), 200);
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["cache-control"], "no-cache");
    assert_eq!(compressed.headers()["content-type"], "text/css");
    assert_eq!(
        compressed.bytes().await.expect("body").as_ref(),
        b"brotli bytes"
    );

    let plain = app.get("/pkg/cascade.css").await;
    assert_eq!(plain.text().await.expect("body"), "body{}");

    // Signed in, the files stay cacheable: only pages about the person are `no-store`.
    let staff = app.staff_session().await;
    let signed_in = app.get_as(Some(&staff), "/pkg/cascade.css").await;
    assert_eq!(signed_in.headers()["cache-control"], "no-cache");

    assert_eq!(app.get("/pkg/missing.js").await.status().as_u16(), 404);
    std::fs::remove_dir_all(site_root).ok();
}

/// A build's files are in a folder named by their hash: pages link there, and browsers may keep
/// them for a year, since a changed file gets a new address.
#[tokio::test]
async fn a_hashed_build_is_linked_from_pages_and_kept_for_good() {
    let site_root = std::env::temp_dir().join(format!("cascade-site-{}", uuid::Uuid::new_v4()));
    let version = "0123456789abcdef";
    std::fs::create_dir_all(site_root.join("pkg").join(version)).expect("a temporary folder");
    std::fs::write(site_root.join("pkg/version"), format!("{version}\n")).expect("write");
    std::fs::write(
        site_root.join("pkg").join(version).join("cascade.css"),
        "body{}",
    )
    .expect("write");
    let mut settings = test_settings();
    settings.site_root = site_root.clone();
    let app = spawn_app_with(settings).await;

    let page = app.get_page("/").await;
    assert!(
        page.html
            .contains(&format!(r#"href="/pkg/{version}/cascade.css""#)),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains(&format!(r#"src="/pkg/{version}/navigation.js""#))
    );
    let islands = app.get_page("/coaches").await;
    assert!(
        islands.html.contains(&format!("/pkg/{version}/cascade.js")),
        "Leptos's loader is in the build's folder too"
    );

    let css = app.get(&format!("/pkg/{version}/cascade.css")).await;
    assert_eq!(css.status().as_u16(), 200);
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let missing = app.get(&format!("/pkg/{version}/missing.js")).await;
    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-cache");
    std::fs::remove_dir_all(site_root).ok();
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;

    let response = app
        .client
        .post(app.url("/eligibility"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body("x".repeat(server::layers::BODY_LIMIT_BYTES + 1))
        .send()
        .await
        .expect("an answer");

    assert_eq!(response.status().as_u16(), 413);
}

#[tokio::test]
async fn the_privacy_notice_quotes_the_figures_the_code_uses() {
    let app = spawn_app().await;

    let notice = app.get_page("/privacy").await;

    assert_eq!(notice.status, 200);
    for figure in [
        format!(
            "after {} minutes unused",
            app::accounts::SESSION_IDLE_MINUTES
        ),
        format!(
            "{} hours after you signed in",
            app::accounts::SESSION_LONGEST_HOURS
        ),
        format!(
            "more than {} hours after its last wrong password",
            app::accounts::throttle::FORGET_AFTER_HOURS
        ),
        format!(
            "stop working {} and {} after",
            app::accounts::links::Purpose::Invitation.lifetime_in_words(),
            app::accounts::links::Purpose::PasswordReset.lifetime_in_words()
        ),
        format!(
            "Every {} days we email each coach",
            app::settings::Terms::STARTING.availability_confirm_days
        ),
        format!(
            "a last one {} months after that",
            app::outcomes::FOLLOW_UP_MONTHS
        ),
        format!(
            "one reminder {} days later",
            app::outcomes::REMINDER_AFTER_DAYS
        ),
        format!(
            "The link works for {} days",
            app::outcomes::CLOSES_AFTER_DAYS
        ),
        format!(
            "it works once, for {}",
            app::accounts::links::Purpose::ConfirmAvailability.lifetime_in_words()
        ),
        format!(
            "stops working {} days after your request ends",
            app::interest::leader::LINK_DAYS_AFTER_END
        ),
    ] {
        assert!(notice.html.contains(&figure), "{figure}");
    }
    // Retention: the periods the daily job applies (`server/tests/api/retention.rs` drives the
    // clock past each).
    for figure in [
        format!(
            "{} months after a request ends",
            app::retention::ENDED_REQUEST_MONTHS
        ),
        format!(
            "{} years after your coaching closes",
            app::retention::CLOSED_COACHING_YEARS
        ),
    ] {
        assert!(notice.html.contains(&figure), "{figure}");
    }
    assert!(
        !notice.html.contains("report"),
        "report: nothing in the code keeps this promise yet"
    );
}

#[tokio::test]
async fn every_page_of_a_site_with_the_demo_data_says_so() {
    let plain = spawn_app().await;
    assert!(!plain.get_page("/").await.html.contains("demo-banner"));

    let (name, admin) = crate::helpers::fresh_database().await;
    app::coaches::demo::mark_seeded(&admin)
        .await
        .expect("marked");
    let serving = crate::helpers::serving_pool(&name).await;
    let demo = crate::helpers::spawn_app_on(serving, admin, test_settings()).await;

    for path in ["/", "/coaches", "/privacy", "/sign-in", "/no-such-page"] {
        let page = demo.get_page(path).await;
        assert!(
            page.html.contains(
                "Every coach, organisation, request and account on this site is made up."
            ),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_notice_has_a_version_and_its_history_and_each_request_records_the_one_agreed_to() {
    let app = spawn_app().await;
    let notice = app.get_page("/privacy").await;
    let current = app::site::privacy::NOTICE_HISTORY
        .iter()
        .find(|(v, _, _)| *v == app::site::privacy::NOTICE_VERSION)
        .expect("the current version is in the history");
    assert!(
        notice
            .html
            .contains(&format!("Version {}, {}.", current.0, current.1))
    );
    for (version, date, what) in app::site::privacy::NOTICE_HISTORY {
        assert!(
            notice
                .html
                .contains(&format!("Version {version}, {date}: {what}"))
        );
    }
    app.add_coaches(&[crate::helpers::coach("Amara Okafor")])
        .await;
    crate::helpers::ask_coach(
        &app,
        "amara-okafor",
        "jo@example.org",
        "organisation",
        "90k",
    )
    .await;
    let agreed: Option<i32> =
        sqlx::query_scalar("SELECT privacy_notice_version FROM expressions_of_interest")
            .fetch_one(&app.pool)
            .await
            .expect("a request");
    assert_eq!(agreed, Some(app::site::privacy::NOTICE_VERSION));
}

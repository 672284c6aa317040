//! `cascade admin create-staff`: how a real deployment gets its first staff member, run as the
//! binary is run, against a fresh database.

use crate::helpers::{Page, cookie_set, fresh_database, serving_pool, spawn_app_on, test_settings};
use std::process::{Command, Output};

/// The owner's URL for the test database `name`.
fn owner_url(name: &str) -> String {
    let admin = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
    format!("{server}/{name}")
}

fn create_staff(database: &str, args: &[&str], smtp: Option<&str>) -> Output {
    admin_command(database, "create-staff", args, smtp)
}

/// `cascade admin COMMAND ARGS…` against the database, as an operator runs it.
fn admin_command(database: &str, command_name: &str, args: &[&str], smtp: Option<&str>) -> Output {
    let key = app::special_category::Keyring::new_key(1).expect("a key");
    let mut command = Command::new(env!("CARGO_BIN_EXE_cascade"));
    command
        .args(["admin", command_name])
        .args(args)
        .env("DATABASE_URL", owner_url(database))
        .env("CASCADE_DATA_KEY", key)
        .env("CASCADE_PUBLIC_URL", "http://127.0.0.1")
        .env("RUST_LOG", "warn")
        .env_remove("CASCADE_MIGRATION_DATABASE_URL")
        .env_remove("CASCADE_SMTP_URL");
    if let Some(url) = smtp {
        command.env("CASCADE_SMTP_URL", url);
    }
    command.output().expect("cascade runs")
}

#[tokio::test]
async fn the_first_staff_member_is_made_at_the_command_line_and_sets_a_password() {
    let (database, admin) = fresh_database().await;

    let made = create_staff(
        &database,
        &["rhiannon@example.org", "--name", "Rhiannon <b>Jones</b>"],
        None,
    );

    let said = String::from_utf8_lossy(&made.stdout).to_string();
    assert!(
        made.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(
        said.contains("Staff account made for rhiannon@example.org"),
        "{said}"
    );
    let link = said
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1/account/welcome?token="))
        .expect("the link, without a mail server")
        .trim_start_matches("http://127.0.0.1")
        .to_string();
    let app = spawn_app_on(serving_pool(&database).await, admin, test_settings()).await;
    let emailed = app.last_email_to("rhiannon@example.org").await;
    assert!(
        emailed.contains("A Cascade staff account has been made for you"),
        "{emailed}"
    );

    let form = app.get_page(&link).await;
    assert_eq!(form.status, 200);
    assert!(form.html.contains("as rhiannon@example.org"));
    let token = link.trim_start_matches("/account/welcome?token=");
    let set = app
        .post_form_as(
            None,
            "/account/welcome",
            &[("token", token), ("password", "tulip kettle orbit")],
        )
        .await;
    assert_eq!(set.status().as_u16(), 303);
    // Then an authenticator app: the first staff member is an admin, like any other, and
    // signs in in two steps.
    assert_eq!(set.headers()["location"], "/account/two-step");
    let challenge = cookie_set(&set, "cascade_two_step").expect("a challenge");
    let first_app = app.set_up_app(&challenge).await;
    let session = first_app.session.clone();
    assert_eq!(
        Page::from(app.get_as(Some(&session), "/staff/team").await)
            .await
            .status,
        200,
        "an admin"
    );

    let audit = Page::from(app.get_as(Some(&session), "/staff/audit").await).await;
    assert_eq!(audit.status, 200, "a staff member");
    assert!(audit.html.contains("create staff account"));
    assert!(
        audit.html.contains("(the server&#x27;s command line)")
            || audit.html.contains("(the server's command line)"),
        "{}",
        audit.html
    );
    assert!(
        audit.html.contains("Rhiannon &lt;b&gt;Jones&lt;/b&gt;"),
        "the name, escaped"
    );
    assert!(!audit.html.contains("<b>Jones</b>"));

    let again = create_staff(&database, &["RHIANNON@example.org"], None);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has an account: nothing was made")
    );
}

#[tokio::test]
async fn with_a_mail_server_the_link_is_only_in_the_email_sent() {
    let (database, admin) = fresh_database().await;

    let made = create_staff(&database, &["ops@example.org"], Some("smtp://127.0.0.1:1"));

    let said = String::from_utf8_lossy(&made.stdout).to_string();
    assert!(made.status.success(), "{said}");
    assert!(
        said.contains("The server (cascade serve) emails them a link"),
        "{said}"
    );
    assert!(!said.contains("token="), "no link on the terminal");
    let (name, body): (String, String) = sqlx::query_as(
        "SELECT a.name, o.body FROM accounts a JOIN outbox o ON o.to_address = a.email
         WHERE a.email = 'ops@example.org' AND a.staff AND o.kind = 'staff_invitation'",
    )
    .fetch_one(&admin)
    .await
    .expect("the account and its invitation");
    assert_eq!(name, "ops", "named by the address until they change it");
    assert!(!body.contains("token="), "made when the email is sent");
}

#[test]
fn a_wrong_address_or_name_is_refused_before_anything_is_made() {
    for (args, said) in [
        (
            &["not-an-address"][..],
            "Enter an email address in the correct format",
        ),
        (
            &["a@example.org", "--name", ""][..],
            "the name must be 1 to 100 characters",
        ),
        (
            &["a@example.org", "--nom", "A"][..],
            "usage: cascade admin create-staff",
        ),
    ] {
        let made = create_staff("never-reached", args, None);
        assert!(!made.status.success());
        let stderr = String::from_utf8_lossy(&made.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
}

#[tokio::test]
async fn an_admin_who_lost_their_app_is_reset_at_the_command_line() {
    let (database, admin) = fresh_database().await;
    let made = create_staff(&database, &["ffion@example.org"], None);
    assert!(made.status.success());
    let link = String::from_utf8_lossy(&made.stdout)
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1/account/welcome?token="))
        .expect("the link")
        .trim_start_matches("http://127.0.0.1/account/welcome?token=")
        .to_string();
    let app = spawn_app_on(serving_pool(&database).await, admin, test_settings()).await;
    let set = app
        .post_form_as(
            None,
            "/account/welcome",
            &[("token", &link), ("password", "tulip kettle orbit")],
        )
        .await;
    let challenge = cookie_set(&set, "cascade_two_step").expect("a challenge");
    let first = app.set_up_app(&challenge).await;

    let unknown = admin_command(&database, "reset-two-step", &["nobody@example.org"], None);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("is not a staff member"));

    let reset = admin_command(&database, "reset-two-step", &["Ffion@Example.org"], None);
    assert!(
        reset.status.success(),
        "{}",
        String::from_utf8_lossy(&reset.stderr)
    );
    assert!(String::from_utf8_lossy(&reset.stdout).contains("Two-step sign-in reset"));
    assert_eq!(
        app.get_as(Some(&first.session), "/staff")
            .await
            .status()
            .as_u16(),
        303,
        "signed out"
    );
    let again = app
        .post_form_as(
            None,
            "/sign-in",
            &[
                ("email", "ffion@example.org"),
                ("password", "tulip kettle orbit"),
            ],
        )
        .await;
    let challenge = cookie_set(&again, "cascade_two_step").expect("a challenge");
    let second = app.set_up_app(&challenge).await;
    assert_ne!(first.secret, second.secret);
    let audit = Page::from(app.get_as(Some(&second.session), "/staff/audit").await).await;
    assert!(audit.html.contains("reset two-step sign-in"));
}

//! Sending the outbox through a real SMTP conversation: a minimal mail server in the test
//! stands in for the organisation's, accepting or refusing.

use crate::helpers::{Page, link_in, spawn_app};
use app::mail::delivery::{Mailer, SmtpSettings, deliver_due};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Listens on a free port and speaks just enough SMTP: accepts every message when `accept`,
/// else refuses each with a temporary failure. Returns its port and the messages it received.
async fn mail_server(accept: bool) -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("bound").port();
    let (received, messages) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let received = received.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut data = false;
                let mut message = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if data {
                        if line == "." {
                            data = false;
                            let _ = received.send(std::mem::take(&mut message));
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 test\r\n"
                    } else if command.starts_with("MAIL FROM") {
                        if accept {
                            b"250 ok\r\n"
                        } else {
                            b"451 try again later\r\n"
                        }
                    } else if command.starts_with("RCPT TO") {
                        b"250 ok\r\n"
                    } else if command.starts_with("DATA") {
                        data = true;
                        b"354 go ahead\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, messages)
}

async fn invite(app: &crate::helpers::TestApp) {
    let session = app.staff_session().await;
    app.post_form_as(
        Some(&session),
        "/staff/invite",
        &[("name", "Nia Evans"), ("email", "nia@example.org")],
    )
    .await;
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(&SmtpSettings {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Cascade <cascade@example.org>".into(),
    })
    .expect("a mailer")
}

#[tokio::test]
async fn the_outbox_is_sent_through_the_mail_server() {
    let app = spawn_app().await;
    invite(&app).await;
    let (port, mut received) = mail_server(true).await;

    let (sent, failed) = deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
        .await
        .expect("delivered");

    assert_eq!((sent, failed), (1, 0));
    let message = received.recv().await.expect("a message");
    assert!(message.contains("Subject: You are invited to coach with Cascade"));
    assert!(message.contains("To: nia@example.org"));
    let sent_at: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT sent_at FROM outbox")
            .fetch_one(&app.pool)
            .await
            .expect("outbox");
    assert!(sent_at.is_some());
    assert_eq!(
        deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
            .await
            .expect("nothing left"),
        (0, 0)
    );
}

#[tokio::test]
async fn a_failing_mail_server_loses_nothing_and_the_message_is_retried_later() {
    let app = spawn_app().await;
    invite(&app).await;
    let (refusing, _) = mail_server(false).await;

    let (sent, failed) = deliver_due(&app.pool, &mailer(refusing), &app.address, &app.clock)
        .await
        .expect("tried");

    assert_eq!((sent, failed), (0, 1));
    let (attempts, error, waiting): (i32, Option<String>, bool) =
        sqlx::query_as("SELECT attempts, last_error, next_attempt_at > now() FROM outbox")
            .fetch_one(&app.pool)
            .await
            .expect("kept");
    assert_eq!(attempts, 1);
    assert!(error.is_some_and(|e| e.contains("451") || e.contains("try again")));
    assert!(waiting, "not retried at once");
    // Nothing is due until the wait is over; then a working server gets it.
    let (port, mut received) = mail_server(true).await;
    assert_eq!(
        deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
            .await
            .expect("not due"),
        (0, 0)
    );
    sqlx::query("UPDATE outbox SET next_attempt_at = now()")
        .execute(&app.pool)
        .await
        .expect("due");
    assert_eq!(
        deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
            .await
            .expect("delivered"),
        (1, 0)
    );
    assert!(received.recv().await.is_some());
    // The account the message was about was never in doubt.
    let accounts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM accounts WHERE email = 'nia@example.org'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(accounts, 1);
}

/// A message as sent, with any quoted-printable soft line breaks undone.
fn readable(message: &str) -> String {
    message.replace("=\n", "").replace("=3D", "=")
}

#[tokio::test]
async fn with_a_mail_server_a_working_link_exists_only_in_the_email_sent() {
    let settings = server::configuration::Settings {
        smtp_url: Some("smtp://127.0.0.1:1".into()),
        ..crate::helpers::test_settings()
    };
    let app = crate::helpers::spawn_app_with(settings).await;
    let staff = app.staff_session().await;
    app.post_form_as(
        Some(&staff),
        "/staff/invite",
        &[("name", "Nia Evans"), ("email", "nia@example.org")],
    )
    .await;

    let queued = app.last_email_to("nia@example.org").await;
    assert!(queued.contains(app::mail::LINK_PLACEHOLDER), "{queued}");
    assert!(!queued.contains("token="), "no token is queued");
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM account_links")
        .fetch_one(&app.pool)
        .await
        .expect("a count");
    assert_eq!(links, 0, "no link exists until the email is sent");
    let outbox = Page::from(app.get_as(Some(&staff), "/staff/outbox").await).await;
    assert!(!outbox.html.contains("token="), "staff see no working link");

    let (port, mut received) = mail_server(true).await;
    let delivered = deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
        .await
        .expect("delivered");

    assert_eq!(delivered, (1, 0));
    let sent = readable(&received.recv().await.expect("a message"));
    let link = link_in(&sent, "/account/welcome?token=");
    let welcome = app.get_page(&link).await;
    assert_eq!(welcome.status, 200, "the emailed link works");
    assert!(welcome.html.contains("nia@example.org"), "{}", welcome.html);
    let stored = app.last_email_to("nia@example.org").await;
    assert_eq!(stored, queued, "the stored body never holds the token");
}

#[tokio::test]
async fn without_a_mail_server_staff_can_follow_links_from_the_outbox_and_are_told_so() {
    let app = spawn_app().await;
    let staff = app.staff_session().await;
    app.post_form_as(
        Some(&staff),
        "/staff/invite",
        &[("name", "Nia Evans"), ("email", "nia@example.org")],
    )
    .await;

    let outbox = Page::from(app.get_as(Some(&staff), "/staff/outbox").await).await;

    assert!(outbox.html.contains("/account/welcome?token="));
    assert!(
        outbox
            .html
            .contains("anyone who can read this page can use them"),
        "the outbox says its links work"
    );
    let link = link_in(
        &app.last_email_to("nia@example.org").await,
        "/account/welcome?token=",
    );
    assert_eq!(app.get_page(&link).await.status, 200);
}

/// A leader's link to their request's page, and a coach's link to confirm their availability,
/// are made as their emails are sent, like invitations: the outbox never holds them.
#[tokio::test]
async fn with_a_mail_server_page_and_confirmation_links_exist_only_in_the_email_sent() {
    use crate::leader_page::{answers, borrowed};
    let settings = server::configuration::Settings {
        smtp_url: Some("smtp://127.0.0.1:1".into()),
        ..crate::helpers::test_settings()
    };
    let app = crate::helpers::spawn_app_with(settings).await;
    app.add_coaches(&[
        crate::helpers::coach("Amara Okafor"),
        crate::helpers::coach("Bethan Pritchard"),
    ])
    .await;
    app.add_account("amara@example.org", false, Some("amara-okafor"))
        .await;
    let sent = app
        .post_form(
            "/coaches/amara-okafor/ask",
            &borrowed(&answers(&uuid::Uuid::new_v4().to_string())),
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    app.clock.advance(chrono::Duration::days(61));
    app::interest::due::run(&app.pool, &app.clock, &app.address, true)
        .await
        .expect("the work ran");

    let queued = |kind: &'static str| {
        sqlx::query_scalar::<_, String>("SELECT body FROM outbox WHERE kind = $1")
            .bind(kind)
            .fetch_one(&app.pool)
    };
    let acknowledged = queued("request_received").await.expect("acknowledged");
    let asked = queued("confirm_availability").await.expect("asked");
    for queued in [&acknowledged, &asked] {
        assert!(queued.contains(app::mail::LINK_PLACEHOLDER), "{queued}");
    }
    assert!(
        !acknowledged.contains("/requests/"),
        "no page link is queued"
    );
    assert!(!asked.contains("token="), "no confirmation link is queued");

    let (port, mut received) = mail_server(true).await;
    deliver_due(&app.pool, &mailer(port), &app.address, &app.clock)
        .await
        .expect("delivered");
    let mut bodies = Vec::new();
    while let Ok(message) = received.try_recv() {
        bodies.push(readable(&message));
    }
    let to_leader = bodies
        .iter()
        .find(|b| b.contains("Your own page for this request"))
        .expect("the acknowledgement was sent");
    let page =
        link_in(to_leader, &format!("{}/requests/", app.address)).replacen(&app.address, "", 1);
    let bodies = bodies.join("\n");
    let own = app.get_page(&page).await;
    assert_eq!(own.status, 200, "the emailed page link works");
    assert!(own.html.contains("leader-request-status"));
    let confirm = link_in(&bodies, "/me/confirm-availability?token=");
    assert!(
        app.get_page(&confirm)
            .await
            .html
            .contains("your availability is confirmed")
    );
}

/// Every server runs the sender: two delivering at once (each with its own connections) send
/// each email once, as each one is claimed with `FOR UPDATE SKIP LOCKED`.
#[tokio::test]
async fn two_servers_delivering_at_once_send_each_email_once() {
    let app = spawn_app().await;
    let session = app.staff_session().await;
    for n in 0..8 {
        let invited = app
            .post_form_as(
                Some(&session),
                "/staff/invite",
                &[
                    ("name", &format!("Nia Evans {n}")),
                    ("email", &format!("nia{n}@example.org")),
                ],
            )
            .await;
        assert_eq!(invited.status().as_u16(), 303);
    }
    let (port, mut received) = mail_server(true).await;
    let other_server = sqlx::PgPool::connect_with((*app.pool.connect_options()).clone())
        .await
        .expect("a second pool");

    let (mailer_one, mailer_two) = (mailer(port), mailer(port));
    let (one, two) = tokio::join!(
        deliver_due(&app.pool, &mailer_one, &app.address, &app.clock),
        deliver_due(&other_server, &mailer_two, &app.address, &app.clock),
    );

    let (one, two) = (one.expect("delivered"), two.expect("delivered"));
    assert_eq!(one.0 + two.0, 8, "sent: {one:?} and {two:?}");
    assert_eq!(one.1 + two.1, 0);
    let mut to = Vec::new();
    while let Ok(message) = received.try_recv() {
        let address = message
            .lines()
            .find(|line| line.starts_with("To: "))
            .unwrap_or_default()
            .to_string();
        to.push(address);
    }
    assert_eq!(to.len(), 8, "eight messages: {to:?}");
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 8, "to eight different people: {to:?}");
}

//! Sends the outbox through SMTP, when a server is configured (`CASCADE_SMTP_URL`). A message
//! that fails stays in the outbox and is tried again later, each wait twice the last, up to
//! six hours: a failing mail server never loses a message.

use super::LINK_PLACEHOLDER;
use crate::accounts::links::{self, Purpose};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;

/// Where and as whom to send.
#[derive(Clone)]
pub struct SmtpSettings {
    /// `smtp://host:25`, `smtp://user:password@host:587?tls=required`, or `smtps://…:465`.
    pub url: String,
    /// `Cascade <cascade@example.org>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|e| format!("CASCADE_SMTP_URL is not a valid SMTP address: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("CASCADE_MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(|e| format!("bad recipient: {e}"))?)
            .subject(subject)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Sends every message that is due, each in its own transaction (so two workers never send the
/// same one). Returns how many were sent and how many failed.
///
/// A message with a link to make (see `accounts::links::for_email` and
/// `interest::db::page_link_for_email`) gets it now, in the same
/// transaction: the working link goes into the email sent and nowhere else. A link made for an
/// attempt that fails reaches nobody; the next attempt makes a new one.
pub async fn deliver_due(
    pool: &PgPool,
    mailer: &Mailer,
    public_url: &str,
    clock: &crate::clock::Clock,
) -> Result<(usize, usize), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Due {
        id: Uuid,
        to_address: String,
        subject: String,
        body: String,
        attempts: i32,
        link_account_id: Option<Uuid>,
        link_purpose: Option<Purpose>,
        link_leader_request_id: Option<Uuid>,
        link_questionnaire_id: Option<Uuid>,
    }
    let (mut sent, mut failed) = (0, 0);
    loop {
        let now = clock.now();
        let mut tx = pool.begin().await?;
        let due: Option<Due> = sqlx::query_as(
            "SELECT id, to_address, subject, body, attempts, link_account_id, link_purpose,
                    link_leader_request_id, link_questionnaire_id FROM outbox
             WHERE sent_at IS NULL AND next_attempt_at <= now()
             ORDER BY created_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED",
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(Due {
            id,
            to_address: to,
            subject,
            body,
            attempts,
            link_account_id,
            link_purpose,
            link_leader_request_id,
            link_questionnaire_id,
        }) = due
        else {
            return Ok((sent, failed));
        };
        let body = match (
            link_account_id,
            link_purpose,
            link_leader_request_id,
            link_questionnaire_id,
        ) {
            (Some(account_id), Some(purpose), _, _) => {
                let url = links::create_url(&mut tx, account_id, purpose, public_url, now).await?;
                body.replace(LINK_PLACEHOLDER, &url)
            }
            (_, _, Some(request), _) => {
                let token = crate::interest::db::new_page_token(&mut tx, request).await?;
                body.replace(LINK_PLACEHOLDER, &format!("{public_url}/requests/{token}"))
            }
            (_, _, _, Some(questionnaire)) => {
                let token = crate::outcomes::db::new_link(&mut tx, questionnaire, now).await?;
                body.replace(
                    LINK_PLACEHOLDER,
                    &crate::outcomes::questionnaire_url(public_url, &token),
                )
            }
            _ => body,
        };
        match mailer.send(&to, &subject, &body).await {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sent += 1;
                metrics::counter!("cascade_emails_sent_total").increment(1);
            }
            Err(error) => {
                // Not the mail server's answer: it may quote the address. It is kept with the
                // email (staff read it in the outbox), which goes when the email does.
                tracing::warn!(%id, attempts = attempts + 1, "email not sent; will retry");
                let wait_minutes = 2_i32
                    .saturating_pow(u32::try_from(attempts).unwrap_or(0).min(9))
                    .min(360);
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                         next_attempt_at = now() + make_interval(mins => $3)
                     WHERE id = $1",
                )
                .bind(id)
                .bind(error.chars().take(500).collect::<String>())
                .bind(wait_minutes)
                .execute(&mut *tx)
                .await?;
                failed += 1;
                metrics::counter!("cascade_emails_failed_total").increment(1);
            }
        }
        tx.commit().await?;
    }
}

/// Runs delivery every few seconds for as long as the server runs.
pub fn spawn(
    pool: PgPool,
    mailer: Mailer,
    public_url: String,
    clock: crate::clock::Clock,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            match deliver_due(&pool, &mailer, &public_url, &clock).await {
                Ok((0, 0)) => {}
                Ok((sent, failed)) => tracing::info!(sent, failed, "outbox delivered"),
                Err(error) => {
                    tracing::error!(%error, "outbox delivery stopped by a database error")
                }
            }
        }
    })
}

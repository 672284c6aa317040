//! Single-use emailed links: an invitation to set a password and start a profile, and a
//! password reset. The link carries a random token; the database keeps only its hash.
//!
//! With a mail server, a link is made when its email is sent (`mail::delivery`), so a working
//! token never sits readable in the outbox; only without one, when staff read the outbox
//! themselves (the demo), is it made at once and shown there.

#[cfg(feature = "ssr")]
pub use db::*;

crate::vocabulary::vocabulary! {
    /// What an emailed link is for.
    Purpose {
        Invitation => ("invitation", "Invitation"),
        PasswordReset => ("password_reset", "Password reset"),
        ConfirmAvailability => ("confirm_availability", "Confirming availability"),
    }
}

impl Purpose {
    /// The page the link opens.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::Invitation => "/account/welcome",
            Purpose::PasswordReset => "/account/reset-password",
            Purpose::ConfirmAvailability => "/me/confirm-availability",
        }
    }

    /// How long a link stays usable.
    pub fn lifetime_hours(self) -> i32 {
        match self {
            Purpose::Invitation => 7 * 24,
            Purpose::PasswordReset => 1,
            Purpose::ConfirmAvailability => 30 * 24,
        }
    }

    /// The same, as the email says it: "7 days", "1 hour".
    pub fn lifetime_in_words(self) -> String {
        let hours = self.lifetime_hours();
        match (hours % 24, hours / 24) {
            (0, 1) => "1 day".to_string(),
            (0, days) if days > 1 => format!("{days} days"),
            _ if hours == 1 => "1 hour".to_string(),
            _ => format!("{hours} hours"),
        }
    }
}

#[cfg(feature = "ssr")]
mod db {
    use super::Purpose;
    use crate::accounts::session::{new_token, token_hash};
    use crate::mail::{LINK_PLACEHOLDER, LinkToMake};
    use chrono::{DateTime, Utc};
    use sqlx::PgConnection;
    use uuid::Uuid;

    /// What an email carries for a link to `account_id`: with a mail server (`mail_delivery`), a
    /// placeholder, and the link to make in its place when the email is sent; without one, a
    /// working link made now, for staff to follow from the outbox.
    pub async fn for_email(
        tx: &mut PgConnection,
        account_id: Uuid,
        purpose: Purpose,
        public_url: &str,
        mail_delivery: bool,
        now: DateTime<Utc>,
    ) -> Result<(String, Option<LinkToMake>), sqlx::Error> {
        if mail_delivery {
            Ok((
                LINK_PLACEHOLDER.to_string(),
                Some(LinkToMake::Account {
                    account_id,
                    purpose,
                }),
            ))
        } else {
            Ok((
                create_url(tx, account_id, purpose, public_url, now).await?,
                None,
            ))
        }
    }

    /// Makes a link for `account_id`, returning its token (to put in the email's address).
    pub async fn create(
        tx: &mut PgConnection,
        account_id: Uuid,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<String, sqlx::Error> {
        let token =
            new_token().map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
        sqlx::query(
            "INSERT INTO account_links (token_hash, account_id, purpose, created_at, expires_at)
             VALUES ($1, $2, $3, $5, $5 + make_interval(hours => $4))",
        )
        .bind(token_hash(&token))
        .bind(account_id)
        .bind(purpose)
        .bind(purpose.lifetime_hours())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Ok(token)
    }

    /// The address of a new link for `account_id`: made now and stored as its hash.
    pub async fn create_url(
        tx: &mut PgConnection,
        account_id: Uuid,
        purpose: Purpose,
        public_url: &str,
        now: DateTime<Utc>,
    ) -> Result<String, sqlx::Error> {
        let token = create(tx, account_id, purpose, now).await?;
        Ok(format!("{public_url}{}?token={token}", purpose.path()))
    }

    /// The account a live, unused link is for, without using it up (to show the form).
    pub async fn peek<'e>(
        db: impl sqlx::PgExecutor<'e>,
        token: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<Option<LinkedAccount>, sqlx::Error> {
        sqlx::query_as(
        "SELECT a.id, a.email, a.coach, a.staff FROM account_links l JOIN accounts a ON a.id = l.account_id
         WHERE l.token_hash = $1 AND l.purpose = $2 AND l.used_at IS NULL AND l.expires_at > $3
           AND a.disabled_at IS NULL",
    )
    .bind(token_hash(token))
    .bind(purpose)
    .bind(now)
    .fetch_optional(db)
    .await
    }

    /// The account of a link already used, and when it was used, while it has not expired: to
    /// tell someone opening it again what became of it.
    pub async fn used<'e>(
        db: impl sqlx::PgExecutor<'e>,
        token: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<Option<(Uuid, DateTime<Utc>)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT account_id, used_at FROM account_links
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NOT NULL AND expires_at > $3",
        )
        .bind(token_hash(token))
        .bind(purpose)
        .bind(now)
        .fetch_optional(db)
        .await
    }

    /// The account behind a link, and its roles (for where to land once the password is set).
    #[derive(Debug, sqlx::FromRow)]
    pub struct LinkedAccount {
        pub id: Uuid,
        pub email: String,
        pub coach: bool,
        pub staff: bool,
    }

    /// Uses a live link up, returning its account: at most once, even if two requests race.
    pub async fn consume(
        tx: &mut PgConnection,
        token: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<Option<Uuid>, sqlx::Error> {
        sqlx::query_scalar(
            "UPDATE account_links SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING account_id",
        )
        .bind(token_hash(token))
        .bind(purpose)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
    }

    /// Sets an account's password from a link, in one transaction: the link is used up (at
    /// most once, even if two requests race), every other link of the account dies, and every
    /// session ends. `false` when the link was used a moment ago by another request.
    pub async fn set_password(
        pool: &sqlx::PgPool,
        token: &str,
        purpose: Purpose,
        account_id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = pool.begin().await?;
        if consume(&mut tx, token, purpose, now).await?.is_none() {
            return Ok(false);
        }
        crate::accounts::db::set_password(&mut tx, account_id, hash).await?;
        retire_all(&mut tx, account_id, now).await?;
        crate::accounts::session::end_all(&mut *tx, account_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Emails a password-reset link to the account, in one transaction with the link.
    pub async fn email_reset_link(
        pool: &sqlx::PgPool,
        email: &str,
        name: &str,
        account_id: Uuid,
        public_url: &str,
        mail_delivery: bool,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = pool.begin().await?;
        let (link, to_make) = for_email(
            &mut tx,
            account_id,
            Purpose::PasswordReset,
            public_url,
            mail_delivery,
            now,
        )
        .await?;
        let reset = crate::mail::Email::password_reset(email, name, &link).with_link(to_make);
        crate::mail::enqueue(&mut tx, &reset).await?;
        tx.commit().await
    }

    /// Uses up every live link of an account: after its password is set, none is needed.
    pub async fn retire_all(
        tx: &mut PgConnection,
        account_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE account_links SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL",
        )
        .bind(account_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Purpose;

    #[test]
    fn emails_say_how_long_their_links_last() {
        assert_eq!(Purpose::Invitation.lifetime_in_words(), "7 days");
        assert_eq!(Purpose::PasswordReset.lifetime_in_words(), "1 hour");
        for &purpose in Purpose::ALL {
            assert_eq!(Purpose::from_slug(purpose.slug()), Some(purpose));
        }
    }
}

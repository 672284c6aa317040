//! Single-use emailed links: an invitation to set a password and start a profile, and a
//! password reset. The link carries a random token; the database keeps only its hash.

use super::session::{new_token, token_hash};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }

    /// How long a link stays usable.
    pub fn lifetime_hours(self) -> i32 {
        match self {
            Purpose::Invitation => 7 * 24,
            Purpose::PasswordReset => 1,
        }
    }
}

/// Makes a link for `account_id`, returning its token (to put in the email's address).
pub async fn create(
    tx: &mut PgConnection,
    account_id: Uuid,
    purpose: Purpose,
) -> Result<String, sqlx::Error> {
    let token = new_token().map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    sqlx::query(
        "INSERT INTO account_links (token_hash, account_id, purpose, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(purpose.as_str())
    .bind(purpose.lifetime_hours())
    .execute(&mut *tx)
    .await?;
    Ok(token)
}

/// The account a live, unused link is for, without using it up (to show the form).
pub async fn peek<'e>(
    db: impl sqlx::PgExecutor<'e>,
    token: &str,
    purpose: Purpose,
) -> Result<Option<LinkedAccount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email, a.coach, a.staff FROM account_links l JOIN accounts a ON a.id = l.account_id
         WHERE l.token_hash = $1 AND l.purpose = $2 AND l.used_at IS NULL AND l.expires_at > now()
           AND a.disabled_at IS NULL",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
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
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE account_links SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING account_id",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await
}

/// Uses up every live link of an account: after its password is set, none is needed.
pub async fn retire_all(tx: &mut PgConnection, account_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE account_links SET used_at = now() WHERE account_id = $1 AND used_at IS NULL",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

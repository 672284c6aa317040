//! Accounts' SQL.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// What signing in needs to know about an account.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub staff: bool,
    pub coach: bool,
}

pub async fn credentials(pool: &PgPool, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, name, password_hash, disabled_at IS NOT NULL AS disabled, staff, coach
         FROM accounts WHERE lower(email) = lower($1)",
    )
    .bind(email.trim())
    .fetch_optional(pool)
    .await
}

pub async fn set_password(
    tx: &mut PgConnection,
    account_id: Uuid,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
        .bind(account_id)
        .bind(hash)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// A new account with the coach role and no password yet, or `None` when the email address
/// already has an account.
/// A new staff account for `email`, with no password yet; `None` if the address has one.
pub async fn create_staff(
    tx: &mut PgConnection,
    name: &str,
    email: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (name, email, staff) VALUES ($1, $2, true)
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(email)
    .fetch_optional(&mut *tx)
    .await
}

pub async fn create_coach(
    tx: &mut PgConnection,
    name: &str,
    email: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (name, email, coach) VALUES ($1, $2, true)
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(email)
    .fetch_optional(&mut *tx)
    .await
}

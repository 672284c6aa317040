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
    /// Whether a second factor is set up (staff only).
    pub second_factor: bool,
}

pub async fn credentials(pool: &PgPool, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, name, password_hash, disabled_at IS NOT NULL AS disabled, staff, coach,
                second_factor_set_at IS NOT NULL AS second_factor
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

/// The role a new account is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewAccountRole {
    Coach,
    Staff,
    Admin,
}

/// A new account with `role` and no password yet, or `None` when the email address already
/// has an account.
pub async fn create(
    tx: &mut PgConnection,
    name: &str,
    email: &str,
    role: NewAccountRole,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (name, email, coach, staff, admin) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(email)
    .bind(role == NewAccountRole::Coach)
    .bind(role != NewAccountRole::Coach)
    .bind(role == NewAccountRole::Admin)
    .fetch_optional(&mut *tx)
    .await
}

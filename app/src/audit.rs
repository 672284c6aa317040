//! The audit log: every staff action, who did it, when, and the record before and after.
//! Append-only: the database refuses to change or delete a line (see the migration).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_email: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[cfg(feature = "ssr")]
pub use db::{entries, record};

#[cfg(feature = "ssr")]
mod db {
    use super::AuditEntry;
    use crate::access::Account;
    use serde_json::Value;

    /// Records a staff action, in the transaction that does it.
    pub async fn record(
        tx: &mut sqlx::PgConnection,
        actor: &Account,
        action: &str,
        subject: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit_log (actor_id, actor_email, action, subject, before, after)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(actor.id)
        .bind(&actor.email)
        .bind(action)
        .bind(subject)
        .bind(before)
        .bind(after)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    /// The most recent entries, newest first.
    pub async fn entries(pool: &sqlx::PgPool, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            at: chrono::DateTime<chrono::Utc>,
            actor_email: String,
            action: String,
            subject: String,
            before: Option<Value>,
            after: Option<Value>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT at, actor_email, action, subject, before, after FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                actor_email: r.actor_email,
                action: r.action,
                subject: r.subject,
                before: r.before.map(|v| v.to_string()),
                after: r.after.map(|v| v.to_string()),
            })
            .collect())
    }
}

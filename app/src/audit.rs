//! The audit log: every staff action, who did it, when, to which record, and the record's state
//! before and after. Append-only: the database refuses to change or delete a line (see the
//! migrations), so a line holds no personal data: who acted and the record are ids, shown with
//! names only while those records exist. What is personal about an action (a profile as it was
//! approved, a reason written to a coach, an invited person's name) is kept beside the line in
//! `audit_details`, which erasure deletes with the person's other data.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    /// The account's address, "(erased account)" once it has gone, or "(the server's command
    /// line)" for what was done there.
    pub actor: String,
    pub action: String,
    /// The record, by name while it exists ("coach amara-okafor"), else by kind ("coach (erased)").
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The personal details, while erasure has not reached them.
    pub details: Option<String>,
}

/// What an audited action was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    Coach(uuid::Uuid),
    Account(uuid::Uuid),
    /// Anything named without personal data: a request's reference, a bank holiday, a file.
    Named(&'a str),
}

#[cfg(feature = "ssr")]
impl Subject<'_> {
    fn stored(&self) -> String {
        match self {
            Subject::Coach(id) => format!("coach {id}"),
            Subject::Account(id) => format!("account {id}"),
            Subject::Named(name) => (*name).to_string(),
        }
    }
}

/// The personal side of an audited action, and whose it is (so that erasure finds it).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub coach_id: Option<uuid::Uuid>,
    pub account_id: Option<uuid::Uuid>,
    /// A person named only by address (a leader has no account).
    pub email: Option<String>,
    pub details: serde_json::Value,
}

#[cfg(feature = "ssr")]
pub use db::{entries, erase_details, record, record_from_command_line, record_with_details};

#[cfg(feature = "ssr")]
mod db {
    use super::{AuditEntry, Details, Subject};
    use crate::access::Account;
    use serde_json::Value;

    /// Records a staff action, in the transaction that does it.
    pub async fn record(
        tx: &mut sqlx::PgConnection,
        actor: &Account,
        action: &str,
        subject: Subject<'_>,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<(), sqlx::Error> {
        insert(tx, actor, action, subject, before, after)
            .await
            .map(|_| ())
    }

    /// Records an action taken at the server's command line (nobody signed in: no actor), and
    /// what about it is personal.
    pub async fn record_from_command_line(
        tx: &mut sqlx::PgConnection,
        action: &str,
        subject: Subject<'_>,
        details: Details,
    ) -> Result<(), sqlx::Error> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO audit_log (actor_id, action, subject) VALUES (NULL, $1, $2) RETURNING id",
        )
        .bind(action)
        .bind(subject.stored())
        .fetch_one(&mut *tx)
        .await?;
        insert_details(tx, id, details).await
    }

    /// Records a staff action and, beside it, what about it is personal.
    pub async fn record_with_details(
        tx: &mut sqlx::PgConnection,
        actor: &Account,
        action: &str,
        subject: Subject<'_>,
        before: Option<Value>,
        after: Option<Value>,
        details: Details,
    ) -> Result<(), sqlx::Error> {
        let id = insert(tx, actor, action, subject, before, after).await?;
        insert_details(tx, id, details).await
    }

    async fn insert_details(
        tx: &mut sqlx::PgConnection,
        id: i64,
        details: Details,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit_details (audit_id, coach_id, account_id, email, details)
             VALUES ($1, $2, $3, lower($4), $5)",
        )
        .bind(id)
        .bind(details.coach_id)
        .bind(details.account_id)
        .bind(details.email)
        .bind(details.details)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    async fn insert(
        tx: &mut sqlx::PgConnection,
        actor: &Account,
        action: &str,
        subject: Subject<'_>,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "INSERT INTO audit_log (actor_id, action, subject, before, after)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(actor.id)
        .bind(action)
        .bind(subject.stored())
        .bind(before)
        .bind(after)
        .fetch_one(&mut *tx)
        .await
    }

    /// Deletes the personal details kept beside the log about this coach, account or address;
    /// the lines themselves stay. Returns how many went.
    pub async fn erase_details(
        tx: &mut sqlx::PgConnection,
        coach_id: Option<uuid::Uuid>,
        account_id: Option<uuid::Uuid>,
        email: Option<&str>,
    ) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(
            "DELETE FROM audit_details WHERE coach_id = $1 OR account_id = $2 OR email = lower($3)
                 OR audit_id IN (SELECT id FROM audit_log WHERE subject IN ('coach ' || $1, 'account ' || $2))",
        )
        .bind(coach_id)
        .bind(account_id)
        .bind(email)
        .execute(&mut *tx)
        .await?
        .rows_affected())
    }

    /// The most recent entries, newest first, with names for the records that still exist.
    pub async fn entries(pool: &sqlx::PgPool, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            at: chrono::DateTime<chrono::Utc>,
            actor: Option<String>,
            action: String,
            subject: String,
            before: Option<Value>,
            after: Option<Value>,
            details: Option<Value>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT l.at,
                    CASE WHEN l.actor_id IS NULL THEN '(the server''s command line)' ELSE who.email END AS actor,
                    l.action,
                    CASE WHEN l.subject LIKE 'coach %' THEN 'coach ' || CASE
                             WHEN c.status IS NULL OR c.status = 'closed' THEN '(erased)' ELSE c.slug END
                         WHEN l.subject LIKE 'account %' THEN 'account ' || coalesce(a.email, '(erased)')
                         ELSE l.subject END AS subject,
                    l.before, l.after, d.details
             FROM audit_log l
             LEFT JOIN accounts who ON who.id = l.actor_id
             LEFT JOIN audit_details d ON d.audit_id = l.id
             LEFT JOIN coaches c ON c.id = CASE WHEN l.subject ~ '^coach [0-9a-f-]{36}$'
                 THEN substr(l.subject, 7)::uuid END
             LEFT JOIN accounts a ON a.id = CASE WHEN l.subject ~ '^account [0-9a-f-]{36}$'
                 THEN substr(l.subject, 9)::uuid END
             ORDER BY l.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                actor: r.actor.unwrap_or_else(|| "(erased account)".to_string()),
                action: r.action,
                subject: r.subject,
                before: r.before.map(|v| v.to_string()),
                after: r.after.map(|v| v.to_string()),
                details: r.details.map(|v| v.to_string()),
            })
            .collect())
    }
}

//! Concerns' SQL, and their emails.

use super::{ConcernDetail, ConcernItem, ConcernStatus, RaisedBy};
use crate::access::Account;
use crate::audit;
use crate::mail::{self, Email};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

const ITEMS: &str = "
    SELECT k.id, e.reference, e.leader_name, c.name AS coach_name, k.raised_by, k.status, k.raised_at
    FROM concerns k JOIN engagements g ON g.id = k.engagement_id
    JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
    JOIN coaches c ON c.id = g.coach_id";

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    reference: String,
    leader_name: String,
    coach_name: String,
    raised_by: RaisedBy,
    status: ConcernStatus,
    raised_at: DateTime<Utc>,
}

impl From<Row> for ConcernItem {
    fn from(r: Row) -> ConcernItem {
        ConcernItem {
            id: r.id,
            reference: r.reference,
            leader_name: r.leader_name,
            coach_name: r.coach_name,
            raised_by: r.raised_by,
            status: r.status,
            raised_at: r.raised_at,
        }
    }
}

/// Open ones first, then being looked into, then closed; oldest first within each.
pub async fn list(pool: &PgPool) -> Result<Vec<ConcernItem>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{ITEMS} ORDER BY CASE k.status WHEN 'open' THEN 0 WHEN 'looking_into' THEN 1 ELSE 2 END,
                 k.raised_at"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(ConcernItem::from).collect())
}

pub async fn detail(pool: &PgPool, id: Uuid) -> Result<Option<ConcernDetail>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{ITEMS} WHERE k.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (body, outcome, closed_at): (String, Option<String>, Option<DateTime<Utc>>) =
        sqlx::query_as("SELECT body, outcome, closed_at FROM concerns WHERE id = $1")
            .bind(id)
            .fetch_one(pool)
            .await?;
    let notes: Vec<(DateTime<Utc>, String, String)> = sqlx::query_as(
        "SELECT n.written_at, coalesce(a.name, '(erased account)'), n.note
         FROM concern_notes n LEFT JOIN accounts a ON a.id = n.author_id
         WHERE n.concern_id = $1 ORDER BY n.written_at, n.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(ConcernDetail {
        item: row.into(),
        body,
        notes,
        outcome,
        closed_at,
    }))
}

/// Who is in a coaching: (leader's name, leader's email, coach's name, coach's email, reference).
async fn parties(
    tx: &mut PgConnection,
    engagement: Uuid,
) -> Result<(String, String, String, String, String), sqlx::Error> {
    sqlx::query_as(
        "SELECT e.leader_name, e.email, c.name, c.email, e.reference
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         JOIN coaches c ON c.id = g.coach_id WHERE g.id = $1",
    )
    .bind(engagement)
    .fetch_one(&mut *tx)
    .await
}

/// Raises a concern about `engagement` and emails its raiser to say it is received: `false`
/// when this form was sent already (one concern for it).
async fn raise(
    tx: &mut PgConnection,
    engagement: Uuid,
    raised_by: RaisedBy,
    body: &str,
    submission_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO concerns (engagement_id, raised_by, body, raised_at, submission_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (submission_id) DO NOTHING",
    )
    .bind(engagement)
    .bind(raised_by)
    .bind(body)
    .bind(now)
    .bind(submission_id)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        return Ok(false);
    }
    let (leader, leader_email, coach, coach_email, reference) = parties(tx, engagement).await?;
    let (to, name, other) = match raised_by {
        RaisedBy::Leader => (leader_email, leader, coach),
        RaisedBy::Coach => (coach_email, coach, leader),
    };
    mail::enqueue(tx, &Email::concern_received(&to, &name, &other, &reference)).await?;
    Ok(true)
}

/// A leader raises a concern about their coaching, from their request's page (`token`):
/// `None` when the link opens no coaching.
pub async fn raise_by_leader(
    pool: &PgPool,
    token: &str,
    body: &str,
    submission_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Option<bool>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(opened) = crate::interest::db::open(&mut *tx, token, now, false).await? else {
        return Ok(None);
    };
    let engagement: Option<Uuid> = sqlx::query_scalar(
        "SELECT g.id FROM engagements g JOIN expressions_of_interest e
             ON e.id = g.expression_of_interest_id
         WHERE e.leader_request_id = $1 AND e.erased_at IS NULL
         ORDER BY g.started_at DESC LIMIT 1",
    )
    .bind(opened.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(engagement) = engagement else {
        return Ok(None);
    };
    let raised = raise(
        &mut tx,
        engagement,
        RaisedBy::Leader,
        body,
        submission_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(raised))
}

/// A coach raises a concern about a coaching of theirs: `None` when it is not theirs.
pub async fn raise_by_coach(
    pool: &PgPool,
    coach_id: Uuid,
    engagement: Uuid,
    body: &str,
    submission_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Option<bool>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Theirs, and about a leader whose details are still held.
    let theirs: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM engagements g
             JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
             WHERE g.id = $1 AND g.coach_id = $2 AND e.erased_at IS NULL)",
    )
    .bind(engagement)
    .bind(coach_id)
    .fetch_one(&mut *tx)
    .await?;
    if !theirs {
        return Ok(None);
    }
    let raised = raise(
        &mut tx,
        engagement,
        RaisedBy::Coach,
        body,
        submission_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(raised))
}

/// What staff do to a concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handling {
    Note(String),
    LookInto,
    /// Close it, telling both sides this.
    Close(String),
}

/// Why it was not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDone {
    NoSuchConcern,
    Closed,
}

/// Notes, starts looking into, or closes a concern (emailing both sides), audited.
pub async fn handle(
    pool: &PgPool,
    actor: &Account,
    id: Uuid,
    handling: &Handling,
    now: DateTime<Utc>,
) -> Result<Result<(), NotDone>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let found: Option<(ConcernStatus, Uuid)> =
        sqlx::query_as("SELECT status, engagement_id FROM concerns WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, engagement)) = found else {
        return Ok(Err(NotDone::NoSuchConcern));
    };
    if status == ConcernStatus::Closed {
        return Ok(Err(NotDone::Closed));
    }
    let subject = format!("concern {id}");
    match handling {
        Handling::Note(note) => {
            sqlx::query(
                "INSERT INTO concern_notes (concern_id, author_id, note, written_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(actor.id)
            .bind(note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                actor,
                "note on concern",
                audit::Subject::Named(&subject),
                None,
                None,
            )
            .await?;
        }
        Handling::LookInto => {
            sqlx::query("UPDATE concerns SET status = 'looking_into' WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                actor,
                "look into concern",
                audit::Subject::Named(&subject),
                Some(json!({ "status": status })),
                Some(json!({ "status": ConcernStatus::LookingInto })),
            )
            .await?;
        }
        Handling::Close(outcome) => {
            sqlx::query(
                "UPDATE concerns SET status = 'closed', closed_at = $2, outcome = $3 WHERE id = $1",
            )
            .bind(id)
            .bind(now)
            .bind(outcome)
            .execute(&mut *tx)
            .await?;
            let (leader, leader_email, coach, coach_email, reference) =
                parties(&mut tx, engagement).await?;
            for (to, name, other) in [
                (&leader_email, &leader, &coach),
                (&coach_email, &coach, &leader),
            ] {
                let told = Email::concern_closed(to, name, other, &reference, outcome);
                mail::enqueue(&mut tx, &told).await?;
            }
            audit::record(
                &mut tx,
                actor,
                "close concern",
                audit::Subject::Named(&subject),
                Some(json!({ "status": status })),
                Some(json!({ "status": ConcernStatus::Closed })),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}

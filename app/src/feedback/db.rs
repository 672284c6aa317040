//! Feedback's SQL.

use super::{CoachFeedback, FeedbackInvitation, FeedbackSummary};
use crate::accounts::session::token_hash;
use chrono::{DateTime, Datelike, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// The coaching a leader's closing questionnaire link belongs to: (engagement, coach, coach's
/// name, whether feedback was given). Only a leader's closing questionnaire's link, for a
/// closed coaching.
const LINKED: &str = "
    SELECT g.id, g.coach_id, c.name, g.feedback_given_at IS NOT NULL
    FROM questionnaire_links l JOIN questionnaires q ON q.id = l.questionnaire_id
    JOIN engagements g ON g.id = q.engagement_id JOIN coaches c ON c.id = g.coach_id
    WHERE l.token_hash = $1 AND q.kind = 'leader_end' AND g.status <> 'active'";

pub async fn invitation(
    pool: &PgPool,
    token: &str,
) -> Result<Option<FeedbackInvitation>, sqlx::Error> {
    let linked: Option<(Uuid, Uuid, String, bool)> = sqlx::query_as(LINKED)
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?;
    Ok(linked.map(|(_, _, coach_name, given)| FeedbackInvitation { coach_name, given }))
}

/// What giving feedback did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Given,
    /// Feedback for this coaching was given already (it is given once).
    Already,
    NoSuchLink,
}

/// Keeps a rating and comment for the coach of the coaching behind `token`, with the month,
/// and marks the coaching as having had its feedback: at most once, even if sent twice at once.
pub async fn give(
    pool: &PgPool,
    token: &str,
    rating: i16,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Given, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let linked: Option<(Uuid, Uuid, String, bool)> =
        sqlx::query_as(&format!("{LINKED} FOR UPDATE OF g"))
            .bind(token_hash(token))
            .fetch_optional(&mut *tx)
            .await?;
    let Some((engagement, coach, _, given)) = linked else {
        return Ok(Given::NoSuchLink);
    };
    if given {
        return Ok(Given::Already);
    }
    sqlx::query("UPDATE engagements SET feedback_given_at = $2 WHERE id = $1")
        .bind(engagement)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let month = crate::clock::uk_date(now).with_day(1).unwrap_or_default();
    sqlx::query(
        "INSERT INTO coaching_feedback (coach_id, rating, comment, given_in) VALUES ($1, $2, $3, $4)",
    )
    .bind(coach)
    .bind(rating)
    .bind(comment)
    .bind(month)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Given::Given)
}

/// Ratings and comments of every coach with any, comments in an order that tells nothing.
async fn all(
    pool: &PgPool,
    coach: Option<Uuid>,
) -> Result<Vec<(Uuid, String, Vec<i16>, Vec<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.name, array_agg(f.rating ORDER BY f.id),
                coalesce(array_agg(f.comment ORDER BY md5(f.id::text)) FILTER (WHERE f.comment IS NOT NULL), '{}')
         FROM coaching_feedback f JOIN coaches c ON c.id = f.coach_id
         WHERE ($1::uuid IS NULL OR c.id = $1) AND c.status <> 'closed'
         GROUP BY c.id, c.name ORDER BY lower(c.name)",
    )
    .bind(coach)
    .fetch_all(pool)
    .await
}

pub async fn summary(pool: &PgPool, coach: Uuid) -> Result<FeedbackSummary, sqlx::Error> {
    let rows = all(pool, Some(coach)).await?;
    Ok(match rows.into_iter().next() {
        Some((_, _, ratings, comments)) => FeedbackSummary::of(&ratings, comments),
        None => FeedbackSummary::of(&[], Vec::new()),
    })
}

pub async fn every_coach(pool: &PgPool) -> Result<Vec<CoachFeedback>, sqlx::Error> {
    Ok(all(pool, None)
        .await?
        .into_iter()
        .map(|(coach_id, name, ratings, comments)| CoachFeedback {
            coach_id,
            name,
            summary: FeedbackSummary::of(&ratings, comments),
        })
        .collect())
}

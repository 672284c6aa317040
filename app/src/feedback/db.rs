//! Feedback's SQL.

use super::{CoachFeedback, FeedbackInvitation, FeedbackSummary};
use crate::accounts::session::token_hash;
use chrono::{DateTime, Datelike, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// The coaching behind a leader's closing questionnaire link (see
/// `outcomes::db::CLOSED_COACHING_OF_LINK`): (engagement, coach, coach's name, whether feedback
/// was given).
fn linked() -> String {
    format!(
        "SELECT g.id, g.coach_id, c.name, g.feedback_given
         FROM engagements g JOIN coaches c ON c.id = g.coach_id
         WHERE g.id = ({})",
        crate::outcomes::db::CLOSED_COACHING_OF_LINK
    )
}

pub async fn invitation(
    pool: &PgPool,
    token: &str,
) -> Result<Option<FeedbackInvitation>, sqlx::Error> {
    let linked: Option<(Uuid, Uuid, String, bool)> = sqlx::query_as(&linked())
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

/// Keeps a rating and comment for the coach of the coaching behind `token`, with the year,
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
        sqlx::query_as(&format!("{} FOR UPDATE OF g", linked()))
            .bind(token_hash(token))
            .fetch_optional(&mut *tx)
            .await?;
    let Some((engagement, coach, _, given)) = linked else {
        return Ok(Given::NoSuchLink);
    };
    if given {
        return Ok(Given::Already);
    }
    sqlx::query("UPDATE engagements SET feedback_given = true WHERE id = $1")
        .bind(engagement)
        .execute(&mut *tx)
        .await?;
    // The year only: a finer date could point to the leader.
    let year = crate::clock::uk_date(now)
        .with_ordinal(1)
        .unwrap_or_default();
    sqlx::query(
        "INSERT INTO coaching_feedback (coach_id, rating, comment, given_in) VALUES ($1, $2, $3, $4)",
    )
    .bind(coach)
    .bind(rating)
    .bind(comment)
    .bind(year)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Given::Given)
}

/// One answer: (rating, comment).
type Answer = (i16, Option<String>);

/// Every coach with any feedback: (id, name, their answers in the order they came).
async fn all(
    pool: &PgPool,
    coach: Option<Uuid>,
) -> Result<Vec<(Uuid, String, Vec<Answer>)>, sqlx::Error> {
    let rows: Vec<(Uuid, String, i16, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.name, f.rating, f.comment
         FROM coaching_feedback f JOIN coaches c ON c.id = f.coach_id
         WHERE ($1::uuid IS NULL OR c.id = $1) AND c.status <> 'closed'
         ORDER BY lower(c.name), c.id, f.arrival",
    )
    .bind(coach)
    .fetch_all(pool)
    .await?;
    let mut coaches: Vec<(Uuid, String, Vec<Answer>)> = Vec::new();
    for (id, name, rating, comment) in rows {
        match coaches.last_mut() {
            Some((last, _, answers)) if *last == id => answers.push((rating, comment)),
            _ => coaches.push((id, name, vec![(rating, comment)])),
        }
    }
    Ok(coaches)
}

pub async fn summary(pool: &PgPool, coach: Uuid) -> Result<FeedbackSummary, sqlx::Error> {
    let rows = all(pool, Some(coach)).await?;
    Ok(match rows.into_iter().next() {
        Some((_, _, answers)) => FeedbackSummary::of(&answers),
        None => FeedbackSummary::of(&[]),
    })
}

pub async fn every_coach(pool: &PgPool) -> Result<Vec<CoachFeedback>, sqlx::Error> {
    Ok(all(pool, None)
        .await?
        .into_iter()
        .map(|(coach_id, name, answers)| CoachFeedback {
            coach_id,
            name,
            summary: FeedbackSummary::of(&answers),
        })
        .collect())
}

//! Questionnaires in PostgreSQL: made with their private links, opened by a link, saved part
//! by part, and scored when sent back.

use super::measures::{self, Answers, Measure};
use super::{CLOSES_AFTER_DAYS, CoachGain, QuestionnaireKind, QuestionnaireView};
use crate::accounts::session::{new_token, token_hash};
use crate::clock::uk_date;
use crate::mail::{self, LinkToMake};
use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgPool};
use std::collections::BTreeMap;
use uuid::Uuid;

fn no_randomness(e: getrandom::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("no randomness: {e}"))
}

/// A new private link to questionnaire `id`, stored only as its hash: the token.
pub async fn new_link(
    tx: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = new_token().map_err(no_randomness)?;
    sqlx::query(
        "INSERT INTO questionnaire_links (token_hash, questionnaire_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash(&token))
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(token)
}

/// The link for an email about questionnaire `id`: with a mail server, made as the email is
/// sent (the outbox never holds a working one); without, made now so the outbox's copy works.
pub async fn link_for_email(
    tx: &mut PgConnection,
    id: Uuid,
    public_url: &str,
    mail_delivery: bool,
    now: DateTime<Utc>,
) -> Result<(String, Option<LinkToMake>), sqlx::Error> {
    if mail_delivery {
        return Ok((
            mail::LINK_PLACEHOLDER.to_string(),
            Some(LinkToMake::Questionnaire {
                questionnaire_id: id,
            }),
        ));
    }
    let token = new_link(tx, id, now).await?;
    Ok((super::questionnaire_url(public_url, &token), None))
}

/// Starts a questionnaire of `kind` for engagement `engagement_id`, sent `now`: `None` if it
/// has one of that kind already.
pub async fn create(
    tx: &mut PgConnection,
    engagement_id: Uuid,
    kind: QuestionnaireKind,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO questionnaires (engagement_id, kind, sent_at) VALUES ($1, $2, $3)
         ON CONFLICT (engagement_id, kind) DO NOTHING RETURNING id",
    )
    .bind(engagement_id)
    .bind(kind)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Uuid,
    kind: QuestionnaireKind,
    leader_name: String,
    coach_name: String,
    answers: sqlx::types::Json<BTreeMap<String, u8>>,
    parts_saved: Vec<i16>,
    hours_given: Option<f64>,
    coach_gains: Vec<CoachGain>,
    coach_gains_in_own_words: Option<String>,
    sent_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    feedback_given: bool,
}

/// The closed coaching whose leader's closing questionnaire the private link `$1` (hashed)
/// opens: the key to giving feedback on it and offering to train (`feedback`, `cascade`).
pub const CLOSED_COACHING_OF_LINK: &str = "
    SELECT q.engagement_id FROM questionnaire_links l
    JOIN questionnaires q ON q.id = l.questionnaire_id
    JOIN engagements g ON g.id = q.engagement_id
    WHERE l.token_hash = $1 AND q.kind = 'leader_end' AND g.status <> 'active'";

const STORED: &str =
    "SELECT q.id, q.kind, e.leader_name, c.name AS coach_name, q.answers, q.parts_saved,
        q.hours_given, q.coach_gains, q.coach_gains_in_own_words, q.sent_at, q.submitted_at,
        g.feedback_given
     FROM questionnaire_links l JOIN questionnaires q ON q.id = l.questionnaire_id
     JOIN engagements g ON g.id = q.engagement_id
     JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
     JOIN coaches c ON c.id = g.coach_id
     WHERE l.token_hash = $1";

fn closes_at(sent_at: DateTime<Utc>) -> DateTime<Utc> {
    sent_at + Duration::days(CLOSES_AFTER_DAYS)
}

impl Stored {
    fn view(self, now: DateTime<Utc>) -> QuestionnaireView {
        let (name, other) = if self.kind.for_leader() {
            (self.leader_name, self.coach_name)
        } else {
            (self.coach_name, self.leader_name)
        };
        let closes = closes_at(self.sent_at);
        QuestionnaireView {
            kind: self.kind,
            name,
            other,
            answers: Answers::from_stored(self.answers.0),
            parts_saved: self
                .parts_saved
                .iter()
                .filter_map(|&p| usize::try_from(p).ok())
                .collect(),
            hours_given: self.hours_given,
            gains: self.coach_gains,
            gains_in_own_words: self.coach_gains_in_own_words,
            submitted_on: self.submitted_at.map(uk_date),
            // The last whole day before it closes.
            closes_on: uk_date(closes - Duration::seconds(1)),
            closed: now >= closes,
            feedback_due: self.kind == QuestionnaireKind::LeaderEnd && !self.feedback_given,
        }
    }
}

/// The questionnaire the private link `token` opens, as its page shows it.
pub async fn view(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<QuestionnaireView>, sqlx::Error> {
    let stored: Option<Stored> = sqlx::query_as(STORED)
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?;
    Ok(stored.map(|s| s.view(now)))
}

/// One part's answers, as read from its form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartAnswers {
    /// Every item of the part, answered or skipped.
    pub items: Vec<(measures::Item, Option<u8>)>,
    /// The coach's part only.
    pub hours_given: Option<f64>,
    pub gains: Vec<CoachGain>,
    pub gains_in_own_words: Option<String>,
}

/// What became of a part sent back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved,
    /// Saved, and the whole questionnaire sent back and scored.
    Sent,
    AlreadySent,
    Closed,
    NotFound,
}

/// Saves part `part` of the questionnaire `token` opens (its items replace what that part held:
/// an item answered before and now skipped is skipped) and, if `send`, sends the whole back:
/// each measure is scored then, by its rules, from every answer given.
pub async fn save_part(
    pool: &PgPool,
    token: &str,
    part: usize,
    answers: &PartAnswers,
    send: bool,
    now: DateTime<Utc>,
) -> Result<Saved, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let stored: Option<Stored> = sqlx::query_as(&format!("{STORED} FOR UPDATE OF q"))
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
    let Some(stored) = stored else {
        return Ok(Saved::NotFound);
    };
    if stored.submitted_at.is_some() {
        return Ok(Saved::AlreadySent);
    }
    if now >= closes_at(stored.sent_at) {
        return Ok(Saved::Closed);
    }
    let (id, kind) = (stored.id, stored.kind);
    let mut all = Answers::from_stored(stored.answers.0);
    for (item, value) in &answers.items {
        // Read through `measures::Answers::set` by the form already: on the scale.
        let _ = all.set(item, *value);
    }
    let mut parts: Vec<i16> = stored.parts_saved;
    if let Ok(p) = i16::try_from(part)
        && !parts.contains(&p)
    {
        parts.push(p);
        parts.sort_unstable();
    }
    let coach = !kind.for_leader();
    sqlx::query(
        "UPDATE questionnaires SET answers = $2, parts_saved = $3, updated_at = $4,
             hours_given = CASE WHEN $5 THEN $6 ELSE hours_given END,
             coach_gains = CASE WHEN $5 THEN $7 ELSE coach_gains END,
             coach_gains_in_own_words = CASE WHEN $5 THEN $8 ELSE coach_gains_in_own_words END
         WHERE id = $1",
    )
    .bind(id)
    .bind(sqlx::types::Json(&all))
    .bind(&parts)
    .bind(now)
    .bind(coach)
    .bind(answers.hours_given)
    .bind(&answers.gains)
    .bind(answers.gains_in_own_words.as_deref())
    .execute(&mut *tx)
    .await?;
    if !send {
        tx.commit().await?;
        return Ok(Saved::Saved);
    }
    let scored = |m: Measure| {
        if kind.for_leader() {
            measures::score(m, &all)
        } else {
            None
        }
    };
    let columns: Vec<String> = Measure::ALL
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{} = ${}", m.column(), i + 3))
        .collect();
    let sql = format!(
        "UPDATE questionnaires SET submitted_at = $2, {}, coach_confidence = ${} WHERE id = $1 RETURNING id",
        columns.join(", "),
        Measure::ALL.len() + 3
    );
    let mut query = sqlx::query_scalar::<_, Uuid>(&sql).bind(id).bind(now);
    for &measure in Measure::ALL {
        query = query.bind(scored(measure));
    }
    let confidence = coach
        .then(|| all.get(&measures::COACH_CONFIDENCE_ITEM).map(f64::from))
        .flatten();
    query.bind(confidence).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    tracing::info!(kind = kind.slug(), "questionnaire sent back");
    Ok(Saved::Sent)
}

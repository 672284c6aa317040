//! Everything held about a leader, gathered in one query as JSON.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// The leader is whoever's email address is on the leader request `$1` (whose private link
/// was opened), or the address `$3` (staff asked for it); `$2` is now. Their requests are every one made from that address. What is theirs: their answers and what became of them, their coaching and its
/// sessions, their questionnaires, and the emails we wrote to them. Not the coach's private
/// details beyond what they were sent, nor the coach's own questionnaire, nor link hashes.
const HELD: &str = "
WITH me AS (
    SELECT DISTINCT lower(e.email) AS email FROM expressions_of_interest e
    WHERE (e.leader_request_id = $1::uuid OR lower(e.email) = lower($3::text)) AND e.erased_at IS NULL
), asks AS (
    SELECT e.* FROM expressions_of_interest e, me WHERE lower(e.email) = me.email
), coaching AS (
    SELECT g.* FROM engagements g WHERE g.expression_of_interest_id IN (SELECT id FROM asks)
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM me) THEN NULL ELSE jsonb_build_object(
    'about', 'Everything Cascade holds about the leader with this email address, as of the time below.',
    'produced_at', $2::timestamptz,
    'email_address', (SELECT email FROM me LIMIT 1),
    'requests', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'started', r.created_at, 'ended', r.ended_at, 'withdrawn', r.withdrawn_at,
            'withdrawal_reason', r.withdrawal_reason,
            'agreed_to_passing_on', r.pass_on_consented) ORDER BY r.created_at), '[]')
        FROM leader_requests r WHERE r.id IN (SELECT leader_request_id FROM asks)),
    'coaches_asked', (
        SELECT coalesce(jsonb_agg((to_jsonb(a) - 'id' - 'submission_id' - 'coach_id'
                   - 'leader_request_id' - 'passed_on_from' - 'bursary_decided_by' - 'erased_at'
                   - 'evaluation_id' - 'updated_at' - 'communities_served'
                   - 'communities_served_sealed')
               || jsonb_build_object('communities_served',
                      encode(a.communities_served_sealed, 'base64'))
               || jsonb_build_object('coach', c.name) ORDER BY a.created_at, a.reference), '[]')
        FROM asks a JOIN coaches c ON c.id = a.coach_id),
    'alternatives_named', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('request', a.reference, 'coach', c.name,
                   'preference', x.preference) ORDER BY a.created_at, x.preference), '[]')
        FROM expression_of_interest_alternatives x JOIN asks a ON a.id = x.expression_of_interest_id
        JOIN coaches c ON c.id = x.coach_id),
    'coaching', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'request', a.reference, 'coach', c.name, 'status', g.status,
            'started', g.started_at, 'closed', g.closed_at,
            'sessions', (SELECT coalesce(jsonb_agg(jsonb_build_object('held_on', s.held_on,
                             'minutes', s.minutes) ORDER BY s.held_on), '[]')
                         FROM coaching_sessions s WHERE s.engagement_id = g.id)) ORDER BY g.started_at), '[]')
        FROM coaching g JOIN asks a ON a.id = g.expression_of_interest_id
        JOIN coaches c ON c.id = g.coach_id),
    'concerns', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('raised_by', k.raised_by,
                   'raised', k.raised_at, 'status', k.status, 'closed', k.closed_at,
                   'what_was_decided', k.outcome,
                   'your_words', CASE WHEN k.raised_by = 'leader' THEN k.body END)
                   ORDER BY k.raised_at), '[]')
        FROM concerns k WHERE k.engagement_id IN (SELECT id FROM coaching)),
    'offers_to_train_as_a_coach', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('offered', o.offered_at,
                   'invited', o.invited_at) ORDER BY o.offered_at), '[]')
        FROM training_offers o WHERE o.engagement_id IN (SELECT id FROM coaching)),
    'questionnaires', (
        SELECT coalesce(jsonb_agg((to_jsonb(q) - 'id' - 'engagement_id' - 'coach_confidence'
                   - 'hours_given' - 'coach_gains' - 'coach_gains_in_own_words') ORDER BY q.sent_at), '[]')
        FROM questionnaires q WHERE q.engagement_id IN (SELECT id FROM coaching)
          AND q.kind <> 'coach_end'),
    'evaluation_code', (SELECT i.evaluation_id FROM evaluation_ids i, me WHERE i.leader_email = me.email),
    'emails_to_you', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('written', o.created_at, 'sent', o.sent_at,
                   'subject', o.subject, 'body', o.body) ORDER BY o.created_at, o.seq), '[]')
        FROM outbox o, me WHERE lower(o.to_address) = me.email)
) END";

/// Everything held about the leader whose private link is `token`, or `None` for a link that
/// opens nothing.
pub async fn held_about_leader(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let Some(opened) = crate::interest::db::open(pool, token, now, false).await? else {
        return Ok(None);
    };
    let held: Option<serde_json::Value> = sqlx::query_scalar(HELD)
        .bind(Some(opened.id))
        .bind(now)
        .bind(None::<&str>)
        .fetch_one(pool)
        .await?;
    held.map(open_sealed).transpose()
}

/// Everything held about the leader with this email address (staff producing it for them), or
/// `None` when no request that is not erased has it.
pub async fn held_about_email(
    pool: &PgPool,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let held: Option<serde_json::Value> = sqlx::query_scalar(HELD)
        .bind(None::<uuid::Uuid>)
        .bind(now)
        .bind(Some(email))
        .fetch_one(pool)
        .await?;
    held.map(open_sealed).transpose()
}

/// The communities served arrive sealed (base64) from SQL, which cannot open them: opened here.
fn open_sealed(mut held: serde_json::Value) -> Result<serde_json::Value, sqlx::Error> {
    let asks = held
        .get_mut("coaches_asked")
        .and_then(serde_json::Value::as_array_mut)
        .into_iter()
        .flatten();
    for ask in asks {
        crate::special_category::open_in_json(
            crate::special_category::SealedField::CommunitiesServed,
            ask,
            "communities_served",
        )?;
    }
    Ok(held)
}

/// What became of a leader asking for their details to be erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erased {
    Done,
    /// The link opens nothing.
    NotFound,
}

/// Erases everything held about the leader whose private link is `token`, from every request
/// from their email address, in one transaction. First, what is still going on stops: requests
/// waiting for an answer are withdrawn and coaching in progress is closed as ended early (its
/// place freed), each coach told; every request ends and its private link stops working. Then
/// `retention::erase` removes their details, keeping what names no one.
pub async fn erase_leader(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
    public_url: &str,
    mail_delivery: bool,
) -> Result<Erased, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(opened) = crate::interest::db::open(&mut *tx, token, now, true).await? else {
        return Ok(Erased::NotFound);
    };
    let email: Option<String> = sqlx::query_scalar(
        "SELECT lower(email) FROM expressions_of_interest
         WHERE leader_request_id = $1 AND erased_at IS NULL ORDER BY position DESC LIMIT 1",
    )
    .bind(opened.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(email) = email else {
        return Ok(Erased::NotFound);
    };
    let erased = erase_leader_by_email(&mut tx, &email, now, public_url, mail_delivery).await?;
    tx.commit().await?;
    tracing::info!(asks = erased, "a leader's details erased at their request");
    Ok(Erased::Done)
}

/// Erases everything held about the leader with this email address, in the transaction given:
/// what [`erase_leader`] does once it knows the address (staff use it for a leader who asks
/// them). Returns how many requests' details were erased.
pub async fn erase_leader_by_email(
    tx: &mut sqlx::PgConnection,
    email: &str,
    now: DateTime<Utc>,
    public_url: &str,
    mail_delivery: bool,
) -> Result<u64, sqlx::Error> {
    use crate::mail::{self, Email};
    let email = email.to_lowercase();
    let asks: Vec<uuid::Uuid> = sqlx::query_scalar(
        "SELECT id FROM expressions_of_interest WHERE lower(email) = $1 AND erased_at IS NULL
         FOR UPDATE",
    )
    .bind(&email)
    .fetch_all(&mut *tx)
    .await?;
    let waiting: Vec<(String, String, String, String)> = sqlx::query_as(
        "UPDATE expressions_of_interest e SET status = 'withdrawn', responded_at = $2
         FROM coaches c
         WHERE c.id = e.coach_id AND e.id = ANY($1) AND e.status = 'pending'
         RETURNING e.reference, e.leader_name, c.name, c.email",
    )
    .bind(&asks)
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for (reference, leader, coach, coach_email) in waiting {
        mail::enqueue(
            &mut *tx,
            &Email::request_withdrawn(&coach_email, &coach, &leader, &reference),
        )
        .await?;
    }
    let coaching: Vec<(uuid::Uuid, uuid::Uuid, String, String, String, String)> = sqlx::query_as(
        "UPDATE engagements g SET status = 'ended_early', closed_at = $2
         FROM expressions_of_interest e, coaches c
         WHERE e.id = g.expression_of_interest_id AND c.id = g.coach_id
           AND e.id = ANY($1) AND g.status = 'active'
         RETURNING g.id, g.coach_id, e.reference, e.leader_name, c.name, c.email",
    )
    .bind(&asks)
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for (engagement, coach_id, reference, leader, coach, coach_email) in coaching {
        sqlx::query("UPDATE coaches SET current_leaders = current_leaders - 1 WHERE id = $1")
            .bind(coach_id)
            .execute(&mut *tx)
            .await?;
        mail::enqueue(
            &mut *tx,
            &Email::coaching_ended_by_leader(&coach_email, &coach, &leader, &reference),
        )
        .await?;
        // The coach's own questionnaire about the coaching still goes.
        crate::outcomes::due::send_now(
            &mut *tx,
            engagement,
            crate::outcomes::QuestionnaireKind::CoachEnd,
            now,
            public_url,
            mail_delivery,
        )
        .await?;
    }
    // Every request of theirs ends now, and its private link stops working.
    sqlx::query(
        "UPDATE leader_requests SET ended_at = coalesce(ended_at, $2),
             token_hash = decode(md5(gen_random_uuid()::text), 'hex')
         WHERE id IN (SELECT leader_request_id FROM expressions_of_interest WHERE id = ANY($1))",
    )
    .bind(&asks)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // Emails already sent to them too: the schedule would delete them within 30 days, but they
    // asked for their details to go now.
    sqlx::query("DELETE FROM outbox WHERE lower(to_address) = $1")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    crate::audit::erase_details(&mut *tx, None, None, Some(&email)).await?;
    crate::retention::erase(&mut *tx, &asks, now).await
}

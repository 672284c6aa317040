//! Sending questionnaires at their moments, and their one reminder. A coaching's start and close
//! send theirs in their own transactions (`send_now`); the background worker
//! (`interest::due::run`) sends the follow-ups six months on and the reminders, and any missed,
//! each claimed with `FOR UPDATE SKIP LOCKED` and done in one transaction with its email, so
//! none is sent twice.

use super::{
    CLOSES_AFTER_DAYS, FOLLOW_UP_MONTHS, QuestionnaireKind, REMINDER_AFTER_DAYS, SEND_WITHIN_DAYS,
};
use crate::clock::Clock;
use crate::mail::{self, Email};
use sqlx::PgPool;
use uuid::Uuid;

/// When each kind falls due, in SQL over `engagements g` (`$1` now, `$2` the days it may be
/// late by, `$3` the follow-up's months).
fn due(kind: QuestionnaireKind) -> &'static str {
    match kind {
        QuestionnaireKind::LeaderBaseline => {
            "g.status = 'active' AND g.started_at <= $1
             AND g.started_at > $1 - make_interval(days => $2)"
        }
        QuestionnaireKind::CoachEnd => {
            "g.closed_at <= $1 AND g.closed_at > $1 - make_interval(days => $2)"
        }
        QuestionnaireKind::LeaderEnd => {
            "g.closed_at <= $1 AND g.closed_at > $1 - make_interval(days => $2)
             AND EXISTS (SELECT 1 FROM questionnaires b
                         WHERE b.engagement_id = g.id AND b.kind = 'leader_baseline')"
        }
        QuestionnaireKind::LeaderFollowUp => {
            "g.closed_at <= $1 - make_interval(months => $3)
             AND g.closed_at > $1 - make_interval(months => $3) - make_interval(days => $2)
             AND EXISTS (SELECT 1 FROM questionnaires b
                         WHERE b.engagement_id = g.id AND b.kind = 'leader_baseline')"
        }
    }
}

#[derive(sqlx::FromRow)]
struct Addressee {
    engagement_id: Uuid,
    leader_name: String,
    leader_email: String,
    coach_name: String,
    coach_email: String,
}

impl Addressee {
    /// The questionnaire of `kind` to whoever answers it, naming the other person in the
    /// coaching (a leader whose details were erased is not named "Erased").
    fn questionnaire(
        &self,
        kind: QuestionnaireKind,
        link: &str,
        reminding_of: Option<chrono::NaiveDate>,
    ) -> Email {
        if kind.for_leader() {
            Email::questionnaire(
                &self.leader_email,
                &self.leader_name,
                kind,
                &self.coach_name,
                link,
                reminding_of,
            )
        } else {
            let leader = if self.leader_name == crate::retention::ERASED {
                "a leader who has since had their details erased"
            } else {
                &self.leader_name
            };
            Email::questionnaire(
                &self.coach_email,
                &self.coach_name,
                kind,
                leader,
                link,
                reminding_of,
            )
        }
    }
}

/// Sends one questionnaire of `kind` that has fallen due, if any: those sent as coaching
/// starts or closes (`send_now`) are already there, so this catches any missed, and sends the
/// follow-ups six months on.
pub async fn send_one(
    pool: &PgPool,
    clock: &Clock,
    public_url: &str,
    mail_delivery: bool,
    kind: QuestionnaireKind,
) -> Result<bool, sqlx::Error> {
    let now = clock.now();
    let mut tx = pool.begin().await?;
    let row: Option<Uuid> = sqlx::query_scalar(&format!(
        "SELECT g.id FROM engagements g
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE {} AND NOT EXISTS (
             SELECT 1 FROM questionnaires q WHERE q.engagement_id = g.id AND q.kind = $4)
           -- Nobody to send a leader's to once their details are erased.
           AND ($4 = 'coach_end' OR e.erased_at IS NULL)
         LIMIT 1 FOR UPDATE OF g SKIP LOCKED",
        due(kind)
    ))
    .bind(now)
    .bind(i32::try_from(SEND_WITHIN_DAYS).unwrap_or(30))
    .bind(FOLLOW_UP_MONTHS)
    .bind(kind)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(engagement_id) = row else {
        return Ok(false);
    };
    let sent = send_now(&mut tx, engagement_id, kind, now, public_url, mail_delivery).await?;
    tx.commit().await?;
    Ok(sent)
}

/// Sends the questionnaire of `kind` for `engagement_id` in the caller's transaction (as the
/// coaching starts or closes), unless it was sent already. A leader's at the close or six
/// months on goes only to a leader who was sent one at the start: it asks "the same questions
/// as at the start", and without those its answers compare with nothing.
pub async fn send_now(
    tx: &mut sqlx::PgConnection,
    engagement_id: Uuid,
    kind: QuestionnaireKind,
    now: chrono::DateTime<chrono::Utc>,
    public_url: &str,
    mail_delivery: bool,
) -> Result<bool, sqlx::Error> {
    let to: Addressee = sqlx::query_as(
        "SELECT g.id AS engagement_id, e.leader_name, e.email AS leader_email,
                c.name AS coach_name, c.email AS coach_email
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         JOIN coaches c ON c.id = g.coach_id
         WHERE g.id = $1",
    )
    .bind(engagement_id)
    .fetch_one(&mut *tx)
    .await?;
    if kind.for_leader() && to.leader_email == crate::retention::ERASED_EMAIL {
        // The leader had their details erased: there is nobody to send it to.
        return Ok(false);
    }
    if matches!(
        kind,
        QuestionnaireKind::LeaderEnd | QuestionnaireKind::LeaderFollowUp
    ) {
        let started: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM questionnaires WHERE engagement_id = $1 AND kind = 'leader_baseline')",
        )
        .bind(engagement_id)
        .fetch_one(&mut *tx)
        .await?;
        if !started {
            return Ok(false);
        }
    }
    let Some(id) = super::db::create(tx, to.engagement_id, kind, now).await? else {
        return Ok(false);
    };
    let (link, to_make) = super::db::link_for_email(tx, id, public_url, mail_delivery, now).await?;
    let email = to.questionnaire(kind, &link, None);
    mail::enqueue(tx, &email.with_link(to_make)).await?;
    tracing::info!(kind = kind.slug(), "questionnaire sent");
    Ok(true)
}

/// Sends the one reminder for a questionnaire not sent back a week after it was sent, if one is
/// due (and the questionnaire is still open).
pub async fn remind_one(
    pool: &PgPool,
    clock: &Clock,
    public_url: &str,
    mail_delivery: bool,
) -> Result<bool, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Due {
        id: Uuid,
        kind: QuestionnaireKind,
        sent_at: chrono::DateTime<chrono::Utc>,
        #[sqlx(flatten)]
        to: Addressee,
    }
    let now = clock.now();
    let mut tx = pool.begin().await?;
    let row: Option<Due> = sqlx::query_as(
        "SELECT q.id, q.kind, q.sent_at, g.id AS engagement_id, e.leader_name, e.email AS leader_email,
                c.name AS coach_name, c.email AS coach_email
         FROM questionnaires q JOIN engagements g ON g.id = q.engagement_id
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         JOIN coaches c ON c.id = g.coach_id
         WHERE q.submitted_at IS NULL AND q.reminded_at IS NULL
           AND (q.kind = 'coach_end' OR e.erased_at IS NULL)
           AND q.sent_at <= $1 - make_interval(days => $2)
           AND q.sent_at > $1 - make_interval(days => $3)
         LIMIT 1 FOR UPDATE OF q SKIP LOCKED",
    )
    .bind(now)
    .bind(i32::try_from(REMINDER_AFTER_DAYS).unwrap_or(7))
    .bind(i32::try_from(CLOSES_AFTER_DAYS).unwrap_or(60))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(Due {
        id,
        kind,
        sent_at,
        to,
    }) = row
    else {
        return Ok(false);
    };
    sqlx::query("UPDATE questionnaires SET reminded_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let (link, to_make) =
        super::db::link_for_email(&mut tx, id, public_url, mail_delivery, now).await?;
    let email = to.questionnaire(kind, &link, Some(crate::clock::uk_date(sent_at)));
    mail::enqueue(&mut tx, &email.with_link(to_make)).await?;
    tx.commit().await?;
    Ok(true)
}

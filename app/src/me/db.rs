//! The coach area's SQL. Every query is scoped to the coach it is given, which callers take
//! from the signed-in account, never from the request.

use super::{
    EngagementDetail, EngagementSummary, LeaderContact, MyProfile, RequestDetail, RequestSummary,
    SessionHeld,
};
use crate::coaches::db::profiles::{pending_revision, profile_row};
use crate::coaches::draft::RevisionStatus;
use crate::eligibility::OrganisationType;
use crate::interest::form::FundingRoute;
use crate::interest::{EngagementStatus, RequestStatus};
use crate::mail::Contact;
use crate::vocabulary::{Community, Region, known_slugs};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub async fn my_profile(
    pool: &PgPool,
    coach_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<MyProfile>, sqlx::Error> {
    let Some(row) = profile_row(pool, coach_id).await? else {
        return Ok(None);
    };
    // The latest decision on the coach's changes, shown only if it sent them back and nothing
    // newer is waiting.
    let latest: Option<(RevisionStatus, Option<String>)> = sqlx::query_as(
        "SELECT status, reason FROM coach_profile_revisions
         WHERE coach_id = $1 AND status IN ('approved', 'rejected')
           AND NOT EXISTS (SELECT 1 FROM coach_profile_revisions p WHERE p.coach_id = $1 AND p.status = 'pending')
           AND reviewed_at > $2 - interval '30 days'
         ORDER BY reviewed_at DESC LIMIT 1",
    )
    .bind(coach_id)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let revision_rejected = latest.and_then(|(status, reason)| {
        (status == RevisionStatus::Rejected)
            .then_some(reason)
            .flatten()
    });
    let paused = sqlx::query_scalar("SELECT paused_reason FROM coaches WHERE id = $1")
        .bind(coach_id)
        .fetch_one(pool)
        .await?;
    Ok(Some(MyProfile {
        paused,
        slug: row.slug().to_string(),
        status: row.status,
        rejection_reason: row.rejection_reason.clone(),
        pending: pending_revision(pool, coach_id).await?,
        revision_rejected,
        availability: row.availability()?,
    }))
}

/// Availability changes are public at once. `Ok(false)` when capacity would fall below the
/// leaders the coach has now (the table's CHECK refuses it).
pub async fn set_availability(
    pool: &PgPool,
    coach_id: Uuid,
    accepting: bool,
    capacity: i32,
    next_opening: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE coaches SET accepting_new_leaders = $2, capacity = $3, next_opening = $4,
             availability_confirmed_at = $5, paused_at = NULL, paused_reason = NULL
         WHERE id = $1 AND current_leaders <= $3",
    )
    .bind(coach_id)
    .bind(accepting)
    .bind(capacity)
    .bind(next_opening)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn current_leaders(pool: &PgPool, coach_id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar("SELECT current_leaders FROM coaches WHERE id = $1")
        .bind(coach_id)
        .fetch_one(pool)
        .await
}

pub async fn requests(pool: &PgPool, coach_id: Uuid) -> Result<Vec<RequestSummary>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        reference: String,
        leader_name: String,
        organisation_name: String,
        status: RequestStatus,
        created_at: DateTime<Utc>,
        answer_due_on: Option<NaiveDate>,
        passed_on: bool,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT reference, leader_name, organisation_name, status, created_at, answer_due_on,
                passed_on_from IS NOT NULL AS passed_on
         FROM expressions_of_interest
         WHERE coach_id = $1 ORDER BY (status = 'pending') DESC, created_at DESC",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RequestSummary {
            answer_due_on: r.answer_due_on.filter(|_| r.status.is_pending()),
            reference: r.reference,
            leader_name: r.leader_name,
            organisation_name: r.organisation_name,
            status: r.status,
            created_at: r.created_at,
            passed_on: r.passed_on,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    /// The leader had their details erased: there are none to show.
    erased: bool,
    reference: String,
    status: RequestStatus,
    created_at: DateTime<Utc>,
    leader_name: String,
    email: String,
    phone: Option<String>,
    role: String,
    organisation_name: String,
    organisation_type: OrganisationType,
    registration_number: Option<String>,
    annual_income_pence: i64,
    region: Region,
    postcode: String,
    communities_served_sealed: Option<Vec<u8>>,
    goals: String,
    funding_route: FundingRoute,
    had_leadership_support_before: bool,
    response_message: Option<String>,
    answer_due_on: Option<NaiveDate>,
    alternatives: Vec<String>,
    engagement_id: Option<Uuid>,
    places_left: i32,
}

/// Whether the coach has a request with this reference (of any status).
pub async fn has_request(
    pool: &PgPool,
    coach_id: Uuid,
    reference: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM expressions_of_interest WHERE coach_id = $1 AND reference = $2)",
    )
    .bind(coach_id)
    .bind(reference)
    .fetch_one(pool)
    .await
}

pub async fn request(
    pool: &PgPool,
    coach_id: Uuid,
    reference: &str,
) -> Result<Option<RequestDetail>, sqlx::Error> {
    let row: Option<RequestRow> = sqlx::query_as(
        "SELECT e.reference, e.status, e.created_at, e.leader_name, e.email, e.phone, e.role,
                e.organisation_name, e.organisation_type, e.registration_number, e.annual_income_pence,
                e.region, e.postcode, e.communities_served_sealed, e.goals, e.funding_route,
                e.had_leadership_support_before, e.response_message, e.answer_due_on,
                ARRAY(SELECT c.name FROM expression_of_interest_alternatives a JOIN coaches c ON c.id = a.coach_id
                      WHERE a.expression_of_interest_id = e.id ORDER BY a.preference) AS alternatives,
                (SELECT g.id FROM engagements g WHERE g.expression_of_interest_id = e.id) AS engagement_id,
                (SELECT capacity - current_leaders FROM coaches WHERE id = e.coach_id) AS places_left,
                e.erased_at IS NOT NULL AS erased
         FROM expressions_of_interest e WHERE e.coach_id = $1 AND e.reference = $2",
    )
    .bind(coach_id)
    .bind(reference)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let communities_served = crate::special_category::open(
        crate::special_category::SealedField::CommunitiesServed,
        r.communities_served_sealed.as_deref(),
    )?;
    Ok(Some(RequestDetail {
        reference: r.reference,
        status: r.status,
        created_at: r.created_at,
        leader_name: r.leader_name,
        // Contact details and the full postcode only once the coach has accepted.
        contact: (r.status == RequestStatus::Accepted && !r.erased).then(|| LeaderContact {
            email: r.email,
            phone: r.phone,
            postcode: r.postcode.clone(),
        }),
        role: r.role,
        organisation_name: r.organisation_name,
        organisation_type: r.organisation_type,
        registration_number: r.registration_number,
        annual_income_pence: r.annual_income_pence,
        region: r.region,
        postcode_area: r
            .postcode
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
        communities_served: known_slugs(&communities_served, Community::from_slug),
        goals: r.goals,
        funding_route: r.funding_route,
        had_leadership_support_before: r.had_leadership_support_before,
        response_message: r.response_message,
        answer_due_on: r.answer_due_on,
        alternatives: r.alternatives,
        engagement_id: r.engagement_id,
        places_left: r.places_left,
    }))
}

/// Why an answer to a request could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("no such request")]
    NotFound,
    #[error("the request has been answered already")]
    AlreadyAnswered,
    #[error("no places left")]
    AtCapacity,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Accepts a pending request: the engagement starts and takes a place. Two acceptances racing
/// for a coach's last place cannot both succeed: `coaches` refuses `current_leaders >
/// capacity`, and the loser's transaction rolls back whole.
/// The leader is sent their first questionnaire at once (`outcomes`).
pub async fn accept(
    pool: &PgPool,
    coach_id: Uuid,
    reference: &str,
    message: &str,
    public_url: &str,
    mail_delivery: bool,
    now: DateTime<Utc>,
) -> Result<Uuid, AnswerError> {
    let mut tx = pool.begin().await?;
    let (id, accepted, leader_name, leader_email) =
        answerable(&mut tx, coach_id, reference, true).await?;
    let taken =
        sqlx::query("UPDATE coaches SET current_leaders = current_leaders + 1 WHERE id = $1")
            .bind(coach_id)
            .execute(&mut *tx)
            .await;
    if let Err(sqlx::Error::Database(error)) = &taken
        && error.is_check_violation()
    {
        return Err(AnswerError::AtCapacity);
    }
    taken?;
    sqlx::query(
        "UPDATE expressions_of_interest SET status = $3, responded_at = $4, response_message = $2
         WHERE id = $1",
    )
    .bind(id)
    .bind(message)
    .bind(accepted)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let engagement_id: Uuid = sqlx::query_scalar(
        "INSERT INTO engagements (expression_of_interest_id, coach_id, started_at) VALUES ($1, $2, $3)
         RETURNING id",
    )
    .bind(id)
    .bind(coach_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    // Each learns how to reach the other only now.
    let (coach_name, coach_email, coach_phone): (String, String, Option<String>) =
        sqlx::query_as("SELECT name, email, phone FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(&mut *tx)
            .await?;
    let leader_phone: Option<String> =
        sqlx::query_scalar("SELECT phone FROM expressions_of_interest WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let coach = Contact {
        name: coach_name.clone(),
        email: coach_email.clone(),
        phone: coach_phone,
    };
    let leader = Contact {
        name: leader_name.clone(),
        email: leader_email.clone(),
        phone: leader_phone,
    };
    let to_leader = crate::mail::Email::request_accepted(
        &leader_email,
        &leader_name,
        &coach,
        reference,
        message,
    );
    crate::mail::enqueue(&mut tx, &to_leader).await?;
    let to_coach =
        crate::mail::Email::leader_contact(&coach_email, &coach_name, &leader, reference);
    crate::mail::enqueue(&mut tx, &to_coach).await?;
    crate::outcomes::due::send_now(
        &mut tx,
        engagement_id,
        crate::outcomes::QuestionnaireKind::LeaderBaseline,
        now,
        public_url,
        mail_delivery,
    )
    .await?;
    tx.commit().await?;
    Ok(engagement_id)
}

pub async fn decline(
    pool: &PgPool,
    coach_id: Uuid,
    reference: &str,
    reason: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AnswerError> {
    let mut tx = pool.begin().await?;
    let (id, declined, leader_name, leader_email) =
        answerable(&mut tx, coach_id, reference, false).await?;
    sqlx::query(
        "UPDATE expressions_of_interest SET status = $3, responded_at = $4, response_message = $2
         WHERE id = $1",
    )
    .bind(id)
    .bind(reason)
    .bind(declined)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let coach_name = coach_name(&mut tx, coach_id).await?;
    let next = crate::interest::db::what_next(&mut tx, id, public_url).await?;
    crate::mail::enqueue(
        &mut tx,
        &crate::mail::Email::request_declined(
            &leader_email,
            &leader_name,
            &coach_name,
            reference,
            reason,
            &next,
        ),
    )
    .await?;
    // To the next coach the leader named, if they agreed (and the request ends if not).
    crate::interest::due::pass_on(&mut tx, id, now, public_url).await?;
    tx.commit().await?;
    Ok(())
}

/// The request, locked, if it is this coach's and can take this answer: its id, its new
/// status, and the leader's name and email address.
async fn answerable(
    tx: &mut PgConnection,
    coach_id: Uuid,
    reference: &str,
    accept: bool,
) -> Result<(Uuid, RequestStatus, String, String), AnswerError> {
    let row: Option<(Uuid, RequestStatus, String, String)> = sqlx::query_as(
        "SELECT id, status, leader_name, email FROM expressions_of_interest
         WHERE coach_id = $1 AND reference = $2 FOR UPDATE",
    )
    .bind(coach_id)
    .bind(reference)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, status, name, email) = row.ok_or(AnswerError::NotFound)?;
    let answered = status
        .answered(accept)
        .ok_or(AnswerError::AlreadyAnswered)?;
    Ok((id, answered, name, email))
}

async fn coach_name(tx: &mut PgConnection, coach_id: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM coaches WHERE id = $1")
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await
}

pub async fn engagements(
    pool: &PgPool,
    coach_id: Uuid,
) -> Result<Vec<EngagementSummary>, sqlx::Error> {
    let rows: Vec<(Uuid, String, String, EngagementStatus, i64, DateTime<Utc>)> = sqlx::query_as(
        "SELECT g.id, e.leader_name, e.organisation_name, g.status,
                (SELECT count(*) FROM coaching_sessions s WHERE s.engagement_id = g.id), g.started_at
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE g.coach_id = $1 ORDER BY (g.status = 'active') DESC, g.started_at DESC",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, leader_name, organisation_name, status, sessions, started_at)| {
                EngagementSummary {
                    id,
                    leader_name,
                    organisation_name,
                    status,
                    sessions,
                    started_at,
                }
            },
        )
        .collect())
}

pub async fn engagement(
    pool: &PgPool,
    coach_id: Uuid,
    id: Uuid,
) -> Result<Option<EngagementDetail>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        reference: String,
        leader_name: String,
        organisation_name: String,
        status: EngagementStatus,
        started_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT g.id, e.reference, e.leader_name, e.organisation_name, g.status, g.started_at, g.closed_at
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE g.coach_id = $1 AND g.id = $2",
    )
    .bind(coach_id)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(Row {
        id,
        reference,
        leader_name,
        organisation_name,
        status,
        started_at,
        closed_at,
    }) = row
    else {
        return Ok(None);
    };
    let sessions: Vec<(NaiveDate, i32)> =
        sqlx::query_as("SELECT held_on, minutes FROM coaching_sessions WHERE engagement_id = $1 ORDER BY held_on, recorded_at")
            .bind(id)
            .fetch_all(pool)
            .await?;
    Ok(Some(EngagementDetail {
        id,
        reference,
        leader_name,
        organisation_name,
        status,
        started_at,
        closed_at,
        sessions: sessions
            .into_iter()
            .map(|(held_on, minutes)| SessionHeld { held_on, minutes })
            .collect(),
    }))
}

/// Records a session on an active engagement of this coach's, once per form (`submission_id`):
/// a double click records one. `Ok(false)` when there is no active engagement to record it on.
pub async fn record_session(
    pool: &PgPool,
    coach_id: Uuid,
    id: Uuid,
    held_on: NaiveDate,
    minutes: i32,
    submission_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO coaching_sessions (engagement_id, held_on, minutes, submission_id, recorded_at)
         SELECT id, $3, $4, $5, $6 FROM engagements WHERE id = $1 AND coach_id = $2 AND status = 'active'
         ON CONFLICT (submission_id) DO NOTHING",
    )
    .bind(id)
    .bind(coach_id)
    .bind(held_on)
    .bind(minutes)
    .bind(submission_id)
    .bind(now)
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(true);
    }
    // Nothing inserted: the engagement is closed, or this form was recorded already (sent
    // twice, or racing itself), which counts as done.
    let recorded: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM coaching_sessions s JOIN engagements g ON g.id = s.engagement_id
                        WHERE s.submission_id = $1 AND g.coach_id = $2)",
    )
    .bind(submission_id)
    .bind(coach_id)
    .fetch_one(pool)
    .await?;
    Ok(recorded)
}

/// Closes an active engagement, freeing its place, and sends the leader and the coach their
/// questionnaires for the close. `Ok(false)` when there is none to close.
pub async fn close(
    pool: &PgPool,
    coach_id: Uuid,
    id: Uuid,
    completed: bool,
    public_url: &str,
    mail_delivery: bool,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let status: Option<EngagementStatus> = sqlx::query_scalar(
        "SELECT status FROM engagements WHERE id = $1 AND coach_id = $2 FOR UPDATE",
    )
    .bind(id)
    .bind(coach_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(closed) = status.and_then(|s| s.closed(completed)) else {
        return Ok(false);
    };
    sqlx::query("UPDATE engagements SET status = $2, closed_at = $3 WHERE id = $1")
        .bind(id)
        .bind(closed)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE coaches SET current_leaders = current_leaders - 1 WHERE id = $1")
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    let leader_request: Option<Uuid> = sqlx::query_scalar(
        "SELECT e.leader_request_id FROM engagements g
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id WHERE g.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    crate::interest::db::end_if_over(&mut tx, leader_request, now).await?;
    for kind in [
        crate::outcomes::QuestionnaireKind::LeaderEnd,
        crate::outcomes::QuestionnaireKind::CoachEnd,
    ] {
        crate::outcomes::due::send_now(&mut tx, id, kind, now, public_url, mail_delivery).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The day the engagement started in the UK, to refuse sessions recorded before it.
pub async fn engagement_started(
    pool: &PgPool,
    coach_id: Uuid,
    id: Uuid,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let started: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT started_at FROM engagements WHERE id = $1 AND coach_id = $2")
            .bind(id)
            .bind(coach_id)
            .fetch_optional(pool)
            .await?;
    Ok(started.map(crate::clock::uk_date))
}

/// Confirms the availability of the coach whose emailed link `token` is, using the link up:
/// `(account, None)`. A link already used (by the coach, or by a mail scanner opening it
/// first) answers `(account, Some(when))`; an unknown or expired one `None`.
pub async fn confirm_availability(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Uuid, Option<DateTime<Utc>>)>, sqlx::Error> {
    use crate::accounts::links::{self, Purpose};
    let mut tx = pool.begin().await?;
    if let Some(account_id) =
        links::consume(&mut tx, token, Purpose::ConfirmAvailability, now).await?
    {
        sqlx::query(
            "UPDATE coaches SET availability_confirmed_at = $2
             WHERE id = (SELECT coach_id FROM accounts WHERE id = $1)",
        )
        .bind(account_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(Some((account_id, None)));
    }
    let used = links::used(&mut *tx, token, Purpose::ConfirmAvailability, now).await?;
    Ok(used.map(|(account, at)| (account, Some(at))))
}

/// The name and availability of the coach an account keeps.
pub async fn availability_of_account(
    db: impl sqlx::PgExecutor<'_>,
    account_id: Uuid,
) -> Result<Option<(String, crate::coaches::Availability)>, sqlx::Error> {
    let row: Option<(String, bool, i32, i32, Option<NaiveDate>)> = sqlx::query_as(
        "SELECT c.name, c.accepting_new_leaders, c.capacity, c.current_leaders, c.next_opening
         FROM coaches c JOIN accounts a ON a.coach_id = c.id WHERE a.id = $1",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(name, accepting, capacity, current, opening)| {
        (
            name,
            crate::coaches::db::stored_availability(accepting, capacity, current, opening),
        )
    }))
}

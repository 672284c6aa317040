//! The coach area's SQL. Every query is scoped to the coach it is given, which callers take
//! from the signed-in account, never from the request.

use super::{
    EngagementDetail, EngagementSummary, MyProfile, RequestDetail, RequestSummary, SessionHeld,
};
use crate::coaches::Availability;
use crate::coaches::db::{in_stored_order, stored_availability, stored_region};
use crate::coaches::draft::{CoachStatus, ProfileDraft};
use crate::interest::form::FundingRoute;
use crate::place::PostcodeArea;
use crate::vocabulary::{
    Community, Language, LivedExperience, Region, SessionFormat, Theme, known_slugs,
};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    slug: String,
    status: String,
    rejection_reason: Option<String>,
    name: String,
    pronouns: Option<String>,
    role: String,
    organisation: String,
    region: String,
    postcode_area: String,
    bio: String,
    how_i_coach: String,
    themes: Vec<String>,
    communities: Vec<String>,
    lived_experience: Vec<String>,
    languages: Vec<String>,
    formats: Vec<String>,
    accepting_new_leaders: bool,
    capacity: i32,
    current_leaders: i32,
    next_opening: Option<NaiveDate>,
    phone: Option<String>,
}

const PROFILE_COLUMNS: &str = "slug, status, rejection_reason, name, pronouns, role, organisation, region, \
     postcode_area, bio, how_i_coach, themes, communities, lived_experience, languages, formats, \
     accepting_new_leaders, capacity, current_leaders, next_opening, phone";

fn decode_error(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {what}").into())
}

impl ProfileRow {
    fn draft(&self) -> Result<ProfileDraft, sqlx::Error> {
        Ok(ProfileDraft {
            name: self.name.clone(),
            pronouns: self.pronouns.clone(),
            role: self.role.clone(),
            organisation: self.organisation.clone(),
            region: stored_region(&self.region)?,
            postcode_area: PostcodeArea::parse(&self.postcode_area)
                .map_err(|_| decode_error("postcode area"))?,
            bio: self.bio.clone(),
            how_i_coach: self.how_i_coach.clone(),
            themes: in_stored_order(&self.themes, Theme::from_slug),
            communities: known_slugs(&self.communities, Community::from_slug),
            lived_experience: known_slugs(&self.lived_experience, LivedExperience::from_slug),
            languages: in_stored_order(&self.languages, Language::from_slug),
            formats: known_slugs(&self.formats, SessionFormat::from_slug),
        })
    }

    fn status(&self) -> Result<CoachStatus, sqlx::Error> {
        CoachStatus::from_slug(&self.status).ok_or_else(|| decode_error("status"))
    }

    fn availability(&self) -> Availability {
        stored_availability(
            self.accepting_new_leaders,
            self.capacity,
            self.current_leaders,
            self.next_opening,
        )
    }
}

async fn profile_row(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<ProfileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PROFILE_COLUMNS} FROM coaches WHERE id = $1"
    ))
    .bind(coach_id)
    .fetch_optional(executor)
    .await
}

pub async fn my_profile(pool: &PgPool, coach_id: Uuid) -> Result<Option<MyProfile>, sqlx::Error> {
    let Some(row) = profile_row(pool, coach_id).await? else {
        return Ok(None);
    };
    // The latest decision on the coach's changes, shown only if it sent them back and nothing
    // newer is waiting.
    let latest: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT status, reason FROM coach_profile_revisions
         WHERE coach_id = $1 AND status IN ('approved', 'rejected')
           AND NOT EXISTS (SELECT 1 FROM coach_profile_revisions p WHERE p.coach_id = $1 AND p.status = 'pending')
           AND reviewed_at > now() - interval '30 days'
         ORDER BY reviewed_at DESC LIMIT 1",
    )
    .bind(coach_id)
    .fetch_optional(pool)
    .await?;
    let revision_rejected =
        latest.and_then(|(status, reason)| (status == "rejected").then_some(reason).flatten());
    Ok(Some(MyProfile {
        slug: row.slug.clone(),
        status: row.status()?,
        rejection_reason: row.rejection_reason.clone(),
        pending: pending_revision(pool, coach_id).await?,
        revision_rejected,
        availability: row.availability(),
    }))
}

/// The profile as it stands, its status and the private phone number.
pub async fn current_draft(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<(ProfileDraft, CoachStatus, Option<String>)>, sqlx::Error> {
    match profile_row(executor, coach_id).await? {
        Some(row) => Ok(Some((row.draft()?, row.status()?, row.phone.clone()))),
        None => Ok(None),
    }
}

/// The profiles of these coaches, as they stand (one query for a whole moderation queue).
pub async fn current_drafts(
    pool: &PgPool,
    coach_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, ProfileDraft>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        #[sqlx(flatten)]
        profile: ProfileRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, {PROFILE_COLUMNS} FROM coaches WHERE id = ANY($1)"
    ))
    .bind(coach_ids)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| Ok((row.id, row.profile.draft()?)))
        .collect()
}

/// When a profile waiting for approval was sent (what staff see in the queue).
pub async fn submitted_at(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<DateTime<Utc>, sqlx::Error> {
    sqlx::query_scalar("SELECT coalesce(submitted_at, updated_at) FROM coaches WHERE id = $1")
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await
}

pub async fn pending_revision(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<ProfileDraft>, sqlx::Error> {
    let profile: Option<serde_json::Value> = sqlx::query_scalar(
        "SELECT profile FROM coach_profile_revisions WHERE coach_id = $1 AND status = 'pending'",
    )
    .bind(coach_id)
    .fetch_optional(executor)
    .await?;
    profile
        .map(|p| serde_json::from_value(p).map_err(|e| sqlx::Error::Decode(e.into())))
        .transpose()
}

/// Binds the profile's fields as `$2` to `$14`, the order both the insert and the update use.
/// A macro because the insert is a `QueryScalar` and the update a `Query`.
macro_rules! bind_draft {
    ($query:expr, $draft:expr) => {{
        let draft: &ProfileDraft = $draft;
        $query
            .bind(&draft.name)
            .bind(&draft.pronouns)
            .bind(&draft.role)
            .bind(&draft.organisation)
            .bind(draft.region.slug())
            .bind(draft.postcode_area.as_str())
            .bind(&draft.bio)
            .bind(&draft.how_i_coach)
            .bind(draft.themes.iter().map(|t| t.slug()).collect::<Vec<_>>())
            .bind(
                draft
                    .communities
                    .iter()
                    .map(|c| c.slug())
                    .collect::<Vec<_>>(),
            )
            .bind(draft.languages.iter().map(|l| l.slug()).collect::<Vec<_>>())
            .bind(draft.formats.iter().map(|f| f.slug()).collect::<Vec<_>>())
            .bind(
                draft
                    .lived_experience
                    .iter()
                    .map(|l| l.slug())
                    .collect::<Vec<_>>(),
            )
    }};
}

/// A first profile: stored as the coach's row, waiting for approval, and linked to the account.
pub async fn create_profile(
    tx: &mut PgConnection,
    account_id: Uuid,
    email: &str,
    draft: &ProfileDraft,
    phone: Option<&str>,
) -> Result<Uuid, sqlx::Error> {
    let base = crate::coaches::Slug::from_name(&draft.name);
    let mut slug = base.clone();
    let mut n = 2;
    while sqlx::query_scalar::<_, bool>("SELECT EXISTS (SELECT 1 FROM coaches WHERE slug = $1)")
        .bind(slug.as_str())
        .fetch_one(&mut *tx)
        .await?
    {
        slug = base.numbered(n);
        n += 1;
    }
    let insert = sqlx::query_scalar(
        "INSERT INTO coaches (slug, status, name, pronouns, role, organisation, region, postcode_area, bio,
             how_i_coach, themes, communities, languages, formats, lived_experience, lived_experience_consented_at,
             accepting_new_leaders, capacity, email, phone, submitted_at)
         VALUES ($1, 'pending_approval', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             CASE WHEN cardinality($14::text[]) > 0 THEN now() END, false, 3, $15, $16, now())
         RETURNING id",
    )
    .bind(slug.as_str());
    let coach_id: Uuid = bind_draft!(insert, draft)
        .bind(email)
        .bind(phone)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE accounts SET coach_id = $2 WHERE id = $1")
        .bind(account_id)
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    Ok(coach_id)
}

/// Writes `draft` into the coach's row: for a profile not yet approved (sent again for
/// approval), or when staff approve a revision (`status` says which).
pub async fn write_profile(
    tx: &mut PgConnection,
    coach_id: Uuid,
    draft: &ProfileDraft,
    status: CoachStatus,
) -> Result<(), sqlx::Error> {
    let update = sqlx::query(
        "UPDATE coaches SET name = $2, pronouns = $3, role = $4, organisation = $5, region = $6,
             postcode_area = $7, bio = $8, how_i_coach = $9, themes = $10, communities = $11,
             languages = $12, formats = $13, lived_experience = $14,
             lived_experience_consented_at = CASE WHEN cardinality($14::text[]) > 0
                 THEN coalesce(lived_experience_consented_at, now()) END,
             status = $15, rejection_reason = NULL,
             published_at = CASE WHEN $15 = 'published' THEN coalesce(published_at, now()) ELSE published_at END,
             submitted_at = CASE WHEN $15 = 'pending_approval' THEN now() ELSE submitted_at END
         WHERE id = $1",
    )
    .bind(coach_id);
    bind_draft!(update, draft)
        .bind(status.slug())
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Changes to an approved profile: they replace any earlier changes still waiting.
pub async fn submit_revision(
    tx: &mut PgConnection,
    coach_id: Uuid,
    draft: &ProfileDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE coach_profile_revisions SET status = 'superseded' WHERE coach_id = $1 AND status = 'pending'")
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO coach_profile_revisions (coach_id, profile) VALUES ($1, $2)")
        .bind(coach_id)
        .bind(serde_json::to_value(draft).map_err(|e| sqlx::Error::Protocol(e.to_string()))?)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Withdraws consent to publishing lived experience: it leaves the profile at once, without
/// waiting for staff, and from any changes waiting for approval.
pub async fn withdraw_lived_experience(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE coaches SET lived_experience = '{}', lived_experience_consented_at = NULL
         WHERE id = $1 AND cardinality(lived_experience) > 0",
    )
    .bind(coach_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE coach_profile_revisions SET profile = profile - 'lived_experience'
         WHERE coach_id = $1 AND profile ? 'lived_experience'",
    )
    .bind(coach_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn set_phone(
    tx: &mut PgConnection,
    coach_id: Uuid,
    phone: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE coaches SET phone = $2 WHERE id = $1")
        .bind(coach_id)
        .bind(phone)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Availability changes are public at once. `Ok(false)` when capacity would fall below the
/// leaders the coach has now (the table's CHECK refuses it).
pub async fn set_availability(
    pool: &PgPool,
    coach_id: Uuid,
    accepting: bool,
    capacity: i32,
    next_opening: Option<NaiveDate>,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE coaches SET accepting_new_leaders = $2, capacity = $3, next_opening = $4
         WHERE id = $1 AND current_leaders <= $3",
    )
    .bind(coach_id)
    .bind(accepting)
    .bind(capacity)
    .bind(next_opening)
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
    let rows: Vec<(String, String, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT reference, leader_name, organisation_name, status, created_at FROM expressions_of_interest
         WHERE coach_id = $1 ORDER BY (status = 'pending') DESC, created_at DESC",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(reference, leader_name, organisation_name, status, created_at)| RequestSummary {
                reference,
                leader_name,
                organisation_name,
                status,
                created_at,
            },
        )
        .collect())
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    reference: String,
    status: String,
    created_at: DateTime<Utc>,
    leader_name: String,
    email: String,
    phone: Option<String>,
    role: String,
    organisation_name: String,
    organisation_type: String,
    registration_number: Option<String>,
    annual_income_pence: i64,
    region: String,
    postcode: String,
    communities_served: Vec<String>,
    goals: String,
    funding_route: String,
    had_leadership_support_before: bool,
    response_message: Option<String>,
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
                e.region, e.postcode, e.communities_served, e.goals, e.funding_route,
                e.had_leadership_support_before, e.response_message,
                ARRAY(SELECT c.name FROM expression_of_interest_alternatives a JOIN coaches c ON c.id = a.coach_id
                      WHERE a.expression_of_interest_id = e.id ORDER BY a.preference) AS alternatives,
                (SELECT g.id FROM engagements g WHERE g.expression_of_interest_id = e.id) AS engagement_id,
                (SELECT capacity - current_leaders FROM coaches WHERE id = e.coach_id) AS places_left
         FROM expressions_of_interest e WHERE e.coach_id = $1 AND e.reference = $2",
    )
    .bind(coach_id)
    .bind(reference)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| RequestDetail {
        reference: r.reference,
        status: r.status,
        created_at: r.created_at,
        leader_name: r.leader_name,
        email: r.email,
        phone: r.phone,
        role: r.role,
        organisation_name: r.organisation_name,
        organisation_type: r.organisation_type,
        registration_number: r.registration_number,
        annual_income_pence: r.annual_income_pence,
        region: Region::from_slug(&r.region),
        postcode: r.postcode,
        communities_served: known_slugs(&r.communities_served, Community::from_slug),
        goals: r.goals,
        funding_route: FundingRoute::from_slug(&r.funding_route),
        had_leadership_support_before: r.had_leadership_support_before,
        response_message: r.response_message,
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
pub async fn accept(
    pool: &PgPool,
    coach_id: Uuid,
    reference: &str,
    message: &str,
) -> Result<Uuid, AnswerError> {
    let mut tx = pool.begin().await?;
    let (id, leader_name, leader_email) = pending(&mut tx, coach_id, reference).await?;
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
        "UPDATE expressions_of_interest SET status = 'accepted', responded_at = now(), response_message = $2
         WHERE id = $1",
    )
    .bind(id)
    .bind(message)
    .execute(&mut *tx)
    .await?;
    let engagement_id: Uuid = sqlx::query_scalar(
        "INSERT INTO engagements (expression_of_interest_id, coach_id) VALUES ($1, $2) RETURNING id",
    )
    .bind(id)
    .bind(coach_id)
    .fetch_one(&mut *tx)
    .await?;
    let coach_name = coach_name(&mut tx, coach_id).await?;
    crate::mail::enqueue(
        &mut tx,
        &crate::mail::Email::request_accepted(
            &leader_email,
            &leader_name,
            &coach_name,
            reference,
            message,
        ),
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
) -> Result<(), AnswerError> {
    let mut tx = pool.begin().await?;
    let (id, leader_name, leader_email) = pending(&mut tx, coach_id, reference).await?;
    sqlx::query(
        "UPDATE expressions_of_interest SET status = 'declined', responded_at = now(), response_message = $2
         WHERE id = $1",
    )
    .bind(id)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    let coach_name = coach_name(&mut tx, coach_id).await?;
    // The other coaches the leader named, if they are in the directory: the email links to
    // asking them.
    let named: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.name, c.slug FROM expression_of_interest_alternatives a
         JOIN coaches c ON c.id = a.coach_id
         WHERE a.expression_of_interest_id = $1 AND c.status = 'published'
         ORDER BY a.preference",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let named: Vec<(String, String)> = named
        .into_iter()
        .map(|(name, slug)| (name, format!("{public_url}/coaches/{slug}/ask")))
        .collect();
    crate::mail::enqueue(
        &mut tx,
        &crate::mail::Email::request_declined(
            &leader_email,
            &leader_name,
            &coach_name,
            reference,
            reason,
            &named,
            &format!("{public_url}/coaches?accepting=yes"),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The request, locked, if it is this coach's and still pending.
async fn pending(
    tx: &mut PgConnection,
    coach_id: Uuid,
    reference: &str,
) -> Result<(Uuid, String, String), AnswerError> {
    let row: Option<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT id, status, leader_name, email FROM expressions_of_interest
         WHERE coach_id = $1 AND reference = $2 FOR UPDATE",
    )
    .bind(coach_id)
    .bind(reference)
    .fetch_optional(&mut *tx)
    .await?;
    match row {
        None => Err(AnswerError::NotFound),
        Some((_, status, ..)) if status != "pending" => Err(AnswerError::AlreadyAnswered),
        Some((id, _, name, email)) => Ok((id, name, email)),
    }
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
    let rows: Vec<(Uuid, String, String, String, i64, DateTime<Utc>)> = sqlx::query_as(
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
        status: String,
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
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO coaching_sessions (engagement_id, held_on, minutes, submission_id)
         SELECT id, $3, $4, $5 FROM engagements WHERE id = $1 AND coach_id = $2 AND status = 'active'
         ON CONFLICT (submission_id) DO NOTHING",
    )
    .bind(id)
    .bind(coach_id)
    .bind(held_on)
    .bind(minutes)
    .bind(submission_id)
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

/// The status of a coach's profile, locked until the transaction ends (so a coach's save and a
/// staff decision cannot interleave).
pub async fn lock_status(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<CoachStatus>, sqlx::Error> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM coaches WHERE id = $1 FOR UPDATE")
            .bind(coach_id)
            .fetch_optional(&mut *tx)
            .await?;
    Ok(status.and_then(|s| CoachStatus::from_slug(&s)))
}

/// The account's coach profile, re-read under a lock (two first saves at once make one profile).
pub async fn lock_account_coach(
    tx: &mut PgConnection,
    account_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("SELECT coach_id FROM accounts WHERE id = $1 FOR UPDATE")
        .bind(account_id)
        .fetch_one(&mut *tx)
        .await
}

/// Closes an active engagement, freeing its place. `Ok(false)` when there is none to close.
pub async fn close(
    pool: &PgPool,
    coach_id: Uuid,
    id: Uuid,
    completed: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let closed = sqlx::query(
        "UPDATE engagements SET status = $3, closed_at = now() WHERE id = $1 AND coach_id = $2 AND status = 'active'",
    )
    .bind(id)
    .bind(coach_id)
    .bind(if completed { "completed" } else { "ended_early" })
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE coaches SET current_leaders = current_leaders - 1 WHERE id = $1")
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// When the engagement started, to refuse sessions recorded before it.
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
    Ok(started.map(|s| s.date_naive()))
}

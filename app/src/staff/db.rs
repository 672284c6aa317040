//! The staff area's SQL.

use super::{
    Bursaries, BursaryRequest, CoachListing, ModerationItem, OutboxMessage, Overview,
    RequestFilter, StaffEngagement, StaffRequest, WaitingRequest,
};
use crate::coaches::draft::{CoachStatus, ProfileDraft, RevisionStatus};
use crate::interest::form::FundingRoute;
use crate::interest::{BursaryDecision, Reference, RequestStatus};
use crate::mail::Kind;
use crate::vocabulary::Region;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

/// A bursary request staff may still decide: nobody has, and its coaching request is still
/// open. One definition for the overview's count, the list's buttons and the decision itself.
pub const BURSARY_TO_DECIDE: &str = "funding_route = 'bursary' AND bursary_decision IS NULL AND erased_at IS NULL \
     AND status NOT IN ('declined', 'withdrawn', 'expired', 'lapsed')";

pub async fn overview(pool: &PgPool) -> Result<Overview, sqlx::Error> {
    let (profiles_waiting, requests_pending, bursaries_undecided, outbox_unsent): (
        i64,
        i64,
        i64,
        i64,
    ) = sqlx::query_as(&format!(
        "SELECT
                 (SELECT count(*) FROM coaches WHERE status = 'pending_approval')
                   + (SELECT count(*) FROM coach_profile_revisions WHERE status = 'pending'),
                 (SELECT count(*) FROM expressions_of_interest WHERE status = 'pending'),
                 (SELECT count(*) FROM expressions_of_interest WHERE {BURSARY_TO_DECIDE}),
                 (SELECT count(*) FROM outbox WHERE sent_at IS NULL)"
    ))
    .fetch_one(pool)
    .await?;
    Ok(Overview {
        profiles_waiting,
        requests_pending,
        bursaries_undecided,
        outbox_unsent,
        mail_delivery: false,
    })
}

pub async fn moderation_queue(pool: &PgPool) -> Result<Vec<ModerationItem>, sqlx::Error> {
    // Both queries share `submitted_at`'s definition with `me::db::submitted_at`, which the
    // decision checks against.
    let new_profiles: Vec<(Uuid, String, String, String, DateTime<Utc>, bool)> = sqlx::query_as(
        "SELECT id, slug, name, email, coalesce(submitted_at, updated_at),
                EXISTS (SELECT 1 FROM coach_training t WHERE t.coach_id = coaches.id)
         FROM coaches WHERE status = 'pending_approval' ORDER BY 5",
    )
    .fetch_all(pool)
    .await?;
    #[derive(sqlx::FromRow)]
    struct Revision {
        id: Uuid,
        slug: String,
        name: String,
        email: String,
        submitted_at: DateTime<Utc>,
        profile: serde_json::Value,
        lived_experience_sealed: Option<Vec<u8>>,
    }
    let revisions: Vec<Revision> = sqlx::query_as(
        "SELECT c.id, c.slug, c.name, c.email, r.submitted_at, r.profile, r.lived_experience_sealed
         FROM coach_profile_revisions r JOIN coaches c ON c.id = r.coach_id
         WHERE r.status = 'pending' ORDER BY r.submitted_at",
    )
    .fetch_all(pool)
    .await?;
    let ids: Vec<Uuid> = new_profiles
        .iter()
        .map(|p| p.0)
        .chain(revisions.iter().map(|r| r.id))
        .collect();
    let current = crate::coaches::db::profiles::current_drafts(pool, &ids).await?;

    let mut items = Vec::new();
    for (coach_id, slug, name, email, submitted_at, trained) in new_profiles {
        let Some(draft) = current.get(&coach_id) else {
            continue;
        };
        items.push(ModerationItem {
            coach_id,
            slug,
            name,
            email,
            new_profile: true,
            trained,
            submitted_at,
            changes: draft
                .readable()
                .into_iter()
                .map(|(label, value)| (label.to_string(), String::new(), value))
                .collect(),
        });
    }
    for Revision {
        id: coach_id,
        slug,
        name,
        email,
        submitted_at,
        profile,
        lived_experience_sealed,
    } in revisions
    {
        let proposed: ProfileDraft = crate::coaches::db::profiles::revision_draft(
            profile,
            lived_experience_sealed.as_deref(),
        )?;
        let Some(now) = current.get(&coach_id) else {
            continue;
        };
        items.push(ModerationItem {
            coach_id,
            slug,
            name,
            email,
            new_profile: false,
            // Changes to a published profile: its coach was trained to be published.
            trained: true,
            submitted_at,
            changes: proposed
                .changes_from(now)
                .into_iter()
                .map(|(label, before, after)| (label.to_string(), before, after))
                .collect(),
        });
    }
    Ok(items)
}

pub async fn coaches(pool: &PgPool) -> Result<Vec<CoachListing>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        slug: String,
        name: String,
        status: CoachStatus,
        approved_once: bool,
        region: Region,
        accepting_now: bool,
        current_leaders: i32,
        capacity: i32,
        account_email: Option<String>,
        phone: Option<String>,
        paused_reason: Option<crate::interest::due::PausedReason>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.slug, c.name, c.status, c.published_at IS NOT NULL AS approved_once, c.region,
                c.accepting_now, c.current_leaders, c.capacity,
                a.email AS account_email, c.phone, c.paused_reason
         FROM coaches c LEFT JOIN accounts a ON a.coach_id = c.id ORDER BY c.name, c.slug",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CoachListing {
            id: r.id,
            slug: r.slug,
            name: r.name,
            status: r.status,
            approved_once: r.approved_once,
            region: Some(r.region),
            accepting_now: r.accepting_now,
            current_leaders: r.current_leaders,
            capacity: r.capacity,
            account_email: r.account_email,
            phone: r.phone,
            paused_reason: r.paused_reason,
        })
        .collect())
}

pub async fn coach_names(pool: &PgPool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name FROM coaches ORDER BY name, slug")
        .fetch_all(pool)
        .await
}

pub async fn requests(
    pool: &PgPool,
    filter: &RequestFilter,
) -> Result<Vec<StaffRequest>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        reference: String,
        created_at: DateTime<Utc>,
        leader_name: String,
        organisation_name: String,
        coach_name: String,
        coach_slug: String,
        region: Region,
        funding_route: FundingRoute,
        status: RequestStatus,
        bursary_decision: Option<BursaryDecision>,
        conflict: Option<String>,
    }
    let mut sql = QueryBuilder::<Postgres>::new(
        "SELECT e.reference, e.created_at, e.leader_name, e.organisation_name, c.name AS coach_name,
                c.slug AS coach_slug, e.region, e.funding_route, e.status, e.bursary_decision,
                e.conflict
         FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id WHERE true",
    );
    if let Some(status) = filter.status {
        sql.push(" AND e.status = ").push_bind(status);
    }
    if let Some(region) = filter.region {
        sql.push(" AND e.region = ").push_bind(region.slug());
    }
    if let Some(coach) = &filter.coach {
        sql.push(" AND c.slug = ").push_bind(coach.clone());
    }
    if let Some(funding) = filter.funding {
        sql.push(" AND e.funding_route = ").push_bind(funding);
    }
    sql.push(" ORDER BY e.created_at DESC LIMIT 500");
    let rows: Vec<Row> = sql.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffRequest {
            reference: r.reference,
            created_at: r.created_at,
            leader_name: r.leader_name,
            organisation_name: r.organisation_name,
            coach_name: r.coach_name,
            coach_slug: r.coach_slug,
            region: Some(r.region),
            funding_route: r.funding_route,
            status: r.status,
            bursary_decision: r.bursary_decision,
            conflict: r
                .conflict
                .as_deref()
                .and_then(crate::matching::declared::Conflict::from_slug),
        })
        .collect())
}

pub async fn bursaries(pool: &PgPool, year: i32) -> Result<Bursaries, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        reference: String,
        created_at: DateTime<Utc>,
        leader_name: String,
        organisation_name: String,
        annual_income_pence: i64,
        coach_name: String,
        status: RequestStatus,
        decision: Option<BursaryDecision>,
        to_decide: bool,
    }
    let places: Option<i32> =
        sqlx::query_scalar("SELECT places FROM bursary_places WHERE year = $1")
            .bind(year)
            .fetch_optional(pool)
            .await?;
    let approved = approved_in(pool, year).await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT e.reference, e.created_at, e.leader_name, e.organisation_name, e.annual_income_pence,
                c.name AS coach_name, e.status, e.bursary_decision AS decision, e.to_decide
         FROM (SELECT *, ({BURSARY_TO_DECIDE}) AS to_decide FROM expressions_of_interest) e
              JOIN coaches c ON c.id = e.coach_id
         WHERE e.funding_route = 'bursary'
           AND (e.bursary_decision IS NULL
                OR (e.bursary_decided_at >= $1 AND e.bursary_decided_at < $2))
         ORDER BY e.bursary_decision NULLS FIRST, e.created_at"
    ))
    .bind(crate::clock::uk_year(year).0)
    .bind(crate::clock::uk_year(year).1)
    .fetch_all(pool)
    .await?;
    Ok(Bursaries {
        year,
        places,
        approved,
        requests: rows
            .into_iter()
            .map(|r| BursaryRequest {
                reference: r.reference,
                created_at: r.created_at,
                leader_name: r.leader_name,
                organisation_name: r.organisation_name,
                annual_income_pence: r.annual_income_pence,
                coach_name: r.coach_name,
                status: r.status,
                decision: r.decision,
                to_decide: r.to_decide,
            })
            .collect(),
    })
}

/// Bursaries approved in a calendar year (by the date of the decision).
pub async fn approved_in(
    executor: impl sqlx::PgExecutor<'_>,
    year: i32,
) -> Result<i64, sqlx::Error> {
    let (from, to) = crate::clock::uk_year(year);
    sqlx::query_scalar(
        "SELECT count(*) FROM expressions_of_interest
         WHERE bursary_decision = 'approved' AND bursary_decided_at >= $1 AND bursary_decided_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(executor)
    .await
}

pub async fn outbox(pool: &PgPool) -> Result<Vec<OutboxMessage>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        created_at: DateTime<Utc>,
        kind: Kind,
        to_address: String,
        subject: String,
        body: String,
        sent_at: Option<DateTime<Utc>>,
        attempts: i32,
        last_error: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT created_at, kind, to_address, subject, body, sent_at, attempts, last_error
         FROM outbox ORDER BY created_at DESC, seq DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| OutboxMessage {
            created_at: r.created_at,
            kind: r.kind,
            to: r.to_address,
            subject: r.subject,
            body: r.body,
            sent_at: r.sent_at,
            attempts: r.attempts,
            last_error: r.last_error,
        })
        .collect())
}

/// A coach as a staff decision needs them, locked for it.
#[derive(Debug, sqlx::FromRow)]
pub struct LockedCoach {
    pub name: String,
    pub email: String,
    pub slug: String,
    pub status: CoachStatus,
    /// Whether staff have ever approved the profile.
    pub approved_once: bool,
}

/// The coach, locked until the transaction ends, so that a coach's save and a staff decision
/// cannot interleave.
pub async fn lock_coach(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<LockedCoach>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, email, slug, status, published_at IS NOT NULL AS approved_once
         FROM coaches WHERE id = $1 FOR UPDATE",
    )
    .bind(coach_id)
    .fetch_optional(&mut *tx)
    .await
}

/// Changes to a published profile, waiting for a decision.
pub struct PendingRevision {
    pub id: Uuid,
    pub profile: ProfileDraft,
    pub submitted_at: DateTime<Utc>,
}

/// The coach's changes waiting for a decision, locked.
pub async fn lock_pending_revision(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<PendingRevision>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Revision {
        id: Uuid,
        profile: serde_json::Value,
        lived_experience_sealed: Option<Vec<u8>>,
        submitted_at: DateTime<Utc>,
    }
    let row: Option<Revision> = sqlx::query_as(
        "SELECT id, profile, lived_experience_sealed, submitted_at FROM coach_profile_revisions
         WHERE coach_id = $1 AND status = 'pending' FOR UPDATE",
    )
    .bind(coach_id)
    .fetch_optional(&mut *tx)
    .await?;
    row.map(|revision| {
        let Revision {
            id,
            profile,
            lived_experience_sealed,
            submitted_at,
        } = revision;
        let profile = crate::coaches::db::profiles::revision_draft(
            profile,
            lived_experience_sealed.as_deref(),
        )?;
        Ok(PendingRevision {
            id,
            profile,
            submitted_at,
        })
    })
    .transpose()
}

/// A new profile published, or sent back to draft with `reason`.
pub async fn decide_new_profile(
    tx: &mut PgConnection,
    coach_id: Uuid,
    status: CoachStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE coaches SET status = $2, rejection_reason = $3,
             published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, $4) ELSE published_at END
         WHERE id = $1",
    )
    .bind(coach_id)
    .bind(status)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn decide_revision(
    tx: &mut PgConnection,
    revision_id: Uuid,
    status: RevisionStatus,
    reviewer: Uuid,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE coach_profile_revisions SET status = $2, reviewed_at = $5, reviewed_by = $3, reason = $4
         WHERE id = $1",
    )
    .bind(revision_id)
    .bind(status)
    .bind(reviewer)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn set_coach_status(
    tx: &mut PgConnection,
    coach_id: Uuid,
    status: CoachStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE coaches SET status = $2 WHERE id = $1")
        .bind(coach_id)
        .bind(status)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The account that keeps this coach's profile, if any.
pub async fn account_of_coach(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE coach_id = $1")
        .bind(coach_id)
        .fetch_optional(&mut *tx)
        .await
}

/// Disables an account (`Some` of when) or enables it again (`None`).
pub async fn set_account_disabled(
    tx: &mut PgConnection,
    account_id: Uuid,
    disabled_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET disabled_at = $2 WHERE id = $1")
        .bind(account_id)
        .bind(disabled_at)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The year's number of bursaries, locked (so that approvals queue behind each other).
pub async fn lock_places(tx: &mut PgConnection, year: i32) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar("SELECT places FROM bursary_places WHERE year = $1 FOR UPDATE")
        .bind(year)
        .fetch_optional(&mut *tx)
        .await
}

pub async fn set_places(
    tx: &mut PgConnection,
    year: i32,
    places: i32,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bursary_places (year, places, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (year) DO UPDATE SET places = excluded.places, updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(places)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Whom to tell about a bursary decision.
#[derive(Debug, sqlx::FromRow)]
pub struct BursaryDecided {
    pub email: String,
    pub leader_name: String,
    pub coach_name: String,
}

/// Records `decision` on the request `reference` if its bursary is still to decide.
pub async fn decide_bursary(
    tx: &mut PgConnection,
    reference: &Reference,
    decision: BursaryDecision,
    decided_by: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<BursaryDecided>, sqlx::Error> {
    sqlx::query_as(&format!(
        "UPDATE expressions_of_interest
         SET bursary_decision = $2, bursary_decided_at = $4, bursary_decided_by = $3
         WHERE reference = $1 AND {BURSARY_TO_DECIDE}
         RETURNING email, leader_name, (SELECT name FROM coaches c WHERE c.id = coach_id) AS coach_name"
    ))
    .bind(reference.as_str())
    .bind(decision)
    .bind(decided_by)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await
}

/// Ends every request waiting for this coach, who has left the directory: (id, reference,
/// leader's name, leader's email) of each.
pub async fn lapse_requests(
    tx: &mut PgConnection,
    coach_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<(Uuid, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE expressions_of_interest SET status = 'lapsed', responded_at = $2
         WHERE coach_id = $1 AND status = 'pending'
         RETURNING id, reference, leader_name, email",
    )
    .bind(coach_id)
    .bind(now)
    .fetch_all(&mut *tx)
    .await
}

/// Every coaching, open ones first.
pub async fn engagements(pool: &PgPool) -> Result<Vec<StaffEngagement>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        reference: String,
        coach_name: String,
        leader_name: String,
        organisation_name: String,
        status: crate::interest::EngagementStatus,
        sessions: i64,
        started_at: DateTime<Utc>,
        last_session: Option<chrono::NaiveDate>,
        closed_at: Option<DateTime<Utc>>,
        flagged: bool,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT g.id, e.reference, c.name AS coach_name, e.leader_name, e.organisation_name,
                g.status, (SELECT count(*) FROM coaching_sessions s WHERE s.engagement_id = g.id) AS sessions,
                g.started_at, (SELECT max(held_on) FROM coaching_sessions s WHERE s.engagement_id = g.id) AS last_session,
                g.closed_at, g.flagged_at IS NOT NULL AND g.status = 'active' AS flagged
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
              JOIN coaches c ON c.id = g.coach_id
         ORDER BY (g.status = 'active') DESC, g.started_at
         LIMIT $1",
    )
    .bind(i64::try_from(super::LIST_LIMIT).unwrap_or(500))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffEngagement {
            id: r.id,
            reference: r.reference,
            coach_name: r.coach_name,
            leader_name: r.leader_name,
            organisation_name: r.organisation_name,
            status: r.status,
            sessions: r.sessions,
            started_on: crate::clock::uk_date(r.started_at),
            last_activity: r.closed_at.map(crate::clock::uk_date).max(r.last_session),
            flagged: r.flagged,
        })
        .collect())
}

/// Requests waiting for a coach's answer, oldest first (by when the leader first asked), each
/// with its history.
pub async fn waiting(
    pool: &PgPool,
    today: chrono::NaiveDate,
) -> Result<Vec<WaitingRequest>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        reference: String,
        /// When the leader first asked (a request passed on counts from then).
        first_asked_at: DateTime<Utc>,
        leader_name: String,
        coach_name: String,
        due_on: Option<chrono::NaiveDate>,
        named: Vec<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id, e.reference,
                coalesce((SELECT r.created_at FROM leader_requests r WHERE r.id = e.leader_request_id),
                         e.created_at) AS first_asked_at,
                e.leader_name,
                c.name AS coach_name, e.answer_due_on AS due_on,
                ARRAY(SELECT n.name FROM expression_of_interest_alternatives a
                      JOIN coaches n ON n.id = a.coach_id
                      WHERE a.expression_of_interest_id = coalesce(
                          (SELECT f.id FROM expressions_of_interest f
                           WHERE f.leader_request_id = e.leader_request_id AND f.passed_on_from IS NULL
                           ORDER BY f.position DESC LIMIT 1), e.id)
                      ORDER BY a.preference) AS named
         FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
         WHERE e.status = 'pending' ORDER BY first_asked_at, e.created_at LIMIT $1",
    )
    .bind(i64::try_from(super::LIST_LIMIT).unwrap_or(500))
    .fetch_all(pool)
    .await?;
    let mut waiting = Vec::with_capacity(rows.len());
    // Every coach asked for these leaders' requests, in order, with what happened: one query
    // for the whole list, grouped by the waiting request each step belongs to.
    #[derive(sqlx::FromRow)]
    struct Step {
        waiting_id: Uuid,
        coach_name: String,
        status: RequestStatus,
        passed_on: bool,
        created_at: DateTime<Utc>,
        responded_at: Option<DateTime<Utc>>,
        first_reminder_at: Option<DateTime<Utc>>,
        last_reminder_at: Option<DateTime<Utc>>,
    }
    let waiting_ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let all_steps: Vec<Step> = sqlx::query_as(
        "SELECT w.id AS waiting_id, c.name AS coach_name, e.status,
                e.passed_on_from IS NOT NULL AS passed_on,
                e.created_at, e.responded_at, e.first_reminder_at, e.last_reminder_at
         FROM expressions_of_interest w
         JOIN expressions_of_interest e ON e.leader_request_id = w.leader_request_id OR e.id = w.id
         JOIN coaches c ON c.id = e.coach_id
         WHERE w.id = ANY($1) ORDER BY w.id, e.position, e.created_at",
    )
    .bind(&waiting_ids)
    .fetch_all(pool)
    .await?;
    let mut steps_of: std::collections::HashMap<Uuid, Vec<Step>> = std::collections::HashMap::new();
    for step in all_steps {
        steps_of.entry(step.waiting_id).or_default().push(step);
    }
    for row in rows {
        let steps = steps_of.remove(&row.id).unwrap_or_default();
        let day = |at: DateTime<Utc>| crate::coaches::long_date(crate::clock::uk_date(at));
        let mut history = Vec::new();
        for step in steps {
            let how = if step.passed_on {
                "Passed on to"
            } else {
                "Asked"
            };
            history.push(format!(
                "{}: {how} {}",
                day(step.created_at),
                step.coach_name
            ));
            for (at, which) in [
                (step.first_reminder_at, "first"),
                (step.last_reminder_at, "last"),
            ] {
                if let Some(at) = at {
                    history.push(format!(
                        "{}: {} reminded ({which} reminder)",
                        day(at),
                        step.coach_name
                    ));
                }
            }
            if let (Some(at), false) = (step.responded_at, step.status.is_pending()) {
                history.push(format!(
                    "{}: {} ({})",
                    day(at),
                    step.status.label(),
                    step.coach_name
                ));
            }
        }
        waiting.push(WaitingRequest {
            reference: row.reference,
            received_on: crate::clock::uk_date(row.first_asked_at),
            leader_name: row.leader_name,
            coach_name: row.coach_name,
            due_on: row.due_on,
            overdue: row.due_on.is_some_and(|due| due < today),
            named: row.named,
            history,
        });
    }
    Ok(waiting)
}

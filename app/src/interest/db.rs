//! The SQL of a leader's request as a whole: its private link, their own page, withdrawing,
//! correcting contact details, and asking another coach from it.

use super::form::AskForm;
use super::leader::{
    AskView, CoachContact, LINK_DAYS_AFTER_END, LeaderRequestView, NextCoach, leader_status,
};
use super::{EngagementStatus, RequestStatus};
use crate::accounts::session::{new_token, token_hash};
use crate::clock::uk_date;
use crate::contact::PhoneNumber;
use crate::interest::form::LeaderDetails;
use crate::mail::{self, Email};
use crate::vocabulary::Region;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A new leader request and its private link's token (to put in the leader's email).
pub async fn create_leader_request(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
) -> Result<(Uuid, String), sqlx::Error> {
    let token = new_token().map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO leader_requests (token_hash, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(token_hash(&token))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    Ok((id, token))
}

/// What the leader's acknowledgement email carries for the link to their page: with a mail
/// server (`mail_delivery`), a placeholder, and the page to link in its place when the email is
/// sent (so the outbox never holds a working token); without one, the link, for staff to
/// follow from the outbox.
pub fn page_link_for_email(
    leader_request_id: Uuid,
    token: &str,
    public_url: &str,
    mail_delivery: bool,
) -> (String, Option<mail::LinkToMake>) {
    if mail_delivery {
        (
            mail::LINK_PLACEHOLDER.to_string(),
            Some(mail::LinkToMake::LeaderPage { leader_request_id }),
        )
    } else {
        (format!("{public_url}/requests/{token}"), None)
    }
}

/// A new token for a leader request's page, as its email is sent: the one made with the
/// request was never shown to anyone, and is replaced.
pub async fn new_page_token(
    tx: &mut PgConnection,
    leader_request_id: Uuid,
) -> Result<String, sqlx::Error> {
    let token = new_token().map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    sqlx::query("UPDATE leader_requests SET token_hash = $2 WHERE id = $1")
        .bind(leader_request_id)
        .bind(token_hash(&token))
        .execute(&mut *tx)
        .await?;
    Ok(token)
}

/// The leader request a live link opens: its id, and when it was withdrawn and why.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Opened {
    pub(crate) id: Uuid,
    withdrawn_at: Option<DateTime<Utc>>,
    withdrawal_reason: Option<String>,
}

pub(crate) async fn open(
    executor: impl sqlx::PgExecutor<'_>,
    token: &str,
    now: DateTime<Utc>,
    lock: bool,
) -> Result<Option<Opened>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, withdrawn_at, withdrawal_reason FROM leader_requests
         WHERE token_hash = $1 AND (ended_at IS NULL OR ended_at > $2 - make_interval(days => $3)){}",
        if lock { " FOR UPDATE" } else { "" }
    ))
    .bind(token_hash(token))
    .bind(now)
    .bind(i32::try_from(LINK_DAYS_AFTER_END).unwrap_or(90))
    .fetch_optional(executor)
    .await
}

#[derive(sqlx::FromRow)]
struct AskRow {
    reference: String,
    coach_name: String,
    coach_slug: String,
    coach_email: String,
    coach_phone: Option<String>,
    status: RequestStatus,
    engagement: Option<EngagementStatus>,
    passed_on: bool,
    answer_due_on: Option<chrono::NaiveDate>,
    created_at: DateTime<Utc>,
    responded_at: Option<DateTime<Utc>>,
    response_message: Option<String>,
    leader_name: String,
    role: String,
    organisation_name: String,
    email: String,
    phone: Option<String>,
}

/// Everything the leader's page shows, or `None` for a link that opens nothing.
pub async fn leader_request(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<LeaderRequestView>, sqlx::Error> {
    let Some(opened) = open(pool, token, now, false).await? else {
        return Ok(None);
    };
    let rows: Vec<AskRow> = sqlx::query_as(
        "SELECT e.reference, c.name AS coach_name, c.slug AS coach_slug, c.email AS coach_email,
                c.phone AS coach_phone, e.status,
                (SELECT g.status FROM engagements g WHERE g.expression_of_interest_id = e.id) AS engagement,
                e.passed_on_from IS NOT NULL AS passed_on, e.answer_due_on, e.created_at,
                e.responded_at, e.response_message,
                e.leader_name, e.role, e.organisation_name, e.email, e.phone
         FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
         WHERE e.leader_request_id = $1 ORDER BY e.position",
    )
    .bind(opened.id)
    .fetch_all(pool)
    .await?;
    let Some(latest) = rows.last() else {
        return Ok(None);
    };
    let (leader_name, role, organisation_name, email, phone) = (
        latest.leader_name.clone(),
        latest.role.clone(),
        latest.organisation_name.clone(),
        latest.email.clone(),
        latest.phone.clone(),
    );
    let coach_contact = rows
        .iter()
        .find(|r| r.status == RequestStatus::Accepted)
        .map(|r| CoachContact {
            name: r.coach_name.clone(),
            email: r.coach_email.clone(),
            phone: r.coach_phone.clone(),
        });
    let asks: Vec<AskView> = rows
        .into_iter()
        .map(|r| AskView {
            reference: r.reference,
            coach_name: r.coach_name,
            coach_slug: r.coach_slug,
            status: r.status,
            engagement: r.engagement,
            passed_on: r.passed_on,
            due_on: r.answer_due_on,
            asked_on: uk_date(r.created_at),
            answered_on: r.responded_at.map(uk_date),
            answer: r.response_message,
        })
        .collect();
    let status = leader_status(opened.withdrawn_at.is_some(), &asks);
    let mut view = LeaderRequestView {
        status,
        leader_name,
        role,
        organisation_name,
        email,
        phone,
        asks,
        coach_contact,
        next_coaches: Vec::new(),
        withdrawal_reason: opened.withdrawal_reason,
    };
    if view.can_ask_another() {
        let mut conn = pool.acquire().await?;
        view.next_coaches = next_coaches(&mut conn, opened.id).await?;
    }
    Ok(Some(view))
}

/// The ask whose form named the coaches that count now, for the leader request `$1`: the
/// leader's latest form (asking another coach, they name them again; an ask passed on names
/// none of its own).
pub const LATEST_FORM: &str = "(SELECT f.id FROM expressions_of_interest f
     WHERE f.leader_request_id = $1 AND f.passed_on_from IS NULL ORDER BY f.position DESC LIMIT 1)";

/// Whom the leader of `request_id` could ask next, for their page and their emails: the
/// coaches named on their latest form whom they have not asked, who are accepting now and have
/// not declined them, in the order named; when none is left, the same three suggestions
/// ([`suggestions`]).
pub async fn next_coaches(
    conn: &mut PgConnection,
    request_id: Uuid,
) -> Result<Vec<NextCoach>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Last {
        email: String,
        region: Region,
        themes: Vec<String>,
    }
    // The leader's latest ask, and the coach it went to.
    let last: Option<Last> = sqlx::query_as(
        "SELECT e.email, e.region, c.themes FROM expressions_of_interest e
         JOIN coaches c ON c.id = e.coach_id
         WHERE e.leader_request_id = $1 ORDER BY e.position DESC LIMIT 1",
    )
    .bind(request_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(last) = last else {
        return Ok(Vec::new());
    };
    let named: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT c.slug, c.name
         FROM expression_of_interest_alternatives a JOIN coaches c ON c.id = a.coach_id
         WHERE a.expression_of_interest_id = {LATEST_FORM}
           AND c.status = 'published' AND c.accepting_now
           AND c.id NOT IN (SELECT coach_id FROM expressions_of_interest WHERE leader_request_id = $1)
           AND NOT EXISTS (SELECT 1 FROM expressions_of_interest d
                           WHERE d.coach_id = c.id AND lower(d.email) = lower($2)
                             AND d.status = 'declined')
         ORDER BY a.preference"
    ))
    .bind(request_id)
    .bind(&last.email)
    .fetch_all(&mut *conn)
    .await?;
    if !named.is_empty() {
        return Ok(named
            .into_iter()
            .map(|(slug, name)| NextCoach {
                slug,
                name,
                named: true,
            })
            .collect());
    }
    let suggested = suggestions(
        &mut *conn,
        last.region,
        &last.themes,
        Some(request_id),
        &last.email,
    )
    .await?;
    Ok(suggested
        .into_iter()
        .map(|(name, slug)| NextCoach {
            slug,
            name,
            named: false,
        })
        .collect())
}

/// How many coaches a leader with no named coach left is pointed to.
pub const SUGGESTED_COACHES: i64 = 3;

/// Coaches to suggest to a leader none of whose named coaches is left: accepting now, not yet
/// asked for this request, and never having declined this leader; those in the leader's
/// `region` first, then those sharing most of `themes` (the last coach's). (name, slug).
pub async fn suggestions(
    executor: impl sqlx::PgExecutor<'_>,
    region: Region,
    themes: &[String],
    leader_request_id: Option<Uuid>,
    email: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.name, c.slug FROM coaches c
         WHERE c.status = 'published' AND c.accepting_now
           AND c.id NOT IN (SELECT coach_id FROM expressions_of_interest WHERE leader_request_id = $3)
           AND NOT EXISTS (SELECT 1 FROM expressions_of_interest d
                           WHERE d.coach_id = c.id AND lower(d.email) = lower($4)
                             AND d.status = 'declined')
         ORDER BY (c.region = $1) DESC,
                  cardinality(ARRAY(SELECT unnest(c.themes) INTERSECT SELECT unnest($2::text[]))) DESC,
                  c.name, c.slug
         LIMIT $5",
    )
    .bind(region)
    .bind(themes)
    .bind(leader_request_id)
    .bind(email)
    .bind(SUGGESTED_COACHES)
    .fetch_all(executor)
    .await
}

/// How a withdrawal went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawn {
    Done,
    /// No coach is considering the request: there is nothing to withdraw.
    NothingOpen,
    NotFound,
}

/// Withdraws the request: every coach considering it is told, and the request ends.
pub async fn withdraw(
    pool: &PgPool,
    token: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Withdrawn, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(opened) = open(&mut *tx, token, now, true).await? else {
        return Ok(Withdrawn::NotFound);
    };
    let waiting: Vec<(String, String, String, String)> = sqlx::query_as(
        "UPDATE expressions_of_interest e SET status = 'withdrawn', responded_at = $2
         FROM coaches c
         WHERE c.id = e.coach_id AND e.leader_request_id = $1 AND e.status = 'pending'
         RETURNING e.reference, e.leader_name, c.name, c.email",
    )
    .bind(opened.id)
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    if waiting.is_empty() {
        return Ok(Withdrawn::NothingOpen);
    }
    sqlx::query(
        "UPDATE leader_requests SET withdrawn_at = $2, ended_at = $2, withdrawal_reason = $3
         WHERE id = $1",
    )
    .bind(opened.id)
    .bind(now)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    for (reference, leader, coach, coach_email) in waiting {
        let told = Email::request_withdrawn(&coach_email, &coach, &leader, &reference);
        mail::enqueue(&mut tx, &told).await?;
    }
    tx.commit().await?;
    Ok(Withdrawn::Done)
}

/// Corrects who the leader is (name, role, organisation's name, email address, phone number)
/// on every coach's copy of the request.
/// `Ok(false)` when the link opens nothing.
pub async fn correct_details(
    pool: &PgPool,
    token: &str,
    details: &LeaderDetails,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(opened) = open(&mut *tx, token, now, true).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE expressions_of_interest SET leader_name = $2, role = $3, organisation_name = $4,
             email = $5, phone = $6
         WHERE leader_request_id = $1",
    )
    .bind(opened.id)
    .bind(&details.leader_name)
    .bind(&details.role)
    .bind(&details.organisation_name)
    .bind(details.email.as_str())
    .bind(details.phone.as_ref().map(PhoneNumber::as_str))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A request the leader is asking another coach from: its id, the next position, and the
/// answers they gave last time, to fill in the form again. `None` when the link opens nothing
/// or a coach is considering or coaching them.
pub async fn asking_again(
    executor: impl sqlx::PgExecutor<'_> + Copy,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Uuid, i16, AskForm)>, sqlx::Error> {
    let Some(opened) = open(executor, token, now, false).await? else {
        return Ok(None);
    };
    if opened.withdrawn_at.is_some() {
        return Ok(None);
    }
    #[derive(sqlx::FromRow)]
    struct Last {
        position: i16,
        busy: bool,
        leader_name: String,
        email: String,
        phone: Option<String>,
        role: String,
        organisation_name: String,
        organisation_type: String,
        registration_number: Option<String>,
        annual_income_pence: i64,
        works_with_under_represented_communities: bool,
        region: String,
        postcode: String,
        communities_served_sealed: Option<Vec<u8>>,
        goals: String,
        funding_route: String,
        had_leadership_support_before: bool,
    }
    let last: Option<Last> = sqlx::query_as(
        "SELECT e.position,
                EXISTS (SELECT 1 FROM expressions_of_interest b WHERE b.leader_request_id = $1
                        AND (b.status = 'pending' OR (b.status = 'accepted' AND EXISTS (
                            SELECT 1 FROM engagements g WHERE g.expression_of_interest_id = b.id
                            AND g.status = 'active')))) AS busy,
                e.leader_name, e.email, e.phone, e.role, e.organisation_name, e.organisation_type,
                e.registration_number, e.annual_income_pence,
                e.works_with_under_represented_communities, e.region, e.postcode,
                e.communities_served_sealed, e.goals, e.funding_route, e.had_leadership_support_before
         FROM expressions_of_interest e WHERE e.leader_request_id = $1
         ORDER BY e.position DESC LIMIT 1",
    )
    .bind(opened.id)
    .fetch_optional(executor)
    .await?;
    let Some(last) = last.filter(|l| !l.busy) else {
        return Ok(None);
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let income =
        crate::money::Money::from_pence(u64::try_from(last.annual_income_pence).unwrap_or(0))
            .map(|m| m.to_string())
            .unwrap_or_default();
    let form = AskForm {
        leader_name: last.leader_name,
        email: last.email,
        phone: last.phone.unwrap_or_default(),
        role: last.role,
        organisation_name: last.organisation_name,
        organisation_type: last.organisation_type,
        registration_number: last.registration_number.unwrap_or_default(),
        health_and_wellbeing: "yes".into(),
        annual_income: income,
        region: last.region,
        postcode: last.postcode,
        under_represented_communities: yes_no(last.works_with_under_represented_communities),
        communities: crate::special_category::open(
            crate::special_category::SealedField::CommunitiesServed,
            last.communities_served_sealed.as_deref(),
        )?,
        goals: last.goals,
        funding_route: last.funding_route,
        leadership_support_before: yes_no(last.had_leadership_support_before),
        ..AskForm::default()
    };
    Ok(Some((opened.id, last.position + 1, form)))
}

/// Whether the leader of the request `id` agreed to it being passed on to the coaches they named.
pub async fn pass_on_agreed(tx: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(r.pass_on_consented, false) AND r.withdrawn_at IS NULL
         FROM expressions_of_interest e LEFT JOIN leader_requests r ON r.id = e.leader_request_id
         WHERE e.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .map(|agreed: Option<bool>| agreed.unwrap_or(false))
}

/// What the leader of the request `id` is told happens next, when its coach did not take it on:
/// passing it on if they agreed, else whom they could ask.
pub async fn what_next(
    tx: &mut PgConnection,
    id: Uuid,
    public_url: &str,
) -> Result<mail::WhatNext, sqlx::Error> {
    if pass_on_agreed(tx, id).await? {
        return Ok(mail::WhatNext::PassingOn);
    }
    let request: Option<Uuid> =
        sqlx::query_scalar("SELECT leader_request_id FROM expressions_of_interest WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let coaches = match request {
        Some(request) => next_coaches(tx, request).await?,
        None => Vec::new(),
    };
    Ok(mail::WhatNext::AskAnother {
        named: coaches.iter().any(|c| c.named),
        coaches: coaches
            .into_iter()
            .map(|c| (c.name, format!("{public_url}/coaches/{}/ask", c.slug)))
            .collect(),
        directory: format!("{public_url}/coaches?accepting=yes"),
    })
}

/// Marks the leader request as ended when nobody is considering or coaching the leader any
/// more: from then its link works for [`LINK_DAYS_AFTER_END`] days.
pub async fn end_if_over(
    tx: &mut PgConnection,
    leader_request_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let Some(id) = leader_request_id else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE leader_requests r SET ended_at = $2
         WHERE r.id = $1 AND r.ended_at IS NULL AND NOT EXISTS (
             SELECT 1 FROM expressions_of_interest e WHERE e.leader_request_id = r.id
             AND (e.status = 'pending' OR (e.status = 'accepted' AND EXISTS (
                 SELECT 1 FROM engagements g WHERE g.expression_of_interest_id = e.id
                 AND g.status = 'active'))))",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

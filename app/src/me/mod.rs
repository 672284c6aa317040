//! `/me`: a coach's own area. Their profile (changes to a published one wait for approval),
//! their availability (public at once), the requests that reach them, and their engagements.
//!
//! Every server function here requires the coach role and reads only the caller's own rows.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;

#[cfg(feature = "ssr")]
use crate::access::{Access, require_account};
use crate::coaches::Availability;
use crate::coaches::draft::{CoachStatus, ProfileDraft};
use crate::eligibility::OrganisationType;
use crate::error::AppError;
use crate::interest::form::FundingRoute;
use crate::interest::{EngagementStatus, RequestStatus};
use crate::vocabulary::{Community, Region};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::server;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A coach's own view of where their profile stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    pub slug: String,
    pub status: CoachStatus,
    /// Staff's note when they sent a new profile back.
    pub rejection_reason: Option<String>,
    /// Changes waiting for approval (the public sees the approved profile meanwhile).
    pub pending: Option<ProfileDraft>,
    /// Staff's note on the last changes they sent back.
    pub revision_rejected: Option<String>,
    pub availability: Availability,
    /// Why Cascade set the coach to not accepting, until they next save their availability.
    pub paused: Option<crate::interest::due::PausedReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub reference: String,
    pub leader_name: String,
    pub organisation_name: String,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
    /// When the coach must answer by, while it waits for them.
    pub answer_due_on: Option<NaiveDate>,
    /// Passed on from a coach the leader asked before.
    pub passed_on: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementSummary {
    pub id: Uuid,
    pub leader_name: String,
    pub organisation_name: String,
    pub status: EngagementStatus,
    pub sessions: i64,
    pub started_at: DateTime<Utc>,
}

/// Everything on `/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachArea {
    pub name: String,
    pub email: String,
    pub profile: Option<MyProfile>,
    pub requests: Vec<RequestSummary>,
    pub engagements: Vec<EngagementSummary>,
}

#[server(endpoint = "my_coaching")]
pub async fn my_coaching() -> Result<CoachArea, AppError> {
    let account = require_account(Access::Coach)?;
    let pool = crate::state::pool()?;
    let (profile, requests, engagements) = match account.coach_id {
        Some(coach_id) => (
            db::my_profile(&pool, coach_id, crate::clock::now()).await?,
            db::requests(&pool, coach_id).await?,
            db::engagements(&pool, coach_id).await?,
        ),
        None => (None, Vec::new(), Vec::new()),
    };
    Ok(CoachArea {
        name: account.name,
        email: account.email,
        profile,
        requests,
        engagements,
    })
}

/// What the profile form starts from: the changes waiting for approval if there are any, else
/// the profile as it stands, else nothing (a new coach). Plus the private phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub draft: Option<ProfileDraft>,
    pub phone: String,
    pub status: Option<CoachStatus>,
    pub name: String,
}

#[server(endpoint = "my_profile_form")]
pub async fn my_profile_form() -> Result<ProfileForm, AppError> {
    let account = require_account(Access::Coach)?;
    let pool = crate::state::pool()?;
    let Some(coach_id) = account.coach_id else {
        return Ok(ProfileForm {
            draft: None,
            phone: String::new(),
            status: None,
            name: account.name,
        });
    };
    let (current, status, phone) = crate::coaches::db::profiles::current_draft(&pool, coach_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pending = crate::coaches::db::profiles::pending_revision(&pool, coach_id).await?;
    Ok(ProfileForm {
        draft: Some(pending.unwrap_or(current)),
        phone: phone.unwrap_or_default(),
        status: Some(status),
        name: account.name,
    })
}

/// A request as its coach sees it: everything the leader sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub reference: String,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
    pub leader_name: String,
    /// How to reach the leader: only once the coach has accepted.
    pub contact: Option<LeaderContact>,
    pub role: String,
    pub organisation_name: String,
    pub organisation_type: OrganisationType,
    pub registration_number: Option<String>,
    pub annual_income_pence: i64,
    pub region: Region,
    /// The start of the postcode (`CF10`): the full one comes with the contact details.
    pub postcode_area: String,
    pub communities_served: Vec<Community>,
    pub goals: String,
    pub funding_route: FundingRoute,
    pub had_leadership_support_before: bool,
    pub response_message: Option<String>,
    /// The last day to answer, while it waits.
    pub answer_due_on: Option<NaiveDate>,
    pub alternatives: Vec<String>,
    pub engagement_id: Option<Uuid>,
    pub places_left: i32,
}

/// How to reach a leader, which their coach sees once they accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderContact {
    pub email: String,
    pub phone: Option<String>,
    pub postcode: String,
}

/// One of the caller's own requests; anyone else's is `NotFound` (not `Forbidden`, so
/// references cannot be probed).
#[server(endpoint = "my_request")]
pub async fn my_request(reference: String) -> Result<RequestDetail, AppError> {
    let account = require_account(Access::Coach)?;
    let coach_id = account.coach_id.ok_or(AppError::NotFound)?;
    let reference = crate::interest::Reference::parse(&reference).ok_or(AppError::NotFound)?;
    let pool = crate::state::pool()?;
    db::request(&pool, coach_id, reference.as_str())
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionHeld {
    pub held_on: NaiveDate,
    pub minutes: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementDetail {
    pub id: Uuid,
    pub reference: String,
    pub leader_name: String,
    pub organisation_name: String,
    pub status: EngagementStatus,
    pub started_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub sessions: Vec<SessionHeld>,
}

/// One of the caller's own engagements; anyone else's is `NotFound`.
#[server(endpoint = "my_engagement")]
pub async fn my_engagement(id: Uuid) -> Result<EngagementDetail, AppError> {
    let account = require_account(Access::Coach)?;
    let coach_id = account.coach_id.ok_or(AppError::NotFound)?;
    let pool = crate::state::pool()?;
    db::engagement(&pool, coach_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// What a coach's emailed link to confirm their availability shows, once it has confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityConfirmed {
    pub name: String,
    /// What the directory says about their availability.
    pub summary: String,
    /// When the link was used, if not just now (the coach opening it again, or a mail scanner
    /// having opened it first).
    pub earlier: Option<NaiveDate>,
}

/// Confirms the availability of the coach whose emailed link this is: one click, no need to
/// sign in (the token is the permission). An unknown or expired link is `NotFound`.
#[server(endpoint = "confirm_availability")]
pub async fn confirm_availability(token: String) -> Result<AvailabilityConfirmed, AppError> {
    let pool = crate::state::pool()?;
    let now = crate::clock::now();
    let (account, earlier) = db::confirm_availability(&pool, &token, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let (name, availability) = db::availability_of_account(&pool, account)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(AvailabilityConfirmed {
        name,
        summary: availability.as_of(crate::clock::uk_date(now)).summary(),
        earlier: earlier.map(crate::clock::uk_date),
    })
}

//! `/staff`: keeping the directory trustworthy and seeing every request. The moderation queue
//! (new and changed profiles), coaches (hide, unhide, suspend), inviting coaches, all
//! expressions of interest (and those waiting for an answer), coaching, bursaries against a
//! yearly number of places, bank holidays, the outbox, and the audit log. Every server function
//! here requires staff; every action is audited.

pub mod bank_holidays;
pub mod pages;
pub mod team;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod decisions;

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::audit::AuditEntry;
use crate::coaches::draft::CoachStatus;
use crate::error::AppError;
use crate::interest::form::FundingRoute;
use crate::interest::{BursaryDecision, EngagementStatus, RequestStatus};
use crate::mail::Kind;
use crate::vocabulary::Region;
use chrono::{DateTime, Utc};
use leptos::server;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub profiles_waiting: i64,
    pub requests_pending: i64,
    pub bursaries_undecided: i64,
    pub outbox_unsent: i64,
    pub mail_delivery: bool,
}

#[server(endpoint = "staff_overview")]
pub async fn staff_overview() -> Result<Overview, AppError> {
    require(Access::Staff)?;
    let state = crate::state::app_state()?;
    let mut overview = db::overview(&state.pool).await?;
    overview.mail_delivery = state.mail_delivery;
    Ok(overview)
}

/// A profile waiting for a decision: a new one (every field is new) or changes to a published
/// one (only the changed fields, before and after).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub coach_id: Uuid,
    pub slug: String,
    pub name: String,
    pub email: String,
    pub new_profile: bool,
    /// Whether the coach's training is recorded (a new profile is published only then).
    pub trained: bool,
    pub submitted_at: DateTime<Utc>,
    /// (field, before, after); `before` is empty for a new profile.
    pub changes: Vec<(String, String, String)>,
}

#[server(endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<Vec<ModerationItem>, AppError> {
    require(Access::Staff)?;
    Ok(db::moderation_queue(&crate::state::pool()?).await?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachListing {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub status: CoachStatus,
    /// Whether staff have ever approved the profile (only such a one may be unhidden).
    pub approved_once: bool,
    pub region: Option<Region>,
    pub accepting_now: bool,
    pub current_leaders: i32,
    pub capacity: i32,
    pub account_email: Option<String>,
    /// The coach's private phone number, for staff to reach them.
    pub phone: Option<String>,
    /// Why Cascade stopped the coach accepting, if it did.
    pub paused_reason: Option<crate::interest::due::PausedReason>,
}

#[server(endpoint = "staff_coaches")]
pub async fn staff_coaches() -> Result<Vec<CoachListing>, AppError> {
    require(Access::Staff)?;
    Ok(db::coaches(&crate::state::pool()?).await?)
}

/// Filters for the list of expressions of interest, from the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub region: Option<Region>,
    pub coach: Option<String>,
    pub funding: Option<FundingRoute>,
}

impl RequestFilter {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> RequestFilter {
        let mut filter = RequestFilter::default();
        for (key, value) in pairs {
            match key {
                "status" => filter.status = RequestStatus::from_slug(value),
                "region" => filter.region = Region::from_slug(value),
                "coach" => filter.coach = crate::coaches::Slug::parse(value).map(|s| s.to_string()),
                "funding" => filter.funding = FundingRoute::from_slug(value),
                _ => {}
            }
        }
        filter
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub leader_name: String,
    pub organisation_name: String,
    pub coach_name: String,
    pub coach_slug: String,
    pub region: Option<Region>,
    pub funding_route: FundingRoute,
    pub status: RequestStatus,
    pub bursary_decision: Option<BursaryDecision>,
    /// Sent although the coach's declarations conflict with the leader's organisation.
    pub conflict: Option<crate::matching::declared::Conflict>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub requests: Vec<StaffRequest>,
    /// (slug, name) of every coach, for the filter.
    pub coaches: Vec<(String, String)>,
}

#[server(endpoint = "staff_requests")]
pub async fn staff_requests(filter: RequestFilter) -> Result<RequestList, AppError> {
    require(Access::Staff)?;
    let pool = crate::state::pool()?;
    Ok(RequestList {
        requests: db::requests(&pool, &filter).await?,
        coaches: db::coach_names(&pool).await?,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BursaryRequest {
    pub reference: String,
    pub created_at: DateTime<Utc>,
    pub leader_name: String,
    pub organisation_name: String,
    pub annual_income_pence: i64,
    pub coach_name: String,
    pub status: RequestStatus,
    pub decision: Option<BursaryDecision>,
    /// Undecided, with its coaching request still open.
    pub to_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bursaries {
    pub year: i32,
    pub places: Option<i32>,
    pub approved: i64,
    pub requests: Vec<BursaryRequest>,
}

#[server(endpoint = "staff_bursaries")]
pub async fn staff_bursaries(year: i32) -> Result<Bursaries, AppError> {
    require(Access::Staff)?;
    Ok(db::bursaries(&crate::state::pool()?, year).await?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub created_at: DateTime<Utc>,
    pub kind: Kind,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[server(endpoint = "staff_outbox")]
pub async fn staff_outbox() -> Result<(Vec<OutboxMessage>, bool), AppError> {
    require(Access::Staff)?;
    let state = crate::state::app_state()?;
    let mut messages = db::outbox(&state.pool).await?;
    if state.mail_delivery {
        // Older messages, queued before links were made as each email is sent, may still hold
        // one: once email carries them, nobody else needs to see them.
        for message in &mut messages {
            message.body = hide_link_tokens(&message.body);
        }
    }
    Ok((messages, state.mail_delivery))
}

/// `…?token=abc123` → `…?token=(sent by email, hidden here)`.
pub fn hide_link_tokens(body: &str) -> String {
    let mut shown = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("token=") {
        let value_start = at + "token=".len();
        shown.push_str(&rest[..value_start]);
        shown.push_str("(sent by email, hidden here)");
        let value_end = rest[value_start..]
            .find(|c: char| c.is_whitespace())
            .map_or(rest.len(), |end| value_start + end);
        rest = &rest[value_end..];
    }
    shown.push_str(rest);
    shown
}

/// The most rows the waiting and engagement lists show at once.
pub const LIST_LIMIT: usize = 500;

/// One coaching, as staff follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEngagement {
    pub id: Uuid,
    pub reference: String,
    pub coach_name: String,
    pub leader_name: String,
    pub organisation_name: String,
    pub status: EngagementStatus,
    pub sessions: i64,
    /// The UK date the coach accepted.
    pub started_on: chrono::NaiveDate,
    /// The last session held, or when it closed.
    pub last_activity: Option<chrono::NaiveDate>,
    /// Still open the longest coaching expected after it started (flagged by the due work).
    pub flagged: bool,
}

#[server(endpoint = "staff_engagements")]
pub async fn staff_engagements() -> Result<Vec<StaffEngagement>, AppError> {
    require(Access::Staff)?;
    Ok(db::engagements(&crate::state::pool()?).await?)
}

/// A request waiting for a coach's answer, with its whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRequest {
    pub reference: String,
    /// The UK date the leader first asked.
    pub received_on: chrono::NaiveDate,
    pub leader_name: String,
    pub coach_name: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub overdue: bool,
    /// The other coaches the leader named, in their order.
    pub named: Vec<String>,
    /// What has happened, oldest first: each coach asked, each answer, each reminder.
    pub history: Vec<String>,
}

#[server(endpoint = "staff_waiting")]
pub async fn staff_waiting() -> Result<Vec<WaitingRequest>, AppError> {
    require(Access::Staff)?;
    Ok(db::waiting(&crate::state::pool()?, crate::clock::today()).await?)
}

#[server(endpoint = "staff_audit_log")]
pub async fn staff_audit_log() -> Result<Vec<AuditEntry>, AppError> {
    require(Access::Staff)?;
    Ok(crate::audit::entries(&crate::state::pool()?, 500).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tokens_are_hidden_and_the_rest_kept() {
        assert_eq!(
            hide_link_tokens(
                "Use this link:\n\nhttps://x/account/reset-password?token=abc_123\n\nThanks"
            ),
            "Use this link:\n\nhttps://x/account/reset-password?token=(sent by email, hidden here)\n\nThanks"
        );
        assert_eq!(hide_link_tokens("no links"), "no links");
    }

    #[test]
    fn request_filters_ignore_unknown_values() {
        let filter = RequestFilter::from_pairs([
            ("status", "pending"),
            ("region", "mars"),
            ("funding", "lottery"),
            ("coach", "amara-okafor"),
        ]);
        assert_eq!(
            RequestFilter::from_pairs([("coach", "a\0b")]).coach,
            None,
            "not a coach's slug"
        );
        assert_eq!(filter.status, Some(RequestStatus::Pending));
        assert_eq!(filter.region, None);
        assert_eq!(filter.funding, None);
        assert_eq!(filter.coach.as_deref(), Some("amara-okafor"));
    }
}

//! Concerns: a leader (from their request's page) or a coach (from their coaching's page) may
//! raise a concern about the other, about their coaching together. Only staff read it; staff
//! track it at `/staff/concerns` with notes of their own, and when they close it both sides are
//! emailed that it is closed and what was decided ([`POLICY`] says so on every form).

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What happens to a concern, as the forms state it and the code does it.
pub const POLICY: &str = "Only Cascade staff read your concern, and we email you to say we have it. Staff may \
    contact you, and, if they need to, the other person, to look into it; they will know it is about your \
    coaching together. When staff close it, we email you both to say it is closed and what was decided. \
    We never send the other person what you wrote.";

/// The longest concern, note or outcome.
pub const TEXT_MAX_CHARS: usize = 3_000;
pub const OUTCOME_MAX_CHARS: usize = 2_000;

crate::vocabulary::vocabulary! {
    /// Where a concern is.
    ConcernStatus {
        Open => ("open", "Open"),
        LookingInto => ("looking_into", "Being looked into"),
        Closed => ("closed", "Closed"),
    }
}

crate::vocabulary::vocabulary! {
    /// Who raised it.
    RaisedBy {
        Leader => ("leader", "The leader"),
        Coach => ("coach", "The coach"),
    }
}

/// A concern in the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernItem {
    pub id: Uuid,
    pub reference: String,
    pub leader_name: String,
    pub coach_name: String,
    pub raised_by: RaisedBy,
    pub status: ConcernStatus,
    pub raised_at: DateTime<Utc>,
}

/// One concern, with staff's notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernDetail {
    pub item: ConcernItem,
    pub body: String,
    /// (when, who, note), oldest first.
    pub notes: Vec<(DateTime<Utc>, String, String)>,
    pub outcome: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "staff_concerns")]
pub async fn staff_concerns() -> Result<Vec<ConcernItem>, AppError> {
    require(Access::Staff)?;
    Ok(db::list(&crate::state::pool()?).await?)
}

#[server(endpoint = "staff_concern")]
pub async fn staff_concern(id: Uuid) -> Result<ConcernDetail, AppError> {
    require(Access::Staff)?;
    db::detail(&crate::state::pool()?, id)
        .await?
        .ok_or(AppError::NotFound)
}

//! Coach readiness: the programme's coaches are trained and supervised leaders.
//!
//! - Staff record each coach's training (when, the cohort, who trained them); a profile is
//!   published only with training recorded (`staff::decisions`).
//! - Staff give each coach a supervisor (a coach or a member of staff). Staff or that supervisor
//!   record each supervision session attended: when, one to one or in a group, and with whom;
//!   never what was said.
//! - A coach with no supervision for the supervision period (a setting) is set to not accepting new
//!   leaders by the due work, and told why; they cannot accept again until a session is
//!   recorded.
//! - Supervisors see their caseload at `/supervision`.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use crate::coaches::draft::CoachStatus;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::vocabulary::vocabulary! {
    /// How a supervision session was held.
    SupervisionFormat {
        OneToOne => ("one_to_one", "One to one"),
        Group => ("group", "Group"),
    }
}

/// The day a coach's supervision lapses: `lapse_months` (the supervision period in effect,
/// `settings::Terms`) after the latest of
/// their last supervision, their training and the day their profile was first made (so a
/// newly trained coach has that long to see a supervisor first).
pub fn supervision_lapses_on(
    last_supervision: Option<NaiveDate>,
    trained_on: Option<NaiveDate>,
    profile_made_on: NaiveDate,
    lapse_months: u32,
) -> NaiveDate {
    let from = [last_supervision, trained_on, Some(profile_made_on)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(profile_made_on);
    from.checked_add_months(Months::new(lapse_months))
        .unwrap_or(NaiveDate::MAX)
}

/// One training a coach completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    pub completed_on: NaiveDate,
    pub cohort: String,
    pub trainer: String,
}

/// One supervision session a coach attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervision {
    pub held_on: NaiveDate,
    pub format: SupervisionFormat,
    pub supervisor: String,
}

/// A coach's readiness, as the staff list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessRow {
    pub coach_id: Uuid,
    pub name: String,
    pub status: CoachStatus,
    pub trained_on: Option<NaiveDate>,
    pub supervisor: Option<String>,
    pub last_supervision: Option<NaiveDate>,
    pub lapses_on: NaiveDate,
    pub accepting: bool,
}

/// Everything about one coach's readiness, for the page where staff record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachReadiness {
    pub coach_id: Uuid,
    pub name: String,
    pub status: CoachStatus,
    pub training: Vec<Training>,
    /// (account, name) of their supervisor.
    pub supervisor: Option<(Uuid, String)>,
    /// Newest first.
    pub supervision: Vec<Supervision>,
    pub lapses_on: NaiveDate,
    /// Set to not accepting because supervision lapsed.
    pub paused_for_supervision: bool,
    /// (account, name and role) of everyone who may supervise: coaches with accounts and staff,
    /// not the coach themself.
    pub possible_supervisors: Vec<(Uuid, String)>,
}

/// A leader a coach is coaching now, as their supervisor sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentLeader {
    pub leader_name: String,
    pub organisation_name: String,
    pub started_on: NaiveDate,
    pub sessions: i64,
}

/// One coach in a supervisor's caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervisee {
    pub coach_id: Uuid,
    pub name: String,
    pub accepting: bool,
    pub current_leaders: Vec<CurrentLeader>,
    /// Coaching sessions held in each of the last six months: (first of the month, count).
    pub sessions_by_month: Vec<(NaiveDate, i64)>,
    /// Newest first.
    pub supervision: Vec<Supervision>,
    pub lapses_on: NaiveDate,
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require, require_account};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "staff_readiness")]
pub async fn staff_readiness() -> Result<Vec<ReadinessRow>, AppError> {
    require(Access::Staff)?;
    let terms = crate::settings::current_terms()?;
    Ok(db::list(&crate::state::pool()?, terms.supervision_lapse_months).await?)
}

#[server(endpoint = "readiness_of_coach")]
pub async fn readiness_of_coach(coach_id: Uuid) -> Result<CoachReadiness, AppError> {
    require(Access::Staff)?;
    let terms = crate::settings::current_terms()?;
    db::coach(
        &crate::state::pool()?,
        coach_id,
        terms.supervision_lapse_months,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// The caller's caseload as a supervisor: empty for someone who supervises nobody.
#[server(endpoint = "supervision_caseload")]
pub async fn supervision_caseload() -> Result<Vec<Supervisee>, AppError> {
    let account = require_account(Access::SignedIn)?;
    let today = crate::clock::today();
    let terms = crate::settings::current_terms()?;
    Ok(db::caseload(
        &crate::state::pool()?,
        account.id,
        today,
        terms.supervision_lapse_months,
    )
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn supervision_lapses_four_months_after_the_latest_of_supervision_training_and_the_profile() {
        let made = date(2026, 1, 10);
        assert_eq!(
            supervision_lapses_on(None, None, made, 4),
            date(2026, 5, 10)
        );
        assert_eq!(
            supervision_lapses_on(None, Some(date(2026, 3, 1)), made, 4),
            date(2026, 7, 1)
        );
        assert_eq!(
            supervision_lapses_on(Some(date(2026, 8, 31)), Some(date(2026, 3, 1)), made, 4),
            date(2026, 12, 31)
        );
        // An older supervision than the training does not bring the day forward.
        assert_eq!(
            supervision_lapses_on(Some(date(2025, 12, 1)), Some(date(2026, 3, 1)), made, 4),
            date(2026, 7, 1)
        );
        // The end of a longer month lands on the end of a shorter one.
        assert_eq!(
            supervision_lapses_on(Some(date(2026, 10, 31)), None, made, 4),
            date(2027, 2, 28)
        );
    }

    #[test]
    fn supervision_formats_read_back_from_their_slugs() {
        for format in SupervisionFormat::ALL {
            assert_eq!(SupervisionFormat::from_slug(format.slug()), Some(*format));
        }
        assert_eq!(SupervisionFormat::from_slug("telepathy"), None);
    }
}

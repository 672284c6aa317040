//! Who may suit whom. Pure rules, no I/O: conflicts of interest between a leader's organisation
//! and the organisations a coach declares they must not coach ([`conflicts`]), and the ranking
//! of coaches who may suit a leader, with its reasons ([`suggest`]).

pub mod conflicts;
pub mod declared;
pub mod suggest;

#[cfg(feature = "ssr")]
pub mod db;

#[cfg(feature = "ssr")]
pub mod action;
pub mod pages;
pub mod wishes;

use crate::coaches::CoachProfile;
use crate::error::AppError;
use declared::{Declarations, LeaderOrganisation};
use serde::{Deserialize, Serialize};
use suggest::Wishes;

/// A coach suggested to a leader, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedCoach {
    pub coach: CoachProfile,
    pub reasons: Vec<String>,
}

/// "Coaches who may suit you": published coaches ranked against `wishes`, never one whose
/// declarations conflict with the leader's organisation, nor `except` (the coach whose page
/// this is). Public: it shows only what the directory shows, and says nothing of who declared
/// what (a coach left out is simply not suggested).
#[leptos::server(endpoint = "suggested_coaches")]
pub async fn suggested_coaches(
    wishes: Wishes,
    organisation: Option<LeaderOrganisation>,
    except: Option<String>,
    limit: u8,
) -> Result<Vec<SuggestedCoach>, AppError> {
    let state = crate::state::app_state()?;
    let coaches = state
        .directory
        .suggestible(&state.pool, crate::clock::today())
        .await?;
    let allowed: Vec<&db::Suggestible> = coaches
        .iter()
        .filter(|c| except.as_deref() != Some(c.profile.slug.as_str()))
        // Only a declared organisation keeps a coach out: a shared district is for the leader
        // to weigh, and the ask form tells them.
        .filter(|c| {
            organisation.as_ref().is_none_or(|leader| {
                declared::conflict(&c.declarations, &c.profile.communities, leader)
                    != Some(declared::Conflict::DeclaredOrganisation)
            })
        })
        .collect();
    let candidates: Vec<suggest::Candidate> = allowed.iter().map(|c| c.candidate.clone()).collect();
    let ranked = suggest::suggest(&wishes, &candidates, usize::from(limit.min(12)));
    Ok(ranked
        .into_iter()
        .filter_map(|s| {
            allowed
                .iter()
                .find(|c| c.profile.slug == s.slug)
                .map(|c| SuggestedCoach {
                    coach: c.profile.clone(),
                    reasons: s.reasons,
                })
        })
        .collect())
}

/// The signed-in coach's own declarations.
#[leptos::server(endpoint = "my_declarations")]
pub async fn my_declarations() -> Result<Declarations, AppError> {
    let account = crate::access::require_account(crate::access::Access::Coach)?;
    let coach_id = account.coach_id.ok_or(AppError::NotFound)?;
    let pool = crate::state::pool()?;
    Ok(db::declarations(&pool, coach_id).await?)
}

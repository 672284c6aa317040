//! A leader's own view of their request, reached by the private link in their
//! acknowledgement email (`/requests/{token}`): every coach asked, in order, with each one's
//! state and dates; the coach's contact details once one accepts; and what the leader can do
//! (withdraw, ask another coach, correct their email address or phone number).
//!
//! The link's token is random and stored only as its hash. It works until
//! [`LINK_DAYS_AFTER_END`] days after the request ends.

use super::{EngagementStatus, RequestStatus};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::server;
use serde::{Deserialize, Serialize};

/// How long a leader's private link keeps working after their request ends.
pub const LINK_DAYS_AFTER_END: i64 = 90;

crate::vocabulary::vocabulary! {
    /// Where a leader's request stands, as a whole, on their own page.
    LeaderStatus {
        /// Waiting for the coach now asked.
        Waiting => ("waiting", "Waiting for an answer"),
        Accepted => ("accepted", "Accepted: your coaching has started"),
        /// The last coach asked declined (or left the directory), and no other coach has been
        /// asked since.
        Declined => ("declined", "Not taken on"),
        /// The last coach asked did not answer in time.
        Expired => ("expired", "No answer in time"),
        /// Passed to another coach, who has not answered yet.
        PassedOn => ("passed-on", "Passed to another coach"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        /// The coaching that followed has finished.
        Closed => ("closed", "Coaching finished"),
    }
}

/// One coach asked, as the leader's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskView {
    pub reference: String,
    pub coach_name: String,
    pub coach_slug: String,
    pub status: RequestStatus,
    pub engagement: Option<EngagementStatus>,
    /// Whether the request was passed to this coach (rather than asked by the leader).
    pub passed_on: bool,
    /// The last day the coach has to answer.
    pub due_on: Option<NaiveDate>,
    pub asked_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    /// The coach's message with an acceptance, or reason with a decline.
    pub answer: Option<String>,
}

/// How to reach the coach who accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachContact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// A coach accepting new leaders now, whom the leader could ask next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextCoach {
    pub slug: String,
    pub name: String,
    /// Named by the leader as a coach they would accept.
    pub named: bool,
}

/// Everything on the leader's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderRequestView {
    pub status: LeaderStatus,
    pub leader_name: String,
    pub role: String,
    pub organisation_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub asks: Vec<AskView>,
    pub coach_contact: Option<CoachContact>,
    /// Coaches the leader could ask now (when nobody is considering or coaching them).
    pub next_coaches: Vec<NextCoach>,
    pub withdrawal_reason: Option<String>,
}

impl LeaderRequestView {
    /// Whether a coach is considering the request now: it can then be withdrawn.
    pub fn can_withdraw(&self) -> bool {
        self.asks.iter().any(|a| a.status.is_pending())
    }

    /// Whether the leader may ask another coach: nobody is considering or coaching them, and
    /// they have not withdrawn.
    pub fn can_ask_another(&self) -> bool {
        !matches!(
            self.status,
            LeaderStatus::Waiting
                | LeaderStatus::PassedOn
                | LeaderStatus::Accepted
                | LeaderStatus::Withdrawn
        )
    }
}

/// The whole request's state from its coaches' states, the latest asked last. Pure: the page,
/// the emails and the tests read it the same way.
pub fn leader_status(withdrawn: bool, asks: &[AskView]) -> LeaderStatus {
    if withdrawn {
        return LeaderStatus::Withdrawn;
    }
    if let Some(coached) = asks.iter().find(|a| a.status == RequestStatus::Accepted) {
        return match coached.engagement {
            Some(EngagementStatus::Completed | EngagementStatus::EndedEarly) => {
                LeaderStatus::Closed
            }
            _ => LeaderStatus::Accepted,
        };
    }
    match asks.last() {
        Some(ask) if ask.status.is_pending() && ask.passed_on => LeaderStatus::PassedOn,
        Some(ask) if ask.status.is_pending() => LeaderStatus::Waiting,
        Some(ask) if ask.status == RequestStatus::Expired => LeaderStatus::Expired,
        Some(ask) if ask.status == RequestStatus::Withdrawn => LeaderStatus::Withdrawn,
        _ => LeaderStatus::Declined,
    }
}

/// The leader's page, for whoever holds the link. Public: the token is the key, and a token
/// that is unknown, or whose request ended more than [`LINK_DAYS_AFTER_END`] days ago, finds
/// nothing.
#[server(endpoint = "leader_request")]
pub async fn leader_request(token: String) -> Result<LeaderRequestView, AppError> {
    let pool = crate::state::pool()?;
    super::db::leader_request(&pool, &token, crate::clock::now())
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(status: RequestStatus, passed_on: bool) -> AskView {
        AskView {
            reference: "CL-2026-000001".into(),
            coach_name: "Amara Okafor".into(),
            coach_slug: "amara-okafor".into(),
            status,
            engagement: (status == RequestStatus::Accepted).then_some(EngagementStatus::Active),
            passed_on,
            due_on: None,
            asked_on: NaiveDate::default(),
            answered_on: None,
            answer: None,
        }
    }

    #[test]
    fn the_whole_request_reads_from_its_latest_coach() {
        use RequestStatus::*;
        let table: [(&[AskView], LeaderStatus); 7] = [
            (&[ask(Pending, false)], LeaderStatus::Waiting),
            (&[ask(Declined, false)], LeaderStatus::Declined),
            (
                &[ask(Declined, false), ask(Pending, true)],
                LeaderStatus::PassedOn,
            ),
            (
                &[ask(Declined, false), ask(Pending, false)],
                LeaderStatus::Waiting,
            ),
            (&[ask(Expired, false)], LeaderStatus::Expired),
            (
                &[ask(Expired, false), ask(Accepted, true)],
                LeaderStatus::Accepted,
            ),
            (&[ask(Withdrawn, false)], LeaderStatus::Withdrawn),
        ];
        for (asks, expected) in table {
            assert_eq!(leader_status(false, asks), expected, "{asks:?}");
        }
        assert_eq!(
            leader_status(true, &[ask(Pending, false)]),
            LeaderStatus::Withdrawn
        );
        let mut finished = ask(Accepted, false);
        finished.engagement = Some(EngagementStatus::Completed);
        assert_eq!(leader_status(false, &[finished]), LeaderStatus::Closed);
    }

    #[test]
    fn the_page_s_statuses_are_the_seven_the_issue_names() {
        let slugs: Vec<&str> = LeaderStatus::ALL.iter().map(|s| s.slug()).collect();
        assert_eq!(
            slugs,
            [
                "waiting",
                "accepted",
                "declined",
                "expired",
                "passed-on",
                "withdrawn",
                "closed"
            ]
        );
    }
}

//! The states a request, the coaching that follows it and its bursary pass through, and the
//! rules for moving between them: pure, so that every transition is tested here and the
//! database is asked only to record it.

crate::vocabulary::vocabulary! {
    /// Where a leader's request to a coach stands.
    RequestStatus {
        /// Waiting for the coach's answer.
        Pending => ("pending", "Waiting for an answer"),
        Accepted => ("accepted", "Accepted"),
        Declined => ("declined", "Declined"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        /// The coach did not answer in time.
        Expired => ("expired", "No answer in time"),
        /// The coach left the directory (hidden or suspended) while considering it.
        Lapsed => ("lapsed", "The coach left the directory"),
    }
}

impl RequestStatus {
    /// The coach's answer, `accept` or decline: only a request waiting for one can take it.
    pub const fn answered(self, accept: bool) -> Option<RequestStatus> {
        match (self, accept) {
            (RequestStatus::Pending, true) => Some(RequestStatus::Accepted),
            (RequestStatus::Pending, false) => Some(RequestStatus::Declined),
            _ => None,
        }
    }

    /// Whether the request is still waiting for the coach.
    pub const fn is_pending(self) -> bool {
        matches!(self, RequestStatus::Pending)
    }
}

crate::vocabulary::vocabulary! {
    /// Where the coaching that follows an accepted request stands.
    EngagementStatus {
        Active => ("active", "Active"),
        Completed => ("completed", "Completed"),
        /// For example, the leader moved on or stopped replying.
        EndedEarly => ("ended_early", "Ended early"),
    }
}

impl EngagementStatus {
    /// Closing the coaching, `completed` or ended early: only active coaching can close.
    pub const fn closed(self, completed: bool) -> Option<EngagementStatus> {
        match (self, completed) {
            (EngagementStatus::Active, true) => Some(EngagementStatus::Completed),
            (EngagementStatus::Active, false) => Some(EngagementStatus::EndedEarly),
            _ => None,
        }
    }

    pub const fn is_active(self) -> bool {
        matches!(self, EngagementStatus::Active)
    }
}

crate::vocabulary::vocabulary! {
    /// Staff's decision on a bursary a leader asked for.
    BursaryDecision {
        Approved => ("approved", "Approved"),
        Declined => ("declined", "Declined"),
    }
}

impl BursaryDecision {
    pub const fn new(approve: bool) -> BursaryDecision {
        if approve {
            BursaryDecision::Approved
        } else {
            BursaryDecision::Declined
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_waiting_request_can_be_answered() {
        use RequestStatus::*;
        assert_eq!(Pending.answered(true), Some(Accepted));
        assert_eq!(Pending.answered(false), Some(Declined));
        for &status in &[Accepted, Declined, Withdrawn, Expired, Lapsed] {
            assert_eq!(status.answered(true), None, "{status:?}");
            assert_eq!(status.answered(false), None, "{status:?}");
            assert!(!status.is_pending());
        }
    }

    #[test]
    fn only_active_coaching_can_close() {
        use EngagementStatus::*;
        assert_eq!(Active.closed(true), Some(Completed));
        assert_eq!(Active.closed(false), Some(EndedEarly));
        for status in [Completed, EndedEarly] {
            assert_eq!(status.closed(true), None);
            assert_eq!(status.closed(false), None);
            assert!(!status.is_active());
        }
    }

    #[test]
    fn states_are_stored_as_the_database_lists_them() {
        let slugs = |all: &[&str]| all.join(",");
        assert_eq!(
            slugs(
                &RequestStatus::ALL
                    .iter()
                    .map(|s| s.slug())
                    .collect::<Vec<_>>()
            ),
            "pending,accepted,declined,withdrawn,expired,lapsed"
        );
        assert_eq!(
            slugs(
                &EngagementStatus::ALL
                    .iter()
                    .map(|s| s.slug())
                    .collect::<Vec<_>>()
            ),
            "active,completed,ended_early"
        );
        assert_eq!(BursaryDecision::new(true).slug(), "approved");
        assert_eq!(BursaryDecision::new(false).slug(), "declined");
    }
}

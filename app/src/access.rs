//! Who is asking, and what they may do: the one place every rule about callers lives.
//!
//! - [`Caller`] is who sent a request, resolved once per request from the session cookie by the
//!   server's middleware (`accounts::session`); [`Access`] is what an entry point requires.
//! - Pages declare their rule next to their path in `routes`; forms that change something in
//!   `routes::forms`; server functions in [`SERVER_FUNCTIONS`], checked by an inventory test
//!   against every server function the binary registers, and by an access-matrix test against
//!   what each one actually answers. Ownership (a coach's own requests) is checked inside each.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Every server function's endpoint and the access it requires. Ownership (a coach's own
/// requests) is checked inside, on top.
pub const SERVER_FUNCTIONS: &[(&str, Access)] = &[
    ("/api/search_coaches", Access::Public),
    ("/api/coach_results", Access::Public),
    ("/api/suggested_coaches", Access::Public),
    ("/api/coach_profile", Access::Public),
    ("/api/ask_page", Access::Public),
    ("/api/leader_request", Access::Public),
    ("/api/questionnaire", Access::Public),
    ("/api/leader_data", Access::Public),
    ("/api/impact_figures", Access::Public),
    ("/api/account_link", Access::Public),
    ("/api/sign_in_step", Access::Public),
    ("/api/my_second_factor", Access::SignedIn),
    ("/api/confirm_availability", Access::Public),
    ("/api/my_coaching", Access::Coach),
    ("/api/my_declarations", Access::Coach),
    ("/api/my_profile_form", Access::Coach),
    ("/api/my_request", Access::Coach),
    ("/api/my_engagement", Access::Coach),
    ("/api/coach_data", Access::Coach),
    ("/api/coaching_in_progress", Access::Coach),
    ("/api/staff_overview", Access::Staff),
    ("/api/take_up_overview", Access::Staff),
    ("/api/moderation_queue", Access::Staff),
    ("/api/staff_coaches", Access::Staff),
    ("/api/staff_requests", Access::Staff),
    ("/api/staff_waiting", Access::Staff),
    ("/api/staff_engagements", Access::Staff),
    ("/api/staff_bursaries", Access::Staff),
    ("/api/staff_bank_holidays", Access::Staff),
    ("/api/staff_outbox", Access::Staff),
    ("/api/staff_audit_log", Access::Staff),
    ("/api/person_data", Access::Staff),
    ("/api/staff_team", Access::Admin),
    ("/api/programme_settings", Access::Admin),
    ("/api/staff_cascade", Access::Staff),
    ("/api/offer_to_train", Access::Public),
    ("/api/staff_concerns", Access::Staff),
    ("/api/staff_concern", Access::Staff),
    ("/api/feedback_form", Access::Public),
    ("/api/my_feedback", Access::Coach),
    ("/api/staff_feedback", Access::Staff),
    ("/api/staff_fees", Access::Staff),
    ("/api/staff_fee", Access::Staff),
    ("/api/staff_readiness", Access::Staff),
    ("/api/readiness_of_coach", Access::Staff),
    ("/api/supervision_caseload", Access::SignedIn),
    ("/api/my_supervisees", Access::SignedIn),
];

/// Who sent the request being handled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Caller {
    #[default]
    Anonymous,
    SignedIn(Account),
}

/// A signed-in, enabled account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub staff: bool,
    /// A staff member who also looks after the programme's settings and its people.
    pub admin: bool,
    /// The coach profile this account keeps, once it has one.
    pub coach_id: Option<Uuid>,
    /// Whether the account holds the coach role (it may not have a profile yet).
    pub coach: bool,
}

/// What an entry point (a server function or a form's POST handler) requires of its caller.
/// Ownership (a coach's own requests, say) is checked inside, on top of this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// An account invited to coach.
    Coach,
    /// Staff (admins too).
    Staff,
    /// Admins only: the programme's settings and its people.
    Admin,
}

impl Caller {
    pub fn account(&self) -> Option<&Account> {
        match self {
            Caller::SignedIn(account) => Some(account),
            Caller::Anonymous => None,
        }
    }

    pub fn is_staff(&self) -> bool {
        self.account().is_some_and(|a| a.staff)
    }

    pub fn is_admin(&self) -> bool {
        self.account().is_some_and(|a| a.staff && a.admin)
    }

    pub fn is_coach(&self) -> bool {
        self.account().is_some_and(|a| a.coach)
    }

    pub fn may(&self, access: Access) -> bool {
        match access {
            Access::Public => true,
            Access::SignedIn => self.account().is_some(),
            Access::Coach => self.is_coach(),
            Access::Staff => self.is_staff(),
            Access::Admin => self.is_admin(),
        }
    }

    /// `Ok(account)` when the caller may, else the error to answer with: sign in first, or
    /// not allowed.
    pub fn require(&self, access: Access) -> Result<Option<&Account>, crate::error::AppError> {
        if self.may(access) {
            Ok(self.account())
        } else if self.account().is_none() {
            Err(crate::error::AppError::Unauthenticated)
        } else {
            Err(crate::error::AppError::Forbidden)
        }
    }
}

/// `next` if it is a path on this site, safe to send someone to after signing in: it starts
/// with one `/`, and has no backslash or control character (browsers read `/\\evil.example`
/// and `/<tab>/evil.example` as other sites).
pub fn safe_next(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let starts_well = chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'));
    let clean = !next
        .chars()
        .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    (starts_well && clean && next.len() <= 512).then_some(next)
}

/// The caller of the request being rendered or served (from the request's extensions, where
/// the session middleware put it). Anonymous in the browser and outside a request.
pub fn current_caller() -> Caller {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Caller>().cloned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Caller::Anonymous
    }
}

/// Checks the current caller against `access`, for the first line of a server function:
/// `let account = require(Access::Staff)?;`.
pub fn require(access: Access) -> Result<Option<Account>, crate::error::AppError> {
    let caller = current_caller();
    caller.require(access).map(|a| a.cloned())
}

/// Like [`require`] for entry points only signed-in people reach: the account itself.
pub fn require_account(access: Access) -> Result<Account, crate::error::AppError> {
    require(access)?.ok_or(crate::error::AppError::Unauthenticated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(staff: bool, coach: bool) -> Caller {
        with_admin(staff, coach, false)
    }

    fn with_admin(staff: bool, coach: bool, admin: bool) -> Caller {
        Caller::SignedIn(Account {
            id: Uuid::nil(),
            email: "a@example.org".into(),
            name: "A".into(),
            staff,
            admin,
            coach_id: None,
            coach,
        })
    }

    #[test]
    fn each_access_rule_admits_exactly_who_it_says() {
        let anonymous = Caller::Anonymous;
        let coach = account(false, true);
        let staff = account(true, false);
        let both = account(true, true);
        let neither = account(false, false);
        let admin = with_admin(true, false, true);
        // A flag the database never holds without staff still admits nothing more.
        let admin_flag_only = with_admin(false, false, true);
        let table = [
            (Access::Public, [true, true, true, true, true, true, true]),
            (
                Access::SignedIn,
                [false, true, true, true, true, true, true],
            ),
            (
                Access::Coach,
                [false, true, false, true, false, false, false],
            ),
            (
                Access::Staff,
                [false, false, true, true, false, true, false],
            ),
            (
                Access::Admin,
                [false, false, false, false, false, true, false],
            ),
        ];
        for (access, expected) in table {
            let callers = [
                &anonymous,
                &coach,
                &staff,
                &both,
                &neither,
                &admin,
                &admin_flag_only,
            ];
            let got = callers.map(|c| c.may(access));
            assert_eq!(got, expected, "{access:?}");
        }
    }

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        for good in [
            "/",
            "/me",
            "/me/requests/CL-2026-000001?answered=yes",
            "/coaches?q=a+b",
        ] {
            assert_eq!(safe_next(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "me",
            "//evil.example",
            "/\\evil.example",
            "/\tevil",
            "/\t/evil.example",
            "https://evil.example",
            "/\r\nSet-Cookie:x",
            "/ /evil",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn refusals_say_whether_to_sign_in() {
        use crate::error::AppError;
        assert_eq!(
            Caller::Anonymous.require(Access::Staff).err(),
            Some(AppError::Unauthenticated)
        );
        assert_eq!(
            account(false, true).require(Access::Staff).err(),
            Some(AppError::Forbidden)
        );
    }
}

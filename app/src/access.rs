//! Who may call each server function: the declared rule, checked by an inventory test against
//! every server function the binary registers, and by an access-matrix test against what each
//! one actually answers. (Forms that change something have their rules in `actions::routes`,
//! which is also the only place they are registered.)

use crate::accounts::Access;

/// Every server function's endpoint and the access it requires. Ownership (a coach's own
/// requests) is checked inside, on top.
pub const SERVER_FUNCTIONS: &[(&str, Access)] = &[
    ("/api/search_coaches", Access::Public),
    ("/api/coach_profile", Access::Public),
    ("/api/ask_page", Access::Public),
    ("/api/account_link", Access::Public),
    ("/api/my_coaching", Access::Coach),
    ("/api/my_profile_form", Access::Coach),
    ("/api/my_request", Access::Coach),
    ("/api/my_engagement", Access::Coach),
    ("/api/staff_overview", Access::Staff),
    ("/api/moderation_queue", Access::Staff),
    ("/api/staff_coaches", Access::Staff),
    ("/api/staff_requests", Access::Staff),
    ("/api/staff_bursaries", Access::Staff),
    ("/api/staff_outbox", Access::Staff),
    ("/api/staff_audit_log", Access::Staff),
];

//! Expressions of interest: a leader asking a coach to coach them.
//!
//! - [`form`]: the form as typed and parsed, with the eligibility and bursary rules applied.
//! - [`pages`]: `/coaches/{slug}/ask` and its confirmation page.
//! - `submit` and `action` (server only): the transaction that stores a request, and the
//!   form's POST handler.

pub mod form;
pub mod leader;
pub mod leader_page;
pub mod lifecycle;
pub mod pages;
mod reference;

#[cfg(feature = "ssr")]
pub mod action;
#[cfg(feature = "ssr")]
pub mod db;
pub mod due;
#[cfg(feature = "ssr")]
pub mod submit;

pub use lifecycle::{BursaryDecision, EngagementStatus, RequestStatus};
pub use reference::Reference;

//! Expressions of interest: a leader asking a coach to coach them.
//!
//! - [`form`]: the form as typed and parsed, with the eligibility and bursary rules applied.
//! - [`pages`]: `/coaches/{slug}/ask` and its confirmation page.
//! - [`leader`], [`leader_page`]: the leader's own page for their request.
//! - [`lifecycle`]: the states and their transitions; [`due`]: deadlines and the worker.
//! - `submit`, `action`, `db`, `demo` (server only): the transaction that stores a request, the
//!   forms' POST handlers, the SQL, and the demo's requests.

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
#[cfg(feature = "ssr")]
pub mod demo;
pub mod due;
#[cfg(feature = "ssr")]
pub mod submit;

pub use lifecycle::{BursaryDecision, EngagementStatus, RequestStatus};
pub use reference::Reference;

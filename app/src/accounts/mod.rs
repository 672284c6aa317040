//! Accounts for coaches and staff: who is asking, what they may do, and signing in and out.
//!
//! Who is asking and what they may do is `crate::access`; this module signs them in.
//! - [`password`]: the password policy and hashing. `session` and `links` (server only):
//!   server-side sessions, and single-use emailed links (invitations, password resets).
//! - [`second_factor`]: staff's second step of signing in (an authenticator app's code, or a
//!   recovery code).
//! - [`pages`]: sign-in, setting a password, forgotten passwords. `actions`: their forms.

pub mod own;
pub mod pages;
pub mod password;
pub mod second_factor;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod links;
#[cfg(feature = "ssr")]
pub mod session;
pub mod throttle;

/// A session unused for this long ends (also quoted by the privacy notice).
pub const SESSION_IDLE_MINUTES: i64 = 60;
/// A session ends this long after sign-in, however busy.
pub const SESSION_LONGEST_HOURS: i64 = 12;

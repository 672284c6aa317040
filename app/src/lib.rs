#![recursion_limit = "256"]

//! Cascade: peer-to-peer leadership coaching for the UK voluntary and community sector.
//!
//! One module per part of the programme, each holding its domain types, its rules and SQL, its
//! server functions and its pages:
//!
//! - [`eligibility`]: who may have coaching and a bursary (pure rules), and the checker.
//! - [`site`]: the shell, layout, navigation and content pages.
//!
//! Shared building blocks: [`money`] (amounts as typed), [`forms`] (field messages),
//! [`error`] (the one error type server functions return), and, on the server, [`state`].
//!
//! Pages render on the server; only `#[island]` components are hydrated in the browser.

#[cfg(feature = "ssr")]
pub mod database;
pub mod eligibility;
pub mod error;
pub mod forms;
pub mod money;
pub mod site;
#[cfg(feature = "ssr")]
pub mod state;

pub use site::{App, shell};

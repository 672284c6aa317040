#![recursion_limit = "256"]

//! Cascade: peer-to-peer leadership coaching for the UK voluntary and community sector.
//!
//! One module per part of the programme, each holding its domain types, its rules and SQL, its
//! server functions and its pages:
//!
//! - [`eligibility`]: who may have coaching and a bursary (pure rules), and the checker.
//! - [`coaches`]: the coach directory, search and profiles.
//! - [`interest`]: expressions of interest, a leader asking a coach, and their states.
//! - [`accounts`]: signing in and out, sessions, emailed links, sign-in throttling.
//! - [`me`]: a coach's own area. [`staff`]: moderation, requests, bursaries, outbox, audit.
//! - [`mail`]: the outbox of email. [`audit`]: the append-only record of staff actions.
//! - [`matching`]: who may suit whom (pure rules): conflicts of interest so far.
//!
//! The frame: [`routes`] (every address with its access rule, the only module importing every
//! feature), [`site`] (banner, header, footer, content pages), [`ui`] (shared page pieces) and
//! [`forms`] (fields, text checks, and on the server the one way a form's POST is read).
//!
//! Shared building blocks: [`access`] (who is asking and what they may do), [`clock`] (the one
//! clock, UK time), [`vocabulary`] (the controlled lists and states), [`money`], [`contact`]
//! and [`place`] (values parsed once at the edge), [`error`] (the one error type), and, on the
//! server, [`state`], [`database`] and [`rate_limit`].
//!
//! Pages render on the server; only `#[island]` components are hydrated in the browser.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod cascade;
pub mod clock;
pub mod coaches;
pub mod concerns;
pub mod contact;
#[cfg(feature = "ssr")]
pub mod database;
pub mod eligibility;
pub mod error;
pub mod feedback;
pub mod fees;
pub mod forms;
pub mod interest;
pub mod mail;
pub mod matching;
pub mod me;
pub mod money;
pub mod outcomes;
pub mod personal_data;
pub mod place;
#[cfg(feature = "ssr")]
pub mod rate_limit;
pub mod readiness;
pub mod reporting;
pub mod retention;
pub mod routes;
pub mod settings;
pub mod site;
#[cfg(feature = "ssr")]
pub mod special_category;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;
pub mod vocabulary;

pub use routes::{App, shell};

//! The take-up overview and the evidence of impact: what staff see at `/staff/overview`, its
//! CSV exports and the evaluator's pseudonymised export, and the public `/impact` page.

pub mod stats;

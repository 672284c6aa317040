//! Integration tests: the real server on a port of its own, against a real PostgreSQL, each
//! test on a fresh database (see `helpers`). `make test` provides the PostgreSQL.

// The harness, like the tests, fails by panicking.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod access;
mod accounts;
mod availability_care;
mod backup;
mod cascade;
mod clock;
mod coach_area;
mod coach_data;
mod concerns;
mod connections;
mod control_characters;
mod database_roles;
mod demo;
mod demo_history;
mod directory;
mod eligibility;
mod feedback;
mod fees;
mod health;
mod helpers;
mod interest;
mod leader_page;
mod markup;
mod matching;
mod outbox;
mod overview;
mod people;
mod personal_data;
mod questionnaires;
mod readiness;
mod request_lifecycle;
mod retention;
mod sentinel;
mod settings;
mod site;
mod special_category;
mod staff;
mod staff_accounts;
mod team;
mod two_step;

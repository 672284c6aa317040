//! A person's rights over what Cascade holds about them, exercised without emailing anyone.
//! - Leaders, from their request's private page: access to everything held about them (every
//!   request from their email address, what became of each, their coaching, their
//!   questionnaires and the emails we wrote to them), as a JSON file and as a readable page;
//!   and erasure (`db::erase_leader`).
//! - Coaches, from `/me`: the same access (`coach::held_about_coach`), and closing their
//!   account, which erases their profile (`coach::erase_coach`).
//! - Staff, for anyone who asks them, at `/staff/people`: the same for any email address (a
//!   leader, a coach or staff), and erasure with a reason, both audited (`people`).

use serde::{Deserialize, Serialize};

/// What a readable page shows: the JSON file's content as headings, lists and fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Held {
    Text(String),
    List(Vec<Held>),
    Fields(Vec<(String, Held)>),
}

#[cfg(feature = "ssr")]
impl Held {
    /// The readable form of `value`: field names with their underscores as spaces.
    pub fn from_json(value: &serde_json::Value) -> Held {
        use serde_json::Value;
        match value {
            Value::Null => Held::Text("(none)".into()),
            Value::Bool(true) => Held::Text("yes".into()),
            Value::Bool(false) => Held::Text("no".into()),
            Value::Number(n) => Held::Text(n.to_string()),
            Value::String(s) if s.is_empty() => Held::Text("(empty)".into()),
            Value::String(s) => Held::Text(s.clone()),
            Value::Array(items) if items.is_empty() => Held::Text("(none)".into()),
            Value::Array(items) => Held::List(items.iter().map(Held::from_json).collect()),
            Value::Object(fields) => Held::Fields(
                fields
                    .iter()
                    .map(|(k, v)| (k.replace('_', " "), Held::from_json(v)))
                    .collect(),
            ),
        }
    }
}

#[cfg(feature = "ssr")]
pub mod action;
#[cfg(feature = "ssr")]
pub mod coach;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod download;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod people;
pub mod people_page;

#[leptos::server(endpoint = "leader_data")]
pub async fn leader_data(token: String) -> Result<Held, crate::error::AppError> {
    let pool = crate::state::pool()?;
    let held = db::held_about_leader(&pool, &token, crate::clock::now())
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    Ok(Held::from_json(&held))
}

/// The longest reason staff may give for an erasure.
pub const REASON_MAX_CHARS: usize = 500;

/// What staff find under an email address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PersonLookup {
    /// Not an email address: why.
    Invalid(String),
    NothingHeld,
    Held(Held),
}

/// Everything held about `email`, for staff to give the person who asked. Audited.
#[leptos::server(endpoint = "person_data")]
pub async fn person_data(email: String) -> Result<PersonLookup, crate::error::AppError> {
    let actor = crate::access::require_account(crate::access::Access::Staff)?;
    let email = match crate::contact::EmailAddress::parse(&email) {
        Ok(email) => email,
        Err(message) => return Ok(PersonLookup::Invalid(message.to_string())),
    };
    let state = crate::state::app_state()?;
    let held = people::produce(
        &state.pool,
        &actor,
        email.as_str(),
        "page",
        state.clock.now(),
    )
    .await?;
    Ok(match held {
        Some(held) => PersonLookup::Held(Held::from_json(&held)),
        None => PersonLookup::NothingHeld,
    })
}

#[leptos::server(endpoint = "coach_data")]
pub async fn coach_data() -> Result<Held, crate::error::AppError> {
    let account = crate::access::require_account(crate::access::Access::Coach)?;
    let pool = crate::state::pool()?;
    let held = coach::held_about_coach(&pool, account.id, crate::clock::now())
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    Ok(Held::from_json(&held))
}

/// Whether the signed-in coach has coaching in progress (their account cannot close until it
/// is closed): the leaders' names.
#[leptos::server(endpoint = "coaching_in_progress")]
pub async fn coaching_in_progress() -> Result<Vec<String>, crate::error::AppError> {
    let account = crate::access::require_account(crate::access::Access::Coach)?;
    let pool = crate::state::pool()?;
    Ok(coach::coaching_in_progress(&pool, account.id).await?)
}

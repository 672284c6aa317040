//! Concerns' forms: raising one (called from the leader's and the coach's page handlers) and
//! staff's handling (`POST /staff/concerns/{id}`).

use super::db::{self, Handling, NotDone};
use super::{OUTCOME_MAX_CHARS, TEXT_MAX_CHARS};
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, required_paragraphs};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

/// The concern as typed, or its problem (for the `concern` field).
pub fn concern_text(typed: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    required_paragraphs(
        &mut errors,
        "concern",
        typed,
        TEXT_MAX_CHARS,
        "Write your concern",
    )
    .ok_or(errors)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HandlingForm {
    action: String,
    note: String,
    outcome: String,
}

pub async fn handle(Path(id): Path<Uuid>, form: FormPost<HandlingForm>) -> Response {
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let handling = match form.fields.action.as_str() {
        "note" => required_paragraphs(
            &mut errors,
            "note",
            &form.fields.note,
            TEXT_MAX_CHARS,
            "Write the note",
        )
        .map(Handling::Note),
        "look-into" => Some(Handling::LookInto),
        "close" => required_paragraphs(
            &mut errors,
            "outcome",
            &form.fields.outcome,
            OUTCOME_MAX_CHARS,
            "Say what was decided: the leader and the coach are both told",
        )
        .map(Handling::Close),
        _ => {
            let notice = "Choose what to do.";
            return form
                .refuse(StatusCode::UNPROCESSABLE_ENTITY, "handle-concern", notice)
                .await;
        }
    };
    let Some(handling) = handling else {
        return form.invalid("handle-concern", errors).await;
    };
    let now = form.state.clock.now();
    let done_slug = match &handling {
        Handling::Note(_) => "note",
        Handling::LookInto => "looking-into",
        Handling::Close(_) => "closed",
    };
    match db::handle(&form.state.pool, &actor, id, &handling, now).await {
        Ok(Ok(())) => done(&format!("/staff/concerns/{id}?done={done_slug}")),
        Ok(Err(NotDone::NoSuchConcern)) => form.not_found().await,
        Ok(Err(NotDone::Closed)) => {
            let notice = "This concern is closed already.";
            form.refuse(StatusCode::CONFLICT, "handle-concern", notice)
                .await
        }
        Err(error) => form.failed("handle-concern", error).await,
    }
}

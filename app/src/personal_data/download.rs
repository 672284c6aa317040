//! Everything held about a person, as a file: `GET /requests/{token}/your-data.json` for a
//! leader (the private link is the key; one that opens nothing is a 404) and
//! `GET /me/your-data.json` for the signed-in coach.

use crate::access::Caller;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn leader(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let held = super::db::held_about_leader(&state.pool, &token, state.clock.now()).await;
    json_file(held, "That link opens nothing.\n")
}

pub async fn coach(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let Some(account) = caller.account().filter(|a| a.coach) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let held = super::coach::held_about_coach(&state.pool, account.id, state.clock.now()).await;
    json_file(held, "No account.\n")
}

fn json_file(
    held: Result<Option<serde_json::Value>, sqlx::Error>,
    nothing: &'static str,
) -> Response {
    match held {
        Ok(Some(held)) => {
            let body = serde_json::to_string_pretty(&held).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"cascade-your-data.json\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => (StatusCode::NOT_FOUND, nothing).into_response(),
        Err(error) => {
            tracing::error!(%error, "a person's data could not be gathered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cascade could not gather your data: try again.\n",
            )
                .into_response()
        }
    }
}

/// `GET /staff/people/data.json?email=…`: everything held about an address, for staff to give
/// the person. Recorded in the audit log.
pub async fn person(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    axum::extract::Query(query): axum::extract::Query<Vec<(String, String)>>,
) -> Response {
    let Some(actor) = caller.account().filter(|a| a.staff) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let typed = query
        .iter()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let Ok(email) = crate::contact::EmailAddress::parse(typed) else {
        return (StatusCode::BAD_REQUEST, "Give an email address.\n").into_response();
    };
    let held = super::people::produce(
        &state.pool,
        actor,
        email.as_str(),
        "file",
        state.clock.now(),
    )
    .await;
    json_file(held, "Cascade holds nothing about that address.\n")
}

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
    json_file(held)
}

pub async fn coach(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let Some(account) = caller.account().filter(|a| a.coach) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let held = super::coach::held_about_coach(&state.pool, account.id, state.clock.now()).await;
    json_file(held)
}

fn json_file(held: Result<Option<serde_json::Value>, sqlx::Error>) -> Response {
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
        Ok(None) => (StatusCode::NOT_FOUND, "That link opens nothing.\n").into_response(),
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

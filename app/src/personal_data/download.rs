//! `GET /requests/{token}/your-data.json`: everything held about a leader, as a file. The
//! private link is the key; one that opens nothing is a 404.

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn leader(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match super::db::held_about_leader(&state.pool, &token, state.clock.now()).await {
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
            tracing::error!(%error, "a leader's data could not be gathered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cascade could not gather your data: try again.\n",
            )
                .into_response()
        }
    }
}

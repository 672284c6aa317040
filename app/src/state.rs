//! What every server function and page loader on the server can reach: the database pool and
//! Leptos' options. Provided as router state and, through leptos_axum, as context.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use sqlx::PgPool;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.pool.clone()
    }
}

/// The database pool, from the context leptos_axum gives each server function and page.
pub fn pool() -> Result<PgPool, AppError> {
    use_context::<AppState>()
        .map(|state| state.pool)
        .ok_or_else(|| AppError::internal("AppState missing from context"))
}

//! The declarations form: the route table admits coaches only; the handler saves the caller's
//! own.

use super::declared::{DeclarationFields, Declarations};
use crate::forms::post::{FormPost, done};
use axum::response::Response;

pub async fn save_declarations(form: FormPost<DeclarationFields>) -> Response {
    let Some(coach_id) = form.caller.account().and_then(|a| a.coach_id) else {
        return form.not_found().await;
    };
    let declared = match Declarations::parse(&form.fields) {
        Ok(declared) => declared,
        Err(errors) => return form.invalid("declarations", errors).await,
    };
    match super::db::save_declarations(
        &form.state.pool,
        coach_id,
        &declared,
        form.state.clock.now(),
    )
    .await
    {
        Ok(()) => done("/me?saved=declarations"),
        Err(error) => form.failed("declarations", error).await,
    }
}

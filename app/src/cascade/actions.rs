//! The cascade's forms: a leader's offer to train, and staff inviting them.

use super::db::{self, Invited};
use crate::forms::post::{FormPost, NoFields, done};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

/// `POST /questionnaires/{token}/train`: the leader of a closed coaching offers to train.
pub async fn offer(Path(token): Path<String>, form: FormPost<NoFields>) -> Response {
    let form = form.on_page(&format!("/questionnaires/{token}/feedback"));
    match db::offer(&form.state.pool, &token, form.state.clock.now()).await {
        Ok(true) => done(&format!("/questionnaires/{token}/feedback?offered=yes")),
        Ok(false) => form.not_found().await,
        Err(error) => form.failed("offer", error).await,
    }
}

/// `POST /staff/cascade/{engagement}`: staff invite the leader who offered to coach.
pub async fn invite(Path(engagement): Path<Uuid>, form: FormPost<NoFields>) -> Response {
    let form = form.on_page("/staff/cascade");
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    let state = &form.state;
    let link = (
        state.public_url.as_str(),
        state.mail_delivery,
        state.clock.now(),
    );
    match db::invite(&state.pool, &actor, engagement, link).await {
        Ok(Invited::Invited) => done("/staff/cascade?invited=yes"),
        Ok(Invited::AlreadyHasAccount) => {
            let notice =
                "That leader's email address already has an account, so no invitation was sent.";
            form.refuse(StatusCode::CONFLICT, "cascade", notice).await
        }
        Ok(Invited::NotOpen) => {
            let notice =
                "That offer has been invited already, or its leader's details were erased.";
            form.refuse(StatusCode::CONFLICT, "cascade", notice).await
        }
        Err(error) => form.failed("cascade", error).await,
    }
}

//! `POST /me/close-account`: a coach closes their account, which erases their profile.

use crate::forms::FieldErrors;
use crate::forms::post::{FormPost, done};
use axum::response::Response;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CloseAccountForm {
    confirm: String,
}

pub async fn close_account(form: FormPost<CloseAccountForm>) -> Response {
    use super::coach::{NotClosed, close_own_account};
    let Some(account) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    if form.fields.confirm != "yes" {
        let mut errors = FieldErrors::new();
        errors.add(
            "confirm",
            "Tick the box to confirm you want your account closed and your profile erased: it cannot be undone",
        );
        return form.invalid("close", errors).await;
    }
    let now = form.state.clock.now();
    match close_own_account(&form.state.pool, &account, now, &form.state.public_url).await {
        Ok(Ok(())) => {
            tracing::info!("a coach closed their account");
            done("/account-closed")
        }
        Ok(Err(NotClosed::CoachingInProgress(leaders))) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "confirm",
                format!(
                    "You are coaching {}: close that coaching from its page first, so that each leader hears it from you",
                    leaders.join(", ")
                ),
            );
            form.invalid("close", errors).await
        }
        Ok(Err(NotClosed::NoSuchAccount)) => form.not_found().await,
        Err(error) => form.failed("close", error).await,
    }
}

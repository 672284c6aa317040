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
        Ok(Err(NotClosed::StaffAccount)) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "confirm",
                "Your account is a staff account too: another member of staff can close it for you, from People's data",
            );
            form.invalid("close", errors).await
        }
        Ok(Err(NotClosed::NoSuchAccount)) => form.not_found().await,
        Err(error) => form.failed("close", error).await,
    }
}

/// Staff erasing a person's data on their request.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErasePersonForm {
    email: String,
    reason: String,
    confirm: String,
}

/// `POST /staff/people`: erases everything held about an email address, with a reason.
pub async fn erase_person(form: FormPost<ErasePersonForm>) -> Response {
    use super::coach::NotClosed;
    use super::people::{PersonErased, erase};
    let Some(actor) = form.caller.account().filter(|a| a.staff).cloned() else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let email = match crate::contact::EmailAddress::parse(&form.fields.email) {
        Ok(email) => Some(email),
        Err(message) => {
            errors.add("email", message);
            None
        }
    };
    let reason = crate::forms::required_paragraphs(
        &mut errors,
        "reason",
        &form.fields.reason,
        super::REASON_MAX_CHARS,
        "Say why you are erasing it, without naming the person: for example \"asked by email on 2 December\"",
    );
    if form.fields.confirm != "yes" {
        errors.add(
            "confirm",
            "Tick the box to confirm the erasure: it cannot be undone",
        );
    }
    let (Some(email), Some(reason), true) = (email, reason, errors.is_empty()) else {
        return form.invalid("erase-person", errors).await;
    };
    let state = &form.state;
    let erased = erase(
        &state.pool,
        &actor,
        email.as_str(),
        &reason,
        state.clock.now(),
        &state.public_url,
        state.mail_delivery,
    )
    .await;
    let refused = |message: String| {
        let mut errors = FieldErrors::new();
        errors.add("email", message);
        errors
    };
    match erased {
        Ok(PersonErased::Done { .. }) => done("/staff/people?erased=1"),
        Ok(PersonErased::NothingHeld) => {
            let errors = refused(format!("Cascade holds nothing about {}", email.as_str()));
            form.invalid("erase-person", errors).await
        }
        Ok(PersonErased::OwnAccount) => {
            let errors =
                refused("That is your own account: another member of staff must erase it".into());
            form.invalid("erase-person", errors).await
        }
        Ok(PersonErased::NotClosed(NotClosed::CoachingInProgress(leaders))) => {
            let errors = refused(format!(
                "This coach is coaching {}: that coaching must be closed first",
                leaders.join(", ")
            ));
            form.invalid("erase-person", errors).await
        }
        Ok(PersonErased::NotClosed(NotClosed::NoSuchAccount | NotClosed::StaffAccount)) => {
            form.not_found().await
        }
        Err(error) => form.failed("erase-person", error).await,
    }
}

//! The staff area's forms. The route table admits staff only; each handler reads its form and
//! answers, and the decision itself (one transaction, with its audit entry) is `decisions`.

use super::decisions::{self, Moderated};
use crate::access::Account;
use crate::coaches::draft::CoachChange;
use crate::contact::EmailAddress;
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, number_in, required_paragraphs, required_text};
use crate::interest::{BursaryDecision, Reference};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

fn staff<T>(form: &FormPost<T>) -> Option<Account> {
    form.caller.account().cloned()
}

/// A decision on a profile waiting for approval.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ModerationForm {
    decision: String,
    reason: String,
    /// When the version on screen was sent for approval.
    submitted: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CoachStatusForm {
    action: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
}

/// The year's number of bursaries (`action` "places"), or a decision on one request.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BursaryForm {
    year: String,
    action: String,
    places: String,
    reference: String,
}

/// The coach's name, email, slug and status, locked for the change.
/// Approves or sends back a new profile or changes to a published one.
pub async fn moderate(Path(coach_id): Path<Uuid>, form: FormPost<ModerationForm>) -> Response {
    let form = form.on_page("/staff/moderation");
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let approve = match form.fields.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return form
                .refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "moderation",
                    "Choose to approve or send back",
                )
                .await;
        }
    };
    // When the version staff looked at was sent (from the form): a coach who has sent another
    // since must not have the newer one decided unseen.
    let seen = DateTime::parse_from_rfc3339(&form.fields.submitted)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    // A reason only goes with sending back.
    let reason = if approve {
        None
    } else {
        let mut errors = FieldErrors::new();
        let Some(reason) = required_paragraphs(
            &mut errors,
            &format!("reason-{coach_id}"),
            &form.fields.reason,
            2_000,
            "Give the coach a reason, so they know what to change",
        ) else {
            return form.invalid("moderation", errors).await;
        };
        Some(reason)
    };
    let decided = decisions::moderate(
        &form.state.pool,
        &actor,
        coach_id,
        reason.as_deref(),
        seen,
        &form.state.public_url,
        form.state.clock.now(),
    )
    .await;
    let notice = match decided {
        Ok(Moderated::Decided) => {
            let decided = if approve { "approved" } else { "sent-back" };
            return done(&format!("/staff/moderation?decided={decided}"));
        }
        Ok(Moderated::NotWaiting) => {
            "That profile is no longer waiting for a decision: someone may have decided it already."
        }
        Ok(Moderated::NotTrained) => {
            "Record this coach's training before publishing their profile: open Training and supervision from the staff area."
        }
        Ok(Moderated::ChangedSince) => {
            "The coach has sent a newer version since this page was loaded. Read it below before deciding."
        }
        Err(error) => return form.failed("moderation", error).await,
    };
    form.refuse(StatusCode::CONFLICT, "moderation", notice)
        .await
}

/// Hides or unhides a published coach, or suspends one or reinstates one.
pub async fn change_coach_status(
    Path(coach_id): Path<Uuid>,
    form: FormPost<CoachStatusForm>,
) -> Response {
    let form = form.on_page("/staff/coaches");
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let changed = match CoachChange::from_slug(&form.fields.action) {
        Some(change) => {
            let now = form.state.clock.now();
            let public_url = &form.state.public_url;
            decisions::change_coach(&form.state.pool, &actor, coach_id, change, now, public_url)
                .await
        }
        None => Ok(decisions::CoachChanged::DoesNotApply),
    };
    match changed {
        Ok(decisions::CoachChanged::Changed(_)) => {
            done(&format!("/staff/coaches?changed={coach_id}"))
        }
        Ok(decisions::CoachChanged::DoesNotApply) => {
            let notice = "That change does not apply to this coach as they are now.";
            form.refuse(StatusCode::CONFLICT, "coaches", notice).await
        }
        Ok(decisions::CoachChanged::NotTrained) => {
            let notice = "Record this coach's training before publishing their profile again: open Training and supervision from the staff area.";
            form.refuse(StatusCode::CONFLICT, "coaches", notice).await
        }
        Err(error) => form.failed("coaches", error).await,
    }
}

/// Invites a coach.
pub async fn invite_coach(form: FormPost<InviteForm>) -> Response {
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let name = required_text(
        &mut errors,
        "name",
        &form.fields.name,
        100,
        "Enter the coach's name",
    );
    let email = EmailAddress::parse(&form.fields.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return form.invalid("invite", errors).await;
    };
    let invited = decisions::invite(
        &form.state.pool,
        &actor,
        crate::accounts::db::NewAccountRole::Coach,
        &name,
        &email,
        (
            &form.state.public_url,
            form.state.mail_delivery,
            form.state.clock.now(),
        ),
    )
    .await;
    match invited {
        Ok(true) => done(&format!(
            "/staff/invite?sent={}",
            crate::ui::encode_path(email.as_str())
        )),
        Ok(false) => {
            errors.add(
                "email",
                "There is already an account for this email address",
            );
            form.again(StatusCode::CONFLICT, "invite", errors, None)
                .await
        }
        Err(error) => form.failed("invite", error).await,
    }
}

/// Sets the year's number of bursaries, or approves or declines a bursary request.
pub async fn bursaries(form: FormPost<BursaryForm>) -> Response {
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let year: i32 = form.fields.year.trim().parse().unwrap_or(0);
    if !(2020..=2100).contains(&year) {
        let notice = "Choose a year between 2020 and 2100.";
        return form
            .refuse(StatusCode::UNPROCESSABLE_ENTITY, "bursaries", notice)
            .await;
    }
    let back = format!("/staff/bursaries?year={year}");
    let decision = match form.fields.action.as_str() {
        "places" => {
            let mut errors = FieldErrors::new();
            let Some(places) = number_in(
                &mut errors,
                "places",
                &form.fields.places,
                0..=10_000,
                "Enter the number of bursaries for the year, from 0 to 10,000",
            ) else {
                return form.invalid("bursaries", errors).await;
            };
            let now = form.state.clock.now();
            return match decisions::set_places(&form.state.pool, &actor, year, places, now).await {
                Ok(()) => done(&back),
                Err(error) => form.failed("bursaries", error).await,
            };
        }
        "approve" => BursaryDecision::Approved,
        "decline" => BursaryDecision::Declined,
        _ => {
            return form
                .refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "bursaries",
                    "Choose what to do",
                )
                .await;
        }
    };
    let Some(reference) = Reference::parse(&form.fields.reference) else {
        let notice = "That bursary request could not be found.";
        return form
            .refuse(StatusCode::UNPROCESSABLE_ENTITY, "bursaries", notice)
            .await;
    };
    let now = form.state.clock.now();
    match decisions::decide_bursary(&form.state.pool, &actor, &reference, decision, now).await {
        Ok(Ok(())) => done(&back),
        Ok(Err(notice)) => form.refuse(StatusCode::CONFLICT, "bursaries", notice).await,
        Err(error) => form.failed("bursaries", error).await,
    }
}

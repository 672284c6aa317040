//! The coach area's forms. The route table admits coaches only; each handler then works on the
//! caller's own coach profile, never one named in the request.

use super::db::{self, AnswerError};
use crate::access::Account;
use crate::coaches::db::profiles;
use crate::coaches::draft::{ProfileDraft, ProfileFields};
use crate::contact::PhoneNumber;
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, number_in, required_paragraphs};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

fn account<T>(form: &FormPost<T>) -> Option<Account> {
    form.caller.account().cloned()
}

/// Availability, as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AvailabilityForm {
    accepting: String,
    capacity: String,
    next_opening: String,
}

/// An answer to a request: accept with a message, or decline with a reason.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    decision: String,
    message: String,
    reason: String,
}

/// A session recorded, or the engagement closed (`action`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EngagementForm {
    action: String,
    held_on: String,
    minutes: String,
    submission_id: String,
    outcome: String,
    concern: String,
}

/// Saves the profile: a first profile, or one not yet approved, goes (back) for approval as
/// it is; changes to an approved profile wait as a revision while the public keeps seeing
/// the approved one. The private phone number changes at once.
pub async fn save_profile(form: FormPost<ProfileFields>) -> Response {
    let Some(account) = account(&form) else {
        return form.not_found().await;
    };
    let parsed = ProfileDraft::parse(&form.fields);
    let phone = match form.fields.phone.trim() {
        "" => Ok(None),
        typed => PhoneNumber::parse(typed).map(Some),
    };
    let (draft, phone) = match (parsed, phone) {
        (Ok(draft), Ok(phone)) => (draft, phone),
        (parsed, phone) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(message) = phone {
                errors.add("phone", message);
            }
            return form.invalid("profile", errors).await;
        }
    };
    let phone = phone.as_ref().map(PhoneNumber::as_str);
    let now = form.state.clock.now();
    let saved = profiles::save(&form.state.pool, &account, &draft, phone, now).await;
    match saved {
        Ok(()) => done("/me?saved=profile"),
        Err(error) => form.failed("profile", error).await,
    }
}

/// Availability: public at once, no approval needed.
pub async fn save_availability(form: FormPost<AvailabilityForm>) -> Response {
    let Some(coach_id) = account(&form).and_then(|a| a.coach_id) else {
        return done("/me/profile");
    };
    let mut errors = FieldErrors::new();
    let accepting = match form.fields.accepting.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add("accepting", "Say whether you are accepting new leaders");
            None
        }
    };
    let capacity = number_in(
        &mut errors,
        "capacity",
        &form.fields.capacity,
        0..=20,
        "Enter how many leaders you can coach at once, from 0 to 20",
    );
    let today = form.state.clock.today();
    let next_opening = match form.fields.next_opening.trim() {
        "" => Some(None),
        typed => match NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
            Ok(date) if date >= today => Some(Some(date)),
            Ok(_) => {
                errors.add(
                    "next_opening",
                    "Enter a date from today onwards, or leave it empty",
                );
                None
            }
            Err(_) => {
                errors.add("next_opening", "Enter a real date, like 1 March 2027");
                None
            }
        },
    };
    let (Some(accepting), Some(capacity), Some(next_opening)) = (accepting, capacity, next_opening)
    else {
        return form.invalid("availability", errors).await;
    };
    // Coaching new leaders needs supervision that is up to date.
    if accepting {
        let terms = match form.terms() {
            Ok(terms) => terms,
            Err(error) => return form.failed("availability", error).await,
        };
        let months = terms.supervision_lapse_months;
        match crate::readiness::db::supervision_lapsed(&form.state.pool, coach_id, today, months)
            .await
        {
            Ok(false) => {}
            Ok(true) => {
                errors.add(
                    "accepting",
                    format!(
                        "You cannot accept new leaders until a supervision session is recorded: none has been for {}. Ask your supervisor or Cascade staff to record your next one",
                        terms.supervision_period()
                    ),
                );
                return form.invalid("availability", errors).await;
            }
            Err(error) => return form.failed("availability", error).await,
        }
    }
    match db::set_availability(
        &form.state.pool,
        coach_id,
        accepting,
        capacity,
        next_opening,
        form.state.clock.now(),
    )
    .await
    {
        Ok(true) => done("/me?saved=availability#availability"),
        Ok(false) => {
            let now = db::current_leaders(&form.state.pool, coach_id)
                .await
                .unwrap_or_default();
            errors.add(
                "capacity",
                format!("You coach {now} leaders now, so your capacity cannot be lower than {now}"),
            );
            form.invalid("availability", errors).await
        }
        Err(error) => form.failed("availability", error).await,
    }
}

/// Accepts (with a message to the leader) or declines (with a reason) one of the caller's
/// pending requests.
pub async fn answer_request(Path(reference): Path<String>, form: FormPost<AnswerForm>) -> Response {
    let Some(coach_id) = account(&form).and_then(|a| a.coach_id) else {
        return form.not_found().await;
    };
    let Some(reference) = crate::interest::Reference::parse(&reference) else {
        return form.not_found().await;
    };
    let reference = reference.as_str();
    // Someone else's request is not there at all, whatever the form says.
    match db::has_request(&form.state.pool, coach_id, reference).await {
        Ok(true) => {}
        Ok(false) => return form.not_found().await,
        Err(error) => return form.failed("answer", error).await,
    }
    let accept = match form.fields.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return form
                .refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "answer",
                    "Choose to accept or decline",
                )
                .await;
        }
    };
    let (name, empty) = if accept {
        (
            "message",
            "Write a message to the leader: it goes with your acceptance",
        )
    } else {
        (
            "reason",
            "Give the leader a reason, so they can find the right coach",
        )
    };
    let mut errors = FieldErrors::new();
    let typed = if accept {
        &form.fields.message
    } else {
        &form.fields.reason
    };
    let Some(text) = required_paragraphs(&mut errors, name, typed, 2_000, empty) else {
        return form.invalid("answer", errors).await;
    };
    let pool = form.state.pool.clone();
    let now = form.state.clock.now();
    // Accepted: the new engagement's id; declined: none.
    let answered = if accept {
        db::accept(
            &pool,
            coach_id,
            reference,
            &text,
            &form.state.public_url,
            form.state.mail_delivery,
            now,
        )
        .await
        .map(Some)
    } else {
        db::decline(
            &pool,
            coach_id,
            reference,
            &text,
            &form.state.public_url,
            now,
        )
        .await
        .map(|()| None)
    };
    match answered {
        Ok(Some(engagement)) => done(&format!("/me/engagements/{engagement}?started=yes")),
        Ok(None) => done(&format!("/me/requests/{reference}?answered=declined")),
        Err(AnswerError::NotFound) => form.not_found().await,
        Err(AnswerError::AlreadyAnswered) => {
            let notice = "This request has already been answered.".to_string();
            form.refuse(StatusCode::CONFLICT, "answer", notice).await
        }
        Err(AnswerError::AtCapacity) => {
            let notice = "You have no places left, so you cannot accept another leader. Raise your capacity, close a finished engagement, or decline with a reason."
                .to_string();
            form.refuse(StatusCode::CONFLICT, "answer", notice).await
        }
        Err(AnswerError::Database(error)) => form.failed("answer", error).await,
    }
}

/// Records a session held, or closes the engagement as completed or ended early.
pub async fn update_engagement(Path(id): Path<Uuid>, form: FormPost<EngagementForm>) -> Response {
    let Some(coach_id) = account(&form).and_then(|a| a.coach_id) else {
        return form.not_found().await;
    };
    let pool = form.state.pool.clone();
    let started = match db::engagement_started(&pool, coach_id, id).await {
        Ok(Some(started)) => started,
        Ok(None) => return form.not_found().await,
        Err(error) => return form.failed("session", error).await,
    };
    match form.fields.action.as_str() {
        "concern" => {
            let text = match crate::concerns::actions::concern_text(&form.fields.concern) {
                Ok(text) => text,
                Err(errors) => return form.invalid("concern", errors).await,
            };
            let submission_id = Uuid::parse_str(form.fields.submission_id.trim()).ok();
            let now = form.state.clock.now();
            match crate::concerns::db::raise_by_coach(
                &pool,
                coach_id,
                id,
                &text,
                submission_id,
                now,
            )
            .await
            {
                Ok(Some(_)) => done(&format!("/me/engagements/{id}?concern=sent")),
                Ok(None) => form.not_found().await,
                Err(error) => form.failed("concern", error).await,
            }
        }
        "close" => {
            let completed = match form.fields.outcome.as_str() {
                "completed" => true,
                "ended_early" => false,
                _ => {
                    let mut errors = FieldErrors::new();
                    errors.add(
                        "outcome",
                        "Say whether the coaching was completed or ended early",
                    );
                    return form.invalid("close", errors).await;
                }
            };
            let closed = db::close(
                &pool,
                coach_id,
                id,
                completed,
                &form.state.public_url,
                form.state.mail_delivery,
                form.state.clock.now(),
            )
            .await;
            match closed {
                Ok(true) => done(&format!("/me/engagements/{id}?closed=yes")),
                Ok(false) => {
                    let notice = "This coaching is closed already.".to_string();
                    form.refuse(StatusCode::CONFLICT, "close", notice).await
                }
                Err(error) => form.failed("close", error).await,
            }
        }
        _ => {
            let mut errors = FieldErrors::new();
            let today = form.state.clock.today();
            let held_on = match NaiveDate::parse_from_str(form.fields.held_on.trim(), "%Y-%m-%d") {
                Ok(date) if date > today => {
                    errors.add(
                        "held_on",
                        "Enter a date that has passed: record sessions after they are held",
                    );
                    None
                }
                Ok(date) if date < started => {
                    errors.add("held_on", "Enter a date after the coaching started");
                    None
                }
                Ok(date) => Some(date),
                Err(_) => {
                    errors.add("held_on", "Enter the date the session was held");
                    None
                }
            };
            let minutes = number_in(
                &mut errors,
                "minutes",
                &form.fields.minutes,
                15..=240,
                "Enter how long the session lasted, from 15 to 240 minutes",
            );
            let (Some(held_on), Some(minutes)) = (held_on, minutes) else {
                return form.invalid("session", errors).await;
            };
            let submission_id = uuid::Uuid::parse_str(&form.fields.submission_id).ok();
            let now = form.state.clock.now();
            match db::record_session(&pool, coach_id, id, held_on, minutes, submission_id, now)
                .await
            {
                Ok(true) => done(&format!("/me/engagements/{id}?recorded=yes")),
                Ok(false) => {
                    let notice = "This engagement is closed, so no more sessions can be recorded."
                        .to_string();
                    form.refuse(StatusCode::CONFLICT, "session", notice).await
                }
                Err(error) => form.failed("session", error).await,
            }
        }
    }
}

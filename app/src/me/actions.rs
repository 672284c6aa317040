//! The coach area's forms. The route table admits coaches only; each handler then works on the
//! caller's own coach profile, never one named in the request.

use super::db::{self, AnswerError};
use crate::accounts::Account;
use crate::actions::{FormPost, done};
use crate::coaches::draft::{CoachStatus, ProfileDraft};
use crate::contact::PhoneNumber;
use crate::forms::{FieldErrors, number_in, required_paragraphs};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use uuid::Uuid;

fn account(form: &FormPost) -> Option<Account> {
    form.caller.account().cloned()
}

/// Saves the profile: a first profile, or one not yet approved, goes (back) for approval as
/// it is; changes to an approved profile wait as a revision while the public keeps seeing
/// the approved one. The private phone number changes at once.
pub async fn save_profile(form: FormPost) -> Response {
    let Some(account) = account(&form) else {
        return form.not_found().await;
    };
    let parsed = ProfileDraft::parse(
        |name| form.get(name).to_string(),
        |name| form.all(name).into_iter().map(str::to_string).collect(),
    );
    let phone = match form.get("phone").trim() {
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
            return form
                .again(StatusCode::UNPROCESSABLE_ENTITY, "profile", errors, None)
                .await;
        }
    };
    let phone = phone.as_ref().map(PhoneNumber::as_str);
    let saved = async {
        let mut tx = form.state.pool.begin().await?;
        match db::lock_account_coach(&mut tx, account.id).await? {
            None => {
                db::create_profile(&mut tx, account.id, &account.email, &draft, phone).await?;
            }
            Some(coach_id) => {
                match db::lock_status(&mut tx, coach_id).await? {
                    Some(status) if status.has_been_approved() => {
                        db::submit_revision(&mut tx, coach_id, &draft).await?
                    }
                    _ => {
                        db::write_profile(&mut tx, coach_id, &draft, CoachStatus::PendingApproval)
                            .await?
                    }
                }
                if draft.lived_experience.is_empty() {
                    db::withdraw_lived_experience(&mut tx, coach_id).await?;
                }
                db::set_phone(&mut tx, coach_id, phone).await?;
            }
        }
        tx.commit().await
    };
    match saved.await {
        Ok(()) => done("/me?saved=profile"),
        Err(error) => form.failed("profile", error).await,
    }
}

/// Availability: public at once, no approval needed.
pub async fn save_availability(form: FormPost) -> Response {
    let Some(coach_id) = account(&form).and_then(|a| a.coach_id) else {
        return done("/me/profile");
    };
    let mut errors = FieldErrors::new();
    let accepting = match form.get("accepting") {
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
        form.get("capacity"),
        0..=20,
        "Enter how many leaders you can coach at once, from 0 to 20",
    );
    let today = crate::coaches::today();
    let next_opening = match form.get("next_opening").trim() {
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
        return form
            .again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "availability",
                errors,
                None,
            )
            .await;
    };
    match db::set_availability(
        &form.state.pool,
        coach_id,
        accepting,
        capacity,
        next_opening,
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
            form.again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "availability",
                errors,
                None,
            )
            .await
        }
        Err(error) => form.failed("availability", error).await,
    }
}

/// Accepts (with a message to the leader) or declines (with a reason) one of the caller's
/// pending requests.
pub async fn answer_request(Path(reference): Path<String>, form: FormPost) -> Response {
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
    let accept = match form.get("decision") {
        "accept" => true,
        "decline" => false,
        _ => {
            return form
                .again(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "answer",
                    FieldErrors::new(),
                    Some("Choose to accept or decline".into()),
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
    let Some(text) = required_paragraphs(&mut errors, name, form.get(name), 2_000, empty) else {
        return form
            .again(StatusCode::UNPROCESSABLE_ENTITY, "answer", errors, None)
            .await;
    };
    let pool = form.state.pool.clone();
    // Accepted: the new engagement's id; declined: none.
    let answered = if accept {
        db::accept(&pool, coach_id, reference, &text)
            .await
            .map(Some)
    } else {
        db::decline(&pool, coach_id, reference, &text, &form.state.public_url)
            .await
            .map(|()| None)
    };
    match answered {
        Ok(Some(engagement)) => done(&format!("/me/engagements/{engagement}?started=yes")),
        Ok(None) => done(&format!("/me/requests/{reference}?answered=declined")),
        Err(AnswerError::NotFound) => form.not_found().await,
        Err(AnswerError::AlreadyAnswered) => {
            let notice = "This request has already been answered.".to_string();
            form.again(
                StatusCode::CONFLICT,
                "answer",
                FieldErrors::new(),
                Some(notice),
            )
            .await
        }
        Err(AnswerError::AtCapacity) => {
            let notice = "You have no places left, so you cannot accept another leader. Raise your capacity, close a finished engagement, or decline with a reason."
                .to_string();
            form.again(
                StatusCode::CONFLICT,
                "answer",
                FieldErrors::new(),
                Some(notice),
            )
            .await
        }
        Err(AnswerError::Database(error)) => form.failed("answer", error).await,
    }
}

/// Records a session held, or closes the engagement as completed or ended early.
pub async fn update_engagement(Path(id): Path<Uuid>, form: FormPost) -> Response {
    let Some(coach_id) = account(&form).and_then(|a| a.coach_id) else {
        return form.not_found().await;
    };
    let pool = form.state.pool.clone();
    let started = match db::engagement_started(&pool, coach_id, id).await {
        Ok(Some(started)) => started,
        Ok(None) => return form.not_found().await,
        Err(error) => return form.failed("session", error).await,
    };
    match form.get("action") {
        "close" => {
            let completed = match form.get("outcome") {
                "completed" => true,
                "ended_early" => false,
                _ => {
                    let mut errors = FieldErrors::new();
                    errors.add(
                        "outcome",
                        "Say whether the coaching was completed or ended early",
                    );
                    return form
                        .again(StatusCode::UNPROCESSABLE_ENTITY, "close", errors, None)
                        .await;
                }
            };
            match db::close(&pool, coach_id, id, completed).await {
                Ok(true) => done(&format!("/me/engagements/{id}?closed=yes")),
                Ok(false) => {
                    let notice = "This coaching is closed already.".to_string();
                    form.again(
                        StatusCode::CONFLICT,
                        "close",
                        FieldErrors::new(),
                        Some(notice),
                    )
                    .await
                }
                Err(error) => form.failed("close", error).await,
            }
        }
        _ => {
            let mut errors = FieldErrors::new();
            let today = crate::coaches::today();
            let held_on = match NaiveDate::parse_from_str(form.get("held_on").trim(), "%Y-%m-%d") {
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
                form.get("minutes"),
                15..=240,
                "Enter how long the session lasted, from 15 to 240 minutes",
            );
            let (Some(held_on), Some(minutes)) = (held_on, minutes) else {
                return form
                    .again(StatusCode::UNPROCESSABLE_ENTITY, "session", errors, None)
                    .await;
            };
            let submission_id = uuid::Uuid::parse_str(form.get("submission_id")).ok();
            match db::record_session(&pool, coach_id, id, held_on, minutes, submission_id).await {
                Ok(true) => done(&format!("/me/engagements/{id}?recorded=yes")),
                Ok(false) => {
                    let notice = "This engagement is closed, so no more sessions can be recorded."
                        .to_string();
                    form.again(
                        StatusCode::CONFLICT,
                        "session",
                        FieldErrors::new(),
                        Some(notice),
                    )
                    .await
                }
                Err(error) => form.failed("session", error).await,
            }
        }
    }
}

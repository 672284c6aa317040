//! The form's POST handler: `POST /coaches/{slug}/ask`. Answers with a redirect to the
//! confirmation (303, so a refresh does not send it again), or with the form page again,
//! everything kept and each problem next to its field.

use super::form::{AskForm, ExpressionOfInterest};
use super::pages::{AskProblem, AskSubmission};
use super::submit::{SubmitError, submit};
use crate::error::AppError;
use crate::forms::post::{FormPost, done};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;

#[tracing::instrument(skip_all, fields(coach = %slug))]
pub async fn ask(Path(slug): Path<String>, form: FormPost<AskForm>) -> Response {
    let problem = |problem| AskSubmission {
        form: form.fields.clone(),
        problem: Some(problem),
        ..Default::default()
    };
    if !form
        .state
        .limits
        .expressions_of_interest
        .allow(&form.client_ip)
    {
        tracing::warn!("expression of interest rate-limited");
        let sent_back = problem(AskProblem::TooManyRequests);
        return form.render(StatusCode::TOO_MANY_REQUESTS, sent_back).await;
    }
    if form.fields.is_from_a_bot() {
        tracing::warn!("expression of interest refused: honeypot filled in");
        let sent_back = problem(AskProblem::LooksAutomated);
        return form.render(StatusCode::BAD_REQUEST, sent_back).await;
    }

    // A conflict of interest with the coach: warned about first, then sent if the leader still
    // wants to, and flagged to staff.
    // Only a request that would be sent is warned about (`submit` checks it again, with the
    // limits of the day it is sent).
    let limits = match form.terms() {
        Ok(terms) => terms.income_limits(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let sent_back = problem(AskProblem::Unexpected(error.to_string()));
            return form.render(status, sent_back).await;
        }
    };
    let conflict = if ExpressionOfInterest::parse(&form.fields, &slug, &limits).is_ok() {
        let leader = form.fields.leader_organisation();
        match crate::matching::db::conflict_with(&form.state.pool, &slug, &leader).await {
            Ok(conflict) => conflict,
            Err(error) => {
                let (status, message) = failed(&form.request_id(), &error);
                let sent_back = problem(AskProblem::Unexpected(message));
                return form.render(status, sent_back).await;
            }
        }
    } else {
        None
    };
    if let Some(conflict) = conflict
        && form.fields.conflict_acknowledged != conflict.slug()
    {
        let sent_back = problem(AskProblem::Conflict(conflict));
        return form.render(StatusCode::OK, sent_back).await;
    }

    let now = form.state.clock.now();
    match submit(
        &form.state.pool,
        &slug,
        &form.fields,
        &form.state.public_url,
        form.state.mail_delivery,
        now,
        conflict,
    )
    .await
    {
        // The same confirmation whatever became of it: see `Already`.
        Ok(_) => done(&format!("/coaches/{slug}/ask/sent")),
        Err(SubmitError::Invalid(errors)) => {
            let sent_back = AskSubmission {
                form: form.fields.clone(),
                errors,
                problem: None,
            };
            form.render(StatusCode::UNPROCESSABLE_ENTITY, sent_back)
                .await
        }
        Err(SubmitError::CoachNotAccepting) => {
            let sent_back = problem(AskProblem::CoachNotAccepting);
            form.render(StatusCode::CONFLICT, sent_back).await
        }
        // The page itself says the coach was not found, with a 404.
        Err(SubmitError::UnknownCoach(_)) => {
            form.render(StatusCode::NOT_FOUND, AskSubmission::default())
                .await
        }
        Err(SubmitError::Database(error)) => {
            let (status, message) = failed(&form.request_id(), &error);
            let sent_back = problem(AskProblem::Unexpected(message));
            form.render(status, sent_back).await
        }
    }
}

/// The status and message for a failure on our side: when the database could not be reached,
/// nothing was stored and the leader is asked to send the form again in a minute (their
/// answers are kept on the page).
fn failed(request_id: &str, error: &sqlx::Error) -> (StatusCode, String) {
    let error = AppError::database_for(request_id, error);
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string())
}

/// The forms on a leader's own page: withdraw, correct their details, or erase them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LeaderForm {
    action: String,
    reason: String,
    leader_name: String,
    role: String,
    organisation_name: String,
    email: String,
    phone: String,
    confirm: String,
    concern: String,
    submission_id: String,
}

/// `POST /requests/{token}`: the token is the key; a link that opens nothing is a 404.
pub async fn leader(Path(token): Path<String>, form: FormPost<LeaderForm>) -> Response {
    use super::db::{self, Withdrawn};
    use crate::forms::{FieldErrors, required_paragraphs};
    let now = form.state.clock.now();
    let back = |done: &str| format!("/requests/{token}?done={done}");
    match form.fields.action.as_str() {
        "concern" => {
            let text = match crate::concerns::actions::concern_text(&form.fields.concern) {
                Ok(text) => text,
                Err(errors) => return form.invalid("concern", errors).await,
            };
            let submission_id = uuid::Uuid::parse_str(form.fields.submission_id.trim()).ok();
            let pool = &form.state.pool;
            match crate::concerns::db::raise_by_leader(pool, &token, &text, submission_id, now)
                .await
            {
                Ok(Some(_)) => done(&back("concern")),
                Ok(None) => form.not_found().await,
                Err(error) => form.failed("concern", error).await,
            }
        }
        "withdraw" => {
            let mut errors = FieldErrors::new();
            let reason = match form.fields.reason.trim() {
                "" => None,
                typed => match required_paragraphs(&mut errors, "reason", typed, 2_000, "") {
                    Some(reason) => Some(reason),
                    None => return form.invalid("withdraw", errors).await,
                },
            };
            match db::withdraw(&form.state.pool, &token, reason.as_deref(), now).await {
                Ok(Withdrawn::Done) => done(&back("withdrawn")),
                Ok(Withdrawn::NothingOpen) => {
                    let notice = "No coach is considering your request now, so there is nothing to withdraw.";
                    form.refuse(StatusCode::CONFLICT, "withdraw", notice).await
                }
                Ok(Withdrawn::NotFound) => form.not_found().await,
                Err(error) => form.failed("withdraw", error).await,
            }
        }
        "contact" => {
            let mut errors = FieldErrors::new();
            let fields = &form.fields;
            let Some(details) = crate::interest::form::LeaderDetails::check(
                &mut errors,
                &fields.leader_name,
                &fields.email,
                &fields.phone,
                &fields.role,
                &fields.organisation_name,
            ) else {
                return form.invalid("contact", errors).await;
            };
            let corrected = db::correct_details(&form.state.pool, &token, &details, now).await;
            match corrected {
                Ok(true) => done(&back("contact")),
                Ok(false) => form.not_found().await,
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                    errors.add(
                        "email",
                        "That address already has a request waiting with one of these coaches: use another",
                    );
                    form.invalid("contact", errors).await
                }
                Err(error) => form.failed("contact", error).await,
            }
        }
        "erase" => {
            use crate::personal_data::db::{Erased, erase_leader};
            if form.fields.confirm != "yes" {
                let mut errors = FieldErrors::new();
                errors.add(
                    "confirm",
                    "Tick the box to confirm you want your details erased: it cannot be undone",
                );
                return form.invalid("erase", errors).await;
            }
            let erased = erase_leader(
                &form.state.pool,
                &token,
                now,
                &form.state.public_url,
                form.state.mail_delivery,
            )
            .await;
            match erased {
                Ok(Erased::Done) => done("/your-data-erased"),
                Ok(Erased::NotFound) => form.not_found().await,
                Err(error) => form.failed("erase", error).await,
            }
        }
        _ => {
            form.refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "contact",
                "Choose what to do",
            )
            .await
        }
    }
}

//! The form's POST handler: `POST /coaches/{slug}/ask`. Answers with a redirect to the
//! confirmation (303, so a refresh does not send it again), or with the form page again,
//! everything kept and each problem next to its field.

use super::form::AskForm;
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

    let now = form.state.clock.now();
    match submit(
        &form.state.pool,
        &slug,
        &form.fields,
        &form.state.public_url,
        now,
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
            let error = AppError::internal_for(&form.request_id(), error);
            let sent_back = problem(AskProblem::Unexpected(error.to_string()));
            form.render(StatusCode::INTERNAL_SERVER_ERROR, sent_back)
                .await
        }
    }
}

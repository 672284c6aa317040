//! The form's POST handler: `POST /coaches/{slug}/ask`. Answers with a redirect to the
//! confirmation (303, so a refresh does not send it again), or with the form page again,
//! everything kept and each problem next to its field.

use super::form::AskForm;
use super::pages::{AskProblem, AskSubmission};
use super::submit::{SubmitError, submit};
use crate::error::AppError;
use crate::site::render_page;
use crate::state::{AppState, client_ip};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

#[tracing::instrument(skip_all, fields(coach = %slug))]
pub async fn ask(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    request: Request<Body>,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        // The body limit layer refused it.
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the form as application/x-www-form-urlencoded\n",
        )
            .into_response();
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let form = AskForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));

    let sent_back = |status: StatusCode, submission: AskSubmission| {
        render_page(state.clone(), parts.clone(), status, submission)
    };
    let ip = client_ip(&parts.headers, peer, state.trust_forwarded_for);
    if !state.limits.expressions_of_interest.allow(&ip) {
        tracing::warn!("expression of interest rate-limited");
        let problem = Some(AskProblem::TooManyRequests);
        return sent_back(
            StatusCode::TOO_MANY_REQUESTS,
            AskSubmission {
                form,
                problem,
                ..Default::default()
            },
        )
        .await;
    }
    if form.is_from_a_bot() {
        tracing::warn!("expression of interest refused: honeypot filled in");
        let problem = Some(AskProblem::LooksAutomated);
        return sent_back(
            StatusCode::BAD_REQUEST,
            AskSubmission {
                form,
                problem,
                ..Default::default()
            },
        )
        .await;
    }

    match submit(&state.pool, &slug, &form, &state.public_url).await {
        // The same confirmation whatever became of it: see `Already`.
        Ok(_) => Redirect::to(&format!("/coaches/{slug}/ask/sent")).into_response(),
        Err(SubmitError::Invalid(errors)) => {
            sent_back(
                StatusCode::UNPROCESSABLE_ENTITY,
                AskSubmission {
                    form,
                    errors,
                    problem: None,
                },
            )
            .await
        }
        Err(SubmitError::CoachNotAccepting) => {
            let problem = Some(AskProblem::CoachNotAccepting);
            sent_back(
                StatusCode::CONFLICT,
                AskSubmission {
                    form,
                    problem,
                    ..Default::default()
                },
            )
            .await
        }
        // The page itself says the coach was not found, with a 404.
        Err(SubmitError::UnknownCoach(_)) => {
            sent_back(StatusCode::NOT_FOUND, AskSubmission::default()).await
        }
        Err(SubmitError::Database(error)) => {
            let request_id = crate::error::request_id_of(&parts.headers);
            let error = AppError::internal_for(&request_id, error);
            let problem = Some(AskProblem::Unexpected(error.to_string()));
            sent_back(
                StatusCode::INTERNAL_SERVER_ERROR,
                AskSubmission {
                    form,
                    problem,
                    ..Default::default()
                },
            )
            .await
        }
    }
}

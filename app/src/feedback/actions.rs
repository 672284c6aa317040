//! `POST /questionnaires/{token}/feedback`: a leader's rating and comment.

use super::COMMENT_MAX_CHARS;
use super::db::{self, Given};
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, required_paragraphs};
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    rating: String,
    comment: String,
}

pub async fn give(Path(token): Path<String>, form: FormPost<FeedbackForm>) -> Response {
    let mut errors = FieldErrors::new();
    let rating = match form.fields.rating.trim().parse::<i16>() {
        Ok(rating) if (1..=5).contains(&rating) => Some(rating),
        _ => {
            errors.add("rating", "Choose a rating from 1 to 5");
            None
        }
    };
    // Optional, and in paragraphs if given.
    let comment = if form.fields.comment.trim().is_empty() {
        Some(None)
    } else {
        required_paragraphs(
            &mut errors,
            "comment",
            &form.fields.comment,
            COMMENT_MAX_CHARS,
            "Write a comment, or leave it empty",
        )
        .map(Some)
    };
    let (Some(rating), Some(comment)) = (rating, comment) else {
        return form.invalid("feedback", errors).await;
    };
    let now = form.state.clock.now();
    match db::give(&form.state.pool, &token, rating, comment.as_deref(), now).await {
        Ok(Given::Given | Given::Already) => {
            done(&format!("/questionnaires/{token}/feedback?given=yes"))
        }
        Ok(Given::NoSuchLink) => form.not_found().await,
        Err(error) => form.failed("feedback", error).await,
    }
}

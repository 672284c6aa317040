//! Leaders' feedback on their coaching: at the close, a leader rates it from 1 to 5 and may
//! comment, from the link in their closing questionnaire's email
//! (`/questionnaires/{token}/feedback`), once.
//!
//! It is anonymous: a rating is kept with its coach and the month, and nothing else (the
//! coaching records only that feedback was given). A coach sees their average and the comments,
//! and staff the same, only once at least [`SHOWN_FROM`] leaders have answered, so that no
//! answer can be read as one leader's.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Answers a coach needs before anyone sees their feedback.
pub const SHOWN_FROM: i64 = 3;
/// The longest comment.
pub const COMMENT_MAX_CHARS: usize = 1_000;

/// What each rating means, as the form says it.
pub const RATINGS: [(&str, &str); 5] = [
    ("1", "1: poor"),
    ("2", "2: fair"),
    ("3", "3: good"),
    ("4", "4: very good"),
    ("5", "5: excellent"),
];

/// A coach's feedback, as they and staff may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackSummary {
    pub answers: i64,
    /// Only from [`SHOWN_FROM`] answers.
    pub shown: Option<ShownFeedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownFeedback {
    pub average: f64,
    /// In no telling order (not by when they were given, which could point to a leader).
    pub comments: Vec<String>,
}

impl FeedbackSummary {
    /// `ratings` and `comments` of one coach, hidden below the threshold.
    pub fn of(ratings: &[i16], comments: Vec<String>) -> FeedbackSummary {
        let answers = i64::try_from(ratings.len()).unwrap_or(i64::MAX);
        let shown = (answers >= SHOWN_FROM).then(|| ShownFeedback {
            average: ratings.iter().map(|r| f64::from(*r)).sum::<f64>() / ratings.len() as f64,
            comments,
        });
        FeedbackSummary { answers, shown }
    }
}

/// One coach's line on the staff page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachFeedback {
    pub coach_id: Uuid,
    pub name: String,
    pub summary: FeedbackSummary,
}

/// The feedback form's state for a closing questionnaire's link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackInvitation {
    pub coach_name: String,
    pub given: bool,
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require, require_account};
use crate::error::AppError;
use leptos::server;

/// Public: the link (a leader's closing questionnaire's) is the permission.
#[server(endpoint = "feedback_form")]
pub async fn feedback_form(token: String) -> Result<FeedbackInvitation, AppError> {
    db::invitation(&crate::state::pool()?, &token)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "my_feedback")]
pub async fn my_feedback() -> Result<FeedbackSummary, AppError> {
    let account = require_account(Access::Coach)?;
    let Some(coach_id) = account.coach_id else {
        return Ok(FeedbackSummary::of(&[], Vec::new()));
    };
    Ok(db::summary(&crate::state::pool()?, coach_id).await?)
}

#[server(endpoint = "staff_feedback")]
pub async fn staff_feedback() -> Result<Vec<CoachFeedback>, AppError> {
    require(Access::Staff)?;
    Ok(db::every_coach(&crate::state::pool()?).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_shows_only_from_three_answers() {
        let comment = vec!["Thank you".to_string()];
        let two = FeedbackSummary::of(&[5, 4], comment.clone());
        assert_eq!(two.answers, 2);
        assert_eq!(two.shown, None, "two answers could be told apart");
        let three = FeedbackSummary::of(&[5, 4, 3], comment.clone());
        assert_eq!(
            three.shown,
            Some(ShownFeedback {
                average: 4.0,
                comments: comment
            })
        );
        assert_eq!(FeedbackSummary::of(&[], Vec::new()).shown, None);
    }
}

//! Leaders' feedback on their coaching: at the close, a leader rates it from 1 to 5 and may
//! comment, from the link in their closing questionnaire's email
//! (`/questionnaires/{token}/feedback`), once.
//!
//! It is anonymous: a rating is kept with its coach and the year, and nothing else (the
//! coaching records only that feedback was given). A coach sees their average and the comments,
//! and staff the same, only in whole groups of [`SHOWN_FROM`] answers, in the order they came:
//! so no new answer shows on its own, to be read as one leader's.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Answers a coach needs before anyone sees their feedback; after that, what is shown grows
/// by this many at a time.
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
    /// The answers in whole groups of [`SHOWN_FROM`], oldest first; none below it.
    pub shown: Option<ShownFeedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownFeedback {
    /// How many answers these are (a multiple of [`SHOWN_FROM`]).
    pub answers: i64,
    pub average: f64,
    /// In no telling order (not by when they were given, which could point to a leader).
    pub comments: Vec<String>,
}

impl FeedbackSummary {
    /// One coach's answers (rating, comment), in the order they arrived. The comments shown
    /// are sorted, so their order says nothing of when each came.
    pub fn of(answers: &[(i16, Option<String>)]) -> FeedbackSummary {
        let count = i64::try_from(answers.len()).unwrap_or(i64::MAX);
        let whole = answers.len() - answers.len() % SHOWN_FROM as usize;
        let shown = (whole > 0).then(|| {
            let group = &answers[..whole];
            let mut comments: Vec<String> = group.iter().filter_map(|(_, c)| c.clone()).collect();
            comments.sort();
            ShownFeedback {
                answers: i64::try_from(whole).unwrap_or(i64::MAX),
                average: group.iter().map(|(r, _)| f64::from(*r)).sum::<f64>() / whole as f64,
                comments,
            }
        });
        FeedbackSummary {
            answers: count,
            shown,
        }
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
        return Ok(FeedbackSummary::of(&[]));
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
    fn feedback_shows_in_whole_groups_of_three_in_the_order_it_came() {
        let answer = |r: i16, c: Option<&str>| (r, c.map(str::to_string));
        let two = FeedbackSummary::of(&[answer(5, Some("Kind")), answer(4, None)]);
        assert_eq!(two.answers, 2);
        assert_eq!(two.shown, None, "two answers could be told apart");
        let three = [
            answer(5, Some("Kind")),
            answer(4, None),
            answer(3, Some("Apt")),
        ];
        let shown = FeedbackSummary::of(&three).shown.expect("shown");
        assert_eq!(shown.answers, 3);
        assert_eq!(shown.average, 4.0);
        assert_eq!(
            shown.comments,
            ["Apt", "Kind"],
            "sorted, not in the order given"
        );
        // A fourth and fifth answer change nothing shown: no single answer appears on its own.
        let mut five = three.to_vec();
        five.push(answer(1, Some("Late")));
        five.push(answer(1, None));
        assert_eq!(FeedbackSummary::of(&five).shown, Some(shown.clone()));
        let mut six = five.clone();
        six.push(answer(2, None));
        let grown = FeedbackSummary::of(&six).shown.expect("shown");
        assert_eq!(grown.answers, 6);
        assert_eq!(grown.average, 16.0 / 6.0);
        assert_eq!(FeedbackSummary::of(&[]).shown, None);
    }
}

//! Evidence of impact: the questionnaires leaders answer at the start of their coaching, at its
//! close and six months on, and coaches at its close; the measures they ask and how each is
//! scored (`measures`, pure); sending them and their one reminder (`due`); and the page they
//! are answered on, from a private link with no account, saved part by part (`pages`).

pub mod measures;

use serde::{Deserialize, Serialize};

crate::vocabulary::vocabulary! {
    /// Which questionnaire: whose, and at which moment.
    QuestionnaireKind {
        LeaderBaseline => ("leader_baseline", "Leader, at the start"),
        LeaderEnd => ("leader_end", "Leader, at the close"),
        LeaderFollowUp => ("leader_follow_up", "Leader, six months after the close"),
        CoachEnd => ("coach_end", "Coach, at the close"),
    }
}

impl QuestionnaireKind {
    /// Whether a leader answers it (the others are a coach's).
    pub const fn for_leader(self) -> bool {
        !matches!(self, QuestionnaireKind::CoachEnd)
    }

    /// Its parts, in order: a leader's ask every measure each time, so that each can be
    /// compared with the start.
    pub const fn parts(self) -> &'static [Part] {
        if self.for_leader() {
            &[
                Part::SelfEfficacy,
                Part::Loneliness,
                Part::Wellbeing,
                Part::Leadership,
            ]
        } else {
            &[Part::Coaching]
        }
    }
}

/// A part of a questionnaire: one page, saved as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    SelfEfficacy,
    Loneliness,
    Wellbeing,
    Leadership,
    Coaching,
}

impl Part {
    pub const fn heading(self) -> &'static str {
        match self {
            Part::SelfEfficacy => "Handling what comes your way",
            Part::Loneliness => "Feeling connected",
            Part::Wellbeing => "Your wellbeing",
            Part::Leadership => "You as a leader",
            Part::Coaching => "Your coaching",
        }
    }

    /// The scaled items it asks.
    pub fn items(self) -> Vec<measures::Item> {
        use measures::*;
        match self {
            Part::SelfEfficacy => GSE_ITEMS.to_vec(),
            Part::Loneliness => UCLA_ITEMS
                .iter()
                .copied()
                .chain([ONS_LONELY_ITEM])
                .collect(),
            Part::Wellbeing => ONS4_ITEMS.to_vec(),
            Part::Leadership => PROGRAMME_ITEMS.to_vec(),
            Part::Coaching => vec![COACH_CONFIDENCE_ITEM],
        }
    }
}

crate::vocabulary::vocabulary! {
    /// What a coach may say they gained from coaching a leader.
    CoachGain {
        OwnLeadership => ("own-leadership", "Insight into my own leadership"),
        CoachingSkills => ("coaching-skills", "Better coaching skills"),
        WiderView => ("wider-view-of-the-sector", "A wider view of the sector"),
        Connection => ("connection-with-other-leaders", "Connection with other leaders"),
        Purpose => ("purpose-and-satisfaction", "Satisfaction and a sense of purpose"),
    }
}

/// A questionnaire's links work, and it can be answered, until this long after it was sent.
pub const CLOSES_AFTER_DAYS: i64 = 60;
/// The one reminder goes this long after the questionnaire, if it has not been sent back.
pub const REMINDER_AFTER_DAYS: i64 = 7;
/// The leader's follow-up questionnaire comes this long after their coaching closed.
pub const FOLLOW_UP_MONTHS: i32 = 6;
/// A questionnaire is sent only this soon after its moment (the coaching's start, its close,
/// six months on): one sent much later would not measure that moment.
pub const SEND_WITHIN_DAYS: i64 = 30;

/// The address of a questionnaire's page for the private `token`.
pub fn questionnaire_url(public_url: &str, token: &str) -> String {
    format!("{public_url}/questionnaires/{token}")
}

/// A questionnaire as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireView {
    pub kind: QuestionnaireKind,
    /// Whom it is for, and the other person in the coaching.
    pub name: String,
    pub other: String,
    pub answers: measures::Answers,
    /// Indexes into `kind.parts()` saved so far.
    pub parts_saved: Vec<usize>,
    pub hours_given: Option<f64>,
    pub gains: Vec<CoachGain>,
    pub gains_in_own_words: Option<String>,
    pub submitted_on: Option<chrono::NaiveDate>,
    /// The last day it can be answered.
    pub closes_on: chrono::NaiveDate,
    pub closed: bool,
    /// A leader's closing questionnaire whose coaching has had no feedback yet: its page
    /// invites it (`feedback`).
    pub feedback_due: bool,
}

impl QuestionnaireView {
    /// The part to show when none is asked for: the first not yet saved, or with every part
    /// saved the last, where the answers are sent.
    pub fn next_part(&self) -> usize {
        let parts = self.kind.parts().len();
        (0..parts)
            .find(|i| !self.parts_saved.contains(i))
            .unwrap_or(parts.saturating_sub(1))
    }
}

#[cfg(feature = "ssr")]
pub mod action;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod due;
pub mod pages;

#[leptos::server(endpoint = "questionnaire")]
pub async fn questionnaire(token: String) -> Result<QuestionnaireView, crate::error::AppError> {
    let pool = crate::state::pool()?;
    db::view(&pool, &token, crate::clock::now())
        .await?
        .ok_or(crate::error::AppError::NotFound)
}

//! The outcome measures the questionnaires ask, each item's answers, and each measure scored by
//! its published rules. Pure: answers in, scores out.
//!
//! A skipped item is absent from [`Answers`], never zero. A measure whose items were skipped
//! beyond what its rules allow has no score (`None`), and is left out of every figure rather
//! than counted low.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an item is answered: a labelled scale whose values are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    /// The label of each value from `min` up; empty for a 0–10 scale, labelled at its ends.
    pub labels: &'static [&'static str],
    /// For a 0–10 scale, what its ends mean.
    pub ends: Option<(&'static str, &'static str)>,
}

const GSE_SCALE: Scale = Scale {
    min: 1,
    max: 4,
    labels: &[
        "Not at all true",
        "Hardly true",
        "Moderately true",
        "Exactly true",
    ],
    ends: None,
};
const UCLA_SCALE: Scale = Scale {
    min: 1,
    max: 3,
    labels: &["Hardly ever or never", "Some of the time", "Often"],
    ends: None,
};
/// The ONS direct question, stored so that higher is lonelier like the UCLA scale (the ONS
/// codes the same answers the other way round).
const ONS_LONELY_SCALE: Scale = Scale {
    min: 1,
    max: 5,
    labels: &[
        "Never",
        "Hardly ever",
        "Occasionally",
        "Some of the time",
        "Often or always",
    ],
    ends: None,
};
const ONS4_SCALE: Scale = Scale {
    min: 0,
    max: 10,
    labels: &[],
    ends: Some(("0: not at all", "10: completely")),
};
const AGREE_SCALE: Scale = Scale {
    min: 1,
    max: 5,
    labels: &[
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ],
    ends: None,
};

/// One question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Its name in forms and in the stored answers.
    pub id: &'static str,
    pub text: &'static str,
    pub scale: Scale,
}

const fn item(id: &'static str, text: &'static str, scale: Scale) -> Item {
    Item { id, text, scale }
}

/// The General Self-Efficacy Scale (Schwarzer & Jerusalem, 1995).
pub const GSE_ITEMS: [Item; 10] = [
    item(
        "gse-1",
        "I can always manage to solve difficult problems if I try hard enough.",
        GSE_SCALE,
    ),
    item(
        "gse-2",
        "If someone opposes me, I can find the means and ways to get what I want.",
        GSE_SCALE,
    ),
    item(
        "gse-3",
        "It is easy for me to stick to my aims and accomplish my goals.",
        GSE_SCALE,
    ),
    item(
        "gse-4",
        "I am confident that I could deal efficiently with unexpected events.",
        GSE_SCALE,
    ),
    item(
        "gse-5",
        "Thanks to my resourcefulness, I know how to handle unforeseen situations.",
        GSE_SCALE,
    ),
    item(
        "gse-6",
        "I can solve most problems if I invest the necessary effort.",
        GSE_SCALE,
    ),
    item(
        "gse-7",
        "I can remain calm when facing difficulties because I can rely on my coping abilities.",
        GSE_SCALE,
    ),
    item(
        "gse-8",
        "When I am confronted with a problem, I can usually find several solutions.",
        GSE_SCALE,
    ),
    item(
        "gse-9",
        "If I am in trouble, I can usually think of a solution.",
        GSE_SCALE,
    ),
    item(
        "gse-10",
        "I can usually handle whatever comes my way.",
        GSE_SCALE,
    ),
];

/// The three-item UCLA Loneliness Scale (Hughes et al., 2004), as the ONS asks it.
pub const UCLA_ITEMS: [Item; 3] = [
    item(
        "ucla-companionship",
        "How often do you feel that you lack companionship?",
        UCLA_SCALE,
    ),
    item(
        "ucla-left-out",
        "How often do you feel left out?",
        UCLA_SCALE,
    ),
    item(
        "ucla-isolated",
        "How often do you feel isolated from others?",
        UCLA_SCALE,
    ),
];

/// The ONS direct measure of loneliness.
pub const ONS_LONELY_ITEM: Item = item(
    "ons-lonely",
    "How often do you feel lonely?",
    ONS_LONELY_SCALE,
);

/// ONS4 personal wellbeing (the Office for National Statistics' four questions).
pub const ONS4_ITEMS: [Item; 4] = [
    item(
        "ons-life-satisfaction",
        "Overall, how satisfied are you with your life nowadays?",
        ONS4_SCALE,
    ),
    item(
        "ons-worthwhile",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        ONS4_SCALE,
    ),
    item(
        "ons-happiness",
        "Overall, how happy did you feel yesterday?",
        ONS4_SCALE,
    ),
    item(
        "ons-anxiety",
        "On a scale where 0 is \"not at all anxious\" and 10 is \"completely anxious\", overall, how anxious did you feel yesterday?",
        ONS4_SCALE,
    ),
];

/// The programme's own items.
pub const PROGRAMME_ITEMS: [Item; 4] = [
    item(
        "programme-strategic-decisions",
        "I feel confident making strategic decisions for my organisation.",
        AGREE_SCALE,
    ),
    item(
        "programme-difficult-issues",
        "I feel confident tackling difficult issues at work.",
        AGREE_SCALE,
    ),
    item(
        "programme-isolated",
        "I feel isolated as a leader.",
        AGREE_SCALE,
    ),
    item(
        "programme-someone-to-think-with",
        "I have someone to think things through with.",
        AGREE_SCALE,
    ),
];

/// A coach's confidence, in their end questionnaire.
pub const COACH_CONFIDENCE_ITEM: Item = item(
    "coach-confidence",
    "I feel confident as a coach.",
    AGREE_SCALE,
);

crate::vocabulary::vocabulary! {
    /// What a leader's questionnaire measures: each is reported on its own.
    Measure {
        Gse => ("gse", "General self-efficacy (10 to 40)"),
        UclaLoneliness => ("ucla-loneliness", "Loneliness, UCLA three-item scale (3 to 9)"),
        OnsLoneliness => ("ons-loneliness", "Loneliness, ONS direct question (1 never to 5 often or always)"),
        LifeSatisfaction => ("life-satisfaction", "Life satisfaction (0 to 10)"),
        Worthwhile => ("worthwhile", "Feeling the things you do are worthwhile (0 to 10)"),
        Happiness => ("happiness", "Happiness yesterday (0 to 10)"),
        Anxiety => ("anxiety", "Anxiety yesterday (0 to 10)"),
        StrategicDecisions => ("strategic-decisions", "Confidence making strategic decisions (1 to 5)"),
        DifficultIssues => ("difficult-issues", "Confidence tackling difficult issues (1 to 5)"),
        IsolatedAsLeader => ("isolated-as-leader", "Feeling isolated as a leader (1 to 5)"),
        SomeoneToThinkWith => ("someone-to-think-with", "Having someone to think things through with (1 to 5)"),
    }
}

impl Measure {
    /// Its column in `questionnaires`.
    pub const fn column(self) -> &'static str {
        match self {
            Measure::Gse => "general_self_efficacy",
            Measure::UclaLoneliness => "ucla_loneliness",
            Measure::OnsLoneliness => "ons_loneliness",
            Measure::LifeSatisfaction => "life_satisfaction",
            Measure::Worthwhile => "worthwhile",
            Measure::Happiness => "happiness",
            Measure::Anxiety => "anxiety",
            Measure::StrategicDecisions => "strategic_decisions",
            Measure::DifficultIssues => "difficult_issues",
            Measure::IsolatedAsLeader => "isolated_as_leader",
            Measure::SomeoneToThinkWith => "someone_to_think_with",
        }
    }

    /// Whether a rise is an improvement (loneliness, anxiety and isolation fall when things
    /// get better).
    pub const fn higher_is_better(self) -> bool {
        !matches!(
            self,
            Measure::UclaLoneliness
                | Measure::OnsLoneliness
                | Measure::Anxiety
                | Measure::IsolatedAsLeader
        )
    }

    /// How it is scored, in a sentence for the people reading the figures.
    pub const fn rule(self) -> &'static str {
        match self {
            Measure::Gse => {
                "The sum of the ten answers (1 to 4 each). Scored when at least seven are answered, \
                 as the scale's authors advise: then ten times the mean of those answered."
            }
            Measure::UclaLoneliness => {
                "The sum of the three answers (1 to 3 each); scored only when all three are answered."
            }
            Measure::OnsLoneliness => "The answer, from 1 (never) to 5 (often or always).",
            Measure::LifeSatisfaction
            | Measure::Worthwhile
            | Measure::Happiness
            | Measure::Anxiety => "The answer, from 0 to 10, reported on its own as the ONS does.",
            Measure::StrategicDecisions
            | Measure::DifficultIssues
            | Measure::IsolatedAsLeader
            | Measure::SomeoneToThinkWith => {
                "The answer, from 1 (strongly disagree) to 5 (strongly agree)."
            }
        }
    }
}

/// The answers given so far: item id → the value chosen. Skipped items are absent. Built only
/// through [`Answers::set`], which refuses a value off the item's scale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, u8>);

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Records `value` for `item`, or skips it (`None`). A value off the scale is refused.
    pub fn set(&mut self, item: &Item, value: Option<u8>) -> Result<(), OffTheScale> {
        match value {
            None => {
                self.0.remove(item.id);
                Ok(())
            }
            Some(v) if (item.scale.min..=item.scale.max).contains(&v) => {
                self.0.insert(item.id.to_string(), v);
                Ok(())
            }
            Some(_) => Err(OffTheScale),
        }
    }

    pub fn get(&self, item: &Item) -> Option<u8> {
        self.0.get(item.id).copied()
    }

    /// Answers read back from storage, keeping only those on their item's scale (a stored
    /// answer to an item since removed, or off its scale, is not an answer).
    pub fn from_stored(stored: BTreeMap<String, u8>) -> Answers {
        let mut answers = Answers::new();
        for item in all_items() {
            if let Some(&v) = stored.get(item.id) {
                let _ = answers.set(&item, Some(v));
            }
        }
        answers
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Choose one of the answers shown")]
pub struct OffTheScale;

/// Every scaled item a questionnaire can ask.
pub fn all_items() -> impl Iterator<Item = Item> {
    GSE_ITEMS
        .into_iter()
        .chain(UCLA_ITEMS)
        .chain([ONS_LONELY_ITEM])
        .chain(ONS4_ITEMS)
        .chain(PROGRAMME_ITEMS)
        .chain([COACH_CONFIDENCE_ITEM])
}

/// At most this many of the ten GSE items may be skipped for it to be scored.
pub const GSE_MOST_SKIPPED: usize = 3;

/// `measure` scored from `answers` by its published rule, or `None` when it cannot be.
pub fn score(measure: Measure, answers: &Answers) -> Option<f64> {
    let single = |item: &Item| answers.get(item).map(f64::from);
    match measure {
        Measure::Gse => {
            let given: Vec<f64> = GSE_ITEMS
                .iter()
                .filter_map(|i| answers.get(i).map(f64::from))
                .collect();
            if given.len() < GSE_ITEMS.len() - GSE_MOST_SKIPPED {
                return None;
            }
            // With every item answered this is exactly the sum.
            let mean = given.iter().sum::<f64>() / given.len() as f64;
            Some(mean * GSE_ITEMS.len() as f64)
        }
        Measure::UclaLoneliness => UCLA_ITEMS
            .iter()
            .map(|i| answers.get(i).map(f64::from))
            .sum::<Option<f64>>(),
        Measure::OnsLoneliness => single(&ONS_LONELY_ITEM),
        Measure::LifeSatisfaction => single(&ONS4_ITEMS[0]),
        Measure::Worthwhile => single(&ONS4_ITEMS[1]),
        Measure::Happiness => single(&ONS4_ITEMS[2]),
        Measure::Anxiety => single(&ONS4_ITEMS[3]),
        Measure::StrategicDecisions => single(&PROGRAMME_ITEMS[0]),
        Measure::DifficultIssues => single(&PROGRAMME_ITEMS[1]),
        Measure::IsolatedAsLeader => single(&PROGRAMME_ITEMS[2]),
        Measure::SomeoneToThinkWith => single(&PROGRAMME_ITEMS[3]),
    }
}

/// Every measure's score (`None` where it cannot be scored).
pub fn scores(answers: &Answers) -> Vec<(Measure, Option<f64>)> {
    Measure::ALL
        .iter()
        .map(|&m| (m, score(m, answers)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(pairs: &[(&Item, u8)]) -> Answers {
        let mut answers = Answers::new();
        for (item, value) in pairs {
            answers.set(item, Some(*value)).expect("on the scale");
        }
        answers
    }

    fn gse(values: &[Option<u8>]) -> Answers {
        let mut answers = Answers::new();
        for (item, value) in GSE_ITEMS.iter().zip(values) {
            answers.set(item, *value).expect("on the scale");
        }
        answers
    }

    #[test]
    fn gse_is_the_sum_of_ten_answers_from_10_to_40() {
        assert_eq!(score(Measure::Gse, &gse(&[Some(1); 10])), Some(10.0));
        assert_eq!(score(Measure::Gse, &gse(&[Some(4); 10])), Some(40.0));
        // 3,3,2,4,3,3,2,3,4,3 = 30.
        let worked = [3, 3, 2, 4, 3, 3, 2, 3, 4, 3].map(Some);
        assert_eq!(score(Measure::Gse, &gse(&worked)), Some(30.0));
    }

    #[test]
    fn gse_with_three_skipped_is_ten_times_the_mean_of_the_rest_and_with_four_is_not_scored() {
        // Seven answered: 4,4,3,3,3,2,2 = 21, mean 3, scored 30.
        let seven = [
            Some(4),
            Some(4),
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(2),
            None,
            None,
            None,
        ];
        assert_eq!(score(Measure::Gse, &gse(&seven)), Some(30.0));
        // Nine answered, all 4 but one 1: mean 33/9, scored 36.67, never 33 (a skip is not 0).
        let nine = [
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(1),
            None,
        ];
        let scored = score(Measure::Gse, &gse(&nine)).expect("scored");
        assert!((scored - 330.0 / 9.0).abs() < 1e-9, "{scored}");
        let six = [
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            None,
            None,
            None,
            None,
        ];
        assert_eq!(score(Measure::Gse, &gse(&six)), None);
        assert_eq!(score(Measure::Gse, &Answers::new()), None);
    }

    #[test]
    fn ucla_is_the_sum_of_three_answers_and_needs_all_three() {
        let all = answered(&[
            (&UCLA_ITEMS[0], 1),
            (&UCLA_ITEMS[1], 1),
            (&UCLA_ITEMS[2], 1),
        ]);
        assert_eq!(score(Measure::UclaLoneliness, &all), Some(3.0));
        let most = answered(&[
            (&UCLA_ITEMS[0], 3),
            (&UCLA_ITEMS[1], 3),
            (&UCLA_ITEMS[2], 3),
        ]);
        assert_eq!(score(Measure::UclaLoneliness, &most), Some(9.0));
        let mixed = answered(&[
            (&UCLA_ITEMS[0], 2),
            (&UCLA_ITEMS[1], 1),
            (&UCLA_ITEMS[2], 3),
        ]);
        assert_eq!(score(Measure::UclaLoneliness, &mixed), Some(6.0));
        let two = answered(&[(&UCLA_ITEMS[0], 3), (&UCLA_ITEMS[2], 3)]);
        assert_eq!(
            score(Measure::UclaLoneliness, &two),
            None,
            "never 6 with a skip as 0"
        );
    }

    #[test]
    fn single_items_are_their_answer_and_a_skip_is_no_score() {
        let answers = answered(&[
            (&ONS_LONELY_ITEM, 4),
            (&ONS4_ITEMS[0], 0),
            (&ONS4_ITEMS[1], 10),
            (&ONS4_ITEMS[3], 7),
            (&PROGRAMME_ITEMS[0], 5),
            (&PROGRAMME_ITEMS[2], 1),
        ]);
        assert_eq!(score(Measure::OnsLoneliness, &answers), Some(4.0));
        assert_eq!(
            score(Measure::LifeSatisfaction, &answers),
            Some(0.0),
            "0 answered is 0"
        );
        assert_eq!(score(Measure::Worthwhile, &answers), Some(10.0));
        assert_eq!(score(Measure::Happiness, &answers), None, "skipped");
        assert_eq!(score(Measure::Anxiety, &answers), Some(7.0));
        assert_eq!(score(Measure::StrategicDecisions, &answers), Some(5.0));
        assert_eq!(score(Measure::DifficultIssues, &answers), None);
        assert_eq!(score(Measure::IsolatedAsLeader, &answers), Some(1.0));
        assert_eq!(score(Measure::SomeoneToThinkWith, &answers), None);
    }

    #[test]
    fn answers_off_the_scale_are_refused_at_both_ends() {
        let mut answers = Answers::new();
        assert_eq!(answers.set(&GSE_ITEMS[0], Some(0)), Err(OffTheScale));
        assert_eq!(answers.set(&GSE_ITEMS[0], Some(5)), Err(OffTheScale));
        assert_eq!(answers.set(&UCLA_ITEMS[0], Some(4)), Err(OffTheScale));
        assert_eq!(answers.set(&ONS4_ITEMS[0], Some(11)), Err(OffTheScale));
        assert_eq!(answers.set(&ONS4_ITEMS[0], Some(0)), Ok(()));
        assert_eq!(answers.set(&PROGRAMME_ITEMS[0], Some(0)), Err(OffTheScale));
        assert_eq!(answers.set(&PROGRAMME_ITEMS[0], Some(6)), Err(OffTheScale));
        // Skipping an item answered before removes the answer.
        answers.set(&GSE_ITEMS[1], Some(3)).expect("on the scale");
        answers.set(&GSE_ITEMS[1], None).expect("a skip");
        assert_eq!(answers.get(&GSE_ITEMS[1]), None);
    }

    #[test]
    fn stored_answers_off_their_scale_or_to_unknown_items_are_dropped() {
        let stored: BTreeMap<String, u8> = [
            ("gse-1".to_string(), 3),
            ("gse-2".to_string(), 9),
            ("no-such-item".to_string(), 2),
        ]
        .into();
        let answers = Answers::from_stored(stored);
        assert_eq!(answers.get(&GSE_ITEMS[0]), Some(3));
        assert_eq!(answers.get(&GSE_ITEMS[1]), None);
        assert_eq!(
            serde_json::to_string(&answers).ok().as_deref(),
            Some("{\"gse-1\":3}")
        );
    }

    #[test]
    fn each_measure_says_which_way_is_better() {
        assert!(Measure::Gse.higher_is_better());
        assert!(!Measure::UclaLoneliness.higher_is_better());
        assert!(!Measure::Anxiety.higher_is_better());
        assert!(Measure::SomeoneToThinkWith.higher_is_better());
    }
}

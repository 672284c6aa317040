//! The checker's form as typed, and its parsing into [`EligibilityQuestions`].

use super::EligibilityQuestions;
use crate::forms::FieldErrors;
use serde::{Deserialize, Serialize};

/// The names of the checker's fields, in the order the form shows them. They are also the
/// query-string keys of `/eligibility`, so an answer can be bookmarked and shared.
pub mod field {
    pub const ORGANISATION_TYPE: &str = "organisation_type";
    pub const HEALTH_AND_WELLBEING: &str = "health_and_wellbeing";
    pub const INCOME: &str = "income";
    pub const UNDER_REPRESENTED_COMMUNITIES: &str = "under_represented_communities";
    pub const LEADERSHIP_SUPPORT_BEFORE: &str = "leadership_support_before";

    pub const ALL: [&str; 5] = [
        ORGANISATION_TYPE,
        HEALTH_AND_WELLBEING,
        INCOME,
        UNDER_REPRESENTED_COMMUNITIES,
        LEADERSHIP_SUPPORT_BEFORE,
    ];
}

/// The checker's answers exactly as typed or ticked, before any checking. Kept as text so that a
/// form with a mistake in it can be shown again with everything the leader entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityAnswers {
    #[serde(default)]
    pub organisation_type: String,
    #[serde(default)]
    pub health_and_wellbeing: String,
    #[serde(default)]
    pub income: String,
    #[serde(default)]
    pub under_represented_communities: String,
    #[serde(default)]
    pub leadership_support_before: String,
}

/// Each question's check, with its message, for every form that asks it (this checker and the
/// expression of interest): each adds its message to `errors` under `name` when the answer is
/// missing or wrong.
pub mod check {
    use super::super::{EligibilityQuestions, OrganisationType};
    use crate::forms::FieldErrors;
    use crate::money::{Money, MoneyError};

    pub fn organisation_type(
        errors: &mut FieldErrors,
        name: &str,
        value: &str,
    ) -> Option<OrganisationType> {
        let answer = OrganisationType::from_slug(value);
        if answer.is_none() {
            errors.add(name, "Choose the type of organisation");
        }
        answer
    }

    pub fn works_in_health_and_wellbeing(
        errors: &mut FieldErrors,
        name: &str,
        value: &str,
    ) -> Option<bool> {
        yes_no(
            errors,
            name,
            value,
            "Say whether your organisation works in health and wellbeing",
        )
    }

    pub fn annual_income(errors: &mut FieldErrors, name: &str, value: &str) -> Option<Money> {
        Money::parse(value)
            .map_err(|e| errors.add(name, income_message(e)))
            .ok()
    }

    pub fn works_with_under_represented_communities(
        errors: &mut FieldErrors,
        name: &str,
        value: &str,
    ) -> Option<bool> {
        yes_no(
            errors,
            name,
            value,
            "Say whether your organisation works with ethnic-minority communities or other under-represented groups",
        )
    }

    pub fn had_leadership_support_before(
        errors: &mut FieldErrors,
        name: &str,
        value: &str,
    ) -> Option<bool> {
        yes_no(
            errors,
            name,
            value,
            "Say whether you have had leadership development support before",
        )
    }

    /// The five answers together, once each is there.
    pub fn all_answered(
        organisation_type: Option<OrganisationType>,
        health: Option<bool>,
        income: Option<Money>,
        communities: Option<bool>,
        support: Option<bool>,
    ) -> Option<EligibilityQuestions> {
        Some(EligibilityQuestions {
            organisation_type: organisation_type?,
            works_in_health_and_wellbeing: health?,
            annual_income: income?,
            works_with_under_represented_communities: communities?,
            had_leadership_support_before: support?,
        })
    }

    /// A yes/no radio's value.
    fn yes_no(errors: &mut FieldErrors, name: &str, value: &str, message: &str) -> Option<bool> {
        let answer = match value {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        if answer.is_none() {
            errors.add(name, message);
        }
        answer
    }

    /// What to say about annual income typed wrongly, in the words of the field.
    pub fn income_message(error: MoneyError) -> &'static str {
        match error {
            MoneyError::Empty => "Enter your organisation's annual income, like £120,000",
            MoneyError::Negative => "Annual income cannot be negative",
            MoneyError::NotAnAmount => {
                "Enter annual income as an amount, like £120,000, 120k or 1.2m"
            }
            MoneyError::TooManyDecimalPlaces => {
                "Enter annual income with no more than two decimal places, like 120,000.50"
            }
            MoneyError::TooLarge => "Enter an annual income under £1 trillion",
        }
    }
}

impl EligibilityAnswers {
    /// Reads the answers from query-string or form pairs; unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut answers = EligibilityAnswers::default();
        for (key, value) in pairs {
            let slot = match key {
                field::ORGANISATION_TYPE => &mut answers.organisation_type,
                field::HEALTH_AND_WELLBEING => &mut answers.health_and_wellbeing,
                field::INCOME => &mut answers.income,
                field::UNDER_REPRESENTED_COMMUNITIES => &mut answers.under_represented_communities,
                field::LEADERSHIP_SUPPORT_BEFORE => &mut answers.leadership_support_before,
                _ => continue,
            };
            *slot = value.to_string();
        }
        answers
    }

    /// Checks every answer, returning the parsed questions or a message for each field that
    /// needs fixing.
    pub fn parse(&self) -> Result<EligibilityQuestions, FieldErrors> {
        let mut errors = FieldErrors::new();
        let e = &mut errors;
        let questions = check::all_answered(
            check::organisation_type(e, field::ORGANISATION_TYPE, &self.organisation_type),
            check::works_in_health_and_wellbeing(
                e,
                field::HEALTH_AND_WELLBEING,
                &self.health_and_wellbeing,
            ),
            check::annual_income(e, field::INCOME, &self.income),
            check::works_with_under_represented_communities(
                e,
                field::UNDER_REPRESENTED_COMMUNITIES,
                &self.under_represented_communities,
            ),
            check::had_leadership_support_before(
                e,
                field::LEADERSHIP_SUPPORT_BEFORE,
                &self.leadership_support_before,
            ),
        );
        questions.ok_or(errors)
    }

    /// True when nothing at all has been answered: a fresh form, not a form with mistakes.
    pub fn is_blank(&self) -> bool {
        self.organisation_type.is_empty()
            && self.health_and_wellbeing.is_empty()
            && self.income.trim().is_empty()
            && self.under_represented_communities.is_empty()
            && self.leadership_support_before.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::check::income_message;
    use super::*;
    use crate::eligibility::OrganisationType;
    use crate::money::{Money, MoneyError};

    fn complete() -> EligibilityAnswers {
        EligibilityAnswers {
            organisation_type: "registered-charity".into(),
            health_and_wellbeing: "yes".into(),
            income: "£120,000".into(),
            under_represented_communities: "no".into(),
            leadership_support_before: "yes".into(),
        }
    }

    #[test]
    fn complete_answers_parse() {
        let questions = complete().parse().expect("valid answers");
        assert_eq!(
            questions.organisation_type,
            OrganisationType::RegisteredCharity
        );
        assert!(questions.works_in_health_and_wellbeing);
        assert_eq!(questions.annual_income, Money::from_pounds(120_000));
        assert!(!questions.works_with_under_represented_communities);
        assert!(questions.had_leadership_support_before);
    }

    #[test]
    fn every_missing_answer_gets_its_own_message_in_form_order() {
        let errors = EligibilityAnswers::default()
            .parse()
            .expect_err("nothing answered");
        let fields: Vec<_> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, field::ALL);
        assert_eq!(
            errors.get(field::INCOME),
            Some(income_message(MoneyError::Empty))
        );
    }

    #[test]
    fn a_bad_income_is_reported_against_income_only() {
        for (typed, message) in [
            ("lots", income_message(MoneyError::NotAnAmount)),
            ("-100", "Annual income cannot be negative"),
            ("", income_message(MoneyError::Empty)),
        ] {
            let errors = EligibilityAnswers {
                income: typed.into(),
                ..complete()
            }
            .parse()
            .expect_err("bad income");
            assert_eq!(errors.len(), 1, "{typed:?}");
            assert_eq!(errors.get(field::INCOME), Some(message), "{typed:?}");
        }
    }

    #[test]
    fn unknown_choices_are_treated_as_unanswered() {
        let errors = EligibilityAnswers {
            organisation_type: "plc".into(),
            health_and_wellbeing: "maybe".into(),
            ..complete()
        }
        .parse()
        .expect_err("unknown values");
        assert!(errors.get(field::ORGANISATION_TYPE).is_some());
        assert!(errors.get(field::HEALTH_AND_WELLBEING).is_some());
    }

    #[test]
    fn reads_pairs_and_ignores_unknown_keys() {
        let answers = EligibilityAnswers::from_pairs([
            ("income", "120k"),
            ("organisation_type", "cio"),
            ("utm_source", "newsletter"),
        ]);
        assert_eq!(answers.income, "120k");
        assert_eq!(answers.organisation_type, "cio");
        assert!(!answers.is_blank());
        assert!(EligibilityAnswers::from_pairs([("utm_source", "x")]).is_blank());
    }
}

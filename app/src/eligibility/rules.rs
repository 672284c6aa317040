//! Who may have Cascade coaching, and who may have a bursary towards it.
//!
//! Pure functions with no I/O: the browser runs them as the leader types, the server runs them
//! on a form submitted without JavaScript and again on every expression of interest.

use super::OrganisationType;
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// The income limits in effect (programme settings, see `settings::Terms::income_limits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeLimits {
    /// Eligible organisations' annual income is strictly under this.
    pub eligibility: Money,
    /// An eligible organisation with annual income strictly under this may have a bursary.
    pub bursary: Money,
}

/// A leader's answers, already parsed: every field holds a valid value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityQuestions {
    pub organisation_type: OrganisationType,
    pub works_in_health_and_wellbeing: bool,
    pub annual_income: Money,
    pub works_with_under_represented_communities: bool,
    pub had_leadership_support_before: bool,
}

/// One thing the rules looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Test {
    VoluntaryAndCommunitySector,
    HealthAndWellbeing,
    IncomeUnderEligibilityLimit,
    IncomeUnderBursaryLimit,
    UnderRepresentedCommunities,
    NoLeadershipSupportBefore,
}

/// The outcome of one test, with the reason in plain English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub test: Test,
    pub met: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub eligible: bool,
    /// Never true unless `eligible` is.
    pub bursary: bool,
    /// All of these must be met to be eligible.
    pub eligibility: Vec<Criterion>,
    /// Any one of these, with eligibility, allows a bursary. Empty when not eligible: the
    /// bursary questions do not arise.
    pub bursary_routes: Vec<Criterion>,
}

impl Assessment {
    pub fn criterion(&self, test: Test) -> Option<&Criterion> {
        self.eligibility
            .iter()
            .chain(&self.bursary_routes)
            .find(|c| c.test == test)
    }
}

pub fn assess(questions: &EligibilityQuestions, limits: &IncomeLimits) -> Assessment {
    let eligibility = vec![
        sector(questions.organisation_type),
        health_and_wellbeing(questions.works_in_health_and_wellbeing),
        income_under_eligibility_limit(questions.annual_income, limits.eligibility),
    ];
    let eligible = eligibility.iter().all(|c| c.met);
    let bursary_routes = if eligible {
        vec![
            income_under_bursary_limit(questions.annual_income, limits.bursary),
            under_represented_communities(questions.works_with_under_represented_communities),
            no_leadership_support_before(questions.had_leadership_support_before),
        ]
    } else {
        Vec::new()
    };
    let bursary = eligible && bursary_routes.iter().any(|c| c.met);
    Assessment {
        eligible,
        bursary,
        eligibility,
        bursary_routes,
    }
}

fn sector(organisation_type: OrganisationType) -> Criterion {
    let reason = match organisation_type {
        OrganisationType::PublicBody => {
            "Public bodies are not eligible: Cascade is for voluntary and community sector organisations.".to_string()
        }
        OrganisationType::PrivateCompany => {
            "Private companies are not eligible: Cascade is for voluntary and community sector organisations. \
             A community interest company or social enterprise is eligible."
                .to_string()
        }
        sector_type => format!(
            "A {} is a voluntary and community sector organisation.",
            sector_type.name_in_a_sentence()
        ),
    };
    Criterion {
        test: Test::VoluntaryAndCommunitySector,
        met: organisation_type.is_voluntary_and_community_sector(),
        reason,
    }
}

fn health_and_wellbeing(works_in_health_and_wellbeing: bool) -> Criterion {
    Criterion {
        test: Test::HealthAndWellbeing,
        met: works_in_health_and_wellbeing,
        reason: if works_in_health_and_wellbeing {
            "Your organisation works in health and wellbeing.".to_string()
        } else {
            "Cascade is for organisations working in health and wellbeing, and you said yours does not."
                .to_string()
        },
    }
}

fn income_under_eligibility_limit(income: Money, limit: Money) -> Criterion {
    let met = income < limit;
    Criterion {
        test: Test::IncomeUnderEligibilityLimit,
        met,
        reason: if met {
            format!("Your annual income of {income} is under the {limit} limit.")
        } else {
            format!(
                "Your annual income of {income} is not under the {limit} limit: \
                 Cascade is for small organisations."
            )
        },
    }
}

fn income_under_bursary_limit(income: Money, limit: Money) -> Criterion {
    let met = income < limit;
    Criterion {
        test: Test::IncomeUnderBursaryLimit,
        met,
        reason: if met {
            format!("Your annual income of {income} is under {limit}.")
        } else {
            format!("Your annual income of {income} is not under {limit}.")
        },
    }
}

fn under_represented_communities(works_with_them: bool) -> Criterion {
    Criterion {
        test: Test::UnderRepresentedCommunities,
        met: works_with_them,
        reason: if works_with_them {
            "Your organisation works with ethnic-minority communities or other under-represented groups."
                .to_string()
        } else {
            "You said your organisation does not work with ethnic-minority communities or other \
             under-represented groups."
                .to_string()
        },
    }
}

fn no_leadership_support_before(had_support: bool) -> Criterion {
    Criterion {
        test: Test::NoLeadershipSupportBefore,
        met: !had_support,
        reason: if had_support {
            "You have had leadership development support before.".to_string()
        } else {
            "You have not had leadership development support before.".to_string()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrganisationType::*;

    /// The limits the programme started with.
    const LIMITS: IncomeLimits = IncomeLimits {
        eligibility: Money::from_pounds(500_000),
        bursary: Money::from_pounds(150_000),
    };

    fn assess(questions: &EligibilityQuestions) -> Assessment {
        super::assess(questions, &LIMITS)
    }

    /// An organisation that meets every test, to vary one answer at a time.
    fn eligible_charity() -> EligibilityQuestions {
        EligibilityQuestions {
            organisation_type: RegisteredCharity,
            works_in_health_and_wellbeing: true,
            annual_income: Money::from_pounds(200_000),
            works_with_under_represented_communities: false,
            had_leadership_support_before: true,
        }
    }

    fn with_income(pounds: u64) -> EligibilityQuestions {
        EligibilityQuestions {
            annual_income: Money::from_pounds(pounds),
            ..eligible_charity()
        }
    }

    fn with_income_pence(pence: u64) -> EligibilityQuestions {
        EligibilityQuestions {
            annual_income: Money::from_pence(pence).expect("a valid amount"),
            ..eligible_charity()
        }
    }

    #[test]
    fn income_strictly_under_500000_is_eligible() {
        for pounds in [0, 1, 149_999, 150_000, 499_998, 499_999] {
            assert!(assess(&with_income(pounds)).eligible, "£{pounds}");
        }
        assert!(
            assess(&with_income_pence(49_999_999)).eligible,
            "£499,999.99"
        );
        for pounds in [500_000, 500_001, 1_000_000] {
            let assessment = assess(&with_income(pounds));
            assert!(!assessment.eligible, "£{pounds}");
            assert!(!assessment.bursary, "£{pounds}");
        }
    }

    #[test]
    fn income_strictly_under_150000_gives_a_bursary() {
        for pounds in [0, 1, 149_998, 149_999] {
            assert!(assess(&with_income(pounds)).bursary, "£{pounds}");
        }
        assert!(
            assess(&with_income_pence(14_999_999)).bursary,
            "£149,999.99"
        );
        for pounds in [150_000, 150_001, 499_999] {
            assert!(!assess(&with_income(pounds)).bursary, "£{pounds}");
        }
    }

    #[test]
    fn each_organisation_type_is_eligible_only_if_in_the_sector() {
        for &organisation_type in OrganisationType::ALL {
            let assessment = assess(&EligibilityQuestions {
                organisation_type,
                ..eligible_charity()
            });
            let in_sector = !matches!(organisation_type, PublicBody | PrivateCompany);
            assert_eq!(assessment.eligible, in_sector, "{organisation_type:?}");
            let criterion = assessment
                .criterion(Test::VoluntaryAndCommunitySector)
                .expect("always assessed");
            assert_eq!(criterion.met, in_sector, "{organisation_type:?}");
        }
    }

    #[test]
    fn organisations_outside_health_and_wellbeing_are_not_eligible() {
        let assessment = assess(&EligibilityQuestions {
            works_in_health_and_wellbeing: false,
            ..eligible_charity()
        });
        assert!(!assessment.eligible);
        assert!(!assessment.bursary);
    }

    #[test]
    fn under_represented_communities_give_a_bursary_at_any_eligible_income() {
        let assessment = assess(&EligibilityQuestions {
            works_with_under_represented_communities: true,
            ..with_income(499_999)
        });
        assert!(assessment.eligible && assessment.bursary);
    }

    #[test]
    fn no_leadership_support_before_gives_a_bursary_at_any_eligible_income() {
        let assessment = assess(&EligibilityQuestions {
            had_leadership_support_before: false,
            ..with_income(499_999)
        });
        assert!(assessment.eligible && assessment.bursary);
    }

    #[test]
    fn bursary_needs_eligibility_whatever_else_is_true() {
        for organisation_type in [PublicBody, PrivateCompany] {
            let assessment = assess(&EligibilityQuestions {
                organisation_type,
                annual_income: Money::from_pounds(10_000),
                works_with_under_represented_communities: true,
                had_leadership_support_before: false,
                ..eligible_charity()
            });
            assert!(!assessment.eligible && !assessment.bursary);
            assert!(assessment.bursary_routes.is_empty());
        }
    }

    #[test]
    fn every_combination_follows_the_rules() {
        let incomes = [0, 149_999, 150_000, 499_999, 500_000];
        for &organisation_type in OrganisationType::ALL {
            for health in [true, false] {
                for pounds in incomes {
                    for communities in [true, false] {
                        for had_support in [true, false] {
                            let q = EligibilityQuestions {
                                organisation_type,
                                works_in_health_and_wellbeing: health,
                                annual_income: Money::from_pounds(pounds),
                                works_with_under_represented_communities: communities,
                                had_leadership_support_before: had_support,
                            };
                            let a = assess(&q);
                            let eligible = organisation_type.is_voluntary_and_community_sector()
                                && health
                                && pounds < 500_000;
                            let bursary =
                                eligible && (pounds < 150_000 || communities || !had_support);
                            assert_eq!((a.eligible, a.bursary), (eligible, bursary), "{q:?}");
                            assert_eq!(a.eligibility.len(), 3);
                            assert_eq!(a.bursary_routes.len(), if eligible { 3 } else { 0 });
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn reasons_say_what_was_met_in_plain_english() {
        let a = assess(&with_income(120_000));
        let reason = |t| a.criterion(t).map(|c| c.reason.clone()).unwrap_or_default();
        assert_eq!(
            reason(Test::IncomeUnderEligibilityLimit),
            "Your annual income of £120,000 is under the £500,000 limit."
        );
        assert_eq!(
            reason(Test::IncomeUnderBursaryLimit),
            "Your annual income of £120,000 is under £150,000."
        );
        assert_eq!(
            reason(Test::VoluntaryAndCommunitySector),
            "A registered charity is a voluntary and community sector organisation."
        );
        let cio = assess(&EligibilityQuestions {
            organisation_type: CharitableIncorporatedOrganisation,
            ..eligible_charity()
        });
        assert_eq!(
            cio.eligibility[0].reason,
            "A charitable incorporated organisation (CIO) is a voluntary and community sector organisation."
        );
    }

    #[test]
    fn reasons_say_what_was_not_met() {
        let a = assess(&with_income(500_000));
        let c = a
            .criterion(Test::IncomeUnderEligibilityLimit)
            .expect("always assessed");
        assert!(!c.met);
        assert!(
            c.reason
                .contains("£500,000 is not under the £500,000 limit")
        );
        let public = assess(&EligibilityQuestions {
            organisation_type: PublicBody,
            ..eligible_charity()
        });
        assert!(
            public.eligibility[0]
                .reason
                .starts_with("Public bodies are not eligible")
        );
    }

    #[test]
    fn other_limits_are_as_strict_as_the_first_ones() {
        for (eligibility, bursary) in [(300_000, 100_000), (1_000_000, 250_000), (50_000, 50_000)] {
            let limits = IncomeLimits {
                eligibility: Money::from_pounds(eligibility),
                bursary: Money::from_pounds(bursary),
            };
            let at = |pence: u64| super::assess(&with_income_pence(pence), &limits);
            let (e, b) = (eligibility * 100, bursary * 100);
            assert!(at(e - 1).eligible && !at(e).eligible, "£{eligibility}");
            assert!(at(b - 1).bursary && !at(b).bursary, "£{bursary}");
            let reason = at(e)
                .criterion(Test::IncomeUnderEligibilityLimit)
                .map(|c| c.reason.clone())
                .unwrap_or_default();
            assert!(
                reason.contains(&format!("not under the {} limit", limits.eligibility)),
                "{reason}"
            );
        }
    }
}

//! The expression-of-interest form: as typed ([`AskForm`]), and parsed into a request whose
//! every field holds a valid value ([`ExpressionOfInterest`]).

use crate::coaches::Slug;
use crate::contact::{EmailAddress, PhoneNumber};
use crate::eligibility::answers::check;
use crate::eligibility::rules::{IncomeLimits, Test};
use crate::eligibility::{EligibilityQuestions, assess};
use crate::forms::{FieldErrors, required_text};
use crate::place::Postcode;
use crate::vocabulary::{Community, Region, known_slugs};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The form's field names, in the order the form shows them: also the order in which
/// messages are listed and the first one focused.
pub mod field {
    pub const LEADER_NAME: &str = "leader_name";
    pub const EMAIL: &str = "email";
    pub const PHONE: &str = "phone";
    pub const ROLE: &str = "role";
    pub const ORGANISATION_NAME: &str = "organisation_name";
    pub const ORGANISATION_TYPE: &str = "organisation_type";
    pub const REGISTRATION_NUMBER: &str = "registration_number";
    pub const HEALTH_AND_WELLBEING: &str = "health_and_wellbeing";
    pub const ANNUAL_INCOME: &str = "annual_income";
    pub const REGION: &str = "region";
    pub const POSTCODE: &str = "postcode";
    pub const UNDER_REPRESENTED_COMMUNITIES: &str = "under_represented_communities";
    pub const COMMUNITIES: &str = "communities";
    pub const GOALS: &str = "goals";
    pub const FUNDING_ROUTE: &str = "funding_route";
    pub const REFERRED_BY_FUNDER: &str = "referred_by_funder";
    pub const REFERRING_FUNDER: &str = "referring_funder";
    pub const LEADERSHIP_SUPPORT_BEFORE: &str = "leadership_support_before";
    pub const ALTERNATIVE_1: &str = "alternative_1";
    pub const ALTERNATIVE_2: &str = "alternative_2";
    pub const CONSENT: &str = "consent";
    /// Hidden from people, tempting to bots: anything in it means the form was not sent by a person.
    pub const HONEYPOT: &str = "website";
    pub const SUBMISSION_ID: &str = "submission_id";
    /// The private link's token of the request this asks another coach for, if any.
    pub const FROM: &str = "from";
    /// `yes`: the leader agrees to their request passing to the coaches they named.
    pub const PASS_ON: &str = "pass_on";
}

/// Limits on what the leader writes about their goals.
pub const GOALS_MIN_CHARS: usize = 20;
pub const GOALS_MAX_CHARS: usize = 2_000;

/// The form exactly as submitted, so that it can be shown again with everything kept. Its
/// field names are the form's (see [`field`]); a missing field is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AskForm {
    pub submission_id: String,
    pub leader_name: String,
    pub email: String,
    pub phone: String,
    pub role: String,
    pub organisation_name: String,
    pub organisation_type: String,
    pub registration_number: String,
    pub health_and_wellbeing: String,
    pub annual_income: String,
    pub region: String,
    pub postcode: String,
    pub under_represented_communities: String,
    pub communities: Vec<String>,
    pub goals: String,
    pub funding_route: String,
    /// `yes` when a funder told the leader about Cascade (optional).
    pub referred_by_funder: String,
    pub referring_funder: String,
    pub leadership_support_before: String,
    pub alternative_1: String,
    pub alternative_2: String,
    pub consent: String,
    pub website: String,
    /// See [`field::FROM`].
    pub from: String,
    /// See [`field::PASS_ON`].
    pub pass_on: String,
    /// The conflict of interest the leader was warned about and sends the request despite
    /// (its slug), once warned.
    pub conflict_acknowledged: String,
}

impl AskForm {
    /// The leader's organisation as the form gives it, to check for conflicts of interest
    /// (whatever of it is there: a postcode that is not one gives no district).
    pub fn leader_organisation(&self) -> crate::matching::declared::LeaderOrganisation {
        let number = self.registration_number.trim();
        crate::matching::declared::LeaderOrganisation {
            name: self.organisation_name.trim().to_string(),
            number: (!number.is_empty()).then(|| number.to_string()),
            district: crate::place::Postcode::parse(&self.postcode)
                .ok()
                .map(|p| p.district()),
            communities: crate::vocabulary::known_slugs(
                &self.communities,
                crate::vocabulary::Community::from_slug,
            ),
        }
    }

    /// Whether a bot filled in the field people cannot see.
    pub fn is_from_a_bot(&self) -> bool {
        !self.website.trim().is_empty()
    }
}

crate::vocabulary::vocabulary! {
    /// Who pays for the programme (its cost is the fee in `settings`).
    FundingRoute {
        Organisation => ("organisation", "My organisation will pay"),
        Funder => ("funder", "A funder will pay"),
        Bursary => ("bursary", "I would like to ask for a bursary"),
    }
}

/// A charity or company registration number, in capitals without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationNumber(String);

pub const REGISTRATION_NUMBER_MESSAGE: &str = "Enter a charity number like 1123456, SC012345 or NIC100002, or a company number like 01234567 or SC123456";

impl RegistrationNumber {
    /// Charity numbers for England and Wales (6 or 7 digits), Scotland (`SC` and 6 digits) and
    /// Northern Ireland (`NIC` and 6 digits); Companies House numbers (8 digits, or 2 letters and
    /// 6 digits; 7 digits when the leading zero was left off).
    pub fn parse(text: &str) -> Result<RegistrationNumber, &'static str> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let letters = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase());
        let valid = (compact.len() >= 6 && compact.len() <= 8 && digits(&compact, compact.len()))
            || compact
                .strip_prefix("NIC")
                .is_some_and(|rest| digits(rest, 6))
            || (compact.len() == 8
                && compact.is_ascii()
                && letters(&compact[..2])
                && digits(&compact[2..], 6));
        if valid {
            Ok(RegistrationNumber(compact))
        } else {
            Err(REGISTRATION_NUMBER_MESSAGE)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id the form carries so that sending it twice makes one request: a UUID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionId(String);

impl SubmissionId {
    pub fn parse(text: &str) -> Option<SubmissionId> {
        let text = text.trim().to_ascii_lowercase();
        let shape_ok = text.len() == 36
            && text.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        shape_ok.then_some(SubmissionId(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SubmissionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A request whose every field holds a valid value, and which the eligibility rules allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpressionOfInterest {
    pub submission_id: SubmissionId,
    pub leader_name: String,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
    pub role: String,
    pub organisation_name: String,
    pub questions: EligibilityQuestions,
    pub registration_number: Option<RegistrationNumber>,
    pub region: Region,
    pub postcode: Postcode,
    pub communities_served: Vec<Community>,
    pub goals: String,
    pub funding_route: FundingRoute,
    /// The funder who told the leader about Cascade, if one did (such a funder has usually
    /// agreed to pay).
    pub referring_funder: Option<String>,
    /// What the bursary rules say about this organisation.
    pub bursary_eligible: bool,
    /// Up to two other coaches the leader would accept, in order of preference.
    pub alternatives: Vec<Slug>,
}

/// Who the leader is, as they can correct it on their request's page: checked by the same
/// rules as the form they first sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderDetails {
    pub leader_name: String,
    pub role: String,
    pub organisation_name: String,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
}

impl LeaderDetails {
    /// Checks each field, adding a message to `errors` for each one that is wrong.
    pub fn check(
        errors: &mut FieldErrors,
        leader_name: &str,
        email: &str,
        phone: &str,
        role: &str,
        organisation_name: &str,
    ) -> Option<LeaderDetails> {
        let leader_name = required_text(
            errors,
            field::LEADER_NAME,
            leader_name,
            100,
            "Enter your name",
        );
        let email = EmailAddress::parse(email)
            .map_err(|m| errors.add(field::EMAIL, m))
            .ok();
        let phone = if phone.trim().is_empty() {
            Some(None)
        } else {
            PhoneNumber::parse(phone)
                .map(Some)
                .map_err(|m| errors.add(field::PHONE, m))
                .ok()
        };
        let role = required_text(
            errors,
            field::ROLE,
            role,
            100,
            "Enter your role, like chief executive or coordinator",
        );
        let organisation_name = required_text(
            errors,
            field::ORGANISATION_NAME,
            organisation_name,
            150,
            "Enter your organisation's name",
        );
        Some(LeaderDetails {
            leader_name: leader_name?,
            role: role?,
            organisation_name: organisation_name?,
            email: email?,
            phone: phone?,
        })
    }
}

impl ExpressionOfInterest {
    /// Checks every field, then the eligibility and bursary rules on the answers, with the
    /// income `limits` in effect. `coach_slug` is the coach being asked, whom the alternatives
    /// must differ from.
    pub fn parse(
        form: &AskForm,
        coach_slug: &str,
        limits: &IncomeLimits,
    ) -> Result<ExpressionOfInterest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let details = LeaderDetails::check(
            &mut errors,
            &form.leader_name,
            &form.email,
            &form.phone,
            &form.role,
            &form.organisation_name,
        );
        let organisation_type = check::organisation_type(
            &mut errors,
            field::ORGANISATION_TYPE,
            &form.organisation_type,
        );
        let registration_number = if form.registration_number.trim().is_empty() {
            Some(None)
        } else {
            RegistrationNumber::parse(&form.registration_number)
                .map(Some)
                .map_err(|m| errors.add(field::REGISTRATION_NUMBER, m))
                .ok()
        };
        let health = check::works_in_health_and_wellbeing(
            &mut errors,
            field::HEALTH_AND_WELLBEING,
            &form.health_and_wellbeing,
        );
        let income = check::annual_income(&mut errors, field::ANNUAL_INCOME, &form.annual_income);
        let region = Region::from_slug(&form.region);
        if region.is_none() {
            errors.add(field::REGION, "Choose your organisation's region");
        }
        let postcode = if form.postcode.trim().is_empty() {
            errors.add(field::POSTCODE, "Enter your organisation's postcode");
            None
        } else {
            Postcode::parse(&form.postcode)
                .map_err(|m| errors.add(field::POSTCODE, m))
                .ok()
        };
        let under_represented = check::works_with_under_represented_communities(
            &mut errors,
            field::UNDER_REPRESENTED_COMMUNITIES,
            &form.under_represented_communities,
        );
        let communities_served = known_slugs(&form.communities, Community::from_slug);
        let goals = goals(&mut errors, &form.goals);
        let funding_route = FundingRoute::from_slug(&form.funding_route);
        if funding_route.is_none() {
            errors.add(
                field::FUNDING_ROUTE,
                "Choose how your coaching will be paid for",
            );
        }
        let referring_funder = referring_funder(&mut errors, form);
        let support = check::had_leadership_support_before(
            &mut errors,
            field::LEADERSHIP_SUPPORT_BEFORE,
            &form.leadership_support_before,
        );
        let alternatives = alternatives(&mut errors, form, coach_slug);
        if form.consent != "yes" {
            errors.add(
                field::CONSENT,
                "Confirm that you have read the privacy notice, so that we can pass your request to the coach",
            );
        }
        let submission_id = SubmissionId::parse(&form.submission_id);
        if submission_id.is_none() {
            errors.add(
                field::SUBMISSION_ID,
                "This form had expired, so it was not sent: check your answers and send it again",
            );
        }

        let questions = check::all_answered(
            organisation_type,
            health,
            income,
            under_represented,
            support,
        );
        let bursary_eligible =
            questions.and_then(|q| apply_rules(&mut errors, &q, funding_route, limits));

        match (
            submission_id,
            details,
            questions,
            registration_number,
            region,
            postcode,
            goals,
            funding_route,
            bursary_eligible,
            referring_funder,
        ) {
            (
                Some(submission_id),
                Some(LeaderDetails {
                    leader_name,
                    role,
                    organisation_name,
                    email,
                    phone,
                }),
                Some(questions),
                Some(registration_number),
                Some(region),
                Some(postcode),
                Some(goals),
                Some(funding_route),
                Some(bursary_eligible),
                Some(referring_funder),
            ) if errors.is_empty() => Ok(ExpressionOfInterest {
                submission_id,
                leader_name,
                email,
                phone,
                role,
                organisation_name,
                questions,
                registration_number,
                region,
                postcode,
                communities_served,
                goals,
                funding_route,
                referring_funder,
                bursary_eligible,
                alternatives,
            }),
            _ => Err(errors),
        }
    }
}

/// The funder who told the leader about Cascade: `Some(None)` when none did or the leader did
/// not say, `None` when the answer has a problem.
fn referring_funder(errors: &mut FieldErrors, form: &AskForm) -> Option<Option<String>> {
    match form.referred_by_funder.as_str() {
        "yes" => crate::forms::required_text(
            errors,
            field::REFERRING_FUNDER,
            &form.referring_funder,
            150,
            "Enter the funder's name, or answer no",
        )
        .map(Some),
        // A name typed and then "no" chosen is not kept.
        "no" | "" => Some(None),
        _ => {
            errors.add(field::REFERRED_BY_FUNDER, "Answer yes or no");
            None
        }
    }
}

fn goals(errors: &mut FieldErrors, text: &str) -> Option<String> {
    let text = text.trim();
    let chars = text.chars().count();
    if crate::forms::has_control_character(text, true) {
        errors.add(field::GOALS, crate::forms::CONTROL_CHARACTER_MESSAGE);
        None
    } else if chars == 0 {
        errors.add(
            field::GOALS,
            "Tell the coach what you would like from coaching",
        );
        None
    } else if chars < GOALS_MIN_CHARS {
        errors.add(
            field::GOALS,
            format!("Tell the coach a little more: at least {GOALS_MIN_CHARS} characters"),
        );
        None
    } else if chars > GOALS_MAX_CHARS {
        errors.add(
            field::GOALS,
            format!("Keep this to {GOALS_MAX_CHARS} characters or fewer: you have written {chars}"),
        );
        None
    } else {
        Some(text.to_string())
    }
}

fn alternatives(errors: &mut FieldErrors, form: &AskForm, coach_slug: &str) -> Vec<Slug> {
    let mut chosen: Vec<Slug> = Vec::new();
    for (name, typed) in [
        (field::ALTERNATIVE_1, form.alternative_1.trim()),
        (field::ALTERNATIVE_2, form.alternative_2.trim()),
    ] {
        if typed.is_empty() {
            continue;
        }
        match Slug::parse(typed) {
            None => errors.add(name, CHOOSE_FROM_THE_LIST),
            Some(slug) if slug.as_str() == coach_slug => {
                errors.add(name, "Choose a different coach from the one you are asking")
            }
            Some(slug) if chosen.contains(&slug) => errors.add(
                name,
                "Choose two different coaches, or leave this one empty",
            ),
            Some(slug) => chosen.push(slug),
        }
    }
    chosen
}

/// For a named coach who is not in the list (not published, or not a coach at all).
pub const CHOOSE_FROM_THE_LIST: &str = "Choose a coach from the list";

/// The eligibility and bursary rules on the answers. A request that is not eligible, or that
/// asks for a bursary the rules do not allow, gets messages next to the answers responsible.
/// Returns whether the organisation may have a bursary.
fn apply_rules(
    errors: &mut FieldErrors,
    questions: &EligibilityQuestions,
    funding_route: Option<FundingRoute>,
    limits: &IncomeLimits,
) -> Option<bool> {
    let assessment = assess(questions, limits);
    for criterion in assessment.eligibility.iter().filter(|c| !c.met) {
        let (name, message) = match criterion.test {
            Test::VoluntaryAndCommunitySector => {
                (field::ORGANISATION_TYPE, criterion.reason.clone())
            }
            Test::HealthAndWellbeing => (field::HEALTH_AND_WELLBEING, criterion.reason.clone()),
            _ => (
                field::ANNUAL_INCOME,
                format!(
                    "Cascade is for organisations with an annual income under {}: \
                     you entered {}",
                    limits.eligibility, questions.annual_income
                ),
            ),
        };
        errors.add(name, message);
    }
    if !assessment.eligible {
        return None;
    }
    if funding_route == Some(FundingRoute::Bursary) && !assessment.bursary {
        errors.add(
            field::FUNDING_ROUTE,
            format!(
                "Your answers do not meet the bursary criteria: an income under {}, \
                 working with under-represented communities, or no leadership support before. \
                 Choose your organisation or a funder, or check your answers",
                limits.bursary
            ),
        );
        return None;
    }
    Some(assessment.bursary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COACH: &str = "amara-okafor";
    const LIMITS: IncomeLimits = crate::settings::Terms::STARTING.income_limits();

    pub fn complete() -> AskForm {
        AskForm {
            submission_id: "0b6f6f3e-7a39-4b5b-9d5e-2f1f1f1f1f1f".into(),
            leader_name: "Jo Bloggs".into(),
            email: "jo@example.org".into(),
            phone: "".into(),
            role: "Chief executive".into(),
            organisation_name: "Hollowmere Carers Network".into(),
            organisation_type: "registered-charity".into(),
            registration_number: "".into(),
            health_and_wellbeing: "yes".into(),
            annual_income: "£120,000".into(),
            region: "south-east".into(),
            postcode: "bn1 1aa".into(),
            under_represented_communities: "no".into(),
            communities: vec!["carers".into(), "unknown".into()],
            goals: "I want to plan the next three years.".into(),
            funding_route: "bursary".into(),
            referred_by_funder: "".into(),
            referring_funder: "".into(),
            leadership_support_before: "yes".into(),
            alternative_1: "".into(),
            alternative_2: "".into(),
            consent: "yes".into(),
            website: "".into(),
            from: "".into(),
            pass_on: "".into(),
            conflict_acknowledged: "".into(),
        }
    }

    #[test]
    fn a_funder_who_told_the_leader_is_named_when_the_answer_is_yes_and_only_then() {
        let named = |answer: &str, name: &str| {
            let form = AskForm {
                funding_route: "funder".into(),
                referred_by_funder: answer.into(),
                referring_funder: name.into(),
                ..complete()
            };
            ExpressionOfInterest::parse(&form, COACH, &LIMITS).map(|r| r.referring_funder)
        };
        assert_eq!(
            named("yes", " Wellbeing Trust Wales "),
            Ok(Some("Wellbeing Trust Wales".into()))
        );
        assert_eq!(named("no", "Typed, then no"), Ok(None));
        assert_eq!(named("", ""), Ok(None), "not answered");
        let missing = named("yes", "  ").expect_err("a name is needed");
        assert_eq!(
            missing.get(field::REFERRING_FUNDER),
            Some("Enter the funder's name, or answer no")
        );
        let odd = named("maybe", "").expect_err("yes or no");
        assert_eq!(odd.get(field::REFERRED_BY_FUNDER), Some("Answer yes or no"));
        let long = named("yes", &"x".repeat(151)).expect_err("too long");
        assert!(long.get(field::REFERRING_FUNDER).is_some());
    }

    #[test]
    fn a_complete_form_parses() {
        let request = ExpressionOfInterest::parse(&complete(), COACH, &LIMITS).expect("valid");
        assert_eq!(request.email.as_str(), "jo@example.org");
        assert_eq!(request.postcode.as_str(), "BN1 1AA");
        assert_eq!(request.communities_served, vec![Community::Carers]);
        assert_eq!(request.funding_route, FundingRoute::Bursary);
        assert!(request.bursary_eligible);
        assert_eq!(request.phone, None);
    }

    #[test]
    fn every_missing_answer_gets_its_own_message_in_form_order() {
        let errors =
            ExpressionOfInterest::parse(&AskForm::default(), COACH, &LIMITS).expect_err("empty");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                field::LEADER_NAME,
                field::EMAIL,
                field::ROLE,
                field::ORGANISATION_NAME,
                field::ORGANISATION_TYPE,
                field::HEALTH_AND_WELLBEING,
                field::ANNUAL_INCOME,
                field::REGION,
                field::POSTCODE,
                field::UNDER_REPRESENTED_COMMUNITIES,
                field::GOALS,
                field::FUNDING_ROUTE,
                field::LEADERSHIP_SUPPORT_BEFORE,
                field::CONSENT,
                field::SUBMISSION_ID,
            ]
        );
    }

    #[test]
    fn optional_fields_are_checked_when_given() {
        let form = AskForm {
            phone: "12345".into(),
            registration_number: "charity".into(),
            ..complete()
        };
        let errors =
            ExpressionOfInterest::parse(&form, COACH, &LIMITS).expect_err("bad optional fields");
        assert_eq!(
            errors.get(field::PHONE),
            Some(crate::contact::PHONE_MESSAGE)
        );
        assert_eq!(
            errors.get(field::REGISTRATION_NUMBER),
            Some(REGISTRATION_NUMBER_MESSAGE)
        );
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn goals_are_between_20_and_2000_characters() {
        for (goals, ok) in [
            ("x".repeat(19), false),
            ("x".repeat(20), true),
            ("é".repeat(2_000), true),
            ("x".repeat(2_001), false),
            (format!("   {}   ", "x".repeat(19)), false),
        ] {
            let form = AskForm {
                goals: goals.clone(),
                ..complete()
            };
            assert_eq!(
                ExpressionOfInterest::parse(&form, COACH, &LIMITS).is_ok(),
                ok,
                "{} chars",
                goals.len()
            );
        }
    }

    #[test]
    fn the_limits_in_effect_decide_eligibility_and_bursary() {
        let lower = IncomeLimits {
            eligibility: crate::money::Money::from_pounds(100_000),
            bursary: crate::money::Money::from_pounds(50_000),
        };
        let errors = ExpressionOfInterest::parse(&complete(), COACH, &lower).expect_err("£120,000");
        assert_eq!(
            errors.get(field::ANNUAL_INCOME),
            Some(
                "Cascade is for organisations with an annual income under £100,000: you entered £120,000"
            )
        );
        let form = AskForm {
            annual_income: "60k".into(),
            ..complete()
        };
        let errors = ExpressionOfInterest::parse(&form, COACH, &lower).expect_err("no bursary");
        assert!(
            errors
                .get(field::FUNDING_ROUTE)
                .is_some_and(|m| m.contains("an income under £50,000")),
            "{errors:?}"
        );
        let higher = IncomeLimits {
            eligibility: crate::money::Money::from_pounds(600_000),
            bursary: crate::money::Money::from_pounds(150_000),
        };
        let form = AskForm {
            annual_income: "550k".into(),
            funding_route: "organisation".into(),
            ..complete()
        };
        assert!(ExpressionOfInterest::parse(&form, COACH, &higher).is_ok());
        assert!(ExpressionOfInterest::parse(&form, COACH, &LIMITS).is_err());
    }

    #[test]
    fn an_ineligible_organisation_is_told_why_next_to_the_answer() {
        let form = AskForm {
            annual_income: "500000".into(),
            funding_route: "organisation".into(),
            ..complete()
        };
        let errors = ExpressionOfInterest::parse(&form, COACH, &LIMITS).expect_err("too big");
        assert_eq!(
            errors.get(field::ANNUAL_INCOME),
            Some(
                "Cascade is for organisations with an annual income under £500,000: you entered £500,000"
            )
        );
        let public = AskForm {
            organisation_type: "public-body".into(),
            ..complete()
        };
        let errors = ExpressionOfInterest::parse(&public, COACH, &LIMITS).expect_err("public body");
        assert!(
            errors
                .get(field::ORGANISATION_TYPE)
                .is_some_and(|m| m.starts_with("Public bodies are not eligible"))
        );
        let outside = AskForm {
            health_and_wellbeing: "no".into(),
            ..complete()
        };
        assert!(ExpressionOfInterest::parse(&outside, COACH, &LIMITS).is_err());
    }

    #[test]
    fn a_bursary_the_rules_do_not_allow_is_refused_with_the_other_routes() {
        let form = AskForm {
            annual_income: "150000".into(),
            funding_route: "bursary".into(),
            ..complete()
        };
        let errors = ExpressionOfInterest::parse(&form, COACH, &LIMITS).expect_err("no bursary");
        assert!(
            errors
                .get(field::FUNDING_ROUTE)
                .is_some_and(|m| m.contains("Choose your organisation or a funder"))
        );
        let paying = AskForm {
            funding_route: "funder".into(),
            ..form
        };
        let request = ExpressionOfInterest::parse(&paying, COACH, &LIMITS).expect("a funder pays");
        assert!(!request.bursary_eligible);
    }

    #[test]
    fn alternatives_must_be_other_coaches_and_different() {
        let form = AskForm {
            alternative_1: COACH.into(),
            alternative_2: "priya-sharma".into(),
            ..complete()
        };
        let errors = ExpressionOfInterest::parse(&form, COACH, &LIMITS).expect_err("same coach");
        assert!(errors.get(field::ALTERNATIVE_1).is_some());
        let twice = AskForm {
            alternative_1: "priya-sharma".into(),
            alternative_2: "priya-sharma".into(),
            ..complete()
        };
        assert!(
            ExpressionOfInterest::parse(&twice, COACH, &LIMITS)
                .expect_err("twice")
                .get(field::ALTERNATIVE_2)
                .is_some()
        );
        let two = AskForm {
            alternative_1: "priya-sharma".into(),
            alternative_2: "declan-o-connor".into(),
            ..complete()
        };
        assert_eq!(
            ExpressionOfInterest::parse(&two, COACH, &LIMITS).map(|r| r.alternatives.len()),
            Ok(2)
        );
    }

    #[test]
    fn registration_numbers_of_every_kind_are_accepted() {
        for (typed, stored) in [
            ("1123456", "1123456"),
            ("212345", "212345"),
            ("sc012345", "SC012345"),
            ("NIC 100002", "NIC100002"),
            ("01234567", "01234567"),
            ("1234567", "1234567"),
            ("SC123456", "SC123456"),
            ("OC301234", "OC301234"),
        ] {
            assert_eq!(
                RegistrationNumber::parse(typed).map(|r| r.as_str().to_string()),
                Ok(stored.to_string())
            );
        }
        for typed in [
            "12345",
            "123456789",
            "S1234567",
            "SC12345",
            "NIC12345",
            "ÉÉ123456",
            "12-34-56",
        ] {
            assert!(RegistrationNumber::parse(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn submission_ids_are_uuids() {
        assert!(SubmissionId::parse("0B6F6F3E-7A39-4B5B-9D5E-2F1F1F1F1F1F").is_some());
        assert!(SubmissionId::parse("not-a-uuid").is_none());
        assert!(SubmissionId::parse("0b6f6f3e_7a39_4b5b_9d5e_2f1f1f1f1f1f").is_none());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn reads_repeated_communities_and_spots_bots() {
        let form: AskForm = serde_html_form::from_str(
            "communities=carers&communities=women&website=http%3A%2F%2Fspam",
        )
        .expect("a form");
        assert_eq!(form.communities, vec!["carers", "women"]);
        assert!(form.is_from_a_bot());
        assert!(!complete().is_from_a_bot());
    }
}

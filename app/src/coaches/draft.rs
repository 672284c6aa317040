//! A coach's profile as they write it ([`ProfileDraft`]): checked field by field, stored as the
//! profile itself until it is first published, and as a revision awaiting approval after that.

use crate::forms::{FieldErrors, optional_text, required_paragraphs, required_text};
use crate::place::PostcodeArea;
use crate::vocabulary::{
    Community, Language, LivedExperience, Region, SessionFormat, Theme, known_slugs,
};
use serde::{Deserialize, Serialize};

crate::vocabulary::vocabulary! {
    /// Where a coach's profile stands.
    CoachStatus {
        /// Written but not sent for approval, or sent back by staff.
        Draft => ("draft", "Draft"),
        PendingApproval => ("pending_approval", "Waiting for approval"),
        Published => ("published", "Published"),
        /// Taken out of the directory by staff; the coach can still sign in.
        Hidden => ("hidden", "Hidden"),
        /// Taken out of the directory, and the coach's account disabled.
        Suspended => ("suspended", "Suspended"),
        /// The account was closed and the profile's personal details erased: for good.
        Closed => ("closed", "Account closed"),
    }
}

crate::vocabulary::vocabulary! {
    /// What staff can do to a coach's place in the directory (the values of their buttons).
    CoachChange {
        Hide => ("hide", "Hide"),
        Unhide => ("unhide", "Unhide"),
        Suspend => ("suspend", "Suspend"),
        Reinstate => ("reinstate", "Reinstate"),
    }
}

crate::vocabulary::vocabulary! {
    /// Where changes to a published profile stand.
    RevisionStatus {
        Pending => ("pending", "Waiting for approval"),
        Approved => ("approved", "Approved"),
        Rejected => ("rejected", "Sent back"),
        /// Replaced by newer changes before staff decided.
        Superseded => ("superseded", "Replaced by newer changes"),
    }
}

impl CoachStatus {
    /// Whether the approved profile has been public: edits then wait as a revision.
    pub const fn has_been_approved(self) -> bool {
        matches!(
            self,
            CoachStatus::Published | CoachStatus::Hidden | CoachStatus::Suspended
        )
    }

    /// What `change` makes of a coach in this status, or `None` when it does not apply.
    /// `approved_once`: whether staff have ever approved the profile (only such a profile may
    /// come back into the directory).
    pub const fn after(self, change: CoachChange, approved_once: bool) -> Option<CoachStatus> {
        use CoachStatus::*;
        match (change, self) {
            (_, Closed) => None,
            (CoachChange::Hide, Published) => Some(Hidden),
            (CoachChange::Unhide, Hidden) if approved_once => Some(Published),
            (CoachChange::Suspend, Suspended) => None,
            (CoachChange::Suspend, _) => Some(Suspended),
            (CoachChange::Reinstate, Suspended) if approved_once => Some(Hidden),
            (CoachChange::Reinstate, Suspended) => Some(Draft),
            _ => None,
        }
    }

    /// The changes staff may make to a coach in this status, for its buttons.
    pub fn changes(self, approved_once: bool) -> Vec<CoachChange> {
        CoachChange::ALL
            .iter()
            .copied()
            .filter(|change| self.after(*change, approved_once).is_some())
            .collect()
    }

    /// Whether leaders can find this coach.
    pub const fn is_public(self) -> bool {
        matches!(self, CoachStatus::Published)
    }
}

/// The profile fields a coach writes, every one valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDraft {
    pub name: String,
    pub pronouns: Option<String>,
    pub role: String,
    pub organisation: String,
    pub region: Region,
    pub postcode_area: PostcodeArea,
    pub bio: String,
    pub how_i_coach: String,
    pub themes: Vec<Theme>,
    pub communities: Vec<Community>,
    /// Published only because the coach ticked the consent to publish it: never without.
    #[serde(default)]
    pub lived_experience: Vec<LivedExperience>,
    pub languages: Vec<Language>,
    pub formats: Vec<SessionFormat>,
}

/// The form's field names, in the order it shows them.
pub mod field {
    pub const NAME: &str = "name";
    pub const PRONOUNS: &str = "pronouns";
    pub const ROLE: &str = "role";
    pub const ORGANISATION: &str = "organisation";
    pub const REGION: &str = "region";
    pub const POSTCODE_AREA: &str = "postcode_area";
    pub const BIO: &str = "bio";
    pub const HOW_I_COACH: &str = "how_i_coach";
    pub const THEMES: &str = "themes";
    pub const COMMUNITIES: &str = "communities";
    pub const LIVED_EXPERIENCE: &str = "lived_experience";
    pub const LIVED_EXPERIENCE_CONSENT: &str = "lived_experience_consent";
    pub const LANGUAGES: &str = "languages";
    pub const FORMATS: &str = "formats";
}

pub const MAX_THEMES: usize = 5;
pub const TEXT_MAX_CHARS: usize = 2_000;
pub const TEXT_MIN_CHARS: usize = 50;

fn long_text(errors: &mut FieldErrors, name: &str, value: &str, empty: &str) -> Option<String> {
    let chars = value.trim().chars().count();
    if chars > 0 && chars < TEXT_MIN_CHARS {
        errors.add(
            name,
            format!("Write a little more: at least {TEXT_MIN_CHARS} characters"),
        );
        return None;
    }
    required_paragraphs(errors, name, value, TEXT_MAX_CHARS, empty)
}

/// The profile form as sent: every field a coach writes (and their private phone number).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    pub name: String,
    pub pronouns: String,
    pub role: String,
    pub organisation: String,
    pub region: String,
    pub postcode_area: String,
    pub bio: String,
    pub how_i_coach: String,
    pub themes: Vec<String>,
    pub communities: Vec<String>,
    pub lived_experience: Vec<String>,
    pub lived_experience_consent: String,
    pub languages: Vec<String>,
    pub formats: Vec<String>,
    pub phone: String,
}

impl ProfileDraft {
    /// Reads and checks the profile form (all but the phone number, which is not published).
    pub fn parse(form: &ProfileFields) -> Result<ProfileDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required_text(
            &mut errors,
            field::NAME,
            &form.name,
            100,
            "Enter your name as leaders will see it",
        );
        let pronouns = optional_text(
            &mut errors,
            field::PRONOUNS,
            &form.pronouns,
            30,
            "Use 30 characters or fewer, like she/her or they/them",
        );
        let role = required_text(
            &mut errors,
            field::ROLE,
            &form.role,
            100,
            "Enter your role, like chief executive",
        );
        let organisation = required_text(
            &mut errors,
            field::ORGANISATION,
            &form.organisation,
            150,
            "Enter the organisation you lead",
        );
        let region = Region::from_slug(&form.region);
        if region.is_none() {
            errors.add(field::REGION, "Choose your region");
        }
        let postcode_area = PostcodeArea::parse(&form.postcode_area)
            .map_err(|m| errors.add(field::POSTCODE_AREA, m))
            .ok();
        let bio = long_text(
            &mut errors,
            field::BIO,
            &form.bio,
            "Tell leaders about yourself and your organisation",
        );
        let how_i_coach = long_text(
            &mut errors,
            field::HOW_I_COACH,
            &form.how_i_coach,
            "Tell leaders how you coach",
        );
        let themes = known_slugs(&form.themes, Theme::from_slug);
        if themes.is_empty() {
            errors.add(field::THEMES, "Choose at least one theme you coach on");
        } else if themes.len() > MAX_THEMES {
            errors.add(
                field::THEMES,
                format!("Choose up to {MAX_THEMES} themes: the ones you know best"),
            );
        }
        let communities = known_slugs(&form.communities, Community::from_slug);
        // Lived experience is published only with its own explicit consent; without it, none is
        // kept (unticking the consent withdraws it).
        let lived_experience = known_slugs(&form.lived_experience, LivedExperience::from_slug);
        let consented = form.lived_experience_consent == "yes";
        if !lived_experience.is_empty() && !consented {
            errors.add(
                field::LIVED_EXPERIENCE_CONSENT,
                "Tick to agree to publishing your lived experience, or clear what you chose",
            );
        }
        let languages = known_slugs(&form.languages, Language::from_slug);
        if languages.is_empty() {
            errors.add(
                field::LANGUAGES,
                "Choose at least one language you coach in",
            );
        }
        let formats = known_slugs(&form.formats, SessionFormat::from_slug);
        if formats.is_empty() {
            errors.add(field::FORMATS, "Choose video, phone or both");
        }
        match (
            name,
            pronouns,
            role,
            organisation,
            region,
            postcode_area,
            bio,
            how_i_coach,
        ) {
            (
                Some(name),
                Some(pronouns),
                Some(role),
                Some(organisation),
                Some(region),
                Some(postcode_area),
                Some(bio),
                Some(how_i_coach),
            ) if errors.is_empty() => Ok(ProfileDraft {
                name,
                pronouns,
                role,
                organisation,
                region,
                postcode_area,
                bio,
                how_i_coach,
                themes,
                communities,
                lived_experience,
                languages,
                formats,
            }),
            _ => Err(errors),
        }
    }

    /// Each field as it reads to a person, labelled, for showing what changed.
    pub fn readable(&self) -> Vec<(&'static str, String)> {
        let labels = |items: Vec<&str>| items.join(", ");
        vec![
            ("Name", self.name.clone()),
            ("Pronouns", self.pronouns.clone().unwrap_or_default()),
            ("Role", self.role.clone()),
            ("Organisation", self.organisation.clone()),
            ("Region", self.region.label().to_string()),
            ("Postcode area", self.postcode_area.to_string()),
            ("About me", self.bio.clone()),
            ("How I coach", self.how_i_coach.clone()),
            (
                "Themes",
                labels(self.themes.iter().map(|t| t.label()).collect()),
            ),
            (
                "Communities served or known well",
                labels(self.communities.iter().map(|c| c.label()).collect()),
            ),
            (
                "Lived experience (published with consent)",
                labels(self.lived_experience.iter().map(|l| l.label()).collect()),
            ),
            (
                "Languages",
                labels(self.languages.iter().map(|l| l.label()).collect()),
            ),
            (
                "Sessions by",
                labels(self.formats.iter().map(|f| f.label()).collect()),
            ),
        ]
    }

    /// The fields that differ from `before`, as (label, before, after).
    pub fn changes_from(&self, before: &ProfileDraft) -> Vec<(&'static str, String, String)> {
        before
            .readable()
            .into_iter()
            .zip(self.readable())
            .filter(|((_, old), (_, new))| old != new)
            .map(|((label, old), (_, new))| (label, old, new))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn form() -> ProfileFields {
        let one = |s: &str| vec![s.to_string()];
        ProfileFields {
            name: "Amara Okafor".into(),
            pronouns: "she/her".into(),
            role: "Chief executive".into(),
            organisation: "Kestrelburn Carers Network".into(),
            region: "north-east".into(),
            postcode_area: "ne".into(),
            bio: "I have led a carers' charity for twelve years, through good times and lean ones."
                .into(),
            how_i_coach:
                "I listen more than I talk, and we end each session with one thing to try.".into(),
            themes: vec![
                "strategy-and-planning".into(),
                "wellbeing-and-resilience".into(),
            ],
            communities: one("carers"),
            languages: one("english"),
            formats: vec!["video".into(), "phone".into()],
            ..ProfileFields::default()
        }
    }

    pub fn parse(form: &ProfileFields) -> Result<ProfileDraft, FieldErrors> {
        ProfileDraft::parse(form)
    }

    #[test]
    fn staff_changes_apply_only_where_they_make_sense() {
        use CoachChange::*;
        use CoachStatus::*;
        let table = [
            // (status, approved once, change, result)
            (Published, true, Hide, Some(Hidden)),
            (Published, true, Unhide, None),
            (Published, true, Suspend, Some(Suspended)),
            (Published, true, Reinstate, None),
            (Hidden, true, Unhide, Some(Published)),
            (Hidden, false, Unhide, None),
            (Hidden, true, Hide, None),
            (Draft, false, Suspend, Some(Suspended)),
            (PendingApproval, false, Suspend, Some(Suspended)),
            (PendingApproval, false, Hide, None),
            (Suspended, true, Suspend, None),
            (Suspended, true, Reinstate, Some(Hidden)),
            (Suspended, false, Reinstate, Some(Draft)),
            (Suspended, true, Unhide, None),
        ];
        for (status, approved, change, expected) in table {
            assert_eq!(
                status.after(change, approved),
                expected,
                "{status:?} {change:?} (approved once: {approved})"
            );
        }
        assert_eq!(Published.changes(true), vec![Hide, Suspend]);
        assert_eq!(Hidden.changes(true), vec![Unhide, Suspend]);
        assert_eq!(Suspended.changes(true), vec![Reinstate]);
        assert_eq!(Draft.changes(false), vec![Suspend]);
    }

    #[test]
    fn a_complete_profile_parses() {
        let draft = parse(&form()).expect("valid");
        assert_eq!(draft.postcode_area.as_str(), "NE");
        assert_eq!(
            draft.themes,
            vec![Theme::StrategyAndPlanning, Theme::Wellbeing]
        );
        assert_eq!(draft.pronouns.as_deref(), Some("she/her"));
    }

    #[test]
    fn every_required_field_is_asked_for() {
        let errors = parse(&ProfileFields::default()).expect_err("empty");
        for name in [
            field::NAME,
            field::ROLE,
            field::ORGANISATION,
            field::REGION,
            field::POSTCODE_AREA,
            field::BIO,
            field::HOW_I_COACH,
            field::THEMES,
            field::LANGUAGES,
            field::FORMATS,
        ] {
            assert!(errors.get(name).is_some(), "{name}");
        }
        assert!(errors.get(field::PRONOUNS).is_none());
        assert!(errors.get(field::COMMUNITIES).is_none());
    }

    #[test]
    fn limits_are_enforced() {
        let mut too_many = form();
        too_many.themes = Theme::ALL.iter().map(|t| t.slug().to_string()).collect();
        assert!(
            parse(&too_many)
                .expect_err("too many")
                .get(field::THEMES)
                .is_some()
        );
        let mut short = form();
        short.bio = "Hello.".into();
        assert!(parse(&short).expect_err("short").get(field::BIO).is_some());
        let mut long = form();
        long.how_i_coach = "x".repeat(2_001);
        assert!(parse(&long).is_err());
    }

    #[test]
    fn lived_experience_is_kept_only_with_its_consent() {
        let mut without = form();
        without.lived_experience = vec!["mental-ill-health".into()];
        let errors = parse(&without).expect_err("no consent");
        assert!(errors.get(field::LIVED_EXPERIENCE_CONSENT).is_some());
        let mut with = without.clone();
        with.lived_experience_consent = "yes".into();
        assert_eq!(
            parse(&with).map(|d| d.lived_experience),
            Ok(vec![LivedExperience::MentalHealth])
        );
        let mut consent_only = form();
        consent_only.lived_experience_consent = "yes".into();
        assert_eq!(parse(&consent_only).map(|d| d.lived_experience), Ok(vec![]));
    }

    #[test]
    fn changes_name_only_what_differs() {
        let before = parse(&form()).expect("valid");
        let mut edited = form();
        edited.role = "Director".into();
        edited.formats = vec!["video".into()];
        let after = parse(&edited).expect("valid");
        let changes = after.changes_from(&before);
        assert_eq!(
            changes,
            vec![
                (
                    "Role",
                    "Chief executive".to_string(),
                    "Director".to_string()
                ),
                (
                    "Sessions by",
                    "Video call, Phone call".to_string(),
                    "Video call".to_string()
                ),
            ]
        );
        assert!(before.changes_from(&before).is_empty());
    }
}

//! What a coach declares about whom they coach, privately: the stages of leader they coach,
//! the organisations they must not coach (their employer, boards they sit on, direct
//! competitors), and the postcode districts where their own organisation works locally. And
//! the rule that says when a leader's organisation is in conflict with a coach.

use super::conflicts::{Organisation, OrganisationKey, registration_key, same_organisation};
use super::suggest::LeaderStage;
use crate::forms::{FieldErrors, has_control_character};
use crate::place::PostcodeDistrict;
use crate::vocabulary::Community;
use serde::{Deserialize, Serialize};

/// More than this is not a list of conflicts but a list of the sector.
pub const MAX_ORGANISATIONS: usize = 30;
pub const MAX_DISTRICTS: usize = 30;
const MAX_NAME_CHARS: usize = 150;

/// An organisation a coach must not coach anyone from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredOrganisation {
    pub name: String,
    /// A charity or company number, when the coach gave one.
    pub number: Option<String>,
}

/// A coach's declarations, each checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declarations {
    pub stages: Vec<LeaderStage>,
    pub organisations: Vec<DeclaredOrganisation>,
    pub districts: Vec<PostcodeDistrict>,
}

/// The declarations form, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeclarationFields {
    pub stages: Vec<String>,
    /// One organisation a line: a name, and optionally a comma and its number.
    pub organisations: String,
    /// Districts (or whole postcodes, for their district) separated by commas, spaces or lines.
    pub districts: String,
}

impl Declarations {
    pub fn parse(fields: &DeclarationFields) -> Result<Declarations, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut stages: Vec<LeaderStage> = Vec::new();
        for slug in &fields.stages {
            match LeaderStage::from_slug(slug) {
                Some(stage) if !stages.contains(&stage) => stages.push(stage),
                Some(_) => {}
                None => errors.add("stages", "Choose from the stages listed"),
            }
        }
        let mut organisations = Vec::new();
        for line in fields.organisations.lines().map(str::trim) {
            if line.is_empty() {
                continue;
            }
            match organisation(line) {
                Ok(found) => organisations.push(found),
                Err(message) => {
                    errors.add("organisations", message);
                    break;
                }
            }
        }
        if organisations.len() > MAX_ORGANISATIONS {
            errors.add(
                "organisations",
                format!("List at most {MAX_ORGANISATIONS} organisations"),
            );
        }
        let mut districts: Vec<PostcodeDistrict> = Vec::new();
        for typed in district_entries(&fields.districts) {
            match typed {
                Ok(district) if !districts.contains(&district) => districts.push(district),
                Ok(_) => {}
                Err(message) => {
                    errors.add("districts", message);
                    break;
                }
            }
        }
        if districts.len() > MAX_DISTRICTS {
            errors.add(
                "districts",
                format!("List at most {MAX_DISTRICTS} districts"),
            );
        }
        if errors.is_empty() {
            Ok(Declarations {
                stages,
                organisations,
                districts,
            })
        } else {
            Err(errors)
        }
    }

    /// The organisations as the form shows them: one a line.
    pub fn organisations_text(&self) -> String {
        self.organisations
            .iter()
            .map(|o| match &o.number {
                Some(number) => format!("{}, {number}", o.name),
                None => o.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn districts_text(&self) -> String {
        self.districts
            .iter()
            .map(PostcodeDistrict::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Each district typed: entries apart by commas, semicolons or lines; an entry that is a whole
/// postcode (`CF10 1AA`) gives its district, any other is districts apart by spaces.
fn district_entries(typed: &str) -> Vec<Result<PostcodeDistrict, String>> {
    typed
        .split([',', ';', '\n'])
        .flat_map(|entry| match crate::place::Postcode::parse(entry) {
            Ok(postcode) => vec![Ok(postcode.district())],
            Err(_) => entry
                .split_whitespace()
                .map(PostcodeDistrict::parse)
                .collect(),
        })
        .collect()
}

/// `Hollowmere Carers, 1234567` → the name and the number; a last part without a digit is
/// part of the name (`Carers, Families and Friends`).
fn organisation(line: &str) -> Result<DeclaredOrganisation, String> {
    // A comma left at the end, with no number after it, is not part of the name.
    let line = line.trim_end_matches([',', ' ']);
    if has_control_character(line, false) {
        return Err("Remove the special characters from the organisations".to_string());
    }
    let (name, number) = match line.rsplit_once(',') {
        Some((name, last))
            if last.chars().any(|c| c.is_ascii_digit())
                && last.trim().chars().count() <= 12
                && registration_key(last).is_some() =>
        {
            (name.trim(), Some(last.trim().to_string()))
        }
        _ => (line, None),
    };
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "Shorten “{}…” to at most {MAX_NAME_CHARS} characters",
            name.chars().take(30).collect::<String>()
        ));
    }
    if OrganisationKey::of(name).is_none() {
        return Err(format!(
            "“{name}” does not name an organisation: give its name, like Hollowmere Carers"
        ));
    }
    Ok(DeclaredOrganisation {
        name: name.to_string(),
        number,
    })
}

/// A leader's organisation, as their request gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderOrganisation {
    pub name: String,
    pub number: Option<String>,
    pub district: Option<PostcodeDistrict>,
    /// The communities it serves.
    pub communities: Vec<Community>,
}

/// Why a leader and a coach should not be paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conflict {
    /// The coach declared the leader's organisation.
    DeclaredOrganisation,
    /// The coach's organisation works in the leader's district, with the communities the
    /// leader's organisation serves: a local competitor, perhaps.
    SameDistrictAndService,
}

impl Conflict {
    /// What the leader is told, plainly.
    pub fn warning(self, coach_first_name: &str) -> String {
        match self {
            Conflict::DeclaredOrganisation => format!(
                "{coach_first_name} has said they cannot coach anyone from your organisation (it may be where they work, or a board they sit on). We suggest you choose another coach."
            ),
            Conflict::SameDistrictAndService => format!(
                "{coach_first_name}'s own organisation works in your postcode district with the same communities as yours, so you may be local competitors. You can still ask them, or choose another coach."
            ),
        }
    }

    /// What staff see beside the request.
    pub const fn flag(self) -> &'static str {
        match self {
            Conflict::DeclaredOrganisation => "The coach declared this organisation a conflict",
            Conflict::SameDistrictAndService => {
                "Same postcode district and communities as the coach's organisation"
            }
        }
    }

    pub const fn slug(self) -> &'static str {
        match self {
            Conflict::DeclaredOrganisation => "declared-organisation",
            Conflict::SameDistrictAndService => "same-district-and-service",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Conflict> {
        match slug {
            "declared-organisation" => Some(Conflict::DeclaredOrganisation),
            "same-district-and-service" => Some(Conflict::SameDistrictAndService),
            _ => None,
        }
    }
}

/// The conflict between a coach (their declarations, and the communities they know) and a
/// leader's organisation, if any. A declared organisation matches by number when both have
/// one, else by name (see [`same_organisation`]). A district matches when the coach works
/// there locally and the leader's organisation serves a community the coach knows, or when
/// the coach named no communities (nothing tells the services apart).
pub fn conflict(
    coach: &Declarations,
    coach_communities: &[Community],
    leader: &LeaderOrganisation,
) -> Option<Conflict> {
    let theirs = Organisation {
        name: &leader.name,
        number: leader.number.as_deref(),
    };
    if coach.organisations.iter().any(|declared| {
        same_organisation(
            Organisation {
                name: &declared.name,
                number: declared.number.as_deref(),
            },
            theirs,
        )
    }) {
        return Some(Conflict::DeclaredOrganisation);
    }
    let same_district = leader
        .district
        .as_ref()
        .is_some_and(|d| coach.districts.contains(d));
    let same_service = coach_communities.is_empty()
        || leader
            .communities
            .iter()
            .any(|c| coach_communities.contains(c));
    (same_district && same_service).then_some(Conflict::SameDistrictAndService)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(organisations: &str, districts: &str) -> DeclarationFields {
        DeclarationFields {
            stages: vec!["new".into()],
            organisations: organisations.into(),
            districts: districts.into(),
        }
    }

    fn district(text: &str) -> PostcodeDistrict {
        PostcodeDistrict::parse(text).unwrap()
    }

    #[test]
    fn organisations_are_read_a_line_at_a_time_with_an_optional_number() {
        let parsed = Declarations::parse(&fields(
            "Hollowmere Carers, 01234567\n\n  The Mind in Leeds Ltd,  \nCarers, Families and Friends\n",
            "cf10, LS6;EC1A  cf10\nCF10 1AA, ls6 4ap",
        ))
        .unwrap();
        assert_eq!(parsed.stages, [LeaderStage::New]);
        assert_eq!(
            parsed.organisations,
            [
                DeclaredOrganisation {
                    name: "Hollowmere Carers".into(),
                    number: Some("01234567".into())
                },
                DeclaredOrganisation {
                    name: "The Mind in Leeds Ltd".into(),
                    number: None
                },
                DeclaredOrganisation {
                    name: "Carers, Families and Friends".into(),
                    number: None
                },
            ]
        );
        assert_eq!(
            parsed.districts,
            [district("CF10"), district("LS6"), district("EC1A")]
        );
        assert_eq!(
            parsed.organisations_text(),
            "Hollowmere Carers, 01234567\nThe Mind in Leeds Ltd\nCarers, Families and Friends"
        );
        assert_eq!(parsed.districts_text(), "CF10, LS6, EC1A");
        let again = Declarations::parse(&DeclarationFields {
            stages: vec!["new".into()],
            organisations: parsed.organisations_text(),
            districts: parsed.districts_text(),
        })
        .unwrap();
        assert_eq!(again, parsed, "what the form shows reads back the same");
    }

    #[test]
    fn bad_entries_get_a_message_by_their_field() {
        let errors = Declarations::parse(&DeclarationFields {
            stages: vec!["veteran".into()],
            organisations: "The Ltd".into(),
            districts: "CF10 nowhere".into(),
        })
        .unwrap_err();
        assert!(errors.get("stages").is_some());
        assert_eq!(
            errors.get("organisations"),
            Some("“The Ltd” does not name an organisation: give its name, like Hollowmere Carers")
        );
        assert!(
            errors
                .get("districts")
                .unwrap()
                .starts_with("“nowhere” is not")
        );
        let long = "x".repeat(151);
        assert!(
            Declarations::parse(&fields(&long, ""))
                .unwrap_err()
                .get("organisations")
                .is_some()
        );
        let many = (0..31)
            .map(|i| format!("Org {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            Declarations::parse(&fields(&many, ""))
                .unwrap_err()
                .get("organisations")
                .is_some()
        );
        assert!(Declarations::parse(&fields("", "")).is_ok(), "all optional");
    }

    fn leader(name: &str, number: Option<&str>, district: Option<&str>) -> LeaderOrganisation {
        LeaderOrganisation {
            name: name.into(),
            number: number.map(Into::into),
            district: district.map(|d| PostcodeDistrict::parse(d).unwrap()),
            communities: vec![Community::Carers],
        }
    }

    #[test]
    fn a_declared_organisation_conflicts_by_name_or_number() {
        let coach = Declarations::parse(&fields(
            "The Hollowmere Carers Ltd\nMind in Leeds, 1122334",
            "",
        ))
        .unwrap();
        for (name, number) in [
            ("hollowmere carers", None),
            ("Hollowmere Carers.", Some("999")),
            ("Leeds Mind", Some("01122334")),
            ("Mind in Leeds", None),
        ] {
            assert_eq!(
                conflict(&coach, &[], &leader(name, number, None)),
                Some(Conflict::DeclaredOrganisation),
                "{name}"
            );
        }
        for (name, number) in [
            ("Hollowmere Carers North", None),
            ("Mind in Leeds", Some("7654321")),
            ("Carers UK", None),
        ] {
            assert_eq!(
                conflict(&coach, &[], &leader(name, number, None)),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn the_same_district_conflicts_only_with_the_same_communities() {
        let coach = Declarations::parse(&fields("", "CF10 CF11")).unwrap();
        let here = leader("Cardiff Carers", None, Some("CF10"));
        assert_eq!(
            conflict(&coach, &[Community::Carers], &here),
            Some(Conflict::SameDistrictAndService)
        );
        assert_eq!(
            conflict(&coach, &[], &here),
            Some(Conflict::SameDistrictAndService),
            "no communities named: the district alone"
        );
        assert_eq!(conflict(&coach, &[Community::Women], &here), None);
        let elsewhere = leader("Cardiff Carers", None, Some("CF14"));
        assert_eq!(conflict(&coach, &[Community::Carers], &elsewhere), None);
        assert_eq!(
            conflict(&coach, &[Community::Carers], &leader("X Trust", None, None)),
            None
        );
    }
}

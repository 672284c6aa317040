//! What a leader tells the suggestions, read from a query string (the suggestions form is a GET
//! form, so it works without JavaScript and its answer can be bookmarked): every part optional,
//! unknown values ignored, and a postcode that is not one said so beside its field.

use super::declared::LeaderOrganisation;
use super::suggest::{LeaderStage, Wishes};
use crate::place::{PostcodeArea, PostcodeDistrict};
use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use serde::{Deserialize, Serialize};

const MAX_TEXT_CHARS: usize = 150;

/// The suggestions form as sent: the wishes, the leader's organisation (so that a coach with a
/// conflict is never suggested), and what was typed, to show again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishesQuery {
    pub wishes: Wishes,
    pub organisation: Option<LeaderOrganisation>,
    /// As typed, to show again.
    pub postcode: String,
    pub organisation_name: String,
    pub organisation_number: String,
    /// Beside the postcode field, when it is not a postcode.
    pub postcode_error: Option<String>,
    /// The region as chosen (the wishes' region may come from the postcode instead).
    pub region_typed: Option<Region>,
}

fn cut(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_TEXT_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

impl WishesQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> WishesQuery {
        let mut query = WishesQuery::default();
        let wishes = &mut query.wishes;
        for (key, value) in pairs {
            match key {
                "theme" => {
                    if let Some(theme) = Theme::from_slug(value)
                        && !wishes.themes.contains(&theme)
                    {
                        wishes.themes.push(theme);
                    }
                }
                "community" => {
                    if let Some(community) = Community::from_slug(value)
                        && !wishes.communities.contains(&community)
                    {
                        wishes.communities.push(community);
                    }
                }
                "region" => {
                    wishes.region = Region::from_slug(value);
                    query.region_typed = wishes.region;
                }
                "language" => wishes.language = Language::from_slug(value),
                "format" => wishes.format = SessionFormat::from_slug(value),
                "stage" => wishes.stage = LeaderStage::from_slug(value),
                "postcode" => query.postcode = cut(value),
                "organisation" => query.organisation_name = cut(value),
                "number" => query.organisation_number = cut(value),
                _ => {}
            }
        }
        let (area, district) = place_of(&query.postcode);
        if !query.postcode.is_empty() && area.is_none() {
            query.postcode_error = Some(
                "Enter a UK postcode, or the first part of one, like CF10 or LS6 4AP".to_string(),
            );
        }
        if let Some(area) = &area {
            query.wishes.postcode_area = Some(area.as_str().to_string());
            if query.wishes.region.is_none() {
                query.wishes.region = area.region();
            }
        }
        if !query.organisation_name.is_empty() || !query.organisation_number.is_empty() {
            query.organisation = Some(LeaderOrganisation {
                name: query.organisation_name.clone(),
                number: (!query.organisation_number.is_empty())
                    .then(|| query.organisation_number.clone()),
                district,
                communities: query.wishes.communities.clone(),
            });
        }
        query
    }

    /// The query string that asks for these suggestions again (as the form would send it).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for theme in &self.wishes.themes {
            pairs.push(("theme", theme.slug()));
        }
        if !self.postcode.is_empty() {
            pairs.push(("postcode", &self.postcode));
        }
        let singles = [
            ("region", self.region_typed.map(Region::slug)),
            ("language", self.wishes.language.map(Language::slug)),
            ("format", self.wishes.format.map(SessionFormat::slug)),
            ("stage", self.wishes.stage.map(LeaderStage::slug)),
        ];
        for (key, slug) in singles {
            if let Some(slug) = slug {
                pairs.push((key, slug));
            }
        }
        for community in &self.wishes.communities {
            pairs.push(("community", community.slug()));
        }
        if !self.organisation_name.is_empty() {
            pairs.push(("organisation", &self.organisation_name));
        }
        if !self.organisation_number.is_empty() {
            pairs.push(("number", &self.organisation_number));
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// Whether the leader said anything at all.
    pub fn is_empty(&self) -> bool {
        self.wishes == Wishes::default() && self.organisation.is_none()
    }
}

/// A postcode, whole or its first part ("CF10", "CF10 1AA", "cf"): its area and district.
fn place_of(typed: &str) -> (Option<PostcodeArea>, Option<PostcodeDistrict>) {
    if typed.is_empty() {
        return (None, None);
    }
    if let Ok(postcode) = crate::place::Postcode::parse(typed) {
        return (Some(postcode.area()), Some(postcode.district()));
    }
    let outward = typed.split_whitespace().next().unwrap_or_default();
    if let Ok(district) = PostcodeDistrict::parse(outward) {
        let letters: String = district
            .as_str()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        return (PostcodeArea::parse(&letters).ok(), Some(district));
    }
    (PostcodeArea::parse(typed).ok(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wish_is_read_and_written_back() {
        let query = WishesQuery::from_pairs([
            ("theme", "board-and-governance"),
            ("theme", "strategy-and-planning"),
            ("theme", "board-and-governance"),
            ("postcode", " cf10 1aa "),
            ("language", "welsh"),
            ("format", "phone"),
            ("community", "carers"),
            ("stage", "new"),
            ("organisation", "Hollowmere Carers"),
            ("number", "1234567"),
            ("utm_source", "x"),
        ]);
        let wishes = &query.wishes;
        assert_eq!(
            wishes.themes,
            [Theme::BoardAndGovernance, Theme::StrategyAndPlanning]
        );
        assert_eq!(wishes.postcode_area.as_deref(), Some("CF"));
        assert_eq!(wishes.region, Some(Region::Wales), "from the postcode");
        assert_eq!(wishes.language, Some(Language::Welsh));
        assert_eq!(wishes.format, Some(SessionFormat::Phone));
        assert_eq!(wishes.communities, [Community::Carers]);
        assert_eq!(wishes.stage, Some(LeaderStage::New));
        let organisation = query.organisation.clone().unwrap();
        assert_eq!(organisation.name, "Hollowmere Carers");
        assert_eq!(organisation.number.as_deref(), Some("1234567"));
        assert_eq!(
            organisation
                .district
                .map(|d| d.as_str().to_string())
                .as_deref(),
            Some("CF10")
        );
        assert_eq!(query.postcode_error, None);
        let again = WishesQuery::from_pairs(
            form_urlencoded::parse(query.to_query_string().as_bytes())
                .into_owned()
                .collect::<Vec<_>>()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        assert_eq!(again, query);
    }

    #[test]
    fn a_postcode_may_be_whole_or_its_first_part_and_anything_else_is_said() {
        for (typed, area, district) in [
            ("LS6 4AP", Some("LS"), Some("LS6")),
            ("ls6", Some("LS"), Some("LS6")),
            ("EC1A", Some("EC"), Some("EC1A")),
            ("b", Some("B"), None),
        ] {
            let (a, d) = place_of(typed);
            assert_eq!(a.as_ref().map(PostcodeArea::as_str), area, "{typed}");
            assert_eq!(
                d.as_ref().map(PostcodeDistrict::as_str),
                district,
                "{typed}"
            );
        }
        let wrong = WishesQuery::from_pairs([("postcode", "nowhere"), ("region", "london")]);
        assert!(wrong.postcode_error.is_some());
        assert_eq!(wrong.postcode, "nowhere", "kept to show again");
        assert_eq!(wrong.wishes.region, Some(Region::London), "the rest kept");
        assert!(WishesQuery::from_pairs([]).is_empty());
    }
}

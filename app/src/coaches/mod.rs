//! The coach directory: what the public may see of each coach, searching and filtering it,
//! and each coach's profile page.
//!
//! - [`directory`]: `/coaches`, the search and its filters; [`browser`]: the island that shows them.
//! - [`profile`]: `/coaches/{slug}`, one coach.
//! - [`spelling`]: near spellings, for a search with a typo.
//! - `cache` (server only): search results kept in memory until a coach changes.
//! - `db` (server only): the SQL. `demo` (server only): the demo coaches.

pub mod browser;
pub mod directory;
pub mod draft;
pub mod profile;
pub mod spelling;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use crate::vocabulary::{Community, Language, LivedExperience, Region, SessionFormat, Theme};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A coach's address in the directory (`amara-o-connor`): lower-case letters and digits in
/// words joined by hyphens, at most 120 characters, as the database's CHECK holds them.
/// Anything else names no coach, and is never sent to the database.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(text: &str) -> Option<Slug> {
        let well_formed = !text.is_empty()
            && text.len() <= Slug::MAX_CHARS
            && text.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        well_formed.then(|| Slug(text.to_string()))
    }

    /// The slug a name suggests: `Amara O'Connor` → `amara-o-connor`; `coach` for a name with
    /// no letters or digits a slug can hold.
    pub fn from_name(name: &str) -> Slug {
        let mut slug = String::with_capacity(name.len());
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        // Room for a `-2`, `-3`… when the slug is taken.
        let mut slug: String = slug.chars().take(Slug::MAX_CHARS - 8).collect();
        while slug.ends_with('-') {
            slug.pop();
        }
        Slug::parse(&slug).unwrap_or_else(|| Slug("coach".to_string()))
    }

    /// This slug with `-n` added: the next to try when it is taken.
    pub fn numbered(&self, n: u32) -> Slug {
        Slug(format!("{}-{n}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A coach as one choice in a list (the other coaches a leader would also accept), with their
/// themes, to offer those most like the coach asked first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachOption {
    pub slug: String,
    pub name: String,
    pub region: Region,
    pub themes: Vec<Theme>,
}

/// At most `most` of `options` (which are by name), kept by name: those who share the most
/// themes with `asked`, then those in the same region; any slug in `keep` (chosen already)
/// stays whatever its place.
pub fn most_alike(
    options: Vec<CoachOption>,
    asked: &CoachProfile,
    keep: &[&str],
    most: usize,
) -> Vec<CoachOption> {
    if options.len() <= most {
        return options;
    }
    let alike = |option: &CoachOption| {
        let shared = option
            .themes
            .iter()
            .filter(|theme| asked.themes.contains(theme))
            .count();
        (shared, option.region == asked.region)
    };
    let mut ranked: Vec<(usize, CoachOption)> = options.into_iter().enumerate().collect();
    // Most alike first; among equals, the list's own order (by name).
    ranked.sort_by_key(|(at, option)| (std::cmp::Reverse(alike(option)), *at));
    let mut kept: Vec<(usize, CoachOption)> = Vec::with_capacity(most + keep.len());
    for (place, (at, option)) in ranked.into_iter().enumerate() {
        if place < most || keep.contains(&option.slug.as_str()) {
            kept.push((at, option));
        }
    }
    kept.sort_by_key(|(at, _)| *at);
    kept.into_iter().map(|(_, option)| option).collect()
}

/// What the public may see of a published coach. Contact details are not here, by design:
/// leaders reach a coach only through a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachProfile {
    pub slug: String,
    pub name: String,
    pub pronouns: Option<String>,
    pub role: String,
    pub organisation: String,
    pub region: Region,
    pub postcode_area: String,
    pub bio: String,
    pub how_i_coach: String,
    pub themes: Vec<Theme>,
    pub communities: Vec<Community>,
    /// Shown only because the coach consented to publishing it.
    pub lived_experience: Vec<LivedExperience>,
    pub languages: Vec<Language>,
    pub formats: Vec<SessionFormat>,
    pub availability: Availability,
}

/// Whether a coach can take on a leader now, and if not, when they expect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// The coach's own switch.
    pub accepting_new_leaders: bool,
    /// How many leaders they coach at once.
    pub capacity: u8,
    /// How many leaders they coach now.
    pub current_leaders: u8,
    pub next_opening: Option<NaiveDate>,
}

impl Availability {
    /// Accepting, and with a place free: a coach at capacity is not accepting, whatever their
    /// switch says.
    pub fn is_accepting_now(&self) -> bool {
        self.accepting_new_leaders && self.current_leaders < self.capacity
    }

    /// As the public may see it on `today`: a next opening that has passed is no longer one.
    pub fn as_of(self, today: NaiveDate) -> Availability {
        Availability {
            next_opening: self.next_opening.filter(|opening| *opening >= today),
            ..self
        }
    }

    /// One line for a card or profile: "Accepting new leaders now", or "Not accepting new
    /// leaders now" with the next opening when the coach has given one.
    pub fn summary(&self) -> String {
        if self.is_accepting_now() {
            "Accepting new leaders now".to_string()
        } else {
            match self.next_opening {
                Some(date) => format!(
                    "Not accepting new leaders now. Next opening: {}",
                    long_date(date)
                ),
                None => "Not accepting new leaders now".to_string(),
            }
        }
    }
}

/// `1 March 2027`.
pub fn long_date(date: NaiveDate) -> String {
    // By hand: chrono's `format` would bring its whole formatting machinery into the WASM.
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    use chrono::Datelike;
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// The first word of a name, for addressing a coach: "Amara" for "Amara Okafor".
pub fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}

impl CoachProfile {
    /// How sessions are held, in a sentence: "video and phone".
    pub fn formats_in_words(&self) -> String {
        let formats: Vec<String> = self
            .formats
            .iter()
            .map(|f| f.label().to_lowercase())
            .collect();
        and_list(&formats.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

/// A list of labels in a sentence: "a, b and c".
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn availability(accepting: bool, capacity: u8, current: u8) -> Availability {
        Availability {
            accepting_new_leaders: accepting,
            capacity,
            current_leaders: current,
            next_opening: None,
        }
    }

    #[test]
    fn a_coach_at_capacity_is_not_accepting_whatever_their_switch_says() {
        assert!(availability(true, 3, 2).is_accepting_now());
        assert!(!availability(true, 3, 3).is_accepting_now());
        assert!(!availability(true, 0, 0).is_accepting_now());
        assert!(!availability(false, 3, 0).is_accepting_now());
    }

    #[test]
    fn the_summary_gives_the_next_opening_when_there_is_one() {
        let mut full = availability(true, 2, 2);
        assert_eq!(full.summary(), "Not accepting new leaders now");
        full.next_opening = NaiveDate::from_ymd_opt(2027, 3, 1);
        assert_eq!(
            full.summary(),
            "Not accepting new leaders now. Next opening: 1 March 2027"
        );
        assert_eq!(
            availability(true, 2, 1).summary(),
            "Accepting new leaders now"
        );
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(Slug::from_name("Amara O'Connor").as_str(), "amara-o-connor");
        assert_eq!(Slug::from_name("  Siân  Evans ").as_str(), "si-n-evans");
        assert_eq!(Slug::from_name("Dev Gill").as_str(), "dev-gill");
        assert_eq!(Slug::from_name("</title>").as_str(), "title");
        assert_eq!(Slug::from_name("李").as_str(), "coach");
        assert!(Slug::from_name(&"a b ".repeat(100)).as_str().len() <= Slug::MAX_CHARS - 8);
        assert_eq!(
            Slug::from_name("Dev Gill").numbered(2).as_str(),
            "dev-gill-2"
        );
        for good in ["amara-okafor", "a", "dev-gill-2"] {
            assert!(Slug::parse(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "Amara",
            "amara--okafor",
            "-amara",
            "amara-",
            "a\0b",
            "a b",
            "é",
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn a_next_opening_in_the_past_is_never_shown() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        let with = |opening| Availability {
            next_opening: opening,
            ..availability(false, 3, 0)
        };
        let yesterday = today.pred_opt();
        assert_eq!(with(yesterday).as_of(today).next_opening, None);
        assert_eq!(with(Some(today)).as_of(today).next_opening, Some(today));
        assert_eq!(
            with(yesterday).as_of(today).summary(),
            "Not accepting new leaders now"
        );
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["video"]), "video");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }

    fn option(slug: &str, region: Region, themes: &[Theme]) -> CoachOption {
        CoachOption {
            slug: slug.to_string(),
            name: slug.to_string(),
            region,
            themes: themes.to_vec(),
        }
    }

    fn asked() -> CoachProfile {
        CoachProfile {
            slug: "asked".into(),
            name: "Asked".into(),
            pronouns: None,
            role: "Director".into(),
            organisation: "Somewhere".into(),
            region: Region::Wales,
            postcode_area: "CF".into(),
            bio: String::new(),
            how_i_coach: String::new(),
            themes: vec![Theme::BoardAndGovernance, Theme::StrategyAndPlanning],
            communities: Vec::new(),
            lived_experience: Vec::new(),
            languages: Vec::new(),
            formats: Vec::new(),
            availability: availability(true, 3, 0),
        }
    }

    #[test]
    fn a_long_list_of_others_keeps_the_most_alike_by_name_and_whoever_was_chosen() {
        use Theme::{
            BoardAndGovernance as Board, LeadingThroughChange as Change,
            StrategyAndPlanning as Strategy,
        };
        let options = vec![
            option(
                "a-both-themes-elsewhere",
                Region::London,
                &[Board, Strategy],
            ),
            option("b-nothing-shared", Region::London, &[Change]),
            option("c-one-theme-in-wales", Region::Wales, &[Board]),
            option("d-one-theme-elsewhere", Region::London, &[Strategy]),
            option("e-only-wales", Region::Wales, &[Change]),
        ];
        let slugs = |kept: Vec<CoachOption>| kept.into_iter().map(|o| o.slug).collect::<Vec<_>>();

        assert_eq!(
            slugs(most_alike(options.clone(), &asked(), &[], 3)),
            [
                "a-both-themes-elsewhere",
                "c-one-theme-in-wales",
                "d-one-theme-elsewhere"
            ],
            "shared themes first, then the same region; kept by name"
        );
        assert_eq!(
            slugs(most_alike(
                options.clone(),
                &asked(),
                &["b-nothing-shared", ""],
                2
            )),
            [
                "a-both-themes-elsewhere",
                "b-nothing-shared",
                "c-one-theme-in-wales"
            ],
            "a coach chosen already stays"
        );
        assert_eq!(
            most_alike(options.clone(), &asked(), &[], 5),
            options,
            "a list within the limit is as it was"
        );
    }
}

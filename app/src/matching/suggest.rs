//! "Coaches who may suit you": a ranking of coaches against what a leader says they want, each
//! with its reasons. The leader always chooses; nothing here assigns anyone.
//!
//! Order: coaches accepting new leaders first; then fit (themes in common, closeness, language,
//! format, communities, stage); a coach with many requests already waiting ranks lower, so that
//! the same coach is not everyone's first choice.

use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};

crate::vocabulary::vocabulary! {
    /// Whom a coach coaches, and what a leader says they are.
    LeaderStage {
        /// New to leading, or emerging.
        New => ("new", "New or emerging leaders"),
        /// Experienced, and looking for a critical peer.
        Experienced => ("experienced", "Experienced leaders looking for a critical peer"),
    }
}

/// What a leader wants: every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Wishes {
    pub themes: Vec<Theme>,
    /// The letters at the start of their postcode, like "CF".
    pub postcode_area: Option<String>,
    pub region: Option<Region>,
    pub language: Option<Language>,
    pub format: Option<SessionFormat>,
    pub communities: Vec<Community>,
    pub stage: Option<LeaderStage>,
}

/// A coach as the ranking sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub slug: String,
    pub accepting: bool,
    pub themes: Vec<Theme>,
    pub region: Region,
    pub postcode_area: String,
    pub languages: Vec<Language>,
    pub formats: Vec<SessionFormat>,
    pub communities: Vec<Community>,
    pub stages: Vec<LeaderStage>,
    /// Requests waiting for this coach's answer now.
    pub waiting: u32,
}

/// A coach suggested, with why, in rank order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub slug: String,
    pub reasons: Vec<String>,
}

/// How close a coach is to the leader: same postcode area, same region, a neighbouring region.
fn closeness(wishes: &Wishes, coach: &Candidate) -> Option<(u32, &'static str)> {
    if wishes
        .postcode_area
        .as_deref()
        .is_some_and(|area| area.eq_ignore_ascii_case(&coach.postcode_area))
    {
        return Some((6, "near you"));
    }
    let region = wishes.region?;
    if coach.region == region {
        Some((4, "in your region"))
    } else if region.neighbours().contains(&coach.region) {
        Some((2, "in a neighbouring region"))
    } else {
        None
    }
}

/// Each coach's fit and reasons. Fit counts what matches; each waiting request costs a little,
/// always less in all than one theme in common, so that a better fit by a theme still ranks
/// first.
fn fit(wishes: &Wishes, coach: &Candidate) -> (i64, Vec<String>) {
    let mut score = 0i64;
    let mut reasons = Vec::new();
    let themes: Vec<Theme> = wishes
        .themes
        .iter()
        .copied()
        .filter(|t| coach.themes.contains(t))
        .collect();
    if !themes.is_empty() {
        score += 10 * i64::try_from(themes.len()).unwrap_or(0);
        let labels: Vec<String> = themes.iter().map(|t| t.label().to_lowercase()).collect();
        reasons.push(format!("coaches on {}", labels.join(" and ")));
    }
    if let Some((points, reason)) = closeness(wishes, coach) {
        score += i64::from(points);
        reasons.push(reason.to_string());
    }
    if let Some(language) = wishes.language
        && coach.languages.contains(&language)
        && language != Language::English
    {
        score += 5;
        reasons.push(format!("speaks {}", language.label()));
    }
    if let Some(format) = wishes.format
        && coach.formats.contains(&format)
    {
        score += 2;
        reasons.push(format!("by {}", format.label().to_lowercase()));
    }
    let communities: Vec<Community> = wishes
        .communities
        .iter()
        .copied()
        .filter(|c| coach.communities.contains(c))
        .collect();
    if !communities.is_empty() {
        score += 3 * i64::try_from(communities.len()).unwrap_or(0);
        let labels: Vec<String> = communities
            .iter()
            .map(|c| c.label().to_lowercase())
            .collect();
        reasons.push(format!("knows {}", labels.join(" and ")));
    }
    if let Some(stage) = wishes.stage
        && coach.stages.contains(&stage)
    {
        score += 4;
        reasons.push(
            match stage {
                LeaderStage::New => "coaches new and emerging leaders",
                LeaderStage::Experienced => "a critical peer for experienced leaders",
            }
            .to_string(),
        );
    }
    score -= i64::from(coach.waiting.min(9));
    (score, reasons)
}

/// The coaches in rank order, at most `limit`, each with its reasons: accepting coaches first,
/// then by fit, then by slug (so that equal coaches keep one order).
pub fn suggest(wishes: &Wishes, coaches: &[Candidate], limit: usize) -> Vec<Suggestion> {
    let mut ranked: Vec<(bool, i64, &str, Vec<String>)> = coaches
        .iter()
        .map(|coach| {
            let (score, reasons) = fit(wishes, coach);
            (coach.accepting, score, coach.slug.as_str(), reasons)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, slug, reasons)| Suggestion {
            slug: slug.to_string(),
            reasons,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coach(slug: &str) -> Candidate {
        Candidate {
            slug: slug.into(),
            accepting: true,
            themes: vec![Theme::StrategyAndPlanning],
            region: Region::London,
            postcode_area: "E".into(),
            languages: vec![Language::English],
            formats: vec![SessionFormat::Video],
            communities: vec![],
            stages: vec![],
            waiting: 0,
        }
    }

    fn order(wishes: &Wishes, coaches: &[Candidate]) -> Vec<String> {
        suggest(wishes, coaches, 10)
            .into_iter()
            .map(|s| s.slug)
            .collect()
    }

    #[test]
    fn accepting_coaches_come_first_however_well_another_fits() {
        let wishes = Wishes {
            themes: vec![Theme::BoardAndGovernance],
            region: Some(Region::Wales),
            ..Wishes::default()
        };
        let perfect_but_full = Candidate {
            accepting: false,
            themes: vec![Theme::BoardAndGovernance],
            region: Region::Wales,
            ..coach("full")
        };
        assert_eq!(
            order(&wishes, &[perfect_but_full, coach("open")]),
            ["open", "full"]
        );
    }

    #[test]
    fn closeness_ranks_area_then_region_then_neighbours_then_the_rest() {
        let wishes = Wishes {
            postcode_area: Some("cf".into()),
            region: Some(Region::Wales),
            ..Wishes::default()
        };
        let at = |slug: &str, region, area: &str| Candidate {
            region,
            postcode_area: area.into(),
            ..coach(slug)
        };
        let coaches = [
            at("far", Region::Scotland, "EH"),
            at("next-door", Region::SouthWest, "BS"),
            at("same-region", Region::Wales, "LL"),
            at("same-area", Region::Wales, "CF"),
        ];
        assert_eq!(
            order(&wishes, &coaches),
            ["same-area", "same-region", "next-door", "far"]
        );
        let reasons = &suggest(&wishes, &coaches, 4)[2].reasons;
        assert!(reasons.contains(&"in a neighbouring region".to_string()));
    }

    #[test]
    fn each_suggestion_says_why() {
        let wishes = Wishes {
            themes: vec![Theme::BoardAndGovernance],
            region: Some(Region::Wales),
            language: Some(Language::Welsh),
            format: Some(SessionFormat::Phone),
            communities: vec![Community::Carers],
            stage: Some(LeaderStage::New),
            ..Wishes::default()
        };
        let suited = Candidate {
            themes: vec![Theme::BoardAndGovernance, Theme::StrategyAndPlanning],
            region: Region::Wales,
            languages: vec![Language::English, Language::Welsh],
            formats: vec![SessionFormat::Phone],
            communities: vec![Community::Carers],
            stages: vec![LeaderStage::New],
            ..coach("suited")
        };
        let [suggestion] = &suggest(&wishes, &[suited], 1)[..] else {
            panic!("one suggestion");
        };
        assert_eq!(
            suggestion.reasons,
            [
                "coaches on board and governance",
                "in your region",
                "speaks Welsh",
                "by phone call",
                "knows unpaid carers",
                "coaches new and emerging leaders",
            ]
        );
    }

    #[test]
    fn a_coach_with_many_requests_waiting_ranks_below_an_equal_one_with_fewer() {
        let wishes = Wishes {
            themes: vec![Theme::StrategyAndPlanning],
            ..Wishes::default()
        };
        let busy = Candidate {
            waiting: 6,
            ..coach("a-busy")
        };
        assert_eq!(
            order(&wishes, &[busy.clone(), coach("b-free")]),
            ["b-free", "a-busy"]
        );
        // But waiting requests never outweigh a better fit.
        let busy_but_better = Candidate {
            themes: vec![Theme::StrategyAndPlanning, Theme::BoardAndGovernance],
            waiting: 50,
            ..coach("z-busy")
        };
        let wishes = Wishes {
            themes: vec![Theme::StrategyAndPlanning, Theme::BoardAndGovernance],
            ..Wishes::default()
        };
        assert_eq!(
            order(&wishes, &[coach("b-free"), busy_but_better]),
            ["z-busy", "b-free"]
        );
    }

    #[test]
    fn with_no_wishes_every_accepting_coach_is_suggested_in_a_stable_order() {
        let coaches = [coach("c"), coach("a"), coach("b")];
        assert_eq!(order(&Wishes::default(), &coaches), ["a", "b", "c"]);
        assert!(suggest(&Wishes::default(), &coaches, 2).len() == 2);
        assert!(
            suggest(&Wishes::default(), &coaches, 3)
                .iter()
                .all(|s| s.reasons.is_empty())
        );
    }
}

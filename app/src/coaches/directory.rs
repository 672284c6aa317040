//! `/coaches`: the directory. A plain GET form whose filters live in the query string, so a
//! search can be bookmarked, shared and walked with Back and Forward; with JavaScript the
//! results update in place as the filters change (the [`CoachBrowser`] island).

use super::browser::{CoachBrowser, FilterFields, ResultList, count_text};
use super::{CoachProfile, and_list};
use crate::error::AppError;
use crate::ui::IslandScripts;
use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The search form's fields, in the form's order, as the address names them (the page of
/// results is not one of them: see [`DirectoryQuery::from_pairs`]).
pub const SEARCH_FIELDS: [&str; 7] = [
    "q",
    "region",
    "theme",
    "community",
    "language",
    "format",
    "accepting",
];

/// Coaches per page of results.
pub const PER_PAGE: u32 = 12;
/// The last page anyone could want; deeper pages are clamped.
const MAX_PAGE: u32 = 1_000;
/// Longer search text is cut here.
const MAX_TEXT_CHARS: usize = 200;

/// A search of the directory, read leniently from the query string: unknown keys and
/// malformed values are ignored, and the rest of the search is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub text: Option<String>,
    pub region: Option<Region>,
    pub theme: Option<Theme>,
    pub community: Option<Community>,
    pub language: Option<Language>,
    pub format: Option<SessionFormat>,
    pub accepting_only: bool,
    pub page: u32,
}

impl DirectoryQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DirectoryQuery {
        let mut query = DirectoryQuery {
            page: 1,
            ..DirectoryQuery::default()
        };
        for (key, value) in pairs {
            match key {
                "q" => query.text = Some(value.to_string()),
                "region" => query.region = Region::from_slug(value),
                "theme" => query.theme = Theme::from_slug(value),
                "community" => query.community = Community::from_slug(value),
                "language" => query.language = Language::from_slug(value),
                "format" => query.format = SessionFormat::from_slug(value),
                "accepting" => query.accepting_only = matches!(value, "yes" | "on" | "true"),
                "page" => query.page = value.parse::<u32>().unwrap_or(1),
                _ => {}
            }
        }
        query.normalised()
    }

    /// A search from a query string (without the `?`), as [`DirectoryQuery::from_pairs`] reads it.
    pub fn from_query_string(search: &str) -> DirectoryQuery {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(search.as_bytes())
            .into_owned()
            .collect();
        DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The search within its limits (text trimmed and cut short, page in range), however it
    /// arrived: from the address, or as a server function's argument.
    pub fn normalised(mut self) -> DirectoryQuery {
        self.text = self
            .text
            // Control characters mean nothing in a search (and NUL cannot reach PostgreSQL).
            .map(|t| {
                t.chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
                    .trim()
                    .chars()
                    .take(MAX_TEXT_CHARS)
                    .collect::<String>()
            })
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        self.page = self.page.clamp(1, MAX_PAGE);
        self
    }

    /// The query string for this search at `page` (without the `?`), naming only what is set.
    pub fn to_query_string(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(text) = &self.text {
            pairs.push(("q", text));
        }
        let slugs = [
            ("region", self.region.map(Region::slug)),
            ("theme", self.theme.map(Theme::slug)),
            ("community", self.community.map(Community::slug)),
            ("language", self.language.map(Language::slug)),
            ("format", self.format.map(SessionFormat::slug)),
        ];
        for (key, slug) in slugs {
            if let Some(slug) = slug {
                pairs.push((key, slug));
            }
        }
        if self.accepting_only {
            pairs.push(("accepting", "yes"));
        }
        let page = page.to_string();
        if page != "1" {
            pairs.push(("page", &page));
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// How many filters narrow the search (the search text is not one of them).
    pub fn active_filters(&self) -> usize {
        [
            self.region.is_some(),
            self.theme.is_some(),
            self.community.is_some(),
            self.language.is_some(),
            self.format.is_some(),
            self.accepting_only,
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(PER_PAGE)
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub coaches: Vec<CoachProfile>,
    /// How many coaches match, on all pages.
    pub total: u64,
    pub page: u32,
    pub matched: Matched,
}

/// How a text search found its coaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Matched {
    /// The words themselves (or no text at all).
    Exactly,
    /// No word matched whole; these start with the letters typed.
    StartOfWords,
    /// No word matched whole or as a start; these are one letter from what was typed.
    Closely,
}

impl DirectoryPage {
    pub fn last_page(&self) -> u32 {
        u32::try_from(self.total.div_ceil(u64::from(PER_PAGE)))
            .unwrap_or(MAX_PAGE)
            .max(1)
    }
}

/// Searches published coaches, from the results this process keeps when it has them (see
/// `coaches::cache`). Public: it reads only what the directory shows.
#[server(endpoint = "search_coaches")]
pub async fn search_coaches(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    let state = crate::state::app_state()?;
    let page = state
        .directory
        .page(&state.pool, &query.normalised(), crate::clock::today())
        .await?;
    Ok(DirectoryPage::clone(&page))
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let pairs: Vec<(String, String)> = SEARCH_FIELDS
        .iter()
        .chain(&["page"])
        .filter_map(|key| params.get(key).map(|value| ((*key).to_string(), value)))
        .collect();
    let query = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let browser = Suspend::new(async move {
        let page = match search_coaches(query.clone()).await {
            Ok(page) => Some(page),
            Err(error) => {
                crate::ui::set_status(error.status());
                None
            }
        };
        let count = count_text(&query, page.as_ref());
        let total = page.as_ref().map_or(0, |p| p.total).to_string();
        let results = match page {
            Some(page) => Either::Left(view! { <ResultList query=query.clone() page /> }),
            None => Either::Right(view! {
                <p class="error-message">"Check your connection, or try again in a minute."</p>
            }),
        };
        view! {
            <CoachBrowser search=query.to_query_string(1)>
                <form class="filters" method="get" action="/coaches" role="search" aria-label="Coaches">
                    <FilterFields query=query.clone() />
                </form>
                <div class="directory-results">
                    <p id="result-count" class="result-count" data-testid="result-count" data-count=total aria-live="polite">
                        {count}
                    </p>
                    <div id="directory-results">{results}</div>
                </div>
            </CoachBrowser>
        }
    });
    view! {
        <Title text="Find a coach" />
        <IslandScripts />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Find a coach"</h1>
            <p class="lead directory-lead">
                "Every coach is an experienced leader from the voluntary and community sector, trained and supervised as a coach. \
                 Choose the one who fits you, then ask them."
            </p>
            <Suspense fallback=|| view! { <p>"Finding coaches…"</p> }>{browser}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
pub(super) fn Choice(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name class="input">
                <option value="">{any}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value selected=selected == Some(value)>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A coach in a list of results: enough to choose whom to read more about.
#[component]
pub fn CoachCard(
    coach: CoachProfile,
    /// Under a section's own heading (suggestions): the name is a level-3 heading.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let accepting = coach.availability.is_accepting_now();
    let href = format!("/coaches/{}", coach.slug);
    let themes: Vec<&str> = coach.themes.iter().map(|t| t.label()).collect();
    let languages: Vec<&str> = coach.languages.iter().map(|l| l.label()).collect();
    let formats = coach.formats_in_words();
    view! {
        <article class="coach-card" data-testid="coach-card" data-slug=coach.slug.clone() data-accepting=accepting.to_string()>
            {
                let name = view! {
                    <a href=href>{coach.name.clone()}</a>
                    {coach.pronouns.clone().map(|p| view! { <span class="pronouns">{format!(" ({p})")}</span> })}
                };
                if nested {
                    leptos::either::Either::Left(view! { <h3 class="coach-card-name">{name}</h3> })
                } else {
                    leptos::either::Either::Right(view! { <h2 class="coach-card-name">{name}</h2> })
                }
            }
            <p class="coach-card-role">{format!("{}, {}", coach.role, coach.organisation)}</p>
            <p class="availability" class:availability-open=accepting class:availability-closed=!accepting>
                {coach.availability.summary()}
            </p>
            <dl class="coach-facts">
                <div>
                    <dt>"Region"</dt>
                    <dd>{coach.region.label()}</dd>
                </div>
                <div>
                    <dt>"Coaches on"</dt>
                    <dd>
                        <ul class="tags">{themes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </dd>
                </div>
                <div>
                    <dt>"Languages"</dt>
                    <dd>{and_list(&languages)}</dd>
                </div>
                <div>
                    <dt>"Sessions by"</dt>
                    <dd>{formats}</dd>
                </div>
            </dl>
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_filter_from_the_query_string() {
        let query = DirectoryQuery::from_pairs([
            ("q", "  board governance "),
            ("region", "wales"),
            ("theme", "being-a-new-leader"),
            ("community", "carers"),
            ("language", "welsh"),
            ("format", "phone"),
            ("accepting", "yes"),
            ("page", "3"),
        ]);
        assert_eq!(query.text.as_deref(), Some("board governance"));
        let typed = DirectoryQuery::from_pairs([("q", "a\0b\u{1b}c")]);
        assert_eq!(
            typed.text.as_deref(),
            Some("abc"),
            "control characters are dropped"
        );
        assert_eq!(query.region, Some(Region::Wales));
        assert_eq!(query.theme, Some(Theme::NewLeader));
        assert_eq!(query.community, Some(Community::Carers));
        assert_eq!(query.language, Some(Language::Welsh));
        assert_eq!(query.format, Some(SessionFormat::Phone));
        assert!(query.accepting_only);
        assert_eq!(query.page, 3);
        assert_eq!(query.offset(), 24);
    }

    #[test]
    fn ignores_unknown_and_malformed_values_and_keeps_the_rest() {
        let query = DirectoryQuery::from_pairs([
            ("region", "mars"),
            ("theme", "strategy-and-planning"),
            ("page", "-2"),
            ("utm_source", "newsletter"),
            ("q", "   "),
            ("accepting", "maybe"),
        ]);
        assert_eq!(query.region, None);
        assert_eq!(query.theme, Some(Theme::StrategyAndPlanning));
        assert_eq!(query.page, 1);
        assert_eq!(query.text, None);
        assert!(!query.accepting_only);
        assert_eq!(DirectoryQuery::from_pairs([("page", "0")]).page, 1);
        assert_eq!(DirectoryQuery::from_pairs([("page", "abc")]).page, 1);
        assert_eq!(
            DirectoryQuery::from_pairs([("page", "999999")]).page,
            MAX_PAGE
        );
        let long = "x".repeat(500);
        let cut = DirectoryQuery::from_pairs([("q", long.as_str())]);
        assert_eq!(cut.text.map(|t| t.chars().count()), Some(MAX_TEXT_CHARS));
    }

    #[test]
    fn writes_only_what_is_set_and_round_trips() {
        let query = DirectoryQuery::from_pairs([
            ("q", "Siân & co"),
            ("region", "wales"),
            ("accepting", "yes"),
        ]);
        assert_eq!(
            query.to_query_string(2),
            "q=Si%C3%A2n+%26+co&region=wales&accepting=yes&page=2"
        );
        assert_eq!(DirectoryQuery::from_pairs([]).to_query_string(1), "");
        let again = DirectoryQuery::from_pairs([
            ("q", "Siân & co"),
            ("region", "wales"),
            ("accepting", "yes"),
            ("page", "2"),
        ]);
        assert_eq!(again.to_query_string(2), query.to_query_string(2));
    }

    #[test]
    fn queries_from_elsewhere_are_held_to_the_same_limits() {
        let query = DirectoryQuery {
            text: Some(format!("  {}  ", "y".repeat(5_000))),
            page: 0,
            ..DirectoryQuery::default()
        }
        .normalised();
        assert_eq!(query.text.map(|t| t.len()), Some(MAX_TEXT_CHARS));
        assert_eq!(query.page, 1);
        let blank = DirectoryQuery {
            text: Some("   ".into()),
            page: 5_000,
            ..DirectoryQuery::default()
        }
        .normalised();
        assert_eq!((blank.text, blank.page), (None, MAX_PAGE));
    }

    #[test]
    fn active_filters_count_every_filter_but_the_search_text() {
        assert_eq!(
            DirectoryQuery::from_pairs([("q", "malik")]).active_filters(),
            0
        );
        let all = DirectoryQuery::from_pairs([
            ("region", "wales"),
            ("theme", "being-a-new-leader"),
            ("community", "carers"),
            ("language", "welsh"),
            ("format", "phone"),
            ("accepting", "yes"),
            ("page", "2"),
        ]);
        assert_eq!(all.active_filters(), 6);
        assert_eq!(
            DirectoryQuery::from_pairs([("region", "mars")]).active_filters(),
            0,
            "an unknown value filters nothing"
        );
    }

    #[test]
    fn pages_are_counted_up() {
        let page = |total| DirectoryPage {
            coaches: Vec::new(),
            total,
            page: 1,
            matched: Matched::Exactly,
        };
        assert_eq!(page(0).last_page(), 1);
        assert_eq!(page(12).last_page(), 1);
        assert_eq!(page(13).last_page(), 2);
        assert_eq!(page(10_000).last_page(), 834);
    }
}

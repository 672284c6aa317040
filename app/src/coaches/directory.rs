//! `/coaches`: the directory. A plain GET form whose filters live in the query string, so a
//! search can be bookmarked, shared and walked with Back and Forward; with JavaScript the
//! results update in place as the filters change (see `frontend/navigation.js`).

use super::{CoachProfile, and_list};
use crate::error::AppError;
use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Coaches per page of results.
pub const PER_PAGE: u32 = 12;
/// The last page anyone could want; deeper pages are clamped.
const MAX_PAGE: u32 = 1_000;
/// Longer search text is cut here.
const MAX_TEXT_CHARS: usize = 200;

/// A search of the directory, read leniently from the query string: unknown keys and
/// malformed values are ignored, and the rest of the search is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// Searches published coaches. Public: it reads only what the directory shows.
#[server(endpoint = "search_coaches")]
pub async fn search_coaches(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    let pool = crate::state::pool()?;
    Ok(super::db::search(&pool, &query.normalised(), crate::clock::today()).await?)
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let pairs: Vec<(String, String)> = [
        "q",
        "region",
        "theme",
        "community",
        "language",
        "format",
        "accepting",
        "page",
    ]
    .iter()
    .filter_map(|key| params.get(key).map(|value| ((*key).to_string(), value)))
    .collect();
    let query = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let results = {
        let query = query.clone();
        Suspend::new(async move {
            match search_coaches(query.clone()).await {
                Ok(page) => Either::Left(view! { <Results query page /> }),
                Err(error) => {
                    crate::ui::set_status(error.status());
                    Either::Right(view! {
                        <p id="result-count" data-testid="result-count" data-count="0" aria-live="polite">
                            "The directory could not be searched just now."
                        </p>
                        <div id="directory-results">
                            <p class="error-message">{error.to_string()}</p>
                        </div>
                    })
                }
            }
        })
    };
    view! {
        <Title text="Find a coach" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Find a coach"</h1>
            <p class="lead">
                "Every coach is an experienced leader from the voluntary and community sector, trained and supervised as a coach. \
                 Choose the one who fits you, then ask them."
            </p>
            <div class="directory">
                <Filters query />
                <div class="directory-results">
                    <Suspense fallback=|| view! { <p>"Finding coaches…"</p> }>{results}</Suspense>
                </div>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn Filters(query: DirectoryQuery) -> impl IntoView {
    view! {
        <form
            class="filters"
            method="get"
            action="/coaches"
            role="search"
            aria-label="Coaches"
            data-nav-target="#result-count, #directory-results"
            data-nav-live
        >
            <h2 class="filters-heading">"Search and filter"</h2>
            <div class="field">
                <label for="q">"Search"</label>
                <p class="hint" id="q-hint">"A name, an organisation, or what they coach on"</p>
                <input
                    type="search"
                    id="q"
                    name="q"
                    class="input"
                    value=query.text.clone().unwrap_or_default()
                    aria-describedby="q-hint"
                    autocomplete="off"
                />
            </div>
            <Choice name="region" label="Region" any="Any region" options=Region::ALL.iter().map(|r| (r.slug(), r.label())).collect() selected=query.region.map(Region::slug) />
            <Choice name="theme" label="Theme" any="Any theme" options=Theme::ALL.iter().map(|t| (t.slug(), t.label())).collect() selected=query.theme.map(Theme::slug) />
            <Choice name="community" label="Communities they know" any="Any community" options=Community::ALL.iter().map(|c| (c.slug(), c.label())).collect() selected=query.community.map(Community::slug) />
            <Choice name="language" label="Language" any="Any language" options=Language::ALL.iter().map(|l| (l.slug(), l.label())).collect() selected=query.language.map(Language::slug) />
            <Choice name="format" label="Sessions by" any="Video or phone" options=SessionFormat::ALL.iter().map(|f| (f.slug(), f.label())).collect() selected=query.format.map(SessionFormat::slug) />
            <div class="field checkbox">
                <input type="checkbox" id="accepting" name="accepting" value="yes" checked=query.accepting_only />
                <label for="accepting">"Only coaches accepting new leaders now"</label>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">"Search"</button>
                <a href="/coaches">"Clear filters"</a>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn Choice(
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

#[component]
fn Results(query: DirectoryQuery, page: DirectoryPage) -> impl IntoView {
    let count_text = match (page.total, page.coaches.len()) {
        (0, _) => "No coaches match your search".to_string(),
        (1, _) => "1 coach found".to_string(),
        (total, 0) => format!(
            "{total} coaches found, but there is no page {} of results",
            page.page
        ),
        (total, shown) => {
            let first = query.offset() + 1;
            let last = query.offset() + shown as u64;
            if total <= u64::from(PER_PAGE) {
                format!("{total} coaches found")
            } else {
                format!("{total} coaches found: showing {first} to {last}")
            }
        }
    };
    let last_page = page.last_page();
    let current = page.page;
    let previous = (current > 1).then(|| {
        format!(
            "/coaches?{}",
            query.to_query_string(current.min(last_page + 1) - 1)
        )
    });
    let next =
        (current < last_page).then(|| format!("/coaches?{}", query.to_query_string(current + 1)));
    let empty = page.coaches.is_empty();
    let typed = query.text.clone().unwrap_or_default();
    let count_text = match page.matched {
        Matched::Exactly => count_text,
        Matched::StartOfWords => format!("{count_text} for words starting “{typed}”"),
        Matched::Closely if empty => count_text,
        Matched::Closely => {
            format!("No exact matches for “{typed}”. Similar spellings: {count_text}")
        }
    };
    view! {
        <p id="result-count" class="result-count" data-testid="result-count" data-count=page.total.to_string() aria-live="polite">
            {count_text}
        </p>
        <div id="directory-results">
            {if empty {
                Either::Left(
                    view! {
                        <div class="no-results">
                            <p>"Try fewer filters or different words."</p>
                            <p>
                                <a href="/coaches">"See all coaches"</a>
                            </p>
                        </div>
                    },
                )
            } else {
                Either::Right(
                    view! {
                        <ul class="coach-list">
                            {page
                                .coaches
                                .into_iter()
                                .map(|coach| view! { <li><CoachCard coach /></li> })
                                .collect_view()}
                        </ul>
                    },
                )
            }}
            {(last_page > 1 || current > 1)
                .then(|| {
                    view! {
                        <nav class="pagination" aria-label="Pages of results">
                            {previous.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
                            <span class="pagination-status">{format!("Page {current} of {last_page}")}</span>
                            {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
                        </nav>
                    }
                })}
        </div>
    }
    .into_any()
}

/// A coach in a list of results: enough to choose whom to read more about.
#[component]
pub fn CoachCard(coach: CoachProfile) -> impl IntoView {
    let accepting = coach.availability.is_accepting_now();
    let href = format!("/coaches/{}", coach.slug);
    let themes: Vec<&str> = coach.themes.iter().map(|t| t.label()).collect();
    let languages: Vec<&str> = coach.languages.iter().map(|l| l.label()).collect();
    let formats = coach.formats_in_words();
    view! {
        <article class="coach-card" data-testid="coach-card" data-slug=coach.slug.clone() data-accepting=accepting.to_string()>
            <h2 class="coach-card-name">
                <a href=href>{coach.name.clone()}</a>
                {coach.pronouns.clone().map(|p| view! { <span class="pronouns">{format!(" ({p})")}</span> })}
            </h2>
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

//! The coaches' SQL. This module reads the directory: published coaches only, unless a
//! function's name says otherwise. [`profiles`] stores a coach's own profile.

pub mod profiles;

use super::directory::{DirectoryPage, DirectoryQuery, Matched, PER_PAGE};
use super::{Availability, CoachOption, CoachProfile, Slug, spelling};
use crate::special_category::{self, SealedField};
use crate::vocabulary::{
    Community, Language, LivedExperience, Region, SessionFormat, Theme, known_slugs,
};
use chrono::NaiveDate;
use sqlx::{PgPool, Postgres, QueryBuilder};

/// The public columns, in [`CoachRow`]'s order.
pub(crate) const PUBLIC_COLUMNS: &str = "slug, name, pronouns, role, organisation, region, postcode_area, bio, \
     how_i_coach, themes, communities, lived_experience_sealed, languages, formats, accepting_new_leaders, \
     capacity, current_leaders, next_opening";

/// A coach's public columns, as stored.
#[derive(Clone, sqlx::FromRow)]
pub(crate) struct CoachRow {
    slug: String,
    name: String,
    pronouns: Option<String>,
    role: String,
    organisation: String,
    region: String,
    postcode_area: String,
    bio: String,
    how_i_coach: String,
    themes: Vec<String>,
    communities: Vec<String>,
    /// Sealed (see `special_category`): opened only as a profile is built.
    lived_experience_sealed: Option<Vec<u8>>,
    languages: Vec<String>,
    formats: Vec<String>,
    accepting_new_leaders: bool,
    capacity: i32,
    current_leaders: i32,
    next_opening: Option<NaiveDate>,
}

impl TryFrom<CoachRow> for CoachProfile {
    type Error = sqlx::Error;

    fn try_from(row: CoachRow) -> Result<Self, Self::Error> {
        let region = stored_region(&row.region)?;
        // The CHECK constraints hold the same lists, so these never drop anything.
        Ok(CoachProfile {
            slug: row.slug,
            name: row.name,
            pronouns: row.pronouns,
            role: row.role,
            organisation: row.organisation,
            region,
            postcode_area: row.postcode_area,
            bio: row.bio,
            how_i_coach: row.how_i_coach,
            themes: in_stored_order(&row.themes, Theme::from_slug),
            communities: known_slugs(&row.communities, Community::from_slug),
            lived_experience: known_slugs(
                &special_category::open(
                    SealedField::LivedExperience,
                    row.lived_experience_sealed.as_deref(),
                )?,
                LivedExperience::from_slug,
            ),
            languages: in_stored_order(&row.languages, Language::from_slug),
            formats: known_slugs(&row.formats, SessionFormat::from_slug),
            availability: stored_availability(
                row.accepting_new_leaders,
                row.capacity,
                row.current_leaders,
                row.next_opening,
            ),
        })
    }
}

/// Availability as stored (the CHECK constraints keep the numbers small).
pub(crate) fn stored_availability(
    accepting_new_leaders: bool,
    capacity: i32,
    current_leaders: i32,
    next_opening: Option<NaiveDate>,
) -> Availability {
    Availability {
        accepting_new_leaders,
        capacity: u8::try_from(capacity).unwrap_or(u8::MAX),
        current_leaders: u8::try_from(current_leaders).unwrap_or(u8::MAX),
        next_opening,
    }
}

/// A region as stored (the CHECK constraint holds the same list).
pub(crate) fn stored_region(slug: &str) -> Result<Region, sqlx::Error> {
    Region::from_slug(slug)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown region {slug:?}").into()))
}

/// Keeps the coach's own order (their main theme or language first).
pub(crate) fn in_stored_order<T>(slugs: &[String], from_slug: fn(&str) -> Option<T>) -> Vec<T> {
    slugs.iter().filter_map(|s| from_slug(s)).collect()
}

/// Public profiles as they read on `today` (a next opening that has passed is not shown).
pub(crate) fn profiles(
    rows: Vec<CoachRow>,
    today: NaiveDate,
) -> Result<Vec<CoachProfile>, sqlx::Error> {
    rows.into_iter()
        .map(|row| {
            let mut profile = CoachProfile::try_from(row)?;
            profile.availability = profile.availability.as_of(today);
            Ok(profile)
        })
        .collect()
}

/// One page of the directory. Coaches accepting new leaders come first. A text search tries,
/// in turn, until one finds someone: the words as typed (full-text, stemmed, ranked by where
/// they appear); the words as the start of longer words ("strat" for "strategy"); and, for
/// typos, near spellings of names, organisations, roles, themes, communities and languages.
/// Without text, the order changes daily, so that no coach is always first.
/// `today` (the UK's, from the clock) sets the day's order.
pub async fn search(
    pool: &PgPool,
    query: &DirectoryQuery,
    today: NaiveDate,
) -> Result<DirectoryPage, sqlx::Error> {
    let Some(text) = &query.text else {
        return ranked(pool, query, None, today).await;
    };
    let exact = ranked(pool, query, Some(TextMatch::Words(text.clone())), today).await?;
    if exact.total > 0 {
        return Ok(exact);
    }
    if let Some(prefixes) = prefix_query(text) {
        let started = ranked(pool, query, Some(TextMatch::Prefixes(prefixes)), today).await?;
        if started.total > 0 {
            return Ok(DirectoryPage {
                matched: Matched::StartOfWords,
                ..started
            });
        }
    }
    near(pool, query, text, today).await
}

enum TextMatch {
    /// `websearch_to_tsquery`: words, "quoted phrases", `or`, `-excluded`.
    Words(String),
    /// A `to_tsquery` of `word:*` terms.
    Prefixes(String),
}

/// `strat gov` → `strat:* & gov:*`, from letters and digits only (so it is always a valid
/// tsquery); `None` when nothing is left.
fn prefix_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("{}:*", w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" & "))
}

async fn ranked(
    pool: &PgPool,
    query: &DirectoryQuery,
    text: Option<TextMatch>,
    today: NaiveDate,
) -> Result<DirectoryPage, sqlx::Error> {
    let tsquery = |sql: &mut QueryBuilder<'_, Postgres>, text: &TextMatch| match text {
        TextMatch::Words(words) => {
            sql.push("websearch_to_tsquery('english', ")
                .push_bind(words.clone())
                .push(")");
        }
        TextMatch::Prefixes(prefixes) => {
            sql.push("to_tsquery('english', ")
                .push_bind(prefixes.clone())
                .push(")");
        }
    };
    let mut sql = QueryBuilder::<Postgres>::new(format!(
        "SELECT {PUBLIC_COLUMNS}, count(*) OVER () AS total FROM coaches WHERE "
    ));
    push_filters(&mut sql, query);
    if let Some(text) = &text {
        sql.push(" AND search_document @@ ");
        tsquery(&mut sql, text);
    }
    sql.push(" ORDER BY accepting_now DESC, ");
    match &text {
        Some(text) => {
            sql.push("ts_rank(search_document, ");
            tsquery(&mut sql, text);
            sql.push(") DESC, ");
        }
        None => {
            sql.push("md5(slug || ")
                .push_bind(today.to_string())
                .push("), ");
        }
    }
    sql.push("slug LIMIT ")
        .push_bind(i64::from(PER_PAGE))
        .push(" OFFSET ")
        .push_bind(i64::try_from(query.offset()).unwrap_or(i64::MAX));

    let rows: Vec<Found> = sql.build_query_as().fetch_all(pool).await?;
    let total = match rows.first() {
        Some(row) => u64::try_from(row.total).unwrap_or(0),
        // Past the last page: still say how many there are.
        None if query.page > 1 => count(pool, query, text.as_ref(), tsquery).await?,
        None => 0,
    };
    Ok(DirectoryPage {
        coaches: profiles(rows.into_iter().map(|r| r.coach).collect(), today)?,
        total,
        page: query.page,
        matched: Matched::Exactly,
    })
}

#[derive(sqlx::FromRow)]
struct Found {
    #[sqlx(flatten)]
    coach: CoachRow,
    total: i64,
}

async fn count(
    pool: &PgPool,
    query: &DirectoryQuery,
    text: Option<&TextMatch>,
    tsquery: impl Fn(&mut QueryBuilder<'_, Postgres>, &TextMatch),
) -> Result<u64, sqlx::Error> {
    let mut sql = QueryBuilder::<Postgres>::new("SELECT count(*) FROM coaches WHERE ");
    push_filters(&mut sql, query);
    if let Some(text) = text {
        sql.push(" AND search_document @@ ");
        tsquery(&mut sql, text);
    }
    let total: i64 = sql.build_query_scalar().fetch_one(pool).await?;
    Ok(u64::try_from(total).unwrap_or(0))
}

/// Near spellings: every typed word of [`spelling::MIN_CHARS`] letters or more must start a
/// word of the coach's, or be one letter from a word of their name, role, organisation,
/// themes, communities or languages (looked up in `coach_search_words`, by its index); shorter
/// words and stop words are passed over. All the pages of them, accepting coaches first.
async fn near(
    pool: &PgPool,
    query: &DirectoryQuery,
    text: &str,
    today: NaiveDate,
) -> Result<DirectoryPage, sqlx::Error> {
    let spelled: Vec<(String, Vec<String>)> = spelling::words(text)
        .into_iter()
        .map(|word| {
            let near = spelling::one_edit_away(&word);
            (word, near)
        })
        .filter(|(_, near)| !near.is_empty())
        .take(spelling::MAX_WORDS)
        .collect();
    if spelled.is_empty() {
        return Ok(DirectoryPage {
            coaches: Vec::new(),
            total: 0,
            page: query.page,
            matched: Matched::Closely,
        });
    }
    let matching = |select: &str| {
        let mut sql = QueryBuilder::<Postgres>::new(format!("SELECT {select} FROM coaches WHERE "));
        push_filters(&mut sql, query);
        for (word, near) in &spelled {
            // Letters only reach the tsquery (see `spelling::words`), so it is always valid.
            sql.push(" AND (numnode(to_tsquery('english', ")
                .push_bind(format!("{word}:*"))
                .push(")) = 0 OR search_document @@ to_tsquery('english', ")
                .push_bind(format!("{word}:*"))
                .push(") OR id IN (SELECT coach_id FROM coach_search_words WHERE word = ANY(")
                .push_bind(near.clone())
                .push(")))");
        }
        sql
    };
    let mut sql = matching(&format!("{PUBLIC_COLUMNS}, count(*) OVER () AS total"));
    sql.push(" ORDER BY accepting_now DESC, slug LIMIT ")
        .push_bind(i64::from(PER_PAGE))
        .push(" OFFSET ")
        .push_bind(i64::try_from(query.offset()).unwrap_or(i64::MAX));
    let rows: Vec<Found> = sql.build_query_as().fetch_all(pool).await?;
    let total = match rows.first() {
        Some(row) => u64::try_from(row.total).unwrap_or(0),
        // Past the last page: still say how many there are.
        None if query.page > 1 => {
            let total: i64 = matching("count(*)")
                .build_query_scalar()
                .fetch_one(pool)
                .await?;
            u64::try_from(total).unwrap_or(0)
        }
        None => 0,
    };
    Ok(DirectoryPage {
        coaches: profiles(rows.into_iter().map(|r| r.coach).collect(), today)?,
        total,
        page: query.page,
        matched: Matched::Closely,
    })
}

fn push_filters(sql: &mut QueryBuilder<'_, Postgres>, query: &DirectoryQuery) {
    sql.push("status = 'published'");
    if let Some(region) = query.region {
        sql.push(" AND region = ").push_bind(region.slug());
    }
    let arrays = [
        ("themes", query.theme.map(Theme::slug)),
        ("communities", query.community.map(Community::slug)),
        ("languages", query.language.map(Language::slug)),
        ("formats", query.format.map(SessionFormat::slug)),
    ];
    for (column, slug) in arrays {
        if let Some(slug) = slug {
            sql.push(format!(" AND {column} @> ARRAY["))
                .push_bind(slug)
                .push("]::text[]");
        }
    }
    if query.accepting_only {
        sql.push(" AND accepting_now");
    }
}

pub async fn find_published(
    pool: &PgPool,
    slug: &Slug,
    today: NaiveDate,
) -> Result<Option<CoachProfile>, sqlx::Error> {
    let row: Option<CoachRow> = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM coaches WHERE slug = $1 AND status = 'published'"
    ))
    .bind(slug.as_str())
    .fetch_optional(pool)
    .await?;
    Ok(profiles(row.into_iter().collect(), today)?.pop())
}

/// Published coaches accepting now who are most like the given one: shared themes count most,
/// then the same region.
pub async fn similar_accepting(
    pool: &PgPool,
    slug: &Slug,
    limit: i64,
    today: NaiveDate,
) -> Result<Vec<CoachProfile>, sqlx::Error> {
    let rows: Vec<CoachRow> = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM coaches AS c, \
             (SELECT themes AS their_themes, region AS their_region FROM coaches WHERE slug = $1) AS them \
         WHERE c.status = 'published' AND c.accepting_now AND c.slug <> $1 \
         ORDER BY cardinality(ARRAY(SELECT unnest(c.themes) INTERSECT SELECT unnest(them.their_themes))) DESC, \
             (c.region = them.their_region) DESC, md5(c.slug || $3) \
         LIMIT $2"
    ))
    .bind(slug.as_str())
    .bind(limit)
    .bind(today.to_string())
    .fetch_all(pool)
    .await?;
    profiles(rows, today)
}

/// Every published coach accepting now, by name: the choices for "other coaches I would
/// accept" (see `cache::DirectoryCache::accepting_options`). Only what the list shows is read.
pub async fn accepting_options(pool: &PgPool) -> Result<Vec<CoachOption>, sqlx::Error> {
    let rows: Vec<(String, String, String, Vec<String>)> = sqlx::query_as(
        "SELECT slug, name, region, themes FROM coaches
         WHERE status = 'published' AND accepting_now ORDER BY name, slug",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(slug, name, region, themes)| {
            let region = stored_region(&region)?;
            let themes = in_stored_order(&themes, Theme::from_slug);
            Ok(CoachOption {
                slug,
                name,
                region,
                themes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::prefix_query;

    #[test]
    fn prefix_queries_keep_only_letters_and_digits() {
        assert_eq!(prefix_query("strat").as_deref(), Some("strat:*"));
        assert_eq!(
            prefix_query("Board  gov'").as_deref(),
            Some("board:* & gov:*")
        );
        assert_eq!(
            prefix_query("a & b | !c:*").as_deref(),
            Some("a:* & b:* & c:*")
        );
        assert_eq!(prefix_query("&|!():*"), None);
    }
}

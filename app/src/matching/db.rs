//! The SQL of matching: a coach's declarations, and the published coaches as suggestions see
//! them (with their waiting requests and declarations).

use super::declared::{Conflict, Declarations, DeclaredOrganisation, LeaderOrganisation, conflict};
use super::suggest::{Candidate, LeaderStage};
use crate::coaches::CoachProfile;
use crate::coaches::db::{CoachRow, PUBLIC_COLUMNS, profiles};
use crate::place::PostcodeDistrict;
use crate::vocabulary::known_slugs;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct DeclarationsRow {
    stages: Vec<String>,
    conflict_organisations: Json<Vec<DeclaredOrganisation>>,
    local_districts: Vec<String>,
}

impl From<DeclarationsRow> for Declarations {
    fn from(row: DeclarationsRow) -> Declarations {
        Declarations {
            stages: known_slugs(&row.stages, LeaderStage::from_slug),
            organisations: row.conflict_organisations.0,
            // Stored as parsed, so every one parses again.
            districts: row
                .local_districts
                .iter()
                .filter_map(|d| PostcodeDistrict::parse(d).ok())
                .collect(),
        }
    }
}

pub async fn declarations(pool: &PgPool, coach_id: Uuid) -> Result<Declarations, sqlx::Error> {
    let row: DeclarationsRow = sqlx::query_as(
        "SELECT stages, conflict_organisations, local_districts FROM coaches WHERE id = $1",
    )
    .bind(coach_id)
    .fetch_one(pool)
    .await?;
    Ok(row.into())
}

pub async fn save_declarations(
    pool: &PgPool,
    coach_id: Uuid,
    declared: &Declarations,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let stages: Vec<&str> = declared.stages.iter().map(|s| s.slug()).collect();
    let districts: Vec<&str> = declared
        .districts
        .iter()
        .map(PostcodeDistrict::as_str)
        .collect();
    sqlx::query(
        "UPDATE coaches SET stages = $2, conflict_organisations = $3, local_districts = $4,
             updated_at = $5
         WHERE id = $1",
    )
    .bind(coach_id)
    .bind(stages)
    .bind(Json(&declared.organisations))
    .bind(districts)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// A published coach as suggestions see them.
#[derive(Debug)]
pub struct Suggestible {
    pub profile: CoachProfile,
    pub candidate: Candidate,
    pub declarations: Declarations,
}

#[derive(sqlx::FromRow)]
struct SuggestibleRow {
    #[sqlx(flatten)]
    coach: CoachRow,
    #[sqlx(flatten)]
    declared: DeclarationsRow,
    accepting_now: bool,
    waiting: i64,
}

/// Every published coach, with how many requests wait for their answer: the whole directory,
/// so each server keeps it for a while (`coaches::cache::DirectoryCache::suggestible`).
pub async fn suggestible(pool: &PgPool, today: NaiveDate) -> Result<Vec<Suggestible>, sqlx::Error> {
    let rows: Vec<SuggestibleRow> = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS}, stages, conflict_organisations, local_districts, accepting_now,
             (SELECT count(*) FROM expressions_of_interest AS e
              WHERE e.coach_id = coaches.id AND e.status = 'pending') AS waiting
         FROM coaches WHERE status = 'published'"
    ))
    .fetch_all(pool)
    .await?;
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let declarations = Declarations::from(row.declared);
        let Some(profile) = profiles(vec![row.coach], today)?.pop() else {
            continue;
        };
        let candidate = Candidate {
            slug: profile.slug.clone(),
            accepting: row.accepting_now,
            themes: profile.themes.clone(),
            region: profile.region,
            postcode_area: profile.postcode_area.clone(),
            languages: profile.languages.clone(),
            formats: profile.formats.clone(),
            communities: profile.communities.clone(),
            stages: declarations.stages.clone(),
            waiting: u32::try_from(row.waiting).unwrap_or(u32::MAX),
        };
        found.push(Suggestible {
            profile,
            candidate,
            declarations,
        });
    }
    Ok(found)
}

/// The conflict between the coach at `slug` and a leader's organisation, if any.
pub async fn conflict_with(
    pool: &PgPool,
    slug: &str,
    leader: &LeaderOrganisation,
) -> Result<Option<Conflict>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        declared: DeclarationsRow,
        communities: Vec<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT stages, conflict_organisations, local_districts, communities
         FROM coaches WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|row| {
        let communities = known_slugs(&row.communities, crate::vocabulary::Community::from_slug);
        conflict(&row.declared.into(), &communities, leader)
    }))
}

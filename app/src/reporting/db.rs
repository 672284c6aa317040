//! The overview's rows from PostgreSQL: one per leader's request in the filter (its first ask's
//! answers, and what became of it), and the questionnaires, coaches' places and bursary pools.

use super::overview::{BursaryYear, OverviewFilter, Places, QuestionnaireRow, RequestRow};
use crate::calendar::Nation;
use crate::clock::{uk_date, uk_time};
use crate::interest::form::FundingRoute;
use crate::outcomes::measures::Measure;
use crate::outcomes::{CoachGain, QuestionnaireKind};
use crate::vocabulary::{Community, Region};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// Each leader's request: its first ask (position 1, whose answers describe the leader) and
/// what became of it and of any later asks (passed on, or asked again from the leader's page),
/// gathered from the few requests that have them. `$1`–`$4`: the filter. One pass over the
/// first asks and no sort, with the sessions counted by a query of their own that runs beside
/// it: this is what keeps the overview quick at 50,000 requests.
const REQUESTS: &str = "
WITH later AS (
    SELECT leader_request_id,
           (array_agg(id ORDER BY responded_at) FILTER (WHERE status = 'accepted'))[1] AS accepted_ask,
           min(responded_at) FILTER (WHERE status = 'accepted') AS accepted_at,
           (array_agg(bursary_decision) FILTER (WHERE bursary_decision IS NOT NULL))[1] AS bursary_decision,
           bool_or(status = 'expired') AS expired,
           bool_or(passed_on_from IS NOT NULL) AS passed_on,
           coalesce(array_agg(created_at ORDER BY created_at)
               FILTER (WHERE status IN ('accepted', 'declined')), '{}') AS answers_reached,
           coalesce(array_agg(responded_at ORDER BY created_at)
               FILTER (WHERE status IN ('accepted', 'declined')), '{}') AS answers_given
    FROM expressions_of_interest WHERE position > 1
    GROUP BY leader_request_id
)
SELECT coalesce(f.leader_request_id, f.id) AS request_id, f.created_at AS asked_at, f.region,
       f.funding_route, f.annual_income_pence,
       f.works_with_under_represented_communities AS under_represented,
       f.communities_served_sealed,
       f.had_leadership_support_before AS support_before, f.bursary_eligible,
       CASE WHEN f.status = 'accepted' THEN f.responded_at ELSE l.accepted_at END AS accepted_at,
       g.id AS engagement_id, g.status = 'completed' AS completed, g.closed_at,
       f.status = 'expired' OR coalesce(l.expired, false) AS expired,
       coalesce(l.passed_on, false) AS passed_on,
       CASE WHEN f.status IN ('accepted', 'declined') THEN f.responded_at END AS first_answered_at,
       nullif(l.answers_reached, '{}') AS later_answers_reached,
       nullif(l.answers_given, '{}') AS later_answers_given
       {EXTRA}
FROM expressions_of_interest f
LEFT JOIN later l ON l.leader_request_id = f.leader_request_id
LEFT JOIN engagements g ON g.expression_of_interest_id =
    CASE WHEN f.status = 'accepted' THEN f.id ELSE l.accepted_ask END
WHERE f.position = 1
  AND ($1::timestamptz IS NULL OR f.created_at >= $1)
  AND ($2::timestamptz IS NULL OR f.created_at < $2)
  AND ($3::text IS NULL OR f.region = $3)
  AND ($4::text IS NULL OR f.funding_route = $4)";

/// What only the evaluator's export reads: left out of the overview's query, whose time is
/// mostly in sending rows.
const EXPORT_COLUMNS: &str = ", g.status::text AS engagement_status, lower(f.email) AS leader_email,
    f.evaluation_id,
    f.postcode, f.organisation_type, coalesce(f.bursary_decision, l.bursary_decision) AS bursary_decision";

/// A request as stored, with what the evaluator's export needs besides the overview (empty in
/// the overview's).
#[derive(Debug, sqlx::FromRow)]
pub struct StoredRequest {
    pub request_id: Uuid,
    pub asked_at: DateTime<Utc>,
    pub region: Region,
    pub funding_route: FundingRoute,
    pub annual_income_pence: i64,
    pub under_represented: bool,
    /// Sealed (see `special_category`), and opened into `communities_served` once read.
    pub communities_served_sealed: Option<Vec<u8>>,
    #[sqlx(skip)]
    pub communities_served: Vec<String>,
    pub support_before: bool,
    pub bursary_eligible: bool,
    pub accepted_at: Option<DateTime<Utc>>,
    pub engagement_id: Option<Uuid>,
    pub completed: Option<bool>,
    /// From [`sessions`], filled in after.
    #[sqlx(skip)]
    pub first_session_on: Option<NaiveDate>,
    #[sqlx(skip)]
    pub sessions_held: i64,
    pub closed_at: Option<DateTime<Utc>>,
    pub expired: bool,
    pub passed_on: bool,
    /// When the first coach asked answered (accepted or declined), if they did.
    pub first_answered_at: Option<DateTime<Utc>>,
    /// Later coaches' answers: when each was asked, and when they answered.
    pub later_answers_reached: Option<Vec<DateTime<Utc>>>,
    pub later_answers_given: Option<Vec<DateTime<Utc>>>,
    #[sqlx(default)]
    pub engagement_status: Option<String>,
    #[sqlx(default)]
    pub leader_email: String,
    #[sqlx(default)]
    pub postcode: String,
    #[sqlx(default)]
    pub organisation_type: String,
    #[sqlx(default)]
    pub bursary_decision: Option<String>,
    /// Kept on the request once its leader's details were erased.
    #[sqlx(default)]
    pub evaluation_id: Option<String>,
}

impl StoredRequest {
    pub fn row(&self) -> RequestRow {
        RequestRow {
            asked_on: uk_date(self.asked_at),
            region: self.region,
            funding: self.funding_route,
            income_pence: self.annual_income_pence,
            under_represented: self.under_represented,
            communities: self
                .communities_served
                .iter()
                .filter_map(|c| Community::from_slug(c))
                .collect(),
            support_before: self.support_before,
            bursary_eligible: self.bursary_eligible,
            accepted_on: self.accepted_at.map(uk_date),
            engagement_id: self.engagement_id,
            first_session_on: self.first_session_on,
            completed_on: (self.completed == Some(true))
                .then_some(self.closed_at)
                .flatten()
                .map(uk_date),
            expired: self.expired,
            passed_on: self.passed_on,
            answers: self
                .first_answered_at
                .map(|given| (self.asked_at, given))
                .into_iter()
                .chain(
                    self.later_answers_reached
                        .iter()
                        .flatten()
                        .copied()
                        .zip(self.later_answers_given.iter().flatten().copied()),
                )
                .map(|(reached, given)| (uk_date(reached), uk_date(given)))
                .collect(),
        }
    }
}

/// Each engagement's first session and how many were held.
async fn sessions(pool: &PgPool) -> Result<HashMap<Uuid, (NaiveDate, i64)>, sqlx::Error> {
    let rows: Vec<(Uuid, NaiveDate, i64)> = sqlx::query_as(
        "SELECT engagement_id, min(held_on), count(*) FROM coaching_sessions GROUP BY engagement_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, first, held)| (id, (first, held)))
        .collect())
}

/// The requests `filter` describes, oldest first; with `for_export`, with the columns only the
/// evaluator's export reads.
pub async fn requests(
    pool: &PgPool,
    filter: &OverviewFilter,
    for_export: bool,
) -> Result<Vec<StoredRequest>, sqlx::Error> {
    let (mut requests, sessions) =
        tokio::try_join!(requests_alone(pool, filter, for_export), sessions(pool))?;
    for request in &mut requests {
        request.communities_served = crate::special_category::open(
            crate::special_category::SealedField::CommunitiesServed,
            request.communities_served_sealed.take().as_deref(),
        )?;
        if let Some((first, held)) = request.engagement_id.and_then(|id| sessions.get(&id)) {
            request.first_session_on = Some(*first);
            request.sessions_held = *held;
        }
    }
    requests.sort_by_key(|r| (r.asked_at, r.request_id));
    Ok(requests)
}

async fn requests_alone(
    pool: &PgPool,
    filter: &OverviewFilter,
    for_export: bool,
) -> Result<Vec<StoredRequest>, sqlx::Error> {
    let sql = REQUESTS.replace("{EXTRA}", if for_export { EXPORT_COLUMNS } else { "" });
    sqlx::query_as(&sql)
        .bind(filter.from.map(|d| uk_time(d, 0)))
        .bind(filter.to.and_then(|d| d.succ_opt()).map(|d| uk_time(d, 0)))
        .bind(filter.region)
        .bind(filter.funding)
        .fetch_all(pool)
        .await
}

/// Every questionnaire (the overview keeps those of the requests it counts), oldest first;
/// settled when sent back, or closed at `now`.
pub async fn questionnaires(
    pool: &PgPool,
    now: DateTime<Utc>,
) -> Result<Vec<QuestionnaireRow>, sqlx::Error> {
    let columns: Vec<&str> = Measure::ALL.iter().map(|m| m.column()).collect();
    let rows: Vec<sqlx::postgres::PgRow> = sqlx::query(&format!(
        "SELECT engagement_id, kind, submitted_at IS NOT NULL AS submitted,
                submitted_at IS NOT NULL OR sent_at <= $1 - make_interval(days => $2) AS settled,
                coach_confidence, hours_given, coach_gains, coach_gains_in_own_words, {}
         FROM questionnaires ORDER BY sent_at",
        columns.join(", ")
    ))
    .bind(now)
    .bind(i32::try_from(crate::outcomes::CLOSES_AFTER_DAYS).unwrap_or(60))
    .fetch_all(pool)
    .await?;
    use sqlx::Row;
    rows.iter()
        .map(|row| {
            Ok(QuestionnaireRow {
                engagement_id: row.try_get("engagement_id")?,
                kind: row.try_get::<QuestionnaireKind, _>("kind")?,
                submitted: row.try_get("submitted")?,
                settled: row.try_get("settled")?,
                gains_in_own_words: row.try_get("coach_gains_in_own_words")?,
                scores: columns
                    .iter()
                    .map(|c| row.try_get::<Option<f64>, _>(*c))
                    .collect::<Result<_, _>>()?,
                coach_confidence: row.try_get("coach_confidence")?,
                hours_given: row.try_get("hours_given")?,
                gains: row.try_get::<Vec<CoachGain>, _>("coach_gains")?,
            })
        })
        .collect()
}

/// Published coaches' leaders and places by region (in `region` only, if set).
pub async fn places(pool: &PgPool, region: Option<Region>) -> Result<Vec<Places>, sqlx::Error> {
    let rows: Vec<(Region, i64, i64)> = sqlx::query_as(
        "SELECT region, sum(current_leaders)::bigint, sum(capacity)::bigint FROM coaches
         WHERE status = 'published' AND ($1::text IS NULL OR region = $1)
         GROUP BY region",
    )
    .bind(region)
    .fetch_all(pool)
    .await?;
    let mut places: Vec<Places> = rows
        .into_iter()
        .map(|(region, leaders, capacity)| Places {
            region,
            leaders: u64::try_from(leaders).unwrap_or(0),
            capacity: u64::try_from(capacity).unwrap_or(0),
        })
        .collect();
    places.sort_by_key(|p| Region::ALL.iter().position(|r| *r == p.region));
    Ok(places)
}

/// Bursaries granted each year, by leaders in `region` if set, against each year's pool: the
/// years of the filter's period, or every year with a pool or a grant.
pub async fn bursary_years(
    pool: &PgPool,
    filter: &OverviewFilter,
) -> Result<Vec<BursaryYear>, sqlx::Error> {
    let rows: Vec<(i32, Option<i64>, i64)> = sqlx::query_as(
        "WITH granted AS (
             SELECT extract(year FROM bursary_decided_at AT TIME ZONE 'Europe/London')::int AS year,
                    count(*) AS n
             FROM expressions_of_interest
             WHERE bursary_decision = 'approved' AND ($1::text IS NULL OR region = $1)
             GROUP BY 1
         )
         SELECT y.year, p.places::bigint, coalesce(g.n, 0)
         FROM (SELECT year FROM bursary_places UNION SELECT year FROM granted) y
         LEFT JOIN bursary_places p ON p.year = y.year
         LEFT JOIN granted g ON g.year = y.year
         WHERE ($2::int IS NULL OR y.year >= $2) AND ($3::int IS NULL OR y.year <= $3)
         ORDER BY y.year",
    )
    .bind(filter.region)
    .bind(filter.from.map(|d| chrono::Datelike::year(&d)))
    .bind(filter.to.map(|d| chrono::Datelike::year(&d)))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(year, places, granted)| BursaryYear {
            year,
            places: places.and_then(|p| u64::try_from(p).ok()),
            granted: u64::try_from(granted).unwrap_or(0),
        })
        .collect())
}

/// Every nation's bank holidays.
pub async fn holidays(pool: &PgPool) -> Result<HashMap<Nation, BTreeSet<NaiveDate>>, sqlx::Error> {
    let rows: Vec<(Nation, NaiveDate)> =
        sqlx::query_as("SELECT nation, on_date FROM bank_holidays")
            .fetch_all(pool)
            .await?;
    let mut holidays: HashMap<Nation, BTreeSet<NaiveDate>> = HashMap::new();
    for (nation, day) in rows {
        holidays.entry(nation).or_default().insert(day);
    }
    Ok(holidays)
}

/// The overview for `filter`.
pub async fn overview(
    pool: &PgPool,
    filter: &OverviewFilter,
    now: DateTime<Utc>,
) -> Result<super::overview::Overview, sqlx::Error> {
    let (requests, questionnaires, places, bursaries, holidays) = tokio::try_join!(
        requests(pool, filter, false),
        questionnaires(pool, now),
        places(pool, filter.region),
        bursary_years(pool, filter),
        holidays(pool),
    )?;
    let rows: Vec<RequestRow> = requests.iter().map(StoredRequest::row).collect();
    Ok(super::overview::overview(
        filter,
        &rows,
        &questionnaires,
        &places,
        &bursaries,
        &holidays,
    ))
}

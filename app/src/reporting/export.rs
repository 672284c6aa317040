//! Downloads from the overview: `GET /staff/overview/{table}.csv` (each table exactly as shown,
//! small numbers hidden) and `GET /staff/overview/evaluation.csv` (one pseudonymised row per
//! leader's request, for the external evaluator). Staff only; every download is recorded in the
//! audit log before it is sent.

use super::db::{self, StoredRequest};
use super::overview::{OverviewFilter, SIZE_BANDS, csv_field};
use crate::access::Caller;
use crate::outcomes::QuestionnaireKind;
use crate::outcomes::measures::Measure;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use uuid::Uuid;

/// Makes spreadsheet programs read the file as UTF-8 (for "£").
const BYTE_ORDER_MARK: &str = "\u{feff}";

fn csv_response(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"cascade-{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        format!("{BYTE_ORDER_MARK}{body}"),
    )
        .into_response()
}

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "overview download failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Cascade could not make that download: try again.\n",
    )
        .into_response()
}

/// `GET /staff/overview/{file}`, behind the staff rule (`routes::forms::downloads`).
pub async fn download(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let Some(actor) = caller.account().filter(|a| a.staff).cloned() else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let Some(slug) = file.strip_suffix(".csv") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (filter, problems) =
        OverviewFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if let Some((field, message)) = problems.first() {
        return (StatusCode::BAD_REQUEST, format!("{field}: {message}\n")).into_response();
    }
    let made = if slug == "evaluation" {
        evaluation(&state, &filter).await
    } else {
        match db::overview(&state.pool, &filter, state.clock.now()).await {
            Ok(overview) => match overview.tables.iter().find(|t| t.slug == slug) {
                Some(table) => Ok((table.csv(), table.rows.len())),
                None => return StatusCode::NOT_FOUND.into_response(),
            },
            Err(error) => Err(error),
        }
    };
    let (body, rows) = match made {
        Ok(made) => made,
        Err(error) => return failed(error),
    };
    let recorded = async {
        let mut tx = state.pool.begin().await?;
        crate::audit::record(
            &mut tx,
            &actor,
            "overview_downloaded",
            crate::audit::Subject::Named(&file),
            None,
            Some(serde_json::json!({ "filter": filter.describe(), "rows": rows })),
        )
        .await?;
        tx.commit().await
    };
    if let Err(error) = recorded.await {
        return failed(error);
    }
    tracing::info!(file = %file, rows, "overview downloaded");
    csv_response(&file, body)
}

/// An income band as the evaluator's file names it: plain codes, for their software.
pub fn income_band_code(income_pence: i64) -> &'static str {
    const CODES: [&str; 4] = ["under-50k", "50k-to-150k", "150k-to-500k", "500k-or-more"];
    SIZE_BANDS
        .iter()
        .zip(CODES)
        .find(|((_, low, high), _)| (*low..*high).contains(&income_pence))
        .map_or("500k-or-more", |(_, code)| code)
}

/// The request's date to the month.
fn month(at: DateTime<Utc>) -> String {
    crate::clock::uk_date(at).format("%Y-%m").to_string()
}

/// The letters that start a postcode: its area ("CF" of "CF10 1EP").
pub fn postcode_area(postcode: &str) -> String {
    postcode
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect()
}

/// Each leader's random evaluation id, made the first time they are exported and the same ever
/// after.
async fn evaluation_ids(
    pool: &sqlx::PgPool,
    emails: &[String],
) -> Result<HashMap<String, String>, sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluation_ids (leader_email, evaluation_id)
         SELECT email, 'L-' || upper(substr(md5(gen_random_uuid()::text), 1, 10))
         FROM unnest($1::text[]) AS email
         ON CONFLICT (leader_email) DO NOTHING",
    )
    .bind(emails)
    .execute(pool)
    .await?;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT leader_email, evaluation_id FROM evaluation_ids WHERE leader_email = ANY($1)",
    )
    .bind(emails)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

#[derive(sqlx::FromRow)]
struct Answered {
    engagement_id: Uuid,
    kind: QuestionnaireKind,
    submitted_at: Option<DateTime<Utc>>,
    coach_confidence: Option<f64>,
    hours_given: Option<f64>,
    coach_gains: Vec<String>,
}

/// A questionnaire and its scores, in `Measure::ALL` order.
type Scored = (Answered, Vec<Option<f64>>);

const LEADER_KINDS: [QuestionnaireKind; 3] = [
    QuestionnaireKind::LeaderBaseline,
    QuestionnaireKind::LeaderEnd,
    QuestionnaireKind::LeaderFollowUp,
];

fn kind_prefix(kind: QuestionnaireKind) -> &'static str {
    match kind {
        QuestionnaireKind::LeaderBaseline => "baseline",
        QuestionnaireKind::LeaderEnd => "end",
        QuestionnaireKind::LeaderFollowUp => "follow_up",
        QuestionnaireKind::CoachEnd => "coach",
    }
}

/// The evaluator's file: its CSV and how many rows it has.
async fn evaluation(
    state: &AppState,
    filter: &OverviewFilter,
) -> Result<(String, usize), sqlx::Error> {
    let mut requests = db::requests(&state.pool, filter, true).await?;
    let emails: Vec<String> = requests
        .iter()
        .filter(|r| r.evaluation_id.is_none() && r.leader_email != crate::retention::ERASED_EMAIL)
        .map(|r| r.leader_email.clone())
        .collect();
    let ids = evaluation_ids(&state.pool, &emails).await?;
    let id_of = |r: &StoredRequest| {
        r.evaluation_id
            .clone()
            .or_else(|| ids.get(&r.leader_email).cloned())
            .unwrap_or_default()
    };
    // By month, then code: the order within a month would tell when each request came.
    requests.sort_by_cached_key(|r| (month(r.asked_at), id_of(r)));
    let columns: Vec<&str> = Measure::ALL.iter().map(|m| m.column()).collect();
    let rows: Vec<sqlx::postgres::PgRow> = sqlx::query(&format!(
        "SELECT engagement_id, kind, submitted_at, coach_confidence, hours_given, coach_gains, {}
         FROM questionnaires",
        columns.join(", ")
    ))
    .fetch_all(&state.pool)
    .await?;
    use sqlx::{FromRow, Row};
    let mut answered: HashMap<(Uuid, QuestionnaireKind), Scored> = HashMap::new();
    for row in &rows {
        let q = Answered::from_row(row)?;
        let scores = columns
            .iter()
            .map(|c| row.try_get::<Option<f64>, _>(*c))
            .collect::<Result<Vec<_>, _>>()?;
        answered.insert((q.engagement_id, q.kind), (q, scores));
    }

    let mut header: Vec<String> = [
        "evaluation_id",
        "request_month",
        "region",
        "postcode_area",
        "organisation_type",
        "income_band",
        "funding_route",
        "works_with_under_represented_communities",
        "communities_served",
        "leadership_support_before",
        "bursary_eligible",
        "bursary_decision",
        "expired_with_a_coach",
        "passed_on",
        "accepted_month",
        "first_session_month",
        "sessions_held",
        "coaching_outcome",
        "closed_month",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    for kind in LEADER_KINDS {
        let prefix = kind_prefix(kind);
        header.push(format!("{prefix}_sent"));
        header.push(format!("{prefix}_answered_month"));
        header.extend(
            Measure::ALL
                .iter()
                .map(|m| format!("{prefix}_{}", m.column())),
        );
    }
    header.extend(
        [
            "coach_answered_month",
            "coach_confidence",
            "coach_hours_given",
            "coach_gains",
        ]
        .iter()
        .map(|c| c.to_string()),
    );

    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let number = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    };
    line(header);
    for r in &requests {
        let mut fields = vec![
            id_of(r),
            month(r.asked_at),
            r.region.slug().to_string(),
            postcode_area(&r.postcode),
            r.organisation_type.clone(),
            income_band_code(r.annual_income_pence).to_string(),
            r.funding_route.slug().to_string(),
            yes_no(r.under_represented),
            r.communities_served.join(";"),
            yes_no(r.support_before),
            yes_no(r.bursary_eligible),
            r.bursary_decision.clone().unwrap_or_default(),
            yes_no(r.expired),
            yes_no(r.passed_on),
            r.accepted_at.map(month).unwrap_or_default(),
            r.first_session_on
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_default(),
            r.engagement_id
                .map(|_| r.sessions_held.to_string())
                .unwrap_or_default(),
            r.engagement_status.clone().unwrap_or_default(),
            r.closed_at.map(month).unwrap_or_default(),
        ];
        let of = |kind| r.engagement_id.and_then(|id| answered.get(&(id, kind)));
        for kind in LEADER_KINDS {
            match of(kind) {
                Some((q, scores)) => {
                    fields.push("yes".into());
                    fields.push(q.submitted_at.map(month).unwrap_or_default());
                    fields.extend(scores.iter().map(|s| number(*s)));
                }
                None => {
                    fields.push("no".into());
                    fields.push(String::new());
                    fields.extend(Measure::ALL.iter().map(|_| String::new()));
                }
            }
        }
        match of(QuestionnaireKind::CoachEnd) {
            Some((q, _)) if q.submitted_at.is_some() => {
                fields.push(q.submitted_at.map(month).unwrap_or_default());
                fields.push(number(q.coach_confidence));
                fields.push(number(q.hours_given));
                fields.push(q.coach_gains.join(";"));
            }
            _ => fields.extend((0..4).map(|_| String::new())),
        }
        line(fields);
    }
    Ok((out, requests.len()))
}

#[cfg(test)]
mod tests {
    use super::postcode_area;

    #[test]
    fn only_the_postcode_area_leaves() {
        assert_eq!(postcode_area("CF10 1EP"), "CF");
        assert_eq!(postcode_area("E1 6AN"), "E");
        assert_eq!(postcode_area("SW1A 1AA"), "SW");
    }
}

//! The ledger's SQL.

use super::{Fee, FeeChange, FeeStatus, LIST_LIMIT, Ledger, Total};
use crate::access::Account;
use crate::audit;
use crate::interest::form::FundingRoute;
use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const FEES: &str = "
    SELECT f.engagement_id, e.reference, e.organisation_name, c.name AS coach_name,
           c.organisation AS payee, f.payer, f.funder_name, f.amount_pence::bigint AS amount_pence,
           f.status, (g.started_at AT TIME ZONE 'Europe/London')::date AS started_on,
           (f.due_at AT TIME ZONE 'Europe/London')::date AS due_on, f.invoiced_on,
           f.invoice_reference, f.paid_on, f.written_off_reason
    FROM programme_fees f
    JOIN engagements g ON g.id = f.engagement_id
    JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
    JOIN coaches c ON c.id = g.coach_id";

#[derive(sqlx::FromRow)]
struct Row {
    engagement_id: Uuid,
    reference: String,
    organisation_name: String,
    coach_name: String,
    payee: String,
    payer: FundingRoute,
    funder_name: Option<String>,
    amount_pence: i64,
    status: FeeStatus,
    started_on: NaiveDate,
    due_on: Option<NaiveDate>,
    invoiced_on: Option<NaiveDate>,
    invoice_reference: Option<String>,
    paid_on: Option<NaiveDate>,
    written_off_reason: Option<String>,
}

impl From<Row> for Fee {
    fn from(r: Row) -> Fee {
        Fee {
            engagement_id: r.engagement_id,
            reference: r.reference,
            organisation_name: r.organisation_name,
            coach_name: r.coach_name,
            payee: r.payee,
            payer: r.payer,
            funder_name: r.funder_name,
            amount_pence: r.amount_pence,
            status: r.status,
            started_on: r.started_on,
            due_on: r.due_on,
            invoiced_on: r.invoiced_on,
            invoice_reference: r.invoice_reference,
            paid_on: r.paid_on,
            written_off_reason: r.written_off_reason,
        }
    }
}

/// Every fee in `status` (or all), newest coaching first: at most `limit`.
pub async fn fees(
    pool: &PgPool,
    status: Option<FeeStatus>,
    limit: i64,
) -> Result<Vec<Fee>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{FEES} WHERE ($1::text IS NULL OR f.status = $1)
         ORDER BY g.started_at DESC, e.reference LIMIT $2"
    ))
    .bind(status)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Fee::from).collect())
}

pub async fn fee(pool: &PgPool, engagement_id: Uuid) -> Result<Option<Fee>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{FEES} WHERE f.engagement_id = $1"))
        .bind(engagement_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Fee::from))
}

/// Totals by status (every status, in order, even when empty) and by funder (fees a funder
/// pays, by the funder's name; "Not yet named" when it is not known).
pub async fn ledger(pool: &PgPool, showing: Option<FeeStatus>) -> Result<Ledger, sqlx::Error> {
    let by_status: Vec<(FeeStatus, i64, i64)> = sqlx::query_as(
        "SELECT status, count(*), coalesce(sum(amount_pence), 0)::bigint
         FROM programme_fees GROUP BY status",
    )
    .fetch_all(pool)
    .await?;
    let by_status = FeeStatus::ALL
        .iter()
        .map(|status| {
            let (count, amount) = by_status
                .iter()
                .find(|(s, _, _)| s == status)
                .map_or((0, 0), |(_, c, a)| (*c, *a));
            let paid = if *status == FeeStatus::Paid {
                amount
            } else {
                0
            };
            let outstanding = if matches!(status, FeeStatus::Due | FeeStatus::Invoiced) {
                amount
            } else {
                0
            };
            Total {
                label: status.label().to_string(),
                count,
                amount_pence: amount,
                paid_pence: paid,
                outstanding_pence: outstanding,
            }
        })
        .collect();
    let by_funder: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT coalesce(funder_name, 'Not yet named'), count(*),
                coalesce(sum(amount_pence) FILTER (WHERE status <> 'written_off'), 0)::bigint,
                coalesce(sum(amount_pence) FILTER (WHERE status = 'paid'), 0)::bigint,
                coalesce(sum(amount_pence) FILTER (WHERE status IN ('due', 'invoiced')), 0)::bigint
         FROM programme_fees WHERE payer = 'funder'
         GROUP BY 1 ORDER BY 3 DESC, 1",
    )
    .fetch_all(pool)
    .await?;
    let mut fees = fees(pool, showing, LIST_LIMIT + 1).await?;
    let more = fees.len() > usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX);
    fees.truncate(usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX));
    Ok(Ledger {
        by_status,
        by_funder: by_funder
            .into_iter()
            .map(|(label, count, amount, paid, outstanding)| Total {
                label,
                count,
                amount_pence: amount,
                paid_pence: paid,
                outstanding_pence: outstanding,
            })
            .collect(),
        fees,
        showing,
        more,
    })
}

/// Why a change was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChanged {
    NoSuchFee,
    /// Not from the fee's status now: someone may have changed it already.
    NotNow(FeeStatus),
    /// Dated before the step it follows (invoiced before it was due, paid before invoiced).
    Before(NaiveDate),
}

/// Makes `change` to the fee of `engagement_id`, audited, in one transaction.
pub async fn change(
    pool: &PgPool,
    actor: &Account,
    engagement_id: Uuid,
    change: &FeeChange,
) -> Result<Result<FeeStatus, NotChanged>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    #[allow(clippy::type_complexity)]
    let found: Option<(
        FeeStatus,
        FundingRoute,
        Option<String>,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
    )> = sqlx::query_as(
        "SELECT f.status, f.payer, f.funder_name, e.reference,
                (f.due_at AT TIME ZONE 'Europe/London')::date, f.invoiced_on
         FROM programme_fees f JOIN engagements g ON g.id = f.engagement_id
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE f.engagement_id = $1 FOR UPDATE OF f",
    )
    .bind(engagement_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((status, payer, funder, reference, due_on, invoiced_on)) = found else {
        return Ok(Err(NotChanged::NoSuchFee));
    };
    let Some(after) = change.from(status) else {
        return Ok(Err(NotChanged::NotNow(status)));
    };
    let follows = match change {
        FeeChange::Invoiced { on, .. } => due_on.filter(|due| on < due),
        FeeChange::Paid { on } => invoiced_on.filter(|invoiced| on < invoiced),
        _ => None,
    };
    if let Some(before) = follows {
        return Ok(Err(NotChanged::Before(before)));
    }
    let (before, recorded) = match change {
        FeeChange::Invoiced { on, reference } => {
            sqlx::query(
                "UPDATE programme_fees SET status = 'invoiced', invoiced_on = $2,
                     invoice_reference = $3 WHERE engagement_id = $1",
            )
            .bind(engagement_id)
            .bind(on)
            .bind(reference)
            .execute(&mut *tx)
            .await?;
            (
                json!({ "status": status }),
                json!({ "status": after, "invoiced_on": on, "invoice_reference": reference }),
            )
        }
        FeeChange::Paid { on } => {
            sqlx::query(
                "UPDATE programme_fees SET status = 'paid', paid_on = $2 WHERE engagement_id = $1",
            )
            .bind(engagement_id)
            .bind(on)
            .execute(&mut *tx)
            .await?;
            (
                json!({ "status": status }),
                json!({ "status": after, "paid_on": on }),
            )
        }
        FeeChange::WrittenOff { reason } => {
            sqlx::query(
                "UPDATE programme_fees SET status = 'written_off', written_off_reason = $2
                 WHERE engagement_id = $1",
            )
            .bind(engagement_id)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
            (
                json!({ "status": status }),
                json!({ "status": after, "reason": reason }),
            )
        }
        FeeChange::Payer {
            payer: new_payer,
            funder: new_funder,
        } => {
            sqlx::query(
                "UPDATE programme_fees SET payer = $2, funder_name = $3 WHERE engagement_id = $1",
            )
            .bind(engagement_id)
            .bind(new_payer)
            .bind(new_funder)
            .execute(&mut *tx)
            .await?;
            (
                json!({ "payer": payer, "funder": funder }),
                json!({ "payer": new_payer, "funder": new_funder }),
            )
        }
    };
    audit::record(
        &mut tx,
        actor,
        change.action(),
        audit::Subject::Named(&format!("fee {reference}")),
        Some(before),
        Some(recorded),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(after))
}

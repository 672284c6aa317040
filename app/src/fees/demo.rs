//! The demo's ledger: funders named for the requests a funder pays, and fees that fell due
//! long enough ago invoiced a week later, most of the older ones paid within six weeks of
//! that, and one in twelve of those written off.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

const FUNDERS: &str = "ARRAY['Northern Communities Fund', 'Wellbeing Trust Wales', 'City Health Partnership', 'Lottery Community Fund']";

pub async fn insert(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    email_domain: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE expressions_of_interest
         SET referring_funder = ({FUNDERS})[1 + get_byte(decode(md5(reference), 'hex'), 0) % 4]
         WHERE funding_route = 'funder' AND referring_funder IS NULL AND email LIKE '%@' || $1"
    ))
    .bind(email_domain)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE programme_fees f SET funder_name = e.referring_funder
         FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE g.id = f.engagement_id AND f.payer = 'funder' AND f.funder_name IS NULL
           AND e.email LIKE '%@' || $1",
    )
    .bind(email_domain)
    .execute(&mut *tx)
    .await?;
    // Each kept to the demo's own requests, and only once (a fee that moved is not moved again).
    let demo_fee = "f.engagement_id IN (
            SELECT g.id FROM engagements g JOIN expressions_of_interest e
                ON e.id = g.expression_of_interest_id WHERE e.email LIKE '%@' || $1)";
    sqlx::query(&format!(
        "UPDATE programme_fees f SET status = 'invoiced',
             invoiced_on = (f.due_at AT TIME ZONE 'Europe/London')::date + 7,
             invoice_reference = 'INV-' || to_char(f.due_at, 'YYYY') || '-'
                 || upper(substr(md5(f.engagement_id::text), 1, 5))
         WHERE f.status = 'due' AND f.due_at < $2 - interval '30 days' AND {demo_fee}"
    ))
    .bind(email_domain)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE programme_fees f SET status = 'written_off',
             written_off_reason = 'The organisation closed before paying.'
         WHERE f.status = 'invoiced' AND f.due_at < $2 - interval '90 days'
           AND get_byte(decode(md5(f.engagement_id::text), 'hex'), 1) % 12 = 0 AND {demo_fee}"
    ))
    .bind(email_domain)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE programme_fees f SET status = 'paid',
             paid_on = f.invoiced_on + 21 + get_byte(decode(md5(f.engagement_id::text), 'hex'), 2) % 25
         WHERE f.status = 'invoiced' AND f.due_at < $2 - interval '90 days' AND {demo_fee}"
    ))
    .bind(email_domain)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

//! The demo's feedback: four in five of the history's closed coachings rated, mostly well, a
//! third of those with a comment, so that most coaches' feedback shows to staff.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

pub async fn insert(
    tx: &mut PgConnection,
    now: DateTime<Utc>,
    email_domain: &str,
) -> Result<(), sqlx::Error> {
    let rated =
        "SELECT g.id, g.coach_id, g.closed_at, get_byte(decode(md5(g.id::text), 'hex'), 0) AS dice
        FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
        WHERE g.status <> 'active' AND NOT g.feedback_given AND g.closed_at <= $2
          AND e.email LIKE '%@' || $1";
    sqlx::query(&format!(
        "WITH rated AS ({rated})
         INSERT INTO coaching_feedback (coach_id, rating, comment, given_in)
         SELECT coach_id,
                CASE WHEN dice % 10 < 6 THEN 5 WHEN dice % 10 < 9 THEN 4 ELSE 3 END,
                CASE WHEN dice % 3 = 0 THEN (ARRAY[
                    'Having someone outside the organisation to think with made all the difference.',
                    'Practical and kind. I left each session with a plan.',
                    'I would have liked more sessions, but the ones we had were very useful.',
                    'My coach understood small charities from the inside.'])[1 + dice % 4] END,
                date_trunc('year', closed_at AT TIME ZONE 'Europe/London')::date
         FROM rated WHERE dice % 5 <> 0"
    ))
    .bind(email_domain)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE engagements SET feedback_given = true
         WHERE id IN (SELECT id FROM ({rated}) AS r WHERE dice % 5 <> 0)"
    ))
    .bind(email_domain)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

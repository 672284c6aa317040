//! The demo's training and supervision. Every published demo coach was trained in one of four
//! cohorts, a year before their profile was made, and has been supervised about every six
//! weeks since, most recently within the last five weeks. The demo coach supervises three
//! others, so that their caseload shows (`accounts::demo`).

use chrono::NaiveDate;
use sqlx::PgConnection;

/// Trains every published coach among `slugs` who has no training recorded.
pub async fn train(
    executor: impl sqlx::PgExecutor<'_>,
    slugs: &[String],
) -> Result<u64, sqlx::Error> {
    let trained = sqlx::query(
        "INSERT INTO coach_training (coach_id, completed_on, cohort, trainer)
         SELECT c.id, (c.created_at AT TIME ZONE 'Europe/London')::date - 365,
                (ARRAY['North, spring', 'Midlands, autumn', 'London, spring', 'Wales and the West, autumn'])
                    [1 + get_byte(decode(md5(c.slug), 'hex'), 3) % 4]
                    || ' ' || to_char(c.created_at - interval '1 year', 'YYYY'),
                (ARRAY['Gwen Pritchard', 'Tunde Bakare', 'Helen Marsh'])
                    [1 + get_byte(decode(md5(c.slug), 'hex'), 4) % 3]
         FROM coaches c
         WHERE c.slug = ANY($1) AND c.status = 'published'
           AND NOT EXISTS (SELECT 1 FROM coach_training t WHERE t.coach_id = c.id)",
    )
    .bind(slugs)
    .execute(executor)
    .await?;
    Ok(trained.rows_affected())
}

/// Supervision sessions for every trained coach who has none: every six weeks from their
/// training until up to five weeks before `today`.
pub async fn supervise(tx: &mut PgConnection, today: NaiveDate) -> Result<u64, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO supervision_sessions (coach_id, held_on, format, supervisor)
         SELECT c.id, held.on,
                CASE WHEN k % 3 = 2 THEN 'group' ELSE 'one_to_one' END,
                (ARRAY['Bronwen Tudor', 'Kwame Asante', 'Ruth Levy'])
                    [1 + get_byte(decode(md5(c.slug), 'hex'), 1) % 3]
         FROM coaches c
         CROSS JOIN LATERAL (SELECT max(completed_on) AS on FROM coach_training t
                             WHERE t.coach_id = c.id) AS trained
         CROSS JOIN generate_series(0, 40) AS k
         CROSS JOIN LATERAL (SELECT $1::date - get_byte(decode(md5(c.slug), 'hex'), 2) % 35
                                 - k * 42 AS on) AS held
         WHERE c.status = 'published' AND trained.on IS NOT NULL AND held.on > trained.on
           AND NOT EXISTS (SELECT 1 FROM supervision_sessions s WHERE s.coach_id = c.id)",
    )
    .bind(today)
    .execute(&mut *tx)
    .await?;
    Ok(added.rows_affected())
}

//! The demo's cascade: three coaches each coached two leaders who became coaches, and one of
//! those coached another in turn (two generations after the first, three in all). Chosen by
//! slug, so the same each time.

use sqlx::PgConnection;

pub async fn insert(tx: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query(
        "WITH published AS (
             SELECT id, row_number() OVER (ORDER BY md5(slug)) AS n FROM coaches
             WHERE status = 'published' AND coached_by IS NULL AND slug <> $1),
         parents(child, parent) AS (VALUES (4, 1), (5, 1), (6, 2), (7, 2), (8, 3), (9, 3), (10, 4))
         UPDATE coaches c SET coached_by = p.id
         FROM parents x JOIN published ch ON ch.n = x.child JOIN published p ON p.n = x.parent
         WHERE c.id = ch.id
           AND NOT EXISTS (SELECT 1 FROM coaches WHERE coached_by IS NOT NULL)",
    )
    .bind(crate::accounts::demo::DEMO_COACH_SLUG)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

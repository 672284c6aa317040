//! The demo accounts, created only with the demo data: `staff@example.org` (staff) and
//! `coach@example.org` (the coach of the first demo profile, Amara Okafor), both with the
//! password `cascade-demo`, and Amara's requests (`interest::demo`).

use super::password::{self, Password};
use sqlx::PgPool;

pub const DEMO_PASSWORD: &str = "cascade-demo";
pub const DEMO_STAFF: &str = "staff@example.org";
pub const DEMO_COACH: &str = "coach@example.org";
pub const DEMO_COACH_SLUG: &str = "amara-okafor";

/// Adds the demo accounts and requests, skipping any that exist.
pub async fn insert(
    pool: &PgPool,
    public_url: &str,
    mail_delivery: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    let hash = password::hash(Password::for_sign_in(DEMO_PASSWORD)).await?;
    let db = |e: sqlx::Error| e.to_string();
    sqlx::query(
        "INSERT INTO accounts (email, name, password_hash, staff, admin) VALUES ($1, 'Sam Staff', $2, true, true)
         ON CONFLICT (lower(email)) DO NOTHING",
    )
    .bind(DEMO_STAFF)
    .bind(&hash)
    .execute(pool)
    .await
    .map_err(db)?;
    sqlx::query(
        "INSERT INTO accounts (email, name, password_hash, coach, coach_id)
         SELECT $1, name, $2, true, id FROM coaches WHERE slug = $3
         ON CONFLICT DO NOTHING",
    )
    .bind(DEMO_COACH)
    .bind(&hash)
    .bind(DEMO_COACH_SLUG)
    .execute(pool)
    .await
    .map_err(db)?;
    // The demo coach supervises three others, so that a caseload shows.
    sqlx::query(
        "UPDATE coaches SET supervisor_account_id = (SELECT id FROM accounts WHERE email = $1)
         WHERE id IN (SELECT id FROM coaches WHERE status = 'published' AND slug <> $2
                      AND supervisor_account_id IS NULL ORDER BY slug LIMIT 3)
           AND NOT EXISTS (SELECT 1 FROM coaches WHERE supervisor_account_id =
                               (SELECT id FROM accounts WHERE email = $1))",
    )
    .bind(DEMO_COACH)
    .bind(DEMO_COACH_SLUG)
    .execute(pool)
    .await
    .map_err(db)?;
    crate::interest::demo::insert(pool, DEMO_COACH_SLUG, public_url, mail_delivery, now).await
}

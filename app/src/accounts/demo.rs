//! The demo accounts, created only with the demo data: `staff@example.org` (staff) and
//! `coach@example.org` (the coach of the first demo profile, Amara Okafor), both with the
//! password `cascade-demo`, and two requests waiting for Amara's answer.

use super::password::{self, Password};
use crate::interest::form::AskForm;
use sqlx::PgPool;

pub const DEMO_PASSWORD: &str = "cascade-demo";
pub const DEMO_STAFF: &str = "staff@example.org";
pub const DEMO_COACH: &str = "coach@example.org";
const DEMO_COACH_SLUG: &str = "amara-okafor";

/// Adds the demo accounts and requests, skipping any that exist.
pub async fn insert(
    pool: &PgPool,
    public_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    let hash = password::hash(Password::for_sign_in(DEMO_PASSWORD)).await?;
    let db = |e: sqlx::Error| e.to_string();
    sqlx::query(
        "INSERT INTO accounts (email, name, password_hash, staff) VALUES ($1, 'Sam Staff', $2, true)
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
    for (id, name, email, organisation, income, route, goals) in [
        (
            "5f0c2a6e-1d44-4a47-9c1e-000000000001",
            "Rosa Delgado",
            "rosa.delgado@example.org",
            "Millbeck Carers Cafe",
            "£64,000",
            "bursary",
            "Our founder has retired and I have stepped up. I want help to lead a team I used to be part of.",
        ),
        (
            "5f0c2a6e-1d44-4a47-9c1e-000000000002",
            "Tom Whitlock",
            "tom.whitlock@example.org",
            "Larkhill Vale Recovery Project",
            "£310,000",
            "funder",
            "We are growing fast and I need to think about strategy, governance and looking after myself.",
        ),
    ] {
        let form = AskForm {
            submission_id: id.into(),
            leader_name: name.into(),
            email: email.into(),
            role: "Manager".into(),
            organisation_name: organisation.into(),
            organisation_type: "registered-charity".into(),
            health_and_wellbeing: "yes".into(),
            annual_income: income.into(),
            region: "north-east".into(),
            postcode: "NE1 4ST".into(),
            under_represented_communities: "no".into(),
            goals: goals.into(),
            funding_route: route.into(),
            leadership_support_before: "no".into(),
            consent: "yes".into(),
            ..AskForm::default()
        };
        crate::interest::submit::submit(pool, DEMO_COACH_SLUG, &form, public_url, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

//! Special-category data at rest: sealed when stored, sealed at start-up when a database still
//! holds it in the clear, and re-sealed when the key rotates.

use crate::helpers::{ask_coach, coach, spawn_app};
use app::special_category::{Keyring, SealedField, seal_at_rest};
use app::vocabulary::LivedExperience;

fn keyring(keys: &[&str]) -> Keyring {
    Keyring::parse(&keys.join(" ")).expect("a keyring")
}

/// Every sealed value in the database, with the key id that sealed it.
async fn sealed_values(pool: &sqlx::PgPool) -> Vec<(SealedField, Vec<u8>)> {
    let communities: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT communities_served_sealed FROM expressions_of_interest
         WHERE communities_served_sealed IS NOT NULL",
    )
    .fetch_all(pool)
    .await
    .expect("requests");
    let lived: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT lived_experience_sealed FROM coaches WHERE lived_experience_sealed IS NOT NULL
         UNION ALL
         SELECT lived_experience_sealed FROM coach_profile_revisions
         WHERE lived_experience_sealed IS NOT NULL",
    )
    .fetch_all(pool)
    .await
    .expect("coaches");
    communities
        .into_iter()
        .map(|v| (SealedField::CommunitiesServed, v))
        .chain(lived.into_iter().map(|v| (SealedField::LivedExperience, v)))
        .collect()
}

#[tokio::test]
async fn values_left_in_the_clear_are_sealed_at_start_up_and_re_sealed_when_the_key_rotates() {
    let app = spawn_app().await;
    let mut malik = coach("Malik Ahmed");
    malik.lived_experience = vec![LivedExperience::Caring];
    app.add_coaches(&[malik, coach("Amara Okafor")]).await;
    let reference = ask_coach(&app, "malik-ahmed", "jo@example.org", "organisation", "40k").await;
    // As a database from before sealing holds them: in the clear, nothing sealed.
    sqlx::query(
        "UPDATE expressions_of_interest SET communities_served = '{lgbtq-people,carers}',
             communities_served_sealed = NULL WHERE reference = $1",
    )
    .bind(&reference)
    .execute(&app.pool)
    .await
    .expect("a plain request");
    sqlx::query(
        "UPDATE coaches SET lived_experience = '{unpaid-caring}', lived_experience_sealed = NULL
         WHERE slug = 'malik-ahmed'",
    )
    .execute(&app.pool)
    .await
    .expect("a plain profile");
    sqlx::query(
        "INSERT INTO coach_profile_revisions (coach_id, profile)
         SELECT id, '{\"name\": \"Amara Okafor\", \"lived_experience\": [\"being-lgbtq\"]}' FROM coaches
         WHERE slug = 'amara-okafor'",
    )
    .execute(&app.pool)
    .await
    .expect("a plain revision");

    let first = keyring(&["1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="]);
    assert_eq!(seal_at_rest(&app.pool, &first).await.expect("sealed"), 3);
    let plain: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM expressions_of_interest WHERE cardinality(communities_served) > 0)
              + (SELECT count(*) FROM coaches WHERE cardinality(lived_experience) > 0)
              + (SELECT count(*) FROM coach_profile_revisions WHERE profile ? 'lived_experience')",
    )
    .fetch_one(&app.pool)
    .await
    .expect("a count");
    assert_eq!(plain, 0, "nothing left in the clear");
    let mut opened: Vec<Vec<String>> = sealed_values(&app.pool)
        .await
        .iter()
        .map(|(field, v)| first.open(*field, Some(v)).expect("opens"))
        .collect();
    opened.sort();
    assert_eq!(
        opened,
        vec![
            vec!["being-lgbtq".to_string()],
            vec!["lgbtq-people".to_string(), "carers".to_string()],
            vec!["unpaid-caring".to_string()],
        ]
    );
    assert_eq!(
        seal_at_rest(&app.pool, &first).await.expect("sealed"),
        0,
        "a second start-up has nothing to do"
    );

    // Rotation: a new key first, the old one after; then the old one can go.
    let rotated = keyring(&[
        "2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
        "1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
    ]);
    assert_eq!(
        seal_at_rest(&app.pool, &rotated).await.expect("resealed"),
        3
    );
    let new_only = keyring(&["2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI="]);
    let mut reopened: Vec<Vec<String>> = sealed_values(&app.pool)
        .await
        .iter()
        .map(|(field, v)| {
            new_only
                .open(*field, Some(v))
                .expect("opens with the new key alone")
        })
        .collect();
    reopened.sort();
    assert_eq!(reopened, opened);
}

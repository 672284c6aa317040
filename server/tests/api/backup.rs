//! `make backup` and `make restore` (scripts/backup.sh, scripts/restore.sh), for real: a
//! database backed up with pg_dump, restored with pg_restore into another database, serves the
//! same directory, near spellings and sealed values included.

use crate::helpers::{Page, coach, fresh_database, serving_pool, spawn_app_on, test_settings};
use app::coaches::demo::NewCoach;
use app::vocabulary::{Community, LivedExperience};
use std::process::Command;

/// The owner's URL for the test database `name`.
fn owner_url(name: &str) -> String {
    let admin = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
    format!("{server}/{name}")
}

fn script(name: &str, database: &str, file: &std::path::Path) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let status = Command::new(format!("{root}/scripts/{name}"))
        .arg(file)
        .env("DATABASE_URL", owner_url(database))
        .env_remove("CASCADE_MIGRATION_DATABASE_URL")
        .status()
        .expect("the script runs");
    assert!(status.success(), "{name} failed");
}

#[tokio::test]
async fn a_backup_restores_into_another_database_that_serves_the_same_directory() {
    let (original, original_admin) = fresh_database().await;
    let app = spawn_app_on(
        serving_pool(&original).await,
        original_admin.clone(),
        test_settings(),
    )
    .await;
    app.add_coaches(&[
        NewCoach {
            communities: vec![Community::Carers],
            lived_experience: vec![LivedExperience::Caring],
            ..coach("Malik Hussain")
        },
        coach("Amara Okafor"),
    ])
    .await;
    let before = app.get_page("/coaches").await;
    let profile_before = app.get_page("/coaches/malik-hussain").await;

    let file = std::env::temp_dir().join(format!("cascade-{original}.dump"));
    script("backup.sh", &original, &file);
    let (restored, restored_admin) = fresh_database().await;
    script("restore.sh", &restored, &file);
    // As the server does when it starts with the owner's URL: the serving role's grants.
    app::database::grant_serving_role(&restored_admin, crate::helpers::SERVING_ROLE)
        .await
        .expect("grants");
    let again = spawn_app_on(
        serving_pool(&restored).await,
        restored_admin,
        test_settings(),
    )
    .await;

    let after = again.get_page("/coaches").await;
    assert_eq!(after.status, 200);
    assert_eq!(after.card_slugs().len(), 2);
    let mut slugs = after.card_slugs();
    slugs.sort();
    let mut expected = before.card_slugs();
    expected.sort();
    assert_eq!(slugs, expected);
    let profile_after = Page::from(again.get("/coaches/malik-hussain").await).await;
    let main = |page: &Page| {
        let html = page.html.split("<main").nth(1).unwrap_or_default();
        html.split("</main>").next().unwrap_or_default().to_string()
    };
    assert!(main(&profile_before).contains("Unpaid caring"));
    assert_eq!(
        main(&profile_after),
        main(&profile_before),
        "sealed lived experience included"
    );
    let near = again.get_page("/coaches?q=Maik").await;
    assert_eq!(
        near.card_slugs(),
        ["malik-hussain"],
        "the search words came too"
    );
    std::fs::remove_file(&file).ok();
}

//! The server's database role can read and write rows, and nothing else: it cannot change the
//! schema, disable the audit log's append-only trigger, or rewrite the audit log.

use crate::helpers::{fresh_database, serving_pool};

#[tokio::test]
async fn the_serving_role_cannot_change_the_schema_or_the_audit_log() {
    let (name, _admin) = fresh_database().await;
    let serving = serving_pool(&name).await;
    sqlx::query("INSERT INTO audit_log (action, subject) VALUES ('test', 'x')")
        .execute(&serving)
        .await
        .expect("the audit log takes new lines");
    sqlx::query("SELECT count(*) FROM coaches")
        .execute(&serving)
        .await
        .expect("rows can be read");

    for statement in [
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DROP FUNCTION refuse_audit_log_change() CASCADE",
        "UPDATE audit_log SET action = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "CREATE TABLE stolen (x text)",
        "ALTER TABLE coaches DROP CONSTRAINT coaches_status_check",
        "DELETE FROM _sqlx_migrations",
        "SET session_replication_role = replica",
    ] {
        let refused = sqlx::query(statement).execute(&serving).await;
        assert!(refused.is_err(), "the serving role could: {statement}");
    }
    let lines: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'test'")
        .fetch_one(&serving)
        .await
        .expect("a count");
    assert_eq!(lines, 1, "the line is as it was written");
}

#[tokio::test]
async fn a_stored_state_the_code_does_not_know_is_an_error_not_a_guess() {
    use app::interest::RequestStatus;
    let (_, admin) = fresh_database().await;

    let known: RequestStatus = sqlx::query_scalar("SELECT 'pending'::text")
        .fetch_one(&admin)
        .await
        .expect("a known state decodes");
    let unknown = sqlx::query_scalar::<_, RequestStatus>("SELECT 'maybe'::text")
        .fetch_one(&admin)
        .await;

    assert_eq!(known, RequestStatus::Pending);
    let error = unknown
        .expect_err("an unknown state is refused")
        .to_string();
    assert!(
        error.contains("\"maybe\" is not a RequestStatus"),
        "{error}"
    );
}

/// Servers started together each grant the serving role what it needs: they take turns, where
/// PostgreSQL would refuse concurrent GRANTs on the same objects.
#[tokio::test]
async fn servers_starting_together_grant_the_serving_role_in_turn() {
    let (_name, admin) = fresh_database().await;
    let mut grants = Vec::new();
    for _ in 0..4 {
        let owner = sqlx::PgPool::connect_with((*admin.connect_options()).clone())
            .await
            .expect("an owner's pool");
        grants.push(tokio::spawn(async move {
            app::database::grant_serving_role(&owner, crate::helpers::SERVING_ROLE).await
        }));
    }

    for grant in grants {
        grant
            .await
            .expect("the grant ran")
            .expect("each grant succeeds");
    }
}

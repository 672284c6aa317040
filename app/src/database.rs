//! The schema's history, and who may change it.
//!
//! The SQL migrations in `migrations/` at the top of the repository are embedded in the binary
//! so that the server can bring any database up to date. They run as the role that owns the
//! schema; the server then serves as a role with only what serving needs (see
//! [`grant_serving_role`]), so that nothing the app does can change the schema, disable a
//! trigger, or rewrite the audit log.

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Gives `role` what the server needs to serve: reading and writing rows, and nothing more. It
/// cannot create, alter or drop anything (so it cannot disable the audit log's append-only
/// trigger), and may only add to the audit log. Run as the schema's owner after every
/// migration, so that tables added since are covered; running it again changes nothing.
pub async fn grant_serving_role(owner: &sqlx::PgPool, role: &str) -> Result<(), sqlx::Error> {
    let role = quote_identifier(role);
    let mut tx = owner.begin().await?;
    // Servers started together each run this: PostgreSQL refuses concurrent GRANTs on the same
    // objects ("tuple concurrently updated"), so they take turns.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('cascade: grant the serving role'))")
        .execute(&mut *tx)
        .await?;
    for statement in [
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"),
        // The audit log is append-only for the app: a database refusal, beside the trigger.
        format!("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {role}"),
        // The migrations' own record is the owner's business.
        format!("REVOKE INSERT, UPDATE, DELETE ON _sqlx_migrations FROM {role}"),
    ] {
        sqlx::query(&statement).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Whether `error` says the database could not be reached (down, restarting, or the
/// connection lost), rather than that the request itself failed: the same request should
/// work once it is back.
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
        sqlx::Error::Database(database) => database.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

/// An extra on a page (similar coaches, say), or nothing when the database cannot be reached:
/// the page's main part, kept in memory, is still shown.
pub fn extra_or_nothing<T: Default>(read: Result<T, sqlx::Error>) -> Result<T, sqlx::Error> {
    match read {
        Err(error) if is_unavailable(&error) => {
            tracing::debug!(%error, "database unavailable: an extra left out");
            Ok(T::default())
        }
        other => other,
    }
}

/// `name` as a PostgreSQL identifier, quoted, so that any role name is one identifier.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::quote_identifier;

    #[test]
    fn role_names_are_quoted_whole() {
        assert_eq!(quote_identifier("cascade_app"), "\"cascade_app\"");
        assert_eq!(
            quote_identifier("x\"; DROP TABLE audit_log; --"),
            "\"x\"\"; DROP TABLE audit_log; --\""
        );
    }
}

//! The schema's history: the SQL migrations in `migrations/` at the top of the repository,
//! embedded in the binary so that the server can bring any database up to date.

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

//! Retention that happens: how long Cascade keeps each kind of record, and the jobs that apply
//! it. The privacy notice's table is built from [`RULES`], the same constants the jobs use, so
//! the two cannot differ.
//!
//! - Every hour, the sweep deletes what has stopped working: expired sign-in sessions, expired
//!   account links, and the links of questionnaires that have closed.
//! - Every day, the retention job deletes the bodies of emails sent more than
//!   [`SENT_EMAIL_DAYS`] days ago.
//!
//! Both run from the background worker (`interest::due::run`), which looks every minute: a
//! row in `housekeeping_runs` says when each last ran, claimed with `FOR UPDATE SKIP LOCKED` so
//! that two servers never run one twice.

use serde::{Deserialize, Serialize};

/// Emails that were sent are deleted this many days later (those waiting to be sent are kept
/// until they are).
pub const SENT_EMAIL_DAYS: i64 = 30;
/// How often the sweep runs.
pub const SWEEP_EVERY_HOURS: i64 = 1;
/// How often the retention job runs.
pub const RETENTION_EVERY_HOURS: i64 = 24;

/// A line of the privacy notice's retention table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub what: &'static str,
    pub kept: String,
}

/// What is kept for how long, as the privacy notice shows it: from the constants the jobs use.
pub fn rules() -> Vec<Rule> {
    use crate::accounts::links::Purpose;
    vec![
        Rule {
            what: "Emails we sent you",
            kept: format!("Deleted {SENT_EMAIL_DAYS} days after they were sent."),
        },
        Rule {
            what: "Sign-in sessions (coaches and staff)",
            kept: format!(
                "They stop working after {} minutes unused or {} hours after signing in, and are deleted within {SWEEP_EVERY_HOURS} hour of that.",
                crate::accounts::SESSION_IDLE_MINUTES,
                crate::accounts::SESSION_LONGEST_HOURS
            ),
        },
        Rule {
            what: "Invitation, password-reset and availability links",
            kept: format!(
                "They stop working {}, {} and {} after they are sent, and are deleted within {SWEEP_EVERY_HOURS} hour of that.",
                Purpose::Invitation.lifetime_in_words(),
                Purpose::PasswordReset.lifetime_in_words(),
                Purpose::ConfirmAvailability.lifetime_in_words()
            ),
        },
        Rule {
            what: "Questionnaire links",
            kept: format!(
                "They stop working {} days after the questionnaire is sent, and are deleted within {SWEEP_EVERY_HOURS} hour of that.",
                crate::outcomes::CLOSES_AFTER_DAYS
            ),
        },
    ]
}

#[cfg(feature = "ssr")]
pub use jobs::*;

#[cfg(feature = "ssr")]
mod jobs {
    use super::*;
    use crate::clock::Clock;
    use chrono::{DateTime, Utc};
    use sqlx::PgPool;

    /// What one sweep deleted.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Swept {
        pub sessions: u64,
        pub account_links: u64,
        pub questionnaire_links: u64,
    }

    /// Deletes what has stopped working by `now`.
    pub async fn sweep(pool: &PgPool, now: DateTime<Utc>) -> Result<Swept, sqlx::Error> {
        let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected();
        let account_links = sqlx::query("DELETE FROM account_links WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected();
        let questionnaire_links = sqlx::query(
            "DELETE FROM questionnaire_links l USING questionnaires q
             WHERE q.id = l.questionnaire_id AND q.sent_at <= $1 - make_interval(days => $2)",
        )
        .bind(now)
        .bind(i32::try_from(crate::outcomes::CLOSES_AFTER_DAYS).unwrap_or(60))
        .execute(pool)
        .await?
        .rows_affected();
        Ok(Swept {
            sessions,
            account_links,
            questionnaire_links,
        })
    }

    /// What one run of the retention job deleted.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Retained {
        pub emails: u64,
    }

    /// Applies each retention period at `now`.
    pub async fn apply(pool: &PgPool, now: DateTime<Utc>) -> Result<Retained, sqlx::Error> {
        let emails = sqlx::query(
            "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at <= $1 - make_interval(days => $2)",
        )
        .bind(now)
        .bind(i32::try_from(SENT_EMAIL_DAYS).unwrap_or(30))
        .execute(pool)
        .await?
        .rows_affected();
        Ok(Retained { emails })
    }

    /// Claims `job` if it last ran `every_hours` or more ago (or never): true when this caller
    /// should run it now. The claim and the run's record are one statement, so two servers
    /// never both run it.
    async fn claim(
        pool: &PgPool,
        job: &str,
        every_hours: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let claimed = sqlx::query(
            "INSERT INTO housekeeping_runs (job, last_run_at) VALUES ($1, $2)
             ON CONFLICT (job) DO UPDATE SET last_run_at = EXCLUDED.last_run_at
             WHERE housekeeping_runs.last_run_at <= $2 - make_interval(hours => $3)",
        )
        .bind(job)
        .bind(now)
        .bind(i32::try_from(every_hours).unwrap_or(1))
        .execute(pool)
        .await?
        .rows_affected();
        Ok(claimed == 1)
    }

    /// Runs the sweep and the retention job if each is due: called by the worker every minute.
    pub async fn run_due(pool: &PgPool, clock: &Clock) -> Result<(Swept, Retained), sqlx::Error> {
        let now = clock.now();
        let mut swept = Swept::default();
        let mut retained = Retained::default();
        if claim(pool, "sweep", SWEEP_EVERY_HOURS, now).await? {
            swept = sweep(pool, now).await?;
            tracing::info!(?swept, "expired sessions and links swept");
        }
        if claim(pool, "retention", RETENTION_EVERY_HOURS, now).await? {
            retained = apply(pool, now).await?;
            tracing::info!(?retained, "retention periods applied");
        }
        Ok((swept, retained))
    }
}

//! Retention that happens: how long Cascade keeps each kind of record, and the jobs that apply
//! it. The privacy notice's table is built from [`RULES`], the same constants the jobs use, so
//! the two cannot differ.
//!
//! - Every hour, the sweep deletes what has stopped working: expired sign-in sessions, expired
//!   account links, and the links of questionnaires that have closed.
//! - Every day, the retention job deletes the emails sent more than [`SENT_EMAIL_DAYS`] days
//!   ago, and erases the leader's personal details from requests that ended without coaching
//!   [`ENDED_REQUEST_MONTHS`] months ago and from coaching closed [`CLOSED_COACHING_YEARS`]
//!   years ago. An erased request keeps only what names no one ([`KEPT_AFTER_ERASURE`]), so
//!   the take-up overview still counts it;
//!   its questionnaires stay, tied to nobody but the leader's random evaluation id.
//!
//! Both run from the background worker (`interest::due::run`), which looks every minute: a
//! row in `housekeeping_runs` says when each last ran, claimed by one conditional upsert, so
//! that two servers never run one twice.

use serde::{Deserialize, Serialize};

/// What an erased request keeps, in the words every page that promises erasure uses: exactly
/// the columns `erase` leaves (its test reads them back).
pub const KEPT_AFTER_ERASURE: &str = "when it was made, the region and the first letters of the postcode, the type of organisation and its income band, whether it works with under-represented communities, whether you had leadership support before, how it was to be paid for and any bursary, which coaches were asked or named, when you agreed to which version of our privacy notice, what became of it, and any coaching's session dates and questionnaire answers, tied only to a random code";

/// Emails that were sent are deleted this many days later (those waiting to be sent are kept
/// until they are).
pub const SENT_EMAIL_DAYS: i64 = 30;
/// Requests that ended without coaching lose the leader's personal details this long after.
pub const ENDED_REQUEST_MONTHS: i32 = 12;
/// Coaching loses its leader's personal details this long after it closed.
pub const CLOSED_COACHING_YEARS: i32 = 2;
/// What an erased request's name, role and organisation read.
pub const ERASED: &str = "Erased";
/// What an erased request's email address reads (`.invalid` can never be delivered to).
pub const ERASED_EMAIL: &str = "erased@erased.invalid";

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
            what: "A request for coaching that ended without coaching",
            kept: format!(
                "Your name, contact details, role, organisation's name, full postcode, goals, the communities it serves and the coach's answer are deleted {ENDED_REQUEST_MONTHS} months after it ended. What names no one is kept, for the programme's counts: {KEPT_AFTER_ERASURE}."
            ),
        },
        Rule {
            what: "A request that led to coaching",
            kept: format!(
                "The same personal details are deleted {CLOSED_COACHING_YEARS} years after the coaching closed. The sessions' dates and the questionnaires' answers are kept, tied only to a random code."
            ),
        },
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
        /// Asks (expressions of interest) whose leader's personal details were erased.
        pub erased: u64,
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
        let erased = erase_due(pool, now).await?;
        Ok(Retained { emails, erased })
    }

    /// The asks whose leader's details are due to be erased at `$1`: of a request that ended
    /// without coaching [`ENDED_REQUEST_MONTHS`] (`$2`) ago, or whose coaching closed
    /// [`CLOSED_COACHING_YEARS`] (`$3`) ago. A request is its leader request, or for one made
    /// before those existed, the ask alone.
    const DUE: &str = "
        SELECT e.id FROM expressions_of_interest e
        LEFT JOIN leader_requests r ON r.id = e.leader_request_id
        WHERE e.erased_at IS NULL AND e.status <> 'pending'
          AND (
            (CASE WHEN r.id IS NOT NULL THEN r.ended_at
                  ELSE coalesce(e.responded_at, e.updated_at) END) <= $1 - make_interval(months => $2)
            AND NOT EXISTS (
                SELECT 1 FROM expressions_of_interest x
                JOIN engagements g ON g.expression_of_interest_id = x.id
                WHERE coalesce(x.leader_request_id, x.id) = coalesce(e.leader_request_id, e.id))
            OR EXISTS (
                SELECT 1 FROM expressions_of_interest x
                JOIN engagements g ON g.expression_of_interest_id = x.id
                WHERE coalesce(x.leader_request_id, x.id) = coalesce(e.leader_request_id, e.id)
                  AND g.closed_at <= $1 - make_interval(years => $3)))";

    /// Erases the leader's personal details from every ask due, in one transaction.
    async fn erase_due(pool: &PgPool, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let due: Vec<uuid::Uuid> = sqlx::query_scalar(&format!("{DUE} FOR UPDATE OF e"))
            .bind(now)
            .bind(ENDED_REQUEST_MONTHS)
            .bind(CLOSED_COACHING_YEARS)
            .fetch_all(&mut *tx)
            .await?;
        let erased = erase(&mut tx, &due, now).await?;
        tx.commit().await?;
        if erased > 0 {
            tracing::info!(erased, "leaders' personal details erased");
        }
        Ok(erased)
    }

    /// Erases the leader's personal details from the asks `ids`, in the caller's transaction
    /// (the schedule's, or the leader's own request): the row stays, with what describes no
    /// one, so every count stays; the leader's evaluation code moves onto it first, so the
    /// evaluator's file keeps it; emails to them still waiting and their questionnaires' links
    /// go. How many asks were erased.
    pub async fn erase(
        tx: &mut sqlx::PgConnection,
        ids: &[uuid::Uuid],
        now: DateTime<Utc>,
    ) -> Result<u64, sqlx::Error> {
        if ids.is_empty() {
            return Ok(0);
        }
        sqlx::query(
            "UPDATE expressions_of_interest e SET evaluation_id = i.evaluation_id
             FROM evaluation_ids i WHERE e.id = ANY($1) AND i.leader_email = lower(e.email)",
        )
        .bind(ids)
        .execute(&mut *tx)
        .await?;
        // Emails to them still waiting (without a mail server they wait for ever), and any
        // waiting to make a link into these requests (sent to an address since corrected,
        // say), which would bring the request's page back to life.
        sqlx::query(
            "DELETE FROM outbox WHERE sent_at IS NULL AND (
                 lower(to_address) IN (SELECT lower(email) FROM expressions_of_interest WHERE id = ANY($1))
                 OR link_leader_request_id IN (
                     SELECT leader_request_id FROM expressions_of_interest WHERE id = ANY($1)))",
        )
        .bind(ids)
        .execute(&mut *tx)
        .await?;
        // Concerns about the coaching hold what both of them said and did, and an offer to
        // train is the leader's: they go with it.
        for statement in [
            "DELETE FROM concerns k USING engagements g
             WHERE g.id = k.engagement_id AND g.expression_of_interest_id = ANY($1)",
            "DELETE FROM training_offers o USING engagements g
             WHERE g.id = o.engagement_id AND g.expression_of_interest_id = ANY($1)",
        ] {
            sqlx::query(statement).bind(ids).execute(&mut *tx).await?;
        }
        sqlx::query(
            "DELETE FROM questionnaire_links l USING questionnaires q, engagements g
             WHERE q.id = l.questionnaire_id AND g.id = q.engagement_id
               AND g.expression_of_interest_id = ANY($1) AND q.kind <> 'coach_end'",
        )
        .bind(ids)
        .execute(&mut *tx)
        .await?;
        let erased = sqlx::query(
            "UPDATE expressions_of_interest SET erased_at = $2, leader_name = $3, email = $4,
                 phone = NULL, role = $3, organisation_name = $3, registration_number = NULL,
                 postcode = substring(postcode FROM '^[A-Z]{1,2}'), goals = '',
                 -- Given by consent: erasing withdraws it.
                 communities_served = '{}', communities_served_sealed = NULL,
                 response_message = NULL,
                 -- The band's lowest income, not the exact one: enough for every count.
                 annual_income_pence = CASE WHEN annual_income_pence < $5 THEN 0
                     WHEN annual_income_pence < $6 THEN $5
                     WHEN annual_income_pence < $7 THEN $6 ELSE $7 END
             WHERE id = ANY($1) AND erased_at IS NULL",
        )
        .bind(ids)
        .bind(now)
        .bind(ERASED)
        .bind(ERASED_EMAIL)
        .bind(crate::reporting::overview::SIZE_BANDS[1].1)
        .bind(crate::reporting::overview::SIZE_BANDS[2].1)
        .bind(crate::reporting::overview::SIZE_BANDS[3].1)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE leader_requests SET withdrawal_reason = NULL
             WHERE id IN (SELECT leader_request_id FROM expressions_of_interest WHERE id = ANY($1))",
        )
        .bind(ids)
        .execute(&mut *tx)
        .await?;
        // A leader none of whose requests still holds their address is unknown to the id table.
        sqlx::query(
            "DELETE FROM evaluation_ids i WHERE NOT EXISTS (
                 SELECT 1 FROM expressions_of_interest e
                 WHERE e.erased_at IS NULL AND lower(e.email) = i.leader_email)",
        )
        .execute(&mut *tx)
        .await?;
        // Staff producing this leader's data is recorded beside the log with their address:
        // that goes once no request or account holds the address.
        sqlx::query(
            "DELETE FROM audit_details d WHERE d.email IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM expressions_of_interest e
                               WHERE e.erased_at IS NULL AND lower(e.email) = d.email)
               AND NOT EXISTS (SELECT 1 FROM accounts a WHERE lower(a.email) = d.email)",
        )
        .execute(&mut *tx)
        .await?;
        Ok(erased)
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

//! Slowing down password guessing without letting anyone lock a real person out.
//!
//! Wrong passwords are counted per account *and* internet address, keyed on the account's id
//! once the email address has found it (so however an address is spelt or cased, one account
//! has one count). After a few free tries, each further try from that address must wait longer
//! than the last, up to a quarter of an hour; the right password from any other address still
//! works at once. The counts live in PostgreSQL, so they hold across restarts and servers.
//!
//! Guessing across many accounts from one address is limited separately, per address
//! (`rate_limit::Limits::sign_in_per_address`).

use chrono::{DateTime, Duration, Utc};

/// Wrong passwords from one address that cost nothing: people mistype.
pub const FREE_FAILURES: u32 = 3;
/// The wait after the first failure past the free ones; it doubles with each further failure.
pub const FIRST_WAIT_SECONDS: i64 = 15;
/// The longest wait.
pub const LONGEST_WAIT_SECONDS: i64 = 15 * 60;
/// Failures older than this are forgotten.
pub const FORGET_AFTER_HOURS: i64 = 24;

/// How long to wait after `failures` wrong passwords in a row before the next try.
pub fn wait_after(failures: u32) -> Duration {
    let Some(past_free) = failures.checked_sub(FREE_FAILURES + 1) else {
        return Duration::zero();
    };
    // 15 s × 2^n, without overflowing for large n.
    let doubled = FIRST_WAIT_SECONDS.saturating_mul(1_i64 << past_free.min(20));
    Duration::seconds(doubled.min(LONGEST_WAIT_SECONDS))
}

/// How long is left to wait at `now`, after `failures` failures, the last at `last_failed_at`:
/// `None` when a try may be made now.
pub fn still_to_wait(
    failures: u32,
    last_failed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Duration> {
    if now - last_failed_at >= Duration::hours(FORGET_AFTER_HOURS) {
        return None;
    }
    let remaining = last_failed_at + wait_after(failures) - now;
    (remaining > Duration::zero()).then_some(remaining)
}

/// "Wait 40 seconds" / "Wait 4 minutes": rounded up, so that waiting that long is enough.
pub fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.num_seconds() + i64::from(wait.subsec_nanos() > 0);
    if seconds <= 60 {
        let seconds = seconds.max(1);
        format!(
            "Wait {seconds} second{}",
            if seconds == 1 { "" } else { "s" }
        )
    } else {
        let minutes = (seconds + 59) / 60;
        format!("Wait {minutes} minutes")
    }
}

#[cfg(feature = "ssr")]
pub use db::{Attempt, begin_attempt, succeeded};

#[cfg(feature = "ssr")]
mod db {
    use super::still_to_wait;
    use chrono::{DateTime, Duration, Utc};
    use sqlx::PgPool;
    use uuid::Uuid;

    /// Whether a sign-in may try the password now.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Attempt {
        /// Counted as a failure in advance (so that a burst of guesses cannot all slip in
        /// before the first is checked); [`succeeded`] takes it back.
        Counted,
        /// Too soon after the last failures from this address.
        Wait(Duration),
    }

    /// Records an attempt on `account_id` from `address` at `now`, unless it must wait. The
    /// row is locked while it is read and written, so attempts made at once queue here.
    pub async fn begin_attempt(
        pool: &PgPool,
        account_id: Uuid,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Attempt, sqlx::Error> {
        let mut tx = pool.begin().await?;
        // Counts past forgetting are deleted, not just ignored (the privacy notice says so).
        sqlx::query(
            "DELETE FROM sign_in_failures WHERE last_failed_at < $1 - make_interval(hours => $2)",
        )
        .bind(now)
        .bind(i32::try_from(super::FORGET_AFTER_HOURS).unwrap_or(24))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sign_in_failures (account_id, client_address, failures, last_failed_at)
             VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING",
        )
        .bind(account_id)
        .bind(address)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (failures, last_failed_at): (i32, DateTime<Utc>) = sqlx::query_as(
            "SELECT failures, last_failed_at FROM sign_in_failures
             WHERE account_id = $1 AND client_address = $2 FOR UPDATE",
        )
        .bind(account_id)
        .bind(address)
        .fetch_one(&mut *tx)
        .await?;
        let failures = u32::try_from(failures).unwrap_or(0);
        if let Some(wait) = still_to_wait(failures, last_failed_at, now) {
            tx.commit().await?;
            return Ok(Attempt::Wait(wait));
        }
        // A count whose last failure has been forgotten starts again.
        let forgotten = now - last_failed_at >= Duration::hours(super::FORGET_AFTER_HOURS);
        sqlx::query(
            "UPDATE sign_in_failures SET failures = CASE WHEN $3 THEN 1 ELSE failures + 1 END,
                 last_failed_at = $4
             WHERE account_id = $1 AND client_address = $2",
        )
        .bind(account_id)
        .bind(address)
        .bind(forgotten)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Attempt::Counted)
    }

    /// The password was right: this address starts again from nothing.
    pub async fn succeeded(
        pool: &PgPool,
        account_id: Uuid,
        address: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sign_in_failures WHERE account_id = $1 AND client_address = $2")
            .bind(account_id)
            .bind(address)
            .execute(pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failures_are_free_then_each_wait_doubles_up_to_a_quarter_hour() {
        let waits: Vec<i64> = (0..=12).map(|n| wait_after(n).num_seconds()).collect();
        assert_eq!(
            waits,
            [0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 900, 900, 900]
        );
        assert_eq!(wait_after(u32::MAX).num_seconds(), LONGEST_WAIT_SECONDS);
    }

    #[test]
    fn a_try_may_be_made_once_the_wait_has_passed() {
        let last = DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let at = |seconds| last + Duration::seconds(seconds);
        assert_eq!(still_to_wait(3, last, at(0)), None, "still free");
        assert_eq!(still_to_wait(4, last, at(0)), Some(Duration::seconds(15)));
        assert_eq!(still_to_wait(4, last, at(14)), Some(Duration::seconds(1)));
        assert_eq!(still_to_wait(4, last, at(15)), None);
        assert_eq!(still_to_wait(50, last, at(899)), Some(Duration::seconds(1)));
        assert_eq!(still_to_wait(50, last, at(900)), None);
        assert_eq!(
            still_to_wait(50, last, at(-5)),
            Some(Duration::seconds(905)),
            "a clock behind the stored time still waits"
        );
        assert_eq!(
            still_to_wait(50, last - Duration::hours(FORGET_AFTER_HOURS), last),
            None
        );
    }

    #[test]
    fn waits_are_said_rounded_up() {
        assert_eq!(wait_in_words(Duration::milliseconds(200)), "Wait 1 second");
        assert_eq!(wait_in_words(Duration::seconds(15)), "Wait 15 seconds");
        assert_eq!(wait_in_words(Duration::seconds(60)), "Wait 60 seconds");
        assert_eq!(wait_in_words(Duration::seconds(61)), "Wait 2 minutes");
        assert_eq!(wait_in_words(Duration::seconds(900)), "Wait 15 minutes");
    }
}

//! What falls due, done by the background worker and at the moments that cause it: a coach's
//! deadline (the answer deadline in working days) and reminders before it, expiry, and passing
//! the request to the next coach the leader named; asking coaches to confirm their availability
//! and pausing those who do not; following up coaching with no first session or open longer
//! than expected; and sending questionnaires at their moments and their one reminder
//! (`outcomes::due`). The numbers are the programme's settings in effect (`settings::Terms`).
//!
//! Due work is the state of the requests themselves, in PostgreSQL: each piece is claimed with
//! `FOR UPDATE SKIP LOCKED` and done in one transaction with its emails, which also records
//! that it is done. So it is idempotent, survives restarts (nothing is held in memory), is
//! retried with back-off if it fails ([`wait_before_next_run`]), and two servers on one
//! database never do it twice.

use crate::calendar::{working_days_after, working_days_before};
use crate::settings::Terms;
use chrono::NaiveDate;
use std::collections::BTreeSet;

#[cfg(feature = "ssr")]
pub use work::*;

/// The last reminder before the deadline, in working days (the first comes halfway).
pub const LAST_REMINDER_WORKING_DAYS: u32 = 1;
/// Days a coach has, at the least, between being asked to confirm their availability and being
/// set to not accepting for not confirming it (the settings keep the pause this far after the
/// confirmation, and the due work never pauses sooner after asking).
pub const CONFIRM_GRACE_DAYS: u32 = 14;
/// Requests in a row a coach lets expire before they are shown as not accepting.
pub const EXPIRIES_IN_A_ROW_TO_PAUSE: i64 = 2;
/// How often the worker looks for due work when all is well.
pub const WORK_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

crate::vocabulary::vocabulary! {
    /// Why Cascade stopped a coach accepting new leaders: staff see the label.
    PausedReason {
        NotConfirmed => ("not_confirmed", "Paused: availability not confirmed"),
        RequestsExpired => ("requests_expired", "Paused: requests expired unanswered"),
        SupervisionLapsed => ("supervision_lapsed", "Paused: no supervision recorded"),
    }
}

impl PausedReason {
    /// What the coach is told on their page, later: without the figures, which may have
    /// changed since (their email said them).
    pub fn why_since(self) -> String {
        match self {
            PausedReason::NotConfirmed => {
                "You did not confirm your availability in time after we asked.".to_string()
            }
            PausedReason::RequestsExpired => format!(
                "The last {EXPIRIES_IN_A_ROW_TO_PAUSE} requests you had to answer expired without an answer."
            ),
            PausedReason::SupervisionLapsed => {
                "No supervision was recorded for you in time. Once your supervisor or Cascade staff record a session, you can accept new leaders again.".to_string()
            }
        }
    }

    /// What the coach is told in their email as they are paused, with the `terms` in effect.
    pub fn why(self, terms: &Terms) -> String {
        match self {
            PausedReason::NotConfirmed => format!(
                "You have not confirmed your availability for {}.",
                crate::settings::SettingName::AvailabilityPauseDays
                    .shown(i64::from(terms.availability_pause_days))
            ),
            PausedReason::RequestsExpired => format!(
                "The last {EXPIRIES_IN_A_ROW_TO_PAUSE} requests you had to answer expired without an answer."
            ),
            PausedReason::SupervisionLapsed => format!(
                "No supervision has been recorded for you for {}. Once your supervisor or Cascade staff record a session, you can accept new leaders again.",
                terms.supervision_period()
            ),
        }
    }
}

/// How long the worker waits before its next run, after `failures` runs in a row failed: its
/// usual minute when all is well, else 15 seconds doubling each time, at most 30 minutes, so
/// that a database that is down is not hammered and one that is back is soon used again.
pub fn wait_before_next_run(failures: u32) -> std::time::Duration {
    if failures == 0 {
        return WORK_EVERY;
    }
    let seconds = 15u64.saturating_mul(1 << (failures - 1).min(20));
    std::time::Duration::from_secs(seconds.min(30 * 60))
}

/// A coach with no session recorded this long after accepting is reminded.
pub const FIRST_SESSION_DAYS: i64 = 21;

/// Whole months from `from` to `to` (a coaching started on 10 January is 1 month old on 10
/// February, not before).
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    u32::try_from(months).unwrap_or(0)
}

/// When a request asked on `asked_on` must be answered by, given `working_days` to answer and
/// the bank `holidays` of the leader's nation, and when its coach is reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub working_days: u32,
    pub due_on: NaiveDate,
    pub first_reminder_on: NaiveDate,
    pub last_reminder_on: NaiveDate,
}

impl Deadline {
    pub fn for_request(
        asked_on: NaiveDate,
        working_days: u32,
        holidays: &BTreeSet<NaiveDate>,
    ) -> Deadline {
        let due_on = working_days_after(asked_on, working_days, holidays);
        Deadline {
            working_days,
            due_on,
            first_reminder_on: working_days_before(
                due_on,
                Self::first_reminder_working_days(working_days),
                holidays,
            ),
            last_reminder_on: working_days_before(due_on, LAST_REMINDER_WORKING_DAYS, holidays),
        }
    }

    /// The first reminder comes halfway (never after the last one).
    pub fn first_reminder_working_days(working_days: u32) -> u32 {
        (working_days / 2).max(LAST_REMINDER_WORKING_DAYS)
    }

    /// "5 working days and 1 working day before", or just the last when they fall together.
    pub fn reminders_in_words(&self) -> String {
        let first = Self::first_reminder_working_days(self.working_days);
        if first == LAST_REMINDER_WORKING_DAYS {
            "1 working day before".to_string()
        } else {
            format!("{first} working days and 1 working day before")
        }
    }
}

#[cfg(feature = "ssr")]
mod work {
    use super::*;
    use crate::calendar::Nation;
    use crate::clock::{Clock, uk_date};
    use crate::eligibility::OrganisationType;
    use crate::eligibility::rules::{EligibilityQuestions, assess};
    use crate::interest::Reference;
    use crate::mail::{self, Email};
    use crate::money::Money;
    use crate::vocabulary::Region;
    use chrono::{DateTime, Utc};
    use sqlx::{PgConnection, PgPool};
    use uuid::Uuid;

    /// The bank holidays of `nation`, from the table staff keep.
    pub async fn holidays(
        executor: impl sqlx::PgExecutor<'_>,
        nation: Nation,
    ) -> Result<BTreeSet<NaiveDate>, sqlx::Error> {
        let days: Vec<NaiveDate> =
            sqlx::query_scalar("SELECT on_date FROM bank_holidays WHERE nation = $1")
                .bind(nation)
                .fetch_all(executor)
                .await?;
        Ok(days.into_iter().collect())
    }

    /// Sets the deadline of the request `id`, asked at `asked_at` by a leader in `region`.
    pub async fn set_deadline(
        tx: &mut PgConnection,
        id: Uuid,
        asked_at: DateTime<Utc>,
        region: Region,
    ) -> Result<Deadline, sqlx::Error> {
        let holidays = holidays(&mut *tx, Nation::of(region)).await?;
        // The answer deadline in effect on the day it was asked.
        let asked_on = uk_date(asked_at);
        let terms = crate::settings::db::terms_on(&mut *tx, asked_on).await?;
        let deadline = Deadline::for_request(asked_on, terms.answer_working_days, &holidays);
        sqlx::query(
            "UPDATE expressions_of_interest
             SET answer_due_on = $2, first_reminder_on = $3, last_reminder_on = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(deadline.due_on)
        .bind(deadline.first_reminder_on)
        .bind(deadline.last_reminder_on)
        .execute(&mut *tx)
        .await?;
        Ok(deadline)
    }

    /// When a coach last confirmed their availability, in SQL over `coaches c`: publishing is
    /// the first confirmation (a coach sets their availability with their profile).
    const LAST_CONFIRMED: &str = "coalesce(c.availability_confirmed_at, c.published_at)";

    /// What one run did.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Done {
        pub deadlines_set: usize,
        pub reminders: usize,
        pub expired: usize,
        pub passed_on: usize,
        pub availability_asked: usize,
        pub paused: usize,
        pub session_reminders: usize,
        pub flagged: usize,
        pub questionnaires_sent: usize,
        pub questionnaire_reminders: usize,
        /// What the hourly sweep and the daily retention job deleted, when they ran.
        pub swept: crate::retention::Swept,
        pub retained: crate::retention::Retained,
    }

    /// Does everything due at the clock's now, one piece per transaction.
    /// `mail_delivery`: whether a mail server sends the emails (links in them are then made as
    /// each is sent; see `accounts::links::for_email`).
    pub async fn run(
        pool: &PgPool,
        clock: &Clock,
        public_url: &str,
        mail_delivery: bool,
    ) -> Result<Done, sqlx::Error> {
        let mut done = Done::default();
        let terms = crate::settings::db::terms_on(pool, uk_date(clock.now())).await?;
        // Requests from before deadlines existed get theirs.
        loop {
            let mut tx = pool.begin().await?;
            let row: Option<(Uuid, DateTime<Utc>, Region)> = sqlx::query_as(
                "SELECT id, created_at, region FROM expressions_of_interest
                 WHERE status = 'pending' AND answer_due_on IS NULL
                 LIMIT 1 FOR UPDATE SKIP LOCKED",
            )
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, asked_at, region)) = row else {
                break;
            };
            set_deadline(&mut tx, id, asked_at, region).await?;
            tx.commit().await?;
            done.deadlines_set += 1;
        }
        for which in [Reminder::First, Reminder::Last] {
            while remind_one(pool, clock, public_url, which).await? {
                done.reminders += 1;
            }
        }
        while let Some(passed_on) = expire_one(pool, clock, public_url).await? {
            done.expired += 1;
            done.passed_on += usize::from(passed_on);
        }
        for reason in [
            PausedReason::RequestsExpired,
            PausedReason::NotConfirmed,
            PausedReason::SupervisionLapsed,
        ] {
            if reason == PausedReason::NotConfirmed {
                while ask_to_confirm_one(pool, clock, &terms, public_url, mail_delivery).await? {
                    done.availability_asked += 1;
                }
            }
            while pause_one(pool, clock, &terms, public_url, reason).await? {
                done.paused += 1;
            }
        }
        while follow_up_one(pool, clock, &terms, public_url, FollowUp::FirstSession).await? {
            done.session_reminders += 1;
        }
        while follow_up_one(pool, clock, &terms, public_url, FollowUp::LongOpen).await? {
            done.flagged += 1;
        }
        for &kind in crate::outcomes::QuestionnaireKind::ALL {
            while crate::outcomes::due::send_one(pool, clock, public_url, mail_delivery, kind)
                .await?
            {
                done.questionnaires_sent += 1;
            }
        }
        while crate::outcomes::due::remind_one(pool, clock, public_url, mail_delivery).await? {
            done.questionnaire_reminders += 1;
        }
        (done.swept, done.retained) = crate::retention::run_due(pool, clock).await?;
        Ok(done)
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Reminder {
        First,
        Last,
    }

    /// Sends one reminder that has fallen due, if any.
    async fn remind_one(
        pool: &PgPool,
        clock: &Clock,
        public_url: &str,
        which: Reminder,
    ) -> Result<bool, sqlx::Error> {
        let (on, at, later) = match which {
            // Not when the last one is due too (the worker was stopped): one reminder will do.
            Reminder::First => (
                "first_reminder_on",
                "first_reminder_at",
                "AND e.last_reminder_on > $1",
            ),
            Reminder::Last => ("last_reminder_on", "last_reminder_at", ""),
        };
        let now = clock.now();
        let today = uk_date(now);
        let mut tx = pool.begin().await?;
        let row: Option<(Uuid, String, String, Region, String, String, NaiveDate)> =
            sqlx::query_as(&format!(
                "SELECT e.id, e.reference, e.leader_name, e.region, c.name, c.email, e.answer_due_on
                 FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
                 WHERE e.status = 'pending' AND e.{on} <= $1 AND e.{at} IS NULL
                   AND e.answer_due_on >= $1 {later}
                 LIMIT 1 FOR UPDATE OF e SKIP LOCKED"
            ))
            .bind(today)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((id, reference, leader, region, coach, coach_email, due_on)) = row else {
            return Ok(false);
        };
        sqlx::query(&format!(
            "UPDATE expressions_of_interest SET {at} = $2 WHERE id = $1"
        ))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Counted, not assumed: a reminder sent late says how long is really left.
        let holidays = holidays(&mut *tx, Nation::of(region)).await?;
        let days_left = crate::calendar::working_days_until(today, due_on, &holidays);
        let link = format!("{public_url}/me/requests/{reference}");
        let reminder = Email::answer_reminder(
            &coach_email,
            &coach,
            &leader,
            &reference,
            due_on,
            days_left,
            &link,
        );
        mail::enqueue(&mut tx, &reminder).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Expires one request whose coach did not answer by its deadline, and passes it on if the
    /// leader agreed: `Some(passed on)`, or `None` when nothing was due.
    async fn expire_one(
        pool: &PgPool,
        clock: &Clock,
        public_url: &str,
    ) -> Result<Option<bool>, sqlx::Error> {
        let now = clock.now();
        let mut tx = pool.begin().await?;
        let row: Option<(Uuid, String, String, String, String, NaiveDate)> = sqlx::query_as(
            "SELECT e.id, e.reference, e.leader_name, e.email, c.name, e.answer_due_on
             FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
             WHERE e.status = 'pending' AND e.answer_due_on < $1
             LIMIT 1 FOR UPDATE OF e SKIP LOCKED",
        )
        .bind(uk_date(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id, reference, leader, leader_email, coach, due_on)) = row else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE expressions_of_interest SET status = 'expired', responded_at = $2 WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let next = crate::interest::db::what_next(&mut tx, id, public_url).await?;
        let told =
            Email::request_expired(&leader_email, &leader, &coach, &reference, due_on, &next);
        mail::enqueue(&mut tx, &told).await?;
        let passed = pass_on(&mut tx, id, now, public_url).await?;
        tx.commit().await?;
        Ok(Some(matches!(passed, PassedOn::To(_))))
    }

    /// Shows an accepting coach as not accepting, says why to them (and to staff, who see
    /// `reason`).
    async fn pause(
        tx: &mut PgConnection,
        coach_id: Uuid,
        reason: PausedReason,
        terms: &Terms,
        now: DateTime<Utc>,
        public_url: &str,
    ) -> Result<bool, sqlx::Error> {
        let coach: Option<(String, String)> = sqlx::query_as(
            "UPDATE coaches SET accepting_new_leaders = false, paused_at = $2, paused_reason = $3
             WHERE id = $1 AND accepting_new_leaders
             RETURNING name, email",
        )
        .bind(coach_id)
        .bind(now)
        .bind(reason)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((name, email)) = coach else {
            return Ok(false);
        };
        let told = Email::availability_paused(
            &email,
            &name,
            &reason.why(terms),
            &format!("{public_url}/me#availability"),
        );
        mail::enqueue(tx, &told).await?;
        Ok(true)
    }

    /// Asks one coach, whose availability was last confirmed long enough ago and who has not
    /// been asked since, to confirm it.
    async fn ask_to_confirm_one(
        pool: &PgPool,
        clock: &Clock,
        terms: &Terms,
        public_url: &str,
        mail_delivery: bool,
    ) -> Result<bool, sqlx::Error> {
        let now = clock.now();
        let mut tx = pool.begin().await?;
        let row: Option<(Uuid, Uuid, String)> = sqlx::query_as(&format!(
            "SELECT c.id, a.id, c.email
             FROM coaches c JOIN accounts a ON a.coach_id = c.id
             WHERE c.status = 'published' AND a.disabled_at IS NULL
               AND {LAST_CONFIRMED} <= $1 - make_interval(days => $2)
               AND (c.availability_asked_at IS NULL OR c.availability_asked_at < {LAST_CONFIRMED})
             LIMIT 1 FOR UPDATE OF c SKIP LOCKED"
        ))
        .bind(now)
        .bind(i32::try_from(terms.availability_confirm_days).unwrap_or(i32::MAX))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((coach_id, account_id, email)) = row else {
            return Ok(false);
        };
        sqlx::query("UPDATE coaches SET availability_asked_at = $2 WHERE id = $1")
            .bind(coach_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let Some((name, availability)) =
            crate::me::db::availability_of_account(&mut *tx, account_id).await?
        else {
            return Ok(false);
        };
        let summary = availability.as_of(uk_date(now)).summary();
        let (link, to_make) = crate::accounts::links::for_email(
            &mut tx,
            account_id,
            crate::accounts::links::Purpose::ConfirmAvailability,
            public_url,
            mail_delivery,
            now,
        )
        .await?;
        let asked =
            Email::confirm_availability(&email, &name, &summary, &link, terms).with_link(to_make);
        mail::enqueue(&mut tx, &asked).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sets one accepting coach to not accepting for `reason`, if one is due:
    /// - [`PausedReason::NotConfirmed`]: their availability went unconfirmed too long (coaches
    ///   with accounts, who can confirm it);
    /// - [`PausedReason::RequestsExpired`]: their last [`EXPIRIES_IN_A_ROW_TO_PAUSE`] answered
    ///   or expired requests since they last confirmed it all expired. A step of its own after
    ///   the expiries have committed: two servers each expiring one of a coach's requests at
    ///   once would otherwise each see only its own;
    /// - [`PausedReason::SupervisionLapsed`]: no supervision recorded for
    ///   the supervision period (see `readiness::supervision_lapses_on`).
    async fn pause_one(
        pool: &PgPool,
        clock: &Clock,
        terms: &Terms,
        public_url: &str,
        reason: PausedReason,
    ) -> Result<bool, sqlx::Error> {
        let now = clock.now();
        let mut tx = pool.begin().await?;
        let (due, limit) = match reason {
            PausedReason::NotConfirmed => (
                format!(
                    "EXISTS (SELECT 1 FROM accounts a WHERE a.coach_id = c.id AND a.disabled_at IS NULL)
                     AND {LAST_CONFIRMED} <= $1 - make_interval(days => $2)
                     AND c.availability_asked_at >= {LAST_CONFIRMED}
                     AND c.availability_asked_at <= $1 - make_interval(days => {CONFIRM_GRACE_DAYS})"
                ),
                i32::try_from(terms.availability_pause_days).unwrap_or(i32::MAX),
            ),
            PausedReason::RequestsExpired => (
                format!(
                    "$2 = (SELECT count(*) FILTER (WHERE recent.status = 'expired') FROM (
                         SELECT e.status FROM expressions_of_interest e
                         WHERE e.coach_id = c.id AND e.status IN ('accepted', 'declined', 'expired')
                           AND e.responded_at > coalesce({LAST_CONFIRMED}, '-infinity')
                           AND e.responded_at <= $1
                         ORDER BY e.responded_at DESC LIMIT $2) AS recent)"
                ),
                i32::try_from(EXPIRIES_IN_A_ROW_TO_PAUSE).unwrap_or(2),
            ),
            PausedReason::SupervisionLapsed => (
                crate::readiness::db::LAPSED.to_string(),
                i32::try_from(terms.supervision_lapse_months).unwrap_or(i32::MAX),
            ),
        };
        let coach: Option<Uuid> = sqlx::query_scalar(&format!(
            "SELECT c.id FROM coaches c
             WHERE c.status = 'published' AND c.accepting_new_leaders AND {due}
             LIMIT 1 FOR UPDATE OF c SKIP LOCKED"
        ))
        .bind(now)
        .bind(limit)
        .bind(uk_date(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(coach_id) = coach else {
            return Ok(false);
        };
        let paused = pause(&mut tx, coach_id, reason, terms, now, public_url).await?;
        tx.commit().await?;
        Ok(paused)
    }

    /// How Cascade follows up a coaching that may have drifted.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum FollowUp {
        /// No session recorded three weeks after acceptance: the coach is reminded.
        FirstSession,
        /// Still open the longest coaching expected after it started: flagged to staff, the
        /// coach asked to close it.
        LongOpen,
    }

    /// Follows up one coaching that is due `which` follow-up, once.
    async fn follow_up_one(
        pool: &PgPool,
        clock: &Clock,
        terms: &Terms,
        public_url: &str,
        which: FollowUp,
    ) -> Result<bool, sqlx::Error> {
        let (mark, due) = match which {
            FollowUp::FirstSession => (
                "first_session_reminder_at",
                "g.started_at <= $1 - make_interval(days => $2)
                 AND NOT EXISTS (SELECT 1 FROM coaching_sessions s WHERE s.engagement_id = g.id)",
            ),
            FollowUp::LongOpen => (
                "flagged_at",
                "g.started_at <= $1 - make_interval(months => $2)",
            ),
        };
        let after = match which {
            FollowUp::FirstSession => i32::try_from(FIRST_SESSION_DAYS).unwrap_or(21),
            FollowUp::LongOpen => i32::try_from(terms.months_expected_to).unwrap_or(i32::MAX),
        };
        let now = clock.now();
        let mut tx = pool.begin().await?;
        let row: Option<(Uuid, String, String, String, DateTime<Utc>)> = sqlx::query_as(&format!(
            "SELECT g.id, c.name, c.email, e.leader_name, g.started_at
             FROM engagements g JOIN coaches c ON c.id = g.coach_id
             JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
             WHERE g.status = 'active' AND g.{mark} IS NULL AND {due}
             LIMIT 1 FOR UPDATE OF g SKIP LOCKED"
        ))
        .bind(now)
        .bind(after)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id, coach, email, leader, started_at)) = row else {
            return Ok(false);
        };
        sqlx::query(&format!("UPDATE engagements SET {mark} = $2 WHERE id = $1"))
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let link = format!("{public_url}/me/engagements/{id}");
        let told = match which {
            FollowUp::FirstSession => Email::first_session_reminder(&email, &coach, &leader, &link),
            FollowUp::LongOpen => Email::close_engagement(
                &email,
                &coach,
                &leader,
                &link,
                whole_months_between(uk_date(started_at), uk_date(now)),
                terms,
            ),
        };
        mail::enqueue(&mut tx, &told).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// What became of a request its coach could not take on.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum PassedOn {
        /// Passed to this coach.
        To(String),
        /// The leader did not agree to passing it on, or withdrew.
        NotAgreed,
        /// No coach the leader named can take it now: they were emailed coaches who may.
        NoneLeft,
        /// The leader's answers no longer meet the programme's rules: they were told so.
        NoLongerFits,
    }

    #[derive(sqlx::FromRow)]
    struct Ended {
        leader_request_id: Option<Uuid>,
        consented: bool,
        withdrawn: bool,
        position: i16,
        /// The leader's latest form, whose named coaches count.
        named_on: Uuid,
        leader_name: String,
        email: String,
        organisation_type: OrganisationType,
        works_in_health_and_wellbeing: bool,
        annual_income_pence: i64,
        works_with_under_represented_communities: bool,
        had_leadership_support_before: bool,
        funding_route: crate::interest::form::FundingRoute,
        region: Region,
    }

    /// After the request `from` ended without its coach taking it on (declined, expired, or the
    /// coach left the directory): passes it to the next coach the leader named, if the leader
    /// agreed on the form. That coach must be accepting now, must not have declined this leader
    /// before, and the leader's answers must still meet the rules. The leader is told either way.
    pub async fn pass_on(
        tx: &mut PgConnection,
        from: Uuid,
        now: DateTime<Utc>,
        public_url: &str,
    ) -> Result<PassedOn, sqlx::Error> {
        let ended: Ended = sqlx::query_as(
        "SELECT e.leader_request_id, coalesce(r.pass_on_consented, false) AS consented,
                r.withdrawn_at IS NOT NULL AS withdrawn,
                (SELECT max(position) FROM expressions_of_interest x
                 WHERE x.leader_request_id = e.leader_request_id) AS position,
                coalesce((SELECT f.id FROM expressions_of_interest f
                          WHERE f.leader_request_id = e.leader_request_id AND f.passed_on_from IS NULL
                          ORDER BY f.position DESC LIMIT 1),
                         e.id) AS named_on,
                e.leader_name, e.email, e.organisation_type, e.works_in_health_and_wellbeing,
                e.annual_income_pence, e.works_with_under_represented_communities,
                e.had_leadership_support_before, e.funding_route, e.region
         FROM expressions_of_interest e LEFT JOIN leader_requests r ON r.id = e.leader_request_id
         WHERE e.id = $1",
    )
    .bind(from)
    .fetch_one(&mut *tx)
    .await?;
        if !ended.consented || ended.withdrawn || ended.leader_request_id.is_none() {
            crate::interest::db::end_if_over(tx, ended.leader_request_id, now).await?;
            return Ok(PassedOn::NotAgreed);
        }
        // The answers must still meet the rules, as they stand today.
        let terms = crate::settings::db::terms_on(&mut *tx, uk_date(now)).await?;
        let questions = EligibilityQuestions {
            organisation_type: ended.organisation_type,
            works_in_health_and_wellbeing: ended.works_in_health_and_wellbeing,
            annual_income: Money::from_pence(u64::try_from(ended.annual_income_pence).unwrap_or(0))
                .unwrap_or(Money::from_pounds(0)),
            works_with_under_represented_communities: ended
                .works_with_under_represented_communities,
            had_leadership_support_before: ended.had_leadership_support_before,
        };
        let assessment = assess(&questions, &terms.income_limits());
        let still_fits = assessment.eligible
            && (ended.funding_route != crate::interest::form::FundingRoute::Bursary
                || assessment.bursary);
        if !still_fits {
            let told = Email::request_no_longer_fits(
                &ended.email,
                &ended.leader_name,
                &format!("{public_url}/eligibility"),
            );
            mail::enqueue(tx, &told).await?;
            crate::interest::db::end_if_over(tx, ended.leader_request_id, now).await?;
            return Ok(PassedOn::NoLongerFits);
        }
        let next: Option<(Uuid, String, String, String)> = {
            sqlx::query_as(
            "SELECT c.id, c.name, c.email, c.slug
             FROM expression_of_interest_alternatives a JOIN coaches c ON c.id = a.coach_id
             WHERE a.expression_of_interest_id = $1
               AND c.status = 'published' AND c.accepting_now
               AND c.id NOT IN (SELECT coach_id FROM expressions_of_interest WHERE leader_request_id = $2)
               AND NOT EXISTS (SELECT 1 FROM expressions_of_interest d
                               WHERE d.coach_id = c.id AND lower(d.email) = lower($3)
                                 AND d.status = 'declined')
             ORDER BY a.preference LIMIT 1
             FOR SHARE OF c",
        )
        .bind(ended.named_on)
        .bind(ended.leader_request_id)
        .bind(&ended.email)
        .fetch_optional(&mut *tx)
        .await?
        };
        let Some((coach_id, coach_name, coach_email, _slug)) = next else {
            // No named coach is left, so these are suggestions.
            let suggestions: Vec<(String, String)> = match ended.leader_request_id {
                Some(request) => crate::interest::db::next_coaches(tx, request).await?,
                None => Vec::new(),
            }
            .into_iter()
            .map(|c| (c.name, format!("{public_url}/coaches/{}/ask", c.slug)))
            .collect();
            let told = Email::request_not_passed_on(
                &ended.email,
                &ended.leader_name,
                &suggestions,
                &format!("{public_url}/coaches?accepting=yes"),
            );
            mail::enqueue(tx, &told).await?;
            crate::interest::db::end_if_over(tx, ended.leader_request_id, now).await?;
            return Ok(PassedOn::NoneLeft);
        };
        let (id, reference): (Uuid, String) = sqlx::query_as(
            "WITH next AS (SELECT nextval('expression_of_interest_number')::text AS number)
             INSERT INTO expressions_of_interest (
                 reference, submission_id, coach_id, leader_name, email, phone, role,
                 organisation_name, organisation_type, registration_number,
                 works_in_health_and_wellbeing, annual_income_pence,
                 works_with_under_represented_communities, region, postcode, communities_served_sealed,
                 goals, funding_route, had_leadership_support_before, bursary_eligible, consented_at,
                 created_at, leader_request_id, position, passed_on_from, privacy_notice_version)
             SELECT 'CL-' || $4 || '-' || lpad(next.number, greatest(6, length(next.number)), '0'),
                 gen_random_uuid(), $2, leader_name, email, phone, role, organisation_name,
                 organisation_type, registration_number, works_in_health_and_wellbeing,
                 annual_income_pence, works_with_under_represented_communities, region, postcode,
                 communities_served_sealed, goals, funding_route, had_leadership_support_before,
                 $6, consented_at, $3, leader_request_id, $5, id,
                 privacy_notice_version
             FROM expressions_of_interest, next WHERE id = $1
             RETURNING id, reference",
        )
        .bind(from)
        .bind(coach_id)
        .bind(now)
        .bind(uk_date(now).format("%Y").to_string())
        .bind(ended.position + 1)
        // Whether a bursary may be had, by the rules as they stand today.
        .bind(assessment.bursary)
        .fetch_one(&mut *tx)
        .await?;
        let deadline = set_deadline(tx, id, now, ended.region).await?;
        let organisation: String = sqlx::query_scalar(
            "SELECT organisation_name FROM expressions_of_interest WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let to_coach = Email::new_request(
            &coach_email,
            &coach_name,
            &ended.leader_name,
            &organisation,
            &reference,
            &format!("{public_url}/me/requests/{reference}"),
            &deadline,
        );
        mail::enqueue(tx, &to_coach).await?;
        let reference = Reference::parse(&reference)
            .map(|r| r.to_string())
            .unwrap_or(reference);
        let to_leader = Email::request_passed_on(
            &ended.email,
            &ended.leader_name,
            &coach_name,
            &reference,
            &deadline,
        );
        mail::enqueue(tx, &to_leader).await?;
        tracing::info!(%reference, "request passed on");
        Ok(PassedOn::To(coach_name))
    }

    /// When this process last finished a run of the due work (for the metrics: its lag).
    static LAST_RUN: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

    pub fn last_run() -> Option<std::time::Instant> {
        *LAST_RUN.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the due work every minute for as long as the server runs, on the app's clock.
    pub fn spawn(
        pool: PgPool,
        clock: Clock,
        public_url: String,
        mail_delivery: bool,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut failures = 0;
            loop {
                match run(&pool, &clock, &public_url, mail_delivery).await {
                    Ok(done) => {
                        failures = 0;
                        *LAST_RUN.lock().unwrap_or_else(|e| e.into_inner()) =
                            Some(std::time::Instant::now());
                        if done != Done::default() {
                            tracing::info!(?done, "request work done");
                        }
                    }
                    Err(error) => {
                        failures += 1;
                        let retry_in = wait_before_next_run(failures);
                        tracing::error!(%error, failures, ?retry_in, "request work stopped by a database error");
                    }
                }
                tokio::time::sleep(wait_before_next_run(failures)).await;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn failed_runs_are_retried_sooner_then_less_often() {
        let waits: Vec<u64> = (0..=10)
            .map(|f| wait_before_next_run(f).as_secs())
            .collect();
        assert_eq!(
            waits,
            [60, 15, 30, 60, 120, 240, 480, 960, 1800, 1800, 1800]
        );
        assert_eq!(wait_before_next_run(u32::MAX).as_secs(), 1800);
    }

    #[test]
    fn a_paused_coach_is_told_the_rule_that_paused_them() {
        let terms = Terms::STARTING;
        assert_eq!(
            PausedReason::NotConfirmed.why(&terms),
            "You have not confirmed your availability for 90 days."
        );
        assert_eq!(
            PausedReason::RequestsExpired.why(&terms),
            "The last 2 requests you had to answer expired without an answer."
        );
        let other = terms
            .with(crate::settings::SettingName::AvailabilityPauseDays, 120)
            .with(crate::settings::SettingName::SupervisionLapseMonths, 6);
        assert_eq!(
            PausedReason::NotConfirmed.why(&other),
            "You have not confirmed your availability for 120 days."
        );
        assert!(
            PausedReason::SupervisionLapsed
                .why(&other)
                .contains("for 6 months")
        );
    }

    #[test]
    fn a_coach_has_ten_working_days_and_two_reminders() {
        let deadline = Deadline::for_request(d(2026, 12, 7), 10, &BTreeSet::new());
        assert_eq!(
            deadline,
            Deadline {
                working_days: 10,
                due_on: d(2026, 12, 21),
                first_reminder_on: d(2026, 12, 14),
                last_reminder_on: d(2026, 12, 18),
            }
        );
        assert_eq!(
            deadline.reminders_in_words(),
            "5 working days and 1 working day before"
        );
    }

    #[test]
    fn coaching_is_as_many_months_old_as_whole_months_have_passed() {
        assert_eq!(whole_months_between(d(2027, 1, 10), d(2027, 2, 9)), 0);
        assert_eq!(whole_months_between(d(2027, 1, 10), d(2027, 2, 10)), 1);
        assert_eq!(whole_months_between(d(2027, 1, 31), d(2027, 7, 30)), 5);
        assert_eq!(whole_months_between(d(2026, 11, 2), d(2027, 7, 2)), 8);
        assert_eq!(whole_months_between(d(2027, 3, 1), d(2027, 2, 1)), 0);
    }

    #[test]
    fn another_answer_deadline_moves_the_reminders_with_it() {
        let holidays = BTreeSet::from([d(2026, 12, 25), d(2026, 12, 28)]);
        // Asked on Monday 21 December, 5 working days skip Christmas and the 28th.
        let five = Deadline::for_request(d(2026, 12, 21), 5, &holidays);
        assert_eq!(five.due_on, d(2026, 12, 30));
        assert_eq!(five.first_reminder_on, d(2026, 12, 24));
        assert_eq!(five.last_reminder_on, d(2026, 12, 29));
        assert_eq!(
            five.reminders_in_words(),
            "2 working days and 1 working day before"
        );
        // The shortest deadline has the one reminder.
        let two = Deadline::for_request(d(2026, 12, 7), 2, &BTreeSet::new());
        assert_eq!(two.due_on, d(2026, 12, 9));
        assert_eq!(two.first_reminder_on, two.last_reminder_on);
        assert_eq!(two.reminders_in_words(), "1 working day before");
        let thirty = Deadline::for_request(d(2026, 12, 7), 30, &BTreeSet::new());
        assert_eq!(thirty.due_on, d(2027, 1, 18));
        assert_eq!(thirty.first_reminder_on, d(2026, 12, 28));
    }
}

//! The programme's numbers that admins change, each change with the day it takes effect
//! (`programme_settings`): a rule uses the value in effect on the day it applies to.
//!
//! - [`Terms`]: every number as it stands on one day, pure; rules take it as an argument.
//! - Pages read the terms of today from the request ([`current_terms`]), put there by
//!   [`provide_terms`] from what the directory cache keeps (a trigger tells every process of a
//!   change, as for coaches); the due work and the database's fee trigger read the table.

use crate::money::Money;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::vocabulary::vocabulary! {
    /// A number admins may change.
    SettingName {
        EligibilityIncomeLimit => ("eligibility_income_limit_pence", "Eligibility income limit"),
        BursaryIncomeLimit => ("bursary_income_limit_pence", "Bursary income limit"),
        Fee => ("fee_pence", "The fee for a coaching"),
        SessionsExpected => ("sessions_expected", "Sessions expected"),
        MonthsExpectedFrom => ("months_expected_from", "Shortest coaching expected"),
        MonthsExpectedTo => ("months_expected_to", "Longest coaching expected"),
        AnswerWorkingDays => ("answer_working_days", "Answer deadline"),
        AvailabilityConfirmDays => ("availability_confirm_days", "Availability confirmation"),
        AvailabilityPauseDays => ("availability_pause_days", "Availability pause"),
        SupervisionLapseMonths => ("supervision_lapse_months", "Supervision period"),
    }
}

/// How a setting's values are written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Pence, typed and shown in pounds.
    Pounds,
    Sessions,
    Months,
    Days,
    WorkingDays,
}

impl SettingName {
    const fn unit(self) -> Unit {
        match self {
            SettingName::EligibilityIncomeLimit
            | SettingName::BursaryIncomeLimit
            | SettingName::Fee => Unit::Pounds,
            SettingName::SessionsExpected => Unit::Sessions,
            SettingName::MonthsExpectedFrom
            | SettingName::MonthsExpectedTo
            | SettingName::SupervisionLapseMonths => Unit::Months,
            SettingName::AnswerWorkingDays => Unit::WorkingDays,
            SettingName::AvailabilityConfirmDays | SettingName::AvailabilityPauseDays => Unit::Days,
        }
    }

    /// The least and most it may be, in its stored unit (pence for amounts).
    pub const fn bounds(self) -> (i64, i64) {
        match self {
            SettingName::EligibilityIncomeLimit | SettingName::BursaryIncomeLimit => {
                (100, 1_000_000_000)
            }
            SettingName::Fee => (0, 10_000_000),
            SettingName::SessionsExpected => (1, 20),
            SettingName::MonthsExpectedFrom | SettingName::MonthsExpectedTo => (1, 24),
            SettingName::AnswerWorkingDays => (2, 30),
            SettingName::AvailabilityConfirmDays => (7, 365),
            SettingName::AvailabilityPauseDays => (14, 730),
            SettingName::SupervisionLapseMonths => (1, 24),
        }
    }

    /// What it is, for the admin changing it.
    pub const fn meaning(self) -> &'static str {
        match self {
            SettingName::EligibilityIncomeLimit => {
                "An organisation is eligible only with an annual income under this."
            }
            SettingName::BursaryIncomeLimit => {
                "An eligible organisation with an annual income under this may have a bursary."
            }
            SettingName::Fee => "What a coaching costs, paid to the coach's organisation.",
            SettingName::SessionsExpected => "About how many sessions a coaching has.",
            SettingName::MonthsExpectedFrom => "The fewest months a coaching usually takes.",
            SettingName::MonthsExpectedTo => {
                "The most months a coaching usually takes: coaching still open this long after it started is flagged to staff, and its coach asked to close it."
            }
            SettingName::AnswerWorkingDays => {
                "Working days a coach has to answer a request. They are reminded half that many working days before the end (rounded down), and one working day before."
            }
            SettingName::AvailabilityConfirmDays => {
                "Days after a coach last confirmed their availability that they are asked to confirm it again."
            }
            SettingName::AvailabilityPauseDays => {
                "Days without confirming after which a coach is set to not accepting new leaders."
            }
            SettingName::SupervisionLapseMonths => {
                "Months without supervision recorded after which a coach is set to not accepting new leaders."
            }
        }
    }

    /// What a change applies to, from its day.
    pub const fn applies_to(self) -> &'static str {
        match self {
            SettingName::EligibilityIncomeLimit | SettingName::BursaryIncomeLimit => {
                "Checks and requests from then on use it; requests already sent stay as they are."
            }
            SettingName::Fee => {
                "Coaching that starts from then on costs it; coaching already started keeps its fee. Pages quote it from then."
            }
            SettingName::SessionsExpected | SettingName::MonthsExpectedFrom => {
                "The pages and emails say it from then."
            }
            SettingName::MonthsExpectedTo => {
                "From then, the pages and emails say it, and open coaching is followed up by it."
            }
            SettingName::AnswerWorkingDays => {
                "Requests sent from then on have it; requests already sent keep their deadline."
            }
            SettingName::AvailabilityConfirmDays
            | SettingName::AvailabilityPauseDays
            | SettingName::SupervisionLapseMonths => "From then it applies to every coach.",
        }
    }

    /// How to type a new value.
    pub const fn hint(self) -> &'static str {
        match self.unit() {
            Unit::Pounds => "In pounds, like £850 or 150k.",
            Unit::Sessions => "A whole number of sessions, like 5.",
            Unit::Months => "A whole number of months, like 8.",
            Unit::Days => "A whole number of days, like 60.",
            Unit::WorkingDays => "A whole number of working days, like 10.",
        }
    }

    /// A value as people read it: `£500,000`, `5 sessions`, `10 working days`.
    pub fn shown(self, value: i64) -> String {
        let plural =
            |one: &str, many: &str| format!("{value} {}", if value == 1 { one } else { many });
        match self.unit() {
            Unit::Pounds => Money::from_pence(value.unsigned_abs())
                .map(|m| m.to_string())
                .unwrap_or_default(),
            Unit::Sessions => plural("session", "sessions"),
            Unit::Months => plural("month", "months"),
            Unit::Days => plural("day", "days"),
            Unit::WorkingDays => plural("working day", "working days"),
        }
    }

    /// A typed value, checked against [`SettingName::bounds`], or what is wrong with it.
    pub fn parse(self, typed: &str) -> Result<i64, String> {
        let (least, most) = self.bounds();
        let what = match self.unit() {
            Unit::Pounds => {
                let money = Money::parse(typed).map_err(|e| e.to_string())?;
                let value = i64::try_from(money.pence()).unwrap_or(i64::MAX);
                if value < least || value > most {
                    return Err(format!(
                        "Enter an amount from {} to {}",
                        self.shown(least),
                        self.shown(most)
                    ));
                }
                return Ok(value);
            }
            Unit::Sessions => "sessions",
            Unit::Months => "months",
            Unit::WorkingDays => "working days",
            Unit::Days => "days",
        };
        let typed = typed.trim().to_lowercase();
        let typed = typed.as_str();
        let digits = typed
            .strip_suffix(what)
            .or_else(|| typed.strip_suffix(what.trim_end_matches('s')))
            .unwrap_or(typed)
            .trim();
        let example = match self.unit() {
            Unit::Sessions => 5,
            Unit::Months => 8,
            Unit::Days => 60,
            _ => 10,
        };
        let whole = || format!("Enter a whole number of {what}, like {example}");
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(whole());
        }
        match digits.parse::<i64>() {
            Ok(value) if (least..=most).contains(&value) => Ok(value),
            _ => Err(format!("Enter a number of {what} from {least} to {most}")),
        }
    }
}

/// One value of a setting, from the day it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingValue {
    pub name: SettingName,
    pub value: i64,
    pub effective_from: NaiveDate,
    /// Who set it (none for the value the programme started with).
    pub set_by: Option<String>,
    pub set_at: DateTime<Utc>,
}

/// The value of `name` in effect on `day` among `values`: the newest from that day or before.
pub fn in_effect(
    values: &[SettingValue],
    name: SettingName,
    day: NaiveDate,
) -> Option<&SettingValue> {
    values
        .iter()
        .filter(|v| v.name == name && v.effective_from <= day)
        .max_by_key(|v| v.effective_from)
}

/// The programme's numbers on one day. The rules take these as arguments; islands get them as
/// props, so that another organisation's numbers need no rebuilding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub eligibility_income_limit: Money,
    pub bursary_income_limit: Money,
    pub fee: Money,
    pub sessions_expected: u32,
    pub months_expected_from: u32,
    pub months_expected_to: u32,
    pub answer_working_days: u32,
    pub availability_confirm_days: u32,
    pub availability_pause_days: u32,
    pub supervision_lapse_months: u32,
}

impl Terms {
    /// The numbers the programme started with: the first value of each setting, from 2020
    /// (migrations `20261203000003` and `20261203000008`), and what a setting with no value yet
    /// would be.
    pub const STARTING: Terms = Terms {
        eligibility_income_limit: Money::from_pounds(500_000),
        bursary_income_limit: Money::from_pounds(150_000),
        fee: Money::from_pounds(800),
        sessions_expected: 5,
        months_expected_from: 5,
        months_expected_to: 8,
        answer_working_days: 10,
        availability_confirm_days: 60,
        availability_pause_days: 90,
        supervision_lapse_months: 4,
    };

    /// The numbers in effect on `day` among `values` (of every setting).
    pub fn on(values: &[SettingValue], day: NaiveDate) -> Terms {
        let mut terms = Terms::STARTING;
        for &name in SettingName::ALL {
            if let Some(value) = in_effect(values, name, day) {
                terms = terms.with(name, value.value);
            }
        }
        terms
    }

    /// One number, in its stored unit.
    pub fn value(&self, name: SettingName) -> i64 {
        let pence = |money: Money| i64::try_from(money.pence()).unwrap_or(i64::MAX);
        match name {
            SettingName::EligibilityIncomeLimit => pence(self.eligibility_income_limit),
            SettingName::BursaryIncomeLimit => pence(self.bursary_income_limit),
            SettingName::Fee => pence(self.fee),
            SettingName::SessionsExpected => i64::from(self.sessions_expected),
            SettingName::MonthsExpectedFrom => i64::from(self.months_expected_from),
            SettingName::MonthsExpectedTo => i64::from(self.months_expected_to),
            SettingName::AnswerWorkingDays => i64::from(self.answer_working_days),
            SettingName::AvailabilityConfirmDays => i64::from(self.availability_confirm_days),
            SettingName::AvailabilityPauseDays => i64::from(self.availability_pause_days),
            SettingName::SupervisionLapseMonths => i64::from(self.supervision_lapse_months),
        }
    }

    /// These terms with `name` set to `value` (kept within its bounds: the table's CHECK
    /// and the form hold them there already).
    pub fn with(mut self, name: SettingName, value: i64) -> Terms {
        let (least, most) = name.bounds();
        let value = value.clamp(least, most);
        let money = Money::from_pence(value.unsigned_abs()).unwrap_or(Money::ZERO);
        let count = u32::try_from(value).unwrap_or(u32::MAX);
        match name {
            SettingName::EligibilityIncomeLimit => self.eligibility_income_limit = money,
            SettingName::BursaryIncomeLimit => self.bursary_income_limit = money,
            SettingName::Fee => self.fee = money,
            SettingName::SessionsExpected => self.sessions_expected = count,
            SettingName::MonthsExpectedFrom => self.months_expected_from = count,
            SettingName::MonthsExpectedTo => self.months_expected_to = count,
            SettingName::AnswerWorkingDays => self.answer_working_days = count,
            SettingName::AvailabilityConfirmDays => self.availability_confirm_days = count,
            SettingName::AvailabilityPauseDays => self.availability_pause_days = count,
            SettingName::SupervisionLapseMonths => self.supervision_lapse_months = count,
        }
        self
    }

    /// The eligibility and bursary income limits, for `eligibility::rules::assess`.
    pub const fn income_limits(&self) -> crate::eligibility::rules::IncomeLimits {
        crate::eligibility::rules::IncomeLimits {
            eligibility: self.eligibility_income_limit,
            bursary: self.bursary_income_limit,
        }
    }

    /// "about 5 sessions over 5 to 8 months", as the programme is described; `kind` goes
    /// before "sessions" ("one-to-one ").
    pub fn sessions_over_months(&self, kind: &str) -> String {
        let months = self.months_expected();
        format!(
            "about {} {kind}session{} over {months}",
            self.sessions_expected,
            if self.sessions_expected == 1 { "" } else { "s" }
        )
    }

    /// "5 to 8 months" (or "8 months" when they are the same).
    pub fn months_expected(&self) -> String {
        if self.months_expected_from == self.months_expected_to {
            SettingName::MonthsExpectedTo.shown(i64::from(self.months_expected_to))
        } else {
            format!(
                "{} to {} months",
                self.months_expected_from, self.months_expected_to
            )
        }
    }

    /// "4 months": the supervision period.
    pub fn supervision_period(&self) -> String {
        SettingName::SupervisionLapseMonths.shown(i64::from(self.supervision_lapse_months))
    }

    /// Whether two numbers that depend on each other disagree: the message if so.
    fn disagreement(&self) -> Option<&'static str> {
        if self.months_expected_from > self.months_expected_to {
            Some("The shortest coaching expected would be longer than the longest")
        } else if self.availability_confirm_days + crate::interest::due::CONFIRM_GRACE_DAYS
            > self.availability_pause_days
        {
            Some(
                "Coaches would have less than 14 days to confirm their availability before being set to not accepting: the pause must come at least 14 days after the confirmation",
            )
        } else if self.bursary_income_limit > self.eligibility_income_limit {
            Some("The bursary income limit would be above the eligibility income limit")
        } else {
            None
        }
    }
}

/// What is wrong with setting `name` to `value` from `from`, given every value already set:
/// a change that would leave two numbers disagreeing on that day or on any later change's day.
pub fn disagreement(
    values: &[SettingValue],
    name: SettingName,
    value: i64,
    from: NaiveDate,
) -> Option<String> {
    let mut after: Vec<SettingValue> = values
        .iter()
        .filter(|v| !(v.name == name && v.effective_from == from))
        .cloned()
        .collect();
    after.push(SettingValue {
        name,
        value,
        effective_from: from,
        set_by: None,
        set_at: DateTime::<Utc>::default(),
    });
    let mut days: Vec<NaiveDate> = after
        .iter()
        .map(|v| v.effective_from)
        .filter(|day| *day >= from)
        .collect();
    days.sort();
    days.dedup();
    days.into_iter().find_map(|day| {
        Terms::on(&after, day).disagreement().map(|message| {
            if day == from {
                message.to_string()
            } else {
                format!(
                    "{message} from {}, when a change already set takes effect",
                    crate::coaches::long_date(day)
                )
            }
        })
    })
}

/// The terms of today for the request being served, which [`provide_terms`] put there:
/// `Unavailable` when they could not be read (the database down, and nothing kept).
pub fn current_terms() -> Result<Terms, AppError> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Terms>().copied())
            .ok_or(AppError::Unavailable)
    }
    #[cfg(not(feature = "ssr"))]
    {
        Err(AppError::Unavailable)
    }
}

/// Middleware: puts today's [`Terms`] in every request's extensions, from what the directory
/// cache keeps (a memory read while it listens for changes).
#[cfg(feature = "ssr")]
pub async fn provide_terms(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    match state.directory.programme_settings(&state.pool).await {
        Ok(values) => {
            request
                .extensions_mut()
                .insert(Terms::on(&values, state.clock.today()));
        }
        // Every request would say so during an outage: the database's own alarms tell of that.
        Err(error) if crate::database::is_unavailable(&error) => {
            tracing::debug!(%error, "programme settings not read");
        }
        Err(error) => tracing::warn!(%error, "programme settings not read"),
    }
    next.run(request).await
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "programme_settings")]
pub async fn programme_settings() -> Result<Vec<SettingValue>, AppError> {
    require(Access::Admin)?;
    Ok(db::values(&crate::state::pool()?).await?)
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{SettingName, SettingValue, Terms};
    use crate::access::Account;
    use chrono::{DateTime, NaiveDate, Utc};
    use serde_json::json;
    use sqlx::PgPool;

    /// A stored value: (name, value, from, set by, set at).
    type Row = (SettingName, i32, NaiveDate, Option<String>, DateTime<Utc>);

    /// Every value of every setting, oldest first.
    pub async fn values(
        executor: impl sqlx::PgExecutor<'_>,
    ) -> Result<Vec<SettingValue>, sqlx::Error> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT s.name, s.value, s.effective_from, a.name, s.set_at
                 FROM programme_settings s LEFT JOIN accounts a ON a.id = s.set_by
                 ORDER BY s.name, s.effective_from",
        )
        .fetch_all(executor)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(name, value, effective_from, set_by, set_at)| SettingValue {
                    name,
                    value: i64::from(value),
                    effective_from,
                    set_by,
                    set_at,
                },
            )
            .collect())
    }

    /// The terms in effect on `day`, read from the table (for the due work, which runs outside
    /// any request).
    pub async fn terms_on(
        executor: impl sqlx::PgExecutor<'_>,
        day: NaiveDate,
    ) -> Result<Terms, sqlx::Error> {
        Ok(Terms::on(&values(executor).await?, day))
    }

    /// Sets `name` to `value` from `effective_from` (replacing a change already set for that
    /// day), audited. `Ok(Some(message))`, and nothing changed, when it would leave two
    /// numbers disagreeing (checked with the table locked, so two admins cannot each make
    /// half of a disagreement).
    pub async fn set(
        pool: &PgPool,
        actor: &Account,
        name: SettingName,
        value: i64,
        effective_from: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, sqlx::Error> {
        let stored = i32::try_from(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let mut tx = pool.begin().await?;
        sqlx::query("LOCK TABLE programme_settings IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
        let all = values(&mut *tx).await?;
        if let Some(message) = super::disagreement(&all, name, value, effective_from) {
            return Ok(Some(message));
        }
        // What was in effect on that day before this change.
        let before = super::in_effect(&all, name, effective_from).map(|v| v.value);
        sqlx::query(
            "INSERT INTO programme_settings (name, value, effective_from, set_by, set_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (name, effective_from)
             DO UPDATE SET value = $2, set_by = $4, set_at = $5",
        )
        .bind(name)
        .bind(stored)
        .bind(effective_from)
        .bind(actor.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        crate::audit::record(
            &mut tx,
            actor,
            "change setting",
            crate::audit::Subject::Named(&format!("setting {}", name.slug())),
            before.map(|v| json!({ "value": v, "effective_from": effective_from })),
            Some(json!({ "value": value, "effective_from": effective_from })),
        )
        .await?;
        tx.commit().await?;
        Ok(None)
    }
}

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).expect("a date")
    }

    fn value(name: SettingName, v: i64, d: u32) -> SettingValue {
        SettingValue {
            name,
            value: v,
            effective_from: day(d),
            set_by: None,
            set_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn the_value_in_effect_is_the_newest_from_that_day_or_before() {
        let values = [
            value(SettingName::Fee, 80_000, 1),
            value(SettingName::Fee, 85_000, 10),
            value(SettingName::Fee, 90_000, 20),
        ];
        let fee = |values, d| in_effect(values, SettingName::Fee, day(d)).map(|v| v.value);
        assert_eq!(fee(&values, 9), Some(80_000));
        assert_eq!(fee(&values, 10), Some(85_000));
        assert_eq!(fee(&values, 31), Some(90_000));
        assert_eq!(fee(&values[1..], 1), None);
        assert_eq!(
            in_effect(&values, SettingName::SessionsExpected, day(31)),
            None
        );
    }

    #[test]
    fn the_terms_of_a_day_take_each_settings_value_then_and_the_starting_ones_otherwise() {
        let values = [
            value(SettingName::EligibilityIncomeLimit, 40_000_000, 5),
            value(SettingName::AnswerWorkingDays, 7, 10),
            value(SettingName::Fee, 85_000, 10),
        ];
        assert_eq!(Terms::on(&values, day(4)), Terms::STARTING);
        let fifth = Terms::on(&values, day(5));
        assert_eq!(fifth.eligibility_income_limit, Money::from_pounds(400_000));
        assert_eq!(fifth.answer_working_days, 10);
        let tenth = Terms::on(&values, day(10));
        assert_eq!(tenth.answer_working_days, 7);
        assert_eq!(tenth.fee, Money::from_pounds(850));
        assert_eq!(tenth.bursary_income_limit, Money::from_pounds(150_000));
    }

    #[test]
    fn every_setting_round_trips_through_the_terms() {
        for &name in SettingName::ALL {
            let (least, most) = name.bounds();
            for v in [least, most] {
                assert_eq!(Terms::STARTING.with(name, v).value(name), v, "{name:?}");
            }
            assert!(
                (least..=most).contains(&Terms::STARTING.value(name)),
                "{name:?} starts within its bounds"
            );
        }
    }

    #[test]
    fn values_are_typed_as_people_write_them_and_kept_within_bounds() {
        use SettingName::*;
        assert_eq!(EligibilityIncomeLimit.parse("£400,000"), Ok(40_000_000));
        assert_eq!(BursaryIncomeLimit.parse("150k"), Ok(15_000_000));
        assert_eq!(Fee.parse("£0"), Ok(0));
        assert_eq!(Fee.parse("100000"), Ok(10_000_000));
        assert_eq!(
            Fee.parse("£100,000.01"),
            Err("Enter an amount from £0 to £100,000".into())
        );
        assert_eq!(
            EligibilityIncomeLimit.parse("0"),
            Err("Enter an amount from £1 to £10,000,000".into())
        );
        assert!(Fee.parse("lots").is_err());
        assert_eq!(AnswerWorkingDays.parse(" 10 "), Ok(10));
        assert_eq!(AnswerWorkingDays.parse("10 working days"), Ok(10));
        assert_eq!(AnswerWorkingDays.parse("10 Working Days"), Ok(10));
        assert_eq!(AnswerWorkingDays.parse("2"), Ok(2));
        assert_eq!(
            AnswerWorkingDays.parse("1"),
            Err("Enter a number of working days from 2 to 30".into())
        );
        assert_eq!(
            AnswerWorkingDays.parse("31"),
            Err("Enter a number of working days from 2 to 30".into())
        );
        assert_eq!(
            SessionsExpected.parse("five"),
            Err("Enter a whole number of sessions, like 5".into())
        );
        assert_eq!(SessionsExpected.parse("1 session"), Ok(1));
        assert_eq!(
            MonthsExpectedTo.parse("-3"),
            Err("Enter a whole number of months, like 8".into())
        );
        assert_eq!(MonthsExpectedTo.parse("24"), Ok(24));
        assert_eq!(
            MonthsExpectedTo.parse("25"),
            Err("Enter a number of months from 1 to 24".into())
        );
        assert_eq!(AvailabilityPauseDays.parse("730 days"), Ok(730));
        assert_eq!(
            AvailabilityConfirmDays.parse("6"),
            Err("Enter a number of days from 7 to 365".into())
        );
        assert_eq!(SupervisionLapseMonths.parse("1 month"), Ok(1));
        assert!(
            SupervisionLapseMonths
                .parse("99999999999999999999")
                .is_err()
        );
    }

    #[test]
    fn values_are_shown_in_their_units() {
        assert_eq!(SettingName::Fee.shown(80_000), "£800");
        assert_eq!(
            SettingName::EligibilityIncomeLimit.shown(50_000_000),
            "£500,000"
        );
        assert_eq!(SettingName::AnswerWorkingDays.shown(1), "1 working day");
        assert_eq!(SettingName::AvailabilityPauseDays.shown(90), "90 days");
        assert_eq!(SettingName::SupervisionLapseMonths.shown(4), "4 months");
        assert_eq!(SettingName::SessionsExpected.shown(5), "5 sessions");
    }

    #[test]
    fn the_programme_is_described_by_its_sessions_and_months() {
        assert_eq!(
            Terms::STARTING.sessions_over_months(""),
            "about 5 sessions over 5 to 8 months"
        );
        let one = Terms::STARTING
            .with(SettingName::SessionsExpected, 1)
            .with(SettingName::MonthsExpectedFrom, 8);
        assert_eq!(
            one.sessions_over_months("one-to-one "),
            "about 1 one-to-one session over 8 months"
        );
    }

    #[test]
    fn numbers_that_depend_on_each_other_may_not_disagree_on_any_day() {
        use SettingName::*;
        let values = [
            value(MonthsExpectedFrom, 5, 1),
            value(MonthsExpectedTo, 8, 1),
            value(AvailabilityConfirmDays, 60, 1),
            value(AvailabilityPauseDays, 90, 1),
            value(MonthsExpectedTo, 6, 20),
        ];
        assert_eq!(disagreement(&values, MonthsExpectedFrom, 6, day(10)), None);
        let later = disagreement(&values, MonthsExpectedFrom, 7, day(10)).expect("from the 20th");
        assert!(later.contains("from 20 January 2027"), "{later}");
        assert_eq!(
            disagreement(&values, MonthsExpectedFrom, 9, day(10)).as_deref(),
            Some("The shortest coaching expected would be longer than the longest")
        );
        assert_eq!(disagreement(&values, MonthsExpectedFrom, 6, day(25)), None);
        assert!(disagreement(&values, MonthsExpectedFrom, 7, day(25)).is_some());
        // Replacing the change already set for a day is judged without it.
        assert_eq!(disagreement(&values, MonthsExpectedTo, 9, day(20)), None);
        // A fortnight at least between asking and pausing.
        assert_eq!(
            disagreement(&values, AvailabilityConfirmDays, 76, day(1)),
            None
        );
        assert!(disagreement(&values, AvailabilityConfirmDays, 77, day(1)).is_some());
        assert_eq!(
            disagreement(&values, AvailabilityPauseDays, 74, day(1)),
            None
        );
        assert!(disagreement(&values, AvailabilityPauseDays, 73, day(1)).is_some());
        // The bursary limit at most the eligibility limit (the starting one, £500,000, here).
        assert_eq!(
            disagreement(&values, BursaryIncomeLimit, 50_000_000, day(1)),
            None
        );
        assert!(disagreement(&values, BursaryIncomeLimit, 50_000_001, day(1)).is_some());
        assert!(disagreement(&values, EligibilityIncomeLimit, 10_000_000, day(1)).is_some());
        assert!(disagreement(&values, AvailabilityPauseDays, 60, day(15)).is_some());
        // Other settings never disagree.
        assert_eq!(disagreement(&values, Fee, 0, day(1)), None);
    }
}

//! The one clock. Every rule with a date or a time takes "now" and "today" from here, and
//! "today" is the date in the UK (Europe/London, so British Summer Time counts), whatever the
//! server's own time zone or the database's. The server uses the system clock; tests set it
//! and move it on (`Clock::set_at`, `Clock::advance`).
//!
//! Pages and server functions reach it through the app state ([`now`], [`today`]); form
//! handlers through `form.state.clock`.

use chrono::{DateTime, NaiveDate, Utc};

#[cfg(feature = "ssr")]
pub use server::Clock;

/// Now, from the app's clock when serving (the system clock otherwise).
pub fn now() -> DateTime<Utc> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<crate::state::AppState>()
            .map(|state| state.clock.now())
            .unwrap_or_else(Utc::now)
    }
    #[cfg(not(feature = "ssr"))]
    {
        DateTime::<Utc>::default()
    }
}

/// Today in the UK, from the app's clock. Pages render on the server, so the browser's clock
/// never decides anything.
pub fn today() -> NaiveDate {
    #[cfg(feature = "ssr")]
    {
        uk_date(now())
    }
    #[cfg(not(feature = "ssr"))]
    {
        NaiveDate::default()
    }
}

/// The date in the UK at the instant `at`.
#[cfg(feature = "ssr")]
pub fn uk_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::London).date_naive()
}

/// In the browser only islands run, and none shows a stored instant: pages that do render on
/// the server. This keeps the time-zone database out of the WebAssembly.
#[cfg(not(feature = "ssr"))]
pub fn uk_date(at: DateTime<Utc>) -> NaiveDate {
    at.date_naive()
}

/// The instant it is `hour` o'clock on `date` in the UK.
#[cfg(feature = "ssr")]
pub fn uk_time(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour, 0, 0)
        .and_then(|time| {
            time.and_local_timezone(chrono_tz::Europe::London)
                .earliest()
        })
        .map(|time| time.with_timezone(&Utc))
        .unwrap_or_default()
}

/// The instants a UK calendar year runs between: from its first midnight in the UK to the
/// next year's, for finding what happened "in 2026" by a stored instant.
#[cfg(feature = "ssr")]
pub fn uk_year(year: i32) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .and_then(|time| {
                time.and_local_timezone(chrono_tz::Europe::London)
                    .earliest()
            })
            .map(|time| time.with_timezone(&Utc))
            .unwrap_or_default()
    };
    (midnight(year), midnight(year + 1))
}

#[cfg(feature = "ssr")]
mod server {
    use super::uk_date;
    use chrono::{DateTime, Datelike, NaiveDate, Utc};
    use std::sync::{Arc, Mutex};

    /// Where the time comes from: the system, or a time a test has set.
    #[derive(Clone, Debug, Default)]
    pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

    impl Clock {
        /// The system's clock: what the server uses.
        pub fn system() -> Clock {
            Clock(None)
        }

        /// A clock standing at `at` until it is moved: for tests.
        pub fn set_at(at: DateTime<Utc>) -> Clock {
            Clock(Some(Arc::new(Mutex::new(at))))
        }

        /// Moves a set clock on (or back); the system clock cannot be moved.
        pub fn advance(&self, by: chrono::Duration) {
            if let Some(time) = &self.0
                && let Ok(mut time) = time.lock()
            {
                *time += by;
            }
        }

        /// Sets a set clock to `at`.
        pub fn set(&self, at: DateTime<Utc>) {
            if let Some(time) = &self.0
                && let Ok(mut time) = time.lock()
            {
                *time = at;
            }
        }

        pub fn now(&self) -> DateTime<Utc> {
            match &self.0 {
                None => Utc::now(),
                Some(time) => time.lock().map(|t| *t).unwrap_or_else(|_| Utc::now()),
            }
        }

        /// Today in the UK.
        pub fn today(&self) -> NaiveDate {
            uk_date(self.now())
        }

        /// This year in the UK.
        pub fn year(&self) -> i32 {
            self.today().year()
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn ten_oclock_in_the_uk_is_nine_utc_in_summer_and_ten_in_winter() {
        assert_eq!(uk_time(date(2027, 7, 1), 10), at("2027-07-01T09:00:00Z"));
        assert_eq!(uk_time(date(2027, 1, 4), 10), at("2027-01-04T10:00:00Z"));
    }

    #[test]
    fn in_british_summer_time_the_uk_date_turns_an_hour_before_utc() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        assert_eq!(uk_date(at("2026-06-30T22:59:59Z")), date(2026, 6, 30));
        assert_eq!(uk_date(at("2026-06-30T23:00:00Z")), date(2026, 7, 1));
        assert_eq!(uk_date(at("2026-06-30T23:30:00Z")), date(2026, 7, 1));
    }

    #[test]
    fn in_greenwich_mean_time_the_uk_date_is_the_utc_date() {
        assert_eq!(uk_date(at("2026-12-31T23:30:00Z")), date(2026, 12, 31));
        assert_eq!(uk_date(at("2027-01-01T00:00:00Z")), date(2027, 1, 1));
    }

    #[test]
    fn the_clocks_change_on_the_last_sundays_of_march_and_october() {
        // 2026: BST from 01:00 UTC on 29 March to 01:00 UTC on 25 October.
        assert_eq!(
            uk_date(at("2026-03-28T23:30:00Z")),
            date(2026, 3, 28),
            "GMT still"
        );
        assert_eq!(
            uk_date(at("2026-03-29T23:30:00Z")),
            date(2026, 3, 30),
            "BST now"
        );
        assert_eq!(
            uk_date(at("2026-10-24T23:30:00Z")),
            date(2026, 10, 25),
            "BST still"
        );
        assert_eq!(
            uk_date(at("2026-10-25T23:30:00Z")),
            date(2026, 10, 25),
            "GMT again"
        );
    }

    #[test]
    fn a_uk_year_runs_from_midnight_to_midnight_in_the_uk() {
        // New Year falls in GMT, so the UK's year and UTC's start together.
        assert_eq!(
            uk_year(2027),
            (at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"))
        );
    }

    #[test]
    fn a_set_clock_stands_still_until_moved() {
        let clock = Clock::set_at(at("2026-06-30T22:30:00Z"));
        assert_eq!(clock.today(), date(2026, 6, 30));
        clock.advance(chrono::Duration::hours(1));
        assert_eq!(clock.now(), at("2026-06-30T23:30:00Z"));
        assert_eq!(clock.today(), date(2026, 7, 1));
        assert_eq!(clock.year(), 2026);
        clock.set(at("2027-01-01T00:00:00Z"));
        assert_eq!(clock.year(), 2027);
    }
}

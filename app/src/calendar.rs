//! Working days: the days a coach is given to answer a request are counted in them, skipping
//! weekends and the bank holidays of the leader's nation (from a table staff keep; see
//! `staff::bank_holidays`). Pure: the holidays come in as a set.

use crate::vocabulary::Region;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeSet;

crate::vocabulary::vocabulary! {
    /// The UK's nations as their bank holidays differ: Wales shares England's.
    Nation {
        EnglandAndWales => ("england-and-wales", "England and Wales"),
        Scotland => ("scotland", "Scotland"),
        NorthernIreland => ("northern-ireland", "Northern Ireland"),
    }
}

impl Nation {
    /// The nation whose bank holidays apply in `region`.
    pub const fn of(region: Region) -> Nation {
        match region {
            Region::Scotland => Nation::Scotland,
            Region::NorthernIreland => Nation::NorthernIreland,
            _ => Nation::EnglandAndWales,
        }
    }
}

/// Whether `date` is a working day: a weekday that is not one of `holidays`.
pub fn is_working_day(date: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&date)
}

/// The date `n` working days after `start` (not counting `start` itself): a request asked on a
/// Monday with 10 working days to answer, and no holidays, is due two Mondays later.
pub fn working_days_after(start: NaiveDate, n: u32, holidays: &BTreeSet<NaiveDate>) -> NaiveDate {
    step(start, n, holidays, |date| {
        date.checked_add_days(Days::new(1))
    })
}

/// The date `n` working days before `end`: when a reminder that many working days before a
/// deadline falls due.
pub fn working_days_before(end: NaiveDate, n: u32, holidays: &BTreeSet<NaiveDate>) -> NaiveDate {
    step(end, n, holidays, |date| date.checked_sub_days(Days::new(1)))
}

fn step(
    from: NaiveDate,
    n: u32,
    holidays: &BTreeSet<NaiveDate>,
    next: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> NaiveDate {
    let mut date = from;
    let mut counted = 0;
    while counted < n {
        match next(date) {
            Some(d) => date = d,
            None => return date,
        }
        if is_working_day(date, holidays) {
            counted += 1;
        }
    }
    date
}

/// The working days after `from` up to and including `to`: how many a coach has left on `from`
/// to answer by the end of `to` (0 when `to` is `from` or has passed).
pub fn working_days_until(from: NaiveDate, to: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|date| *date <= to)
        .filter(|date| is_working_day(*date, holidays))
        .fold(0, |n, _| n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn none() -> BTreeSet<NaiveDate> {
        BTreeSet::new()
    }

    #[test]
    fn ten_working_days_skip_two_weekends() {
        // Monday 7 December 2026 → Monday 21 December.
        assert_eq!(
            working_days_after(d(2026, 12, 7), 10, &none()),
            d(2026, 12, 21)
        );
        // Friday → the Friday two weeks on.
        assert_eq!(
            working_days_after(d(2026, 12, 4), 10, &none()),
            d(2026, 12, 18)
        );
        // Asked on a Saturday: counting starts on Monday.
        assert_eq!(
            working_days_after(d(2026, 12, 5), 1, &none()),
            d(2026, 12, 7)
        );
        assert_eq!(
            working_days_after(d(2026, 12, 5), 0, &none()),
            d(2026, 12, 5)
        );
    }

    #[test]
    fn bank_holidays_are_skipped_too() {
        // Christmas 2026 in England and Wales: Friday 25 and Monday 28 December.
        let christmas: BTreeSet<NaiveDate> = [d(2026, 12, 25), d(2026, 12, 28)].into();
        // Asked Monday 21 December: 22, 23, 24, 29, 30, 31 Dec, 1 Jan is not one here, 4, 5, 6 Jan.
        assert_eq!(
            working_days_after(d(2026, 12, 21), 10, &christmas),
            d(2027, 1, 6)
        );
        let with_new_year: BTreeSet<NaiveDate> =
            [d(2026, 12, 25), d(2026, 12, 28), d(2027, 1, 1)].into();
        assert_eq!(
            working_days_after(d(2026, 12, 21), 10, &with_new_year),
            d(2027, 1, 7)
        );
        assert!(!is_working_day(d(2026, 12, 25), &christmas));
        assert!(!is_working_day(d(2026, 12, 26), &none()), "a Saturday");
        assert!(is_working_day(d(2026, 12, 24), &christmas));
    }

    #[test]
    fn the_working_days_left_are_counted_to_the_deadline() {
        // Due Monday 21 December 2026.
        let due = d(2026, 12, 21);
        assert_eq!(working_days_until(d(2026, 12, 14), due, &none()), 5);
        assert_eq!(working_days_until(d(2026, 12, 18), due, &none()), 1);
        assert_eq!(
            working_days_until(d(2026, 12, 19), due, &none()),
            1,
            "a Saturday"
        );
        assert_eq!(working_days_until(due, due, &none()), 0);
        assert_eq!(
            working_days_until(d(2026, 12, 22), due, &none()),
            0,
            "passed"
        );
        let christmas: BTreeSet<NaiveDate> = [d(2026, 12, 25), d(2026, 12, 28)].into();
        assert_eq!(
            working_days_until(d(2026, 12, 24), d(2026, 12, 29), &christmas),
            1
        );
        // Each reminder date is exactly its number of working days before the deadline (always
        // a working day).
        for n in 1..=10 {
            for start in d(2026, 12, 1)
                .iter_days()
                .take(60)
                .filter(|day| is_working_day(*day, &christmas))
            {
                let reminder = working_days_before(start, n, &christmas);
                assert_eq!(
                    working_days_until(reminder, start, &christmas),
                    n,
                    "{start} {n}"
                );
            }
        }
    }

    #[test]
    fn reminders_count_back_from_the_deadline() {
        // Due Monday 21 December: 5 working days before is Monday 14th, 1 is Friday 18th.
        assert_eq!(
            working_days_before(d(2026, 12, 21), 5, &none()),
            d(2026, 12, 14)
        );
        assert_eq!(
            working_days_before(d(2026, 12, 21), 1, &none()),
            d(2026, 12, 18)
        );
        let christmas: BTreeSet<NaiveDate> = [d(2026, 12, 25), d(2026, 12, 28)].into();
        assert_eq!(
            working_days_before(d(2026, 12, 29), 1, &christmas),
            d(2026, 12, 24)
        );
    }

    #[test]
    fn each_region_has_its_nation() {
        assert_eq!(Nation::of(Region::Wales), Nation::EnglandAndWales);
        assert_eq!(Nation::of(Region::London), Nation::EnglandAndWales);
        assert_eq!(Nation::of(Region::Scotland), Nation::Scotland);
        assert_eq!(Nation::of(Region::NorthernIreland), Nation::NorthernIreland);
    }
}

//! The statistics the overview shows, and the rule that hides small numbers. Pure.
//!
//! Any figure describing fewer than [`FEWEST_SHOWN`] leaders is shown as "fewer than 5"
//! ([`Shown::FewerThanFive`]), wherever it appears: tables, charts, exports and `/impact`.

use serde::{Deserialize, Serialize};

/// The fewest leaders a figure may describe and be shown.
pub const FEWEST_SHOWN: u64 = 5;

/// What a suppressed figure reads as, everywhere.
pub const FEWER_THAN_FIVE: &str = "fewer than 5";

/// A figure as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Shown<T> {
    Value(T),
    /// It describes fewer than five leaders.
    FewerThanFive,
}

impl<T: Copy> Shown<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Shown::Value(v) => Some(v),
            Shown::FewerThanFive => None,
        }
    }
}

/// A count of leaders (or of their requests, engagements or answers).
pub fn count(n: u64) -> Shown<u64> {
    if n < FEWEST_SHOWN {
        Shown::FewerThanFive
    } else {
        Shown::Value(n)
    }
}

/// `part` of `whole` as a percentage: hidden when either describes fewer than five leaders
/// (a share of a small group, or a small share, would point at the people in it).
pub fn percentage(part: u64, whole: u64) -> Shown<f64> {
    if part < FEWEST_SHOWN || whole < FEWEST_SHOWN {
        Shown::FewerThanFive
    } else {
        Shown::Value(100.0 * part as f64 / whole as f64)
    }
}

/// The median of `values`: the middle one, or the mean of the two middle ones. Hidden for
/// fewer than five; `None` for none at all.
pub fn median(values: &mut [f64]) -> Shown<f64> {
    if (values.len() as u64) < FEWEST_SHOWN {
        return Shown::FewerThanFive;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Shown::Value(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

/// A mean change between two questionnaires of the same leaders, with its 95% confidence
/// interval (Student's t on the paired differences).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairedChange {
    /// Leaders who answered both.
    pub n: u64,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// The paired change from `differences` (later minus earlier, one per leader): hidden for
/// fewer than five leaders.
pub fn paired_change(differences: &[f64]) -> Shown<PairedChange> {
    let n = differences.len() as u64;
    if n < FEWEST_SHOWN {
        return Shown::FewerThanFive;
    }
    let count = differences.len() as f64;
    let mean = differences.iter().sum::<f64>() / count;
    let variance = differences.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (count - 1.0);
    let half_width = t_975(n - 1) * (variance / count).sqrt();
    Shown::Value(PairedChange {
        n,
        mean,
        low: mean - half_width,
        high: mean + half_width,
    })
}

/// Student's t distribution's 97.5th percentile (two-sided 95%) for `df` degrees of freedom:
/// the published table to 30, then interpolated in 1/df between its entries for 40, 50, 60,
/// 80, 100, 120 and infinity.
pub fn t_975(df: u64) -> f64 {
    const TO_30: [f64; 30] = [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
        2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
        2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
        2.048407, 2.045230, 2.042272,
    ];
    const BEYOND: [(u64, f64); 6] = [
        (30, 2.042272),
        (40, 2.021075),
        (50, 2.008559),
        (60, 2.000298),
        (80, 1.990063),
        (100, 1.983972),
    ];
    const AT_120: f64 = 1.979930;
    const NORMAL: f64 = 1.959964;
    match df {
        0 => f64::NAN,
        1..=30 => TO_30[(df - 1) as usize],
        _ => {
            let between = |(df0, t0): (u64, f64), (df1, t1): (u64, f64)| {
                let (x0, x1, x) = (1.0 / df0 as f64, 1.0 / df1 as f64, 1.0 / df as f64);
                t0 + (t1 - t0) * (x - x0) / (x1 - x0)
            };
            if let Some(pair) = BEYOND.windows(2).find(|w| df > w[0].0 && df <= w[1].0) {
                return between(pair[0], pair[1]);
            }
            if df <= 120 {
                return between(BEYOND[5], (120, AT_120));
            }
            // 1/df from 1/120 down to 0 (infinity).
            let x = 1.0 / df as f64;
            NORMAL + (AT_120 - NORMAL) * x * 120.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn counts_under_five_are_hidden_and_five_is_shown() {
        assert_eq!(count(0), Shown::FewerThanFive);
        assert_eq!(count(4), Shown::FewerThanFive);
        assert_eq!(count(5), Shown::Value(5));
        assert_eq!(count(1234), Shown::Value(1234));
    }

    #[test]
    fn a_percentage_is_hidden_when_its_part_or_whole_is_under_five() {
        assert_eq!(percentage(4, 100), Shown::FewerThanFive);
        assert_eq!(percentage(4, 4), Shown::FewerThanFive);
        assert_eq!(percentage(0, 100), Shown::FewerThanFive);
        assert_eq!(percentage(5, 20), Shown::Value(25.0));
        assert_eq!(percentage(5, 5), Shown::Value(100.0));
    }

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0, 2.0, 4.0]), Shown::Value(3.0));
        assert_eq!(
            median(&mut [1.0, 2.0, 3.0, 4.0, 10.0, 7.0]),
            Shown::Value(3.5)
        );
        assert_eq!(median(&mut [1.0, 2.0, 3.0, 4.0]), Shown::FewerThanFive);
        assert_eq!(median(&mut []), Shown::FewerThanFive);
    }

    #[test]
    fn a_paired_change_has_its_mean_and_95_percent_interval() {
        // Differences 2, 4, 6, 8, 10: mean 6, sample sd √10, se √2, t(4) 2.776445.
        let Shown::Value(change) = paired_change(&[2.0, 4.0, 6.0, 8.0, 10.0]) else {
            panic!("five leaders are shown");
        };
        assert_eq!(change.n, 5);
        assert!(close(change.mean, 6.0));
        let half = 2.776445 * 2f64.sqrt();
        assert!(close(change.low, 6.0 - half), "{}", change.low);
        assert!(close(change.high, 6.0 + half), "{}", change.high);
        // No spread: the interval is the mean itself.
        let Shown::Value(same) = paired_change(&[-1.0; 6]) else {
            panic!("shown");
        };
        assert!(close(same.low, -1.0) && close(same.high, -1.0));
        assert_eq!(paired_change(&[1.0, 2.0, 3.0, 4.0]), Shown::FewerThanFive);
    }

    #[test]
    fn t_follows_the_published_table_and_tends_to_the_normal() {
        assert!(close(t_975(1), 12.706205));
        assert!(close(t_975(4), 2.776445));
        assert!(close(t_975(30), 2.042272));
        assert!(close(t_975(40), 2.021075));
        assert!(close(t_975(60), 2.000298));
        assert!(close(t_975(120), 1.979930));
        // Between the table's entries, within its last decimal of the exact value (2.014103).
        assert!((t_975(45) - 2.014103).abs() < 5e-4, "{}", t_975(45));
        assert!((t_975(1000) - 1.962339).abs() < 5e-4, "{}", t_975(1000));
        let mut last = f64::INFINITY;
        for df in 1..2000 {
            let t = t_975(df);
            assert!(
                t < last && t > 1.959964,
                "decreasing towards the normal at {df}"
            );
            last = t;
        }
    }
}

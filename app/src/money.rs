//! Amounts of money in pounds sterling, held as whole pence so that no rounding ever happens.
//!
//! [`Money::parse`] accepts what people type into an income box (`£120,000`, `120000`,
//! `120,000.50`, `120k`, `1.2m`) and refuses everything else with a [`MoneyError`] whose message
//! tells the person what to type instead.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in pounds sterling. Never negative, never more than [`Money::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Money {
    pence: u64,
}

/// Why some text is not an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("Enter an amount")]
    Empty,
    #[error("The amount cannot be negative")]
    Negative,
    #[error("Enter the amount as a number, like £120,000, 120k or 1.2m")]
    NotAnAmount,
    #[error("Enter pence with no more than two decimal places, like 120,000.50")]
    TooManyDecimalPlaces,
    #[error("Enter an amount under £1 trillion")]
    TooLarge,
}

impl Money {
    /// £1 trillion: far beyond any organisation Cascade serves, far below `u64` overflow.
    pub const MAX: Money = Money {
        pence: 1_000_000_000_000 * 100,
    };
    pub const ZERO: Money = Money { pence: 0 };

    pub const fn from_pounds(pounds: u64) -> Money {
        Money {
            pence: pounds * 100,
        }
    }

    pub fn from_pence(pence: u64) -> Result<Money, MoneyError> {
        if pence > Money::MAX.pence {
            Err(MoneyError::TooLarge)
        } else {
            Ok(Money { pence })
        }
    }

    pub const fn pence(self) -> u64 {
        self.pence
    }

    /// Parses an amount the way people write it.
    ///
    /// A leading `£` is optional; thousands may be grouped with commas (`120,000`, checked: `1,20`
    /// is refused); up to two decimal places are allowed; a trailing `k` or `m` (either case,
    /// optionally after a space) multiplies by a thousand or a million, and the result must still
    /// be whole pence (`1.2m` is fine, `1.234567k` is not).
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        let text = text.strip_prefix('£').unwrap_or(text).trim_start();
        // Negative amounts get their own message, whichever side of the £ the sign was typed.
        if text.starts_with(['-', '−']) || input.trim().starts_with(['-', '−']) {
            return Err(MoneyError::Negative);
        }
        let (number, multiplier) = split_suffix(text);
        let decimal = Decimal::parse(number.trim_end())?;
        decimal.scaled_to_pence(multiplier)
    }
}

/// Splits a trailing `k` or `m` off the number, returning the multiplier in pounds.
fn split_suffix(text: &str) -> (&str, u64) {
    match text.char_indices().next_back() {
        Some((i, 'k' | 'K')) => (&text[..i], 1_000),
        Some((i, 'm' | 'M')) => (&text[..i], 1_000_000),
        _ => (text, 1),
    }
}

/// A non-negative decimal number as typed: its digits without the point, and how many of them
/// came after the point.
struct Decimal {
    digits: u128,
    decimal_places: u32,
}

impl Decimal {
    fn parse(text: &str) -> Result<Decimal, MoneyError> {
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (text, None),
        };
        if !is_grouped_whole_number(whole) {
            return Err(MoneyError::NotAnAmount);
        }
        let fraction = fraction.unwrap_or("");
        if text.contains('.')
            && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(MoneyError::NotAnAmount);
        }
        if whole.is_empty() && fraction.is_empty() {
            return Err(MoneyError::NotAnAmount);
        }
        let mut digits: u128 = 0;
        for b in whole
            .bytes()
            .chain(fraction.bytes())
            .filter(u8::is_ascii_digit)
        {
            digits = digits
                .checked_mul(10)
                .and_then(|d| d.checked_add(u128::from(b - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        let decimal_places = u32::try_from(fraction.len()).map_err(|_| MoneyError::TooLarge)?;
        Ok(Decimal {
            digits,
            decimal_places,
        })
    }

    /// `digits / 10^decimal_places × multiplier` pounds, in whole pence.
    fn scaled_to_pence(&self, multiplier_pounds: u64) -> Result<Money, MoneyError> {
        // More than 38 decimal places cannot be whole pence for any multiplier we accept.
        let divisor = 10u128
            .checked_pow(self.decimal_places)
            .ok_or(MoneyError::TooManyDecimalPlaces)?;
        let hundredths = self
            .digits
            .checked_mul(u128::from(multiplier_pounds) * 100)
            .ok_or(MoneyError::TooLarge)?;
        if hundredths % divisor != 0 {
            return Err(MoneyError::TooManyDecimalPlaces);
        }
        let pence = u64::try_from(hundredths / divisor).map_err(|_| MoneyError::TooLarge)?;
        Money::from_pence(pence)
    }
}

/// Digits, optionally grouped in threes by commas (`1,234,567`). Empty is allowed (`.5`).
fn is_grouped_whole_number(text: &str) -> bool {
    if !text.contains(',') {
        return text.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = text.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A whole number with its thousands grouped: `120000` as `120,000`.
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

impl fmt::Display for Money {
    /// `£120,000`, or `£120,000.50` when there are pence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pence = self.pence % 100;
        let grouped = grouped(self.pence / 100);
        if pence == 0 {
            write!(f, "£{grouped}")
        } else {
            write!(f, "£{grouped}.{pence:02}")
        }
    }
}

impl TryFrom<u64> for Money {
    type Error = MoneyError;
    fn try_from(pence: u64) -> Result<Self, Self::Error> {
        Money::from_pence(pence)
    }
}

impl From<Money> for u64 {
    fn from(money: Money) -> u64 {
        money.pence
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pounds(p: u64) -> Money {
        Money::from_pounds(p)
    }

    #[test]
    fn accepts_what_people_type() {
        let cases = [
            ("£120,000", pounds(120_000)),
            ("120000", pounds(120_000)),
            ("120,000", pounds(120_000)),
            ("120,000.50", Money { pence: 12_000_050 }),
            ("120k", pounds(120_000)),
            ("120K", pounds(120_000)),
            ("120 k", pounds(120_000)),
            ("1.2m", pounds(1_200_000)),
            ("1.2M", pounds(1_200_000)),
            ("£1.2m", pounds(1_200_000)),
            ("  £ 45,500  ", pounds(45_500)),
            ("0", Money::ZERO),
            ("0.5", Money { pence: 50 }),
            (".5", Money { pence: 50 }),
            ("149,999", pounds(149_999)),
            ("1,234,567.89", Money { pence: 123_456_789 }),
            ("1.25k", pounds(1_250)),
            ("1.23456m", Money { pence: 123_456_000 }),
            ("1.00001k", Money { pence: 100_001 }),
            ("499999.99", Money { pence: 49_999_999 }),
        ];
        for (text, expected) in cases {
            assert_eq!(Money::parse(text), Ok(expected), "parsing {text:?}");
        }
    }

    #[test]
    fn refuses_everything_else_with_a_specific_reason() {
        let cases = [
            ("", MoneyError::Empty),
            ("   ", MoneyError::Empty),
            ("-5", MoneyError::Negative),
            ("£-5", MoneyError::Negative),
            ("-£5,000", MoneyError::Negative),
            ("−5", MoneyError::Negative),
            ("about 100k", MoneyError::NotAnAmount),
            ("a hundred thousand", MoneyError::NotAnAmount),
            ("£", MoneyError::NotAnAmount),
            ("k", MoneyError::NotAnAmount),
            ("12,00", MoneyError::NotAnAmount),
            ("1,2000", MoneyError::NotAnAmount),
            (",000", MoneyError::NotAnAmount),
            ("1000,", MoneyError::NotAnAmount),
            ("120.", MoneyError::NotAnAmount),
            ("1.2.3", MoneyError::NotAnAmount),
            ("12e3", MoneyError::NotAnAmount),
            ("120kk", MoneyError::NotAnAmount),
            ("$120", MoneyError::NotAnAmount),
            ("120 000", MoneyError::NotAnAmount),
            ("1.234", MoneyError::TooManyDecimalPlaces),
            ("1.234567k", MoneyError::TooManyDecimalPlaces),
            ("1000000000001", MoneyError::TooLarge),
            (
                "99999999999999999999999999999999999999999",
                MoneyError::TooLarge,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Money::parse(text), Err(expected), "parsing {text:?}");
        }
    }

    #[test]
    fn the_largest_amount_is_accepted_and_one_penny_more_is_not() {
        assert_eq!(Money::parse("1,000,000,000,000"), Ok(Money::MAX));
        assert_eq!(Money::parse("1000000000000.01"), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::from_pence(Money::MAX.pence() + 1),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn displays_pounds_with_grouping_and_pence_only_when_present() {
        assert_eq!(pounds(0).to_string(), "£0");
        assert_eq!(pounds(800).to_string(), "£800");
        assert_eq!(pounds(1_000).to_string(), "£1,000");
        assert_eq!(pounds(150_000).to_string(), "£150,000");
        assert_eq!(pounds(1_200_000).to_string(), "£1,200,000");
        assert_eq!(Money { pence: 12_000_050 }.to_string(), "£120,000.50");
        assert_eq!(Money { pence: 5 }.to_string(), "£0.05");
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC*") {
            let _ = Money::parse(&text);
        }

        #[test]
        fn parsing_money_shaped_text_never_panics(text in "[£ -]{0,2}[0-9,.]{0,24}[kKmM ]{0,2}") {
            let _ = Money::parse(&text);
        }

        #[test]
        fn display_round_trips(pence in 0..=Money::MAX.pence()) {
            let money = Money { pence };
            prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }

        #[test]
        fn plain_pounds_round_trip(pounds in 0..=1_000_000_000_000u64) {
            prop_assert_eq!(Money::parse(&pounds.to_string()), Ok(Money::from_pounds(pounds)));
        }

        #[test]
        fn thousands_suffix_means_a_thousand_pounds(thousands in 0..=1_000_000_000u64) {
            prop_assert_eq!(
                Money::parse(&format!("{thousands}k")),
                Ok(Money::from_pounds(thousands * 1_000))
            );
        }
    }
}

//! Conflicts of interest: a coach declares the organisations they must not coach (their
//! employer, boards they sit on, direct competitors), by name and optionally by charity or
//! company number. A leader's organisation matches one when the numbers agree, or, without two
//! numbers to compare, when the names do once "The", "Ltd", punctuation and case are set aside.

/// Words that do not tell one organisation from another.
/// ("UK" is kept: "Carers UK" and "Carers" are not the same.)
const IGNORED_WORDS: [&str; 10] = [
    "the", "ltd", "limited", "cic", "cio", "plc", "llp", "inc", "co", "company",
];

/// An organisation's name as matching compares it: lower case, letters and digits only, "&"
/// read as "and", and [`IGNORED_WORDS`] left out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrganisationKey(String);

impl OrganisationKey {
    /// `None` when nothing distinctive is left (a name of only "The Ltd", say), so that it
    /// matches nothing rather than everything.
    pub fn of(name: &str) -> Option<OrganisationKey> {
        let spaced: String = name
            .replace('&', " and ")
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else if c == '\'' || c == '’' || c == '.' {
                    // "St. John's" is "st johns", not "st john s".
                    '\u{0}'
                } else {
                    ' '
                }
            })
            .filter(|c| *c != '\u{0}')
            .collect();
        let words: Vec<&str> = spaced
            .split_whitespace()
            .filter(|w| !IGNORED_WORDS.contains(w))
            .collect();
        (!words.is_empty()).then(|| OrganisationKey(words.join(" ")))
    }
}

/// A charity or company number as matching compares it: letters and digits only, upper case,
/// and an all-digit number without its leading zeros ("01234567" is "1234567").
pub fn registration_key(number: &str) -> Option<String> {
    let compact: String = number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let key = if compact.chars().all(|c| c.is_ascii_digit()) {
        compact.trim_start_matches('0').to_string()
    } else {
        compact
    };
    (!key.is_empty()).then_some(key)
}

/// An organisation as a leader gave it or a coach declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Organisation<'a> {
    pub name: &'a str,
    pub number: Option<&'a str>,
}

/// Whether two organisations are the same: by number when both have one, else by name.
pub fn same_organisation(a: Organisation<'_>, b: Organisation<'_>) -> bool {
    match (
        a.number.and_then(registration_key),
        b.number.and_then(registration_key),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => match (OrganisationKey::of(a.name), OrganisationKey::of(b.name)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Organisation<'_> {
        Organisation { name, number: None }
    }

    #[test]
    fn names_match_whatever_their_the_ltd_punctuation_and_case() {
        for (a, b) in [
            ("Hollowmere Carers", "hollowmere carers"),
            ("The Hollowmere Carers", "Hollowmere Carers Ltd"),
            ("Hollowmere Carers Limited", "HOLLOWMERE CARERS."),
            ("St. John's Wellbeing Trust", "St Johns Wellbeing Trust"),
            ("Carers & Families Network", "Carers and Families Network"),
            ("Hollowmere-Carers (CIC)", "Hollowmere Carers"),
            ("  Mind   in  Leeds ", "Mind in Leeds"),
        ] {
            assert!(same_organisation(named(a), named(b)), "{a} = {b}");
        }
    }

    #[test]
    fn different_names_do_not_match_and_empty_names_match_nothing() {
        for (a, b) in [
            ("Hollowmere Carers", "Hollowmere Carers Network"),
            ("Mind in Leeds", "Mind in Bradford"),
            ("Carers Trust", "Carers UK Trust Wales"),
            ("Carers UK", "Carers"),
            ("The Ltd", "Limited"),
            ("", ""),
        ] {
            assert!(!same_organisation(named(a), named(b)), "{a} ≠ {b}");
        }
        assert_eq!(OrganisationKey::of("The Ltd"), None);
    }

    #[test]
    fn numbers_decide_when_both_are_given() {
        let with = |name, number| Organisation {
            name,
            number: Some(number),
        };
        // The same number under another name: the same organisation.
        assert!(same_organisation(
            with("Hollowmere Carers", "1123456"),
            with("HC Network", " 1123 456 ")
        ));
        assert!(same_organisation(
            with("A", "01234567"),
            with("B", "1234567")
        ));
        assert!(same_organisation(
            with("A", "sc012345"),
            with("B", "SC012345")
        ));
        // The same name under two numbers: two branches, not one organisation.
        assert!(!same_organisation(
            with("Mind", "1111111"),
            with("Mind", "2222222")
        ));
        // One number only: the names decide.
        assert!(same_organisation(
            with("Hollowmere Carers", "1123456"),
            named("The Hollowmere Carers")
        ));
        assert!(same_organisation(
            with("Hollowmere Carers", "  "),
            with("hollowmere carers", "1123456")
        ));
    }

    #[test]
    fn registration_numbers_compare_without_spaces_case_or_leading_zeros() {
        assert_eq!(registration_key(" 0012 3456 "), Some("123456".into()));
        assert_eq!(registration_key("sc-012345"), Some("SC012345".into()));
        assert_eq!(registration_key(" - "), None);
        assert_eq!(registration_key("0000"), None);
    }
}

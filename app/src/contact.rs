//! How to reach a person: email addresses and UK phone numbers, parsed once at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An email address that looks deliverable: one `@`, a local part, and a domain with a dot.
/// The domain is lower-cased; the local part is kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

pub const EMAIL_MESSAGE: &str =
    "Enter an email address in the correct format, like name@example.org";

impl EmailAddress {
    pub fn parse(text: &str) -> Result<EmailAddress, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter an email address");
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err(EMAIL_MESSAGE);
        };
        let domain_ok = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"".contains(c));
        if text.len() > 254 || !domain_ok || !local_ok {
            return Err(EMAIL_MESSAGE);
        }
        Ok(EmailAddress(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        EmailAddress::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> String {
        email.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A `mailto:` address for `email` that opens a message to that address and nothing more: every
/// character a `mailto:` URL gives a meaning to (`?` starts headers such as `cc`, `&`, `%`, `#`,
/// `/`) is percent-encoded, so an address like `x?cc=someone@else.example` stays one address.
/// (Form encoding writes a space as `+`, but an address has no spaces.)
pub fn mailto_href(email: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(email.as_bytes()).collect();
    format!("mailto:{encoded}")
}

/// A UK phone number, stored as its digits with the leading 0 (`07700900982`), whatever
/// spaces, brackets or `+44` it was typed with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

pub const PHONE_MESSAGE: &str = "Enter a UK phone number, like 01632 960 001 or 07700 900 982";

impl PhoneNumber {
    pub fn parse(text: &str) -> Result<PhoneNumber, &'static str> {
        let trimmed = text.trim();
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || " -()+".contains(c)))
        {
            return Err(PHONE_MESSAGE);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = if trimmed.starts_with('+') {
            match digits.strip_prefix("44") {
                Some(rest) => format!("0{}", rest.strip_prefix('0').unwrap_or(rest)),
                None => return Err(PHONE_MESSAGE),
            }
        } else {
            digits
        };
        if national.starts_with('0') && (10..=11).contains(&national.len()) {
            Ok(PhoneNumber(national))
        } else {
            Err(PHONE_MESSAGE)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailto_link_carries_the_address_and_nothing_else() {
        assert_eq!(mailto_href("jo@example.org"), "mailto:jo%40example.org");
        assert_eq!(
            mailto_href("x/?cc=evil%40attacker.example&body=hi@example.org"),
            "mailto:x%2F%3Fcc%3Devil%2540attacker.example%26body%3Dhi%40example.org"
        );
        assert_eq!(
            mailto_href("o'neil+cascade@example.org"),
            "mailto:o%27neil%2Bcascade%40example.org"
        );
        assert_eq!(mailto_href("a#b@example.org"), "mailto:a%23b%40example.org");
    }

    use proptest::prelude::*;

    #[test]
    fn accepts_ordinary_email_addresses() {
        for (typed, stored) in [
            ("amara@example.org", "amara@example.org"),
            (
                "  Amara.Okafor+cascade@Example.ORG ",
                "Amara.Okafor+cascade@example.org",
            ),
            ("o'neill@charity.org.uk", "o'neill@charity.org.uk"),
        ] {
            assert_eq!(
                EmailAddress::parse(typed).map(String::from),
                Ok(stored.to_string())
            );
        }
    }

    #[test]
    fn refuses_what_cannot_be_an_email_address() {
        assert_eq!(EmailAddress::parse(""), Err("Enter an email address"));
        for typed in [
            "amara",
            "amara@",
            "@example.org",
            "amara@example",
            "amara@@example.org",
            "am ara@example.org",
            "amara@exa mple.org",
            "amara@example..org",
            "amara@-example.org",
            ".amara@example.org",
            "a..b@example.org",
        ] {
            assert_eq!(EmailAddress::parse(typed), Err(EMAIL_MESSAGE), "{typed}");
        }
        assert!(EmailAddress::parse(&format!("{}@example.org", "a".repeat(65))).is_err());
    }

    #[test]
    fn accepts_uk_phone_numbers_however_they_are_typed() {
        for (typed, stored) in [
            ("07700 900982", "07700900982"),
            ("+44 7700 900982", "07700900982"),
            ("+44 (0)7700 900982", "07700900982"),
            ("(01632) 960-001", "01632960001"),
            ("0113 496 0000", "01134960000"),
        ] {
            assert_eq!(
                PhoneNumber::parse(typed).map(String::from),
                Ok(stored.to_string()),
                "{typed}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_uk_phone_number() {
        for typed in [
            "",
            "12345",
            "7700 900982",
            "+1 202 555 0100",
            "07700 900982 ext 4",
            "0770090098212",
        ] {
            assert_eq!(PhoneNumber::parse(typed), Err(PHONE_MESSAGE), "{typed}");
        }
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC*") {
            let _ = EmailAddress::parse(&text);
            let _ = PhoneNumber::parse(&text);
        }

        #[test]
        fn parsed_values_parse_again_to_themselves(local in "[a-z0-9.+_-]{1,20}", domain in "[a-z0-9]{1,10}\\.[a-z]{2,6}") {
            if let Ok(email) = EmailAddress::parse(&format!("{local}@{domain}")) {
                prop_assert_eq!(EmailAddress::parse(email.as_str()), Ok(email.clone()));
            }
        }
    }
}

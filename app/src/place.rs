//! Where an organisation or coach is: UK postcodes and postcode areas.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Every UK postcode area (the letters at the start of a postcode), Crown Dependencies included.
const POSTCODE_AREAS: [&str; 126] = [
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
    "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD",
    "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
    "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK",
    "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
    "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// The letters at the start of a UK postcode, like `LS` or `B`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostcodeArea(String);

impl PostcodeArea {
    pub fn parse(text: &str) -> Result<PostcodeArea, &'static str> {
        let area = text.trim().to_ascii_uppercase();
        if POSTCODE_AREAS.contains(&area.as_str()) {
            Ok(PostcodeArea(area))
        } else {
            Err(
                "Enter a UK postcode area: the one or two letters at the start of a postcode, like LS or B",
            )
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostcodeArea {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PostcodeArea::parse(&value)
    }
}

impl From<PostcodeArea> for String {
    fn from(area: PostcodeArea) -> String {
        area.0
    }
}

impl fmt::Display for PostcodeArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A full UK postcode, stored in its usual form: upper case, one space before the last three
/// characters (`LS1 4AP`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

pub const POSTCODE_MESSAGE: &str = "Enter a full UK postcode, like LS1 4AP";

impl Postcode {
    pub fn parse(text: &str) -> Result<Postcode, &'static str> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
            return Err(POSTCODE_MESSAGE);
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let inward_ok = {
            let b = inward.as_bytes();
            b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
        };
        if !inward_ok || !outward_ok(outward) {
            return Err(POSTCODE_MESSAGE);
        }
        Ok(Postcode(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn area(&self) -> PostcodeArea {
        let letters: String = self
            .0
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        PostcodeArea(letters)
    }
}

/// The outward code: a known area, then a district of one or two digits, or a digit and a letter.
fn outward_ok(outward: &str) -> bool {
    let letters = outward
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let (area, district) = outward.split_at(letters);
    if !POSTCODE_AREAS.contains(&area) {
        return false;
    }
    let d = district.as_bytes();
    match d {
        [a] => a.is_ascii_digit(),
        [a, b] => a.is_ascii_digit() && (b.is_ascii_digit() || b.is_ascii_alphabetic()),
        _ => false,
    }
}

impl TryFrom<String> for Postcode {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Postcode::parse(&value)
    }
}

impl From<Postcode> for String {
    fn from(postcode: Postcode) -> String {
        postcode.0
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_shape_of_uk_postcode() {
        for (typed, stored) in [
            ("LS1 4AP", "LS1 4AP"),
            ("ls14ap", "LS1 4AP"),
            ("  m1 1ae ", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 1HQ", "W1A 1HQ"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("BT7 1NN", "BT7 1NN"),
            ("CF10 1EP", "CF10 1EP"),
        ] {
            assert_eq!(
                Postcode::parse(typed).map(|p| p.to_string()),
                Ok(stored.to_string()),
                "{typed}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_uk_postcode() {
        for typed in [
            "",
            "LS1",
            "LS1 4A",
            "XX1 4AP",
            "LS1 AAP",
            "LS123 4AP",
            "12345",
            "LS1 4AP X",
            "ŁS1 4AP",
        ] {
            assert_eq!(Postcode::parse(typed), Err(POSTCODE_MESSAGE), "{typed}");
        }
    }

    #[test]
    fn a_postcode_knows_its_area() {
        assert_eq!(
            Postcode::parse("EC1A 1BB").map(|p| p.area().to_string()),
            Ok("EC".to_string())
        );
        assert_eq!(
            Postcode::parse("B1 1AA").map(|p| p.area().to_string()),
            Ok("B".to_string())
        );
    }

    #[test]
    fn postcode_areas_are_checked_against_the_list() {
        assert_eq!(
            PostcodeArea::parse("ls").map(|a| a.to_string()),
            Ok("LS".to_string())
        );
        assert!(PostcodeArea::parse("ZZ").is_err());
        assert!(PostcodeArea::parse("").is_err());
        let mut areas = POSTCODE_AREAS.to_vec();
        areas.sort_unstable();
        areas.dedup();
        assert_eq!(areas.len(), POSTCODE_AREAS.len());
    }
}

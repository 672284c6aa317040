//! Where an organisation or coach is: UK postcodes and postcode areas.

use crate::vocabulary::Region;
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

/// The region each postcode area lies in (most of it, where an area crosses a border: CH is
/// counted with Chester, SY with Shrewsbury, TD with the Scottish Borders, DN with Doncaster).
/// `None` for the Crown Dependencies (GY, JE, IM) and the areas with no place (BF, BX).
fn region_of(area: &str) -> Option<Region> {
    use Region::*;
    Some(match area {
        "NE" | "SR" | "DH" | "DL" | "TS" => NorthEast,
        "CA" | "LA" | "FY" | "PR" | "BB" | "BL" | "OL" | "M" | "SK" | "WA" | "WN" | "L" | "CH"
        | "CW" => NorthWest,
        "YO" | "HG" | "LS" | "BD" | "HX" | "HD" | "WF" | "S" | "DN" | "HU" => YorkshireAndTheHumber,
        "DE" | "NG" | "LE" | "LN" | "NN" => EastMidlands,
        "B" | "CV" | "DY" | "ST" | "TF" | "WS" | "WV" | "WR" | "HR" | "SY" => WestMidlands,
        "AL" | "CB" | "CM" | "CO" | "IP" | "LU" | "NR" | "PE" | "SG" | "SS" | "WD" => EastOfEngland,
        "E" | "EC" | "N" | "NW" | "SE" | "SW" | "W" | "WC" | "BR" | "CR" | "DA" | "EN" | "HA"
        | "IG" | "KT" | "RM" | "SM" | "TW" | "UB" => London,
        "BN" | "CT" | "GU" | "HP" | "ME" | "MK" | "OX" | "PO" | "RG" | "RH" | "SL" | "SO"
        | "TN" => SouthEast,
        "BA" | "BH" | "BS" | "DT" | "EX" | "GL" | "PL" | "SN" | "SP" | "TA" | "TQ" | "TR" => {
            SouthWest
        }
        "CF" | "LD" | "LL" | "NP" | "SA" => Wales,
        "AB" | "DD" | "DG" | "EH" | "FK" | "G" | "HS" | "IV" | "KA" | "KW" | "KY" | "ML" | "PA"
        | "PH" | "TD" | "ZE" => Scotland,
        "BT" => NorthernIreland,
        _ => return None,
    })
}

impl PostcodeArea {
    /// The region the area lies in (see [`region_of`]).
    pub fn region(&self) -> Option<Region> {
        region_of(&self.0)
    }

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

    pub fn district(&self) -> PostcodeDistrict {
        PostcodeDistrict(self.0.split(' ').next().unwrap_or_default().to_string())
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

/// A postcode district: the outward code, the part before the space (`CF10`, `LS6`, `EC1A`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostcodeDistrict(String);

impl PostcodeDistrict {
    pub fn parse(text: &str) -> Result<PostcodeDistrict, String> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_ascii() && outward_ok(&compact) {
            Ok(PostcodeDistrict(compact))
        } else {
            Err(format!(
                "“{}” is not a postcode district: give the part before the space, like CF10 or LS6",
                text.trim()
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostcodeDistrict {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PostcodeDistrict::parse(&value)
    }
}

impl From<PostcodeDistrict> for String {
    fn from(value: PostcodeDistrict) -> String {
        value.0
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

    #[test]
    fn every_postcode_area_with_a_place_has_a_region() {
        let without: Vec<&str> = POSTCODE_AREAS
            .iter()
            .copied()
            .filter(|area| region_of(area).is_none())
            .collect();
        assert_eq!(without, ["BF", "BX", "GY", "IM", "JE"]);
        for (area, region) in [
            ("CF", Region::Wales),
            ("LL", Region::Wales),
            ("EH", Region::Scotland),
            ("TD", Region::Scotland),
            ("BT", Region::NorthernIreland),
            ("LS", Region::YorkshireAndTheHumber),
            ("E", Region::London),
            ("B", Region::WestMidlands),
            ("NE", Region::NorthEast),
            ("M", Region::NorthWest),
            ("NG", Region::EastMidlands),
            ("CB", Region::EastOfEngland),
            ("BN", Region::SouthEast),
            ("EX", Region::SouthWest),
        ] {
            assert_eq!(
                PostcodeArea::parse(area).ok().and_then(|a| a.region()),
                Some(region),
                "{area}"
            );
        }
        // Every region has at least one area.
        for region in Region::ALL {
            assert!(
                POSTCODE_AREAS.iter().any(|a| region_of(a) == Some(*region)),
                "{region:?}"
            );
        }
    }
}

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a leader quotes about their request: `CL-2026-000123` (the year it was made, then a
/// number that only grows).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reference(String);

impl Reference {
    pub fn parse(text: &str) -> Option<Reference> {
        let mut parts = text.trim().split('-');
        let ok = parts.next() == Some("CL")
            && parts
                .next()
                .is_some_and(|year| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
            && parts.next().is_some_and(|n| {
                n.len() >= 6 && n.len() <= 12 && n.bytes().all(|b| b.is_ascii_digit())
            })
            && parts.next().is_none();
        ok.then(|| Reference(text.trim().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_have_a_year_and_a_number() {
        assert!(Reference::parse("CL-2026-000123").is_some());
        assert!(Reference::parse("CL-2026-1234567").is_some());
        for bad in [
            "",
            "CL-26-000123",
            "XX-2026-000123",
            "CL-2026-123",
            "CL-2026-000123-1",
            "CL-2026-00012a",
        ] {
            assert!(Reference::parse(bad).is_none(), "{bad}");
        }
    }
}

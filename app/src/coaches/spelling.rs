//! Near spellings for the directory's forgiving search: every word one letter away from a typed
//! word (one missing, added, swapped with its neighbour, or wrong), to look up among the words
//! of coaches' names, organisations, roles, themes, communities and languages.
//!
//! The words are split here exactly as the `coach_search_words` trigger splits them in SQL:
//! lower case, runs of ASCII letters and digits and of Latin letters with accents
//! (U+00C0 to U+02AF), at least [`MIN_CHARS`] long.

use std::collections::BTreeSet;

/// Shorter words are too easily one letter from another ("Sam", "Pam", "Tam"): they match only
/// as they are typed.
pub const MIN_CHARS: usize = 4;
/// Longer words are cut from near-spelling search (they are names of nothing a leader types).
pub const MAX_CHARS: usize = 24;
/// At most this many typed words are spelled around, so one search stays a bounded lookup.
pub const MAX_WORDS: usize = 6;

/// The letters a wrong or added letter is tried as. Accented letters are not tried: a name
/// typed without its accent differs by more than a letter only in rare names.
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

fn is_word_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || ('\u{C0}'..='\u{2AF}').contains(&c)
}

/// The words of a search as the vocabulary holds them: lower case, split at anything else.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every string one edit from `word` (deletion, transposition of neighbours, substitution,
/// insertion), `word` itself included; empty for words too short or too long to spell around.
pub fn one_edit_away(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_CHARS || chars.len() > MAX_CHARS {
        return Vec::new();
    }
    let joined = |parts: &[char]| parts.iter().collect::<String>();
    let mut near = BTreeSet::new();
    near.insert(word.to_string());
    for i in 0..chars.len() {
        let mut deleted = chars.clone();
        deleted.remove(i);
        near.insert(joined(&deleted));
        if i + 1 < chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            near.insert(joined(&swapped));
        }
        for letter in ALPHABET.chars() {
            let mut replaced = chars.clone();
            replaced[i] = letter;
            near.insert(joined(&replaced));
        }
    }
    for i in 0..=chars.len() {
        for letter in ALPHABET.chars() {
            let mut added = chars.clone();
            added.insert(i, letter);
            near.insert(joined(&added));
        }
    }
    near.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Optimal string alignment distance, written the slow obvious way, to check against.
    fn distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn a_letter_missing_added_swapped_or_wrong_is_one_edit_away() {
        for (typed, meant) in [
            ("maik", "malik"),
            ("mallik", "malik"),
            ("mailk", "malik"),
            ("malek", "malik"),
            ("okafr", "okafor"),
            ("govrnance", "governance"),
            ("resilence", "resilience"),
            ("wlesh", "welsh"),
            ("carres", "carers"),
        ] {
            assert!(
                one_edit_away(typed).contains(&meant.to_string()),
                "{typed} → {meant}"
            );
        }
    }

    #[test]
    fn everything_offered_is_exactly_one_edit_away_or_the_word_itself() {
        for word in ["maik", "okafor", "sian", "leeds2"] {
            let near = one_edit_away(word);
            assert!(near.contains(&word.to_string()));
            for candidate in &near {
                assert!(distance(word, candidate) <= 1, "{word} → {candidate}");
            }
            // 4 letters: 4 deletions, 3 swaps, 4 × 36 substitutions, 5 × 36 insertions, less
            // the repeats; never an unbounded list.
            assert!(near.len() <= 1 + word.len() * 2 + (word.len() * 2 + 1) * 36);
        }
        assert!(!one_edit_away("malik").contains(&"mlaki".to_string()));
    }

    #[test]
    fn short_and_very_long_words_are_not_spelled_around() {
        assert!(one_edit_away("sam").is_empty());
        assert!(!one_edit_away("sams").is_empty());
        assert!(one_edit_away(&"x".repeat(MAX_CHARS + 1)).is_empty());
        assert!(!one_edit_away(&"x".repeat(MAX_CHARS)).is_empty());
    }

    #[test]
    fn words_are_split_and_lowered_as_the_database_splits_them() {
        assert_eq!(
            words("Siân O'Connor-Smith, Leeds2 & co."),
            ["siân", "o", "connor", "smith", "leeds2", "co"]
        );
        assert_eq!(words("  ...  "), Vec::<String>::new());
        assert_eq!(
            words("BOARD-and-governance"),
            ["board", "and", "governance"]
        );
    }
}

//! What every form shares: the messages that stand next to fields that were filled in wrongly,
//! checks on free text, the fields themselves ([`fields`]), and, on the server, the one way a
//! form's POST is read and answered ([`post`]).

pub mod fields;
#[cfg(feature = "ssr")]
pub mod post;

use serde::{Deserialize, Serialize};

/// Messages for the fields that were filled in wrongly, in the order the form shows the fields,
/// at most one per field. Serialisable so that a server function can return it to an island.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message for `field` unless it already has one: the first problem found is the
    /// one to fix first.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The first field in form order that has a message: where focus goes after a failed submit.
    pub fn first_field(&self) -> Option<&str> {
        self.0.first().map(|(field, _)| field.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }
}

/// A fresh id for a form that must not take effect twice (a double click, a resubmission):
/// rendered into a hidden field, and checked for uniqueness when the form arrives.
pub fn new_submission_id() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The message for text holding a control character (NUL, escape, …): nobody types one, and
/// PostgreSQL cannot store NUL.
pub const CONTROL_CHARACTER_MESSAGE: &str = "Remove the invisible control character from this answer: it may have come with something pasted";

/// Whether `text` holds a control character; line breaks and tabs are allowed where `lines`.
pub fn has_control_character(text: &str, lines: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
}

/// Trimmed one-line text that must be there and be at most `max` characters, or the message
/// for `name` (`empty` when there is none).
pub fn required_text(
    errors: &mut FieldErrors,
    name: &str,
    value: &str,
    max: usize,
    empty: &str,
) -> Option<String> {
    checked_text(errors, name, value, max, empty, false)
}

/// The same for text of several lines or paragraphs (a text area).
pub fn required_paragraphs(
    errors: &mut FieldErrors,
    name: &str,
    value: &str,
    max: usize,
    empty: &str,
) -> Option<String> {
    checked_text(errors, name, value, max, empty, true)
}

/// Optional one-line text: empty is `Some(None)`; too long, or a control character, is a
/// message and `None`.
pub fn optional_text(
    errors: &mut FieldErrors,
    name: &str,
    value: &str,
    max: usize,
    too_long: &str,
) -> Option<Option<String>> {
    let value = value.trim();
    if has_control_character(value, false) {
        errors.add(name, CONTROL_CHARACTER_MESSAGE);
        None
    } else if value.chars().count() > max {
        errors.add(name, too_long);
        None
    } else {
        Some((!value.is_empty()).then(|| value.to_string()))
    }
}

fn checked_text(
    errors: &mut FieldErrors,
    name: &str,
    value: &str,
    max: usize,
    empty: &str,
    lines: bool,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        errors.add(name, empty);
        None
    } else if has_control_character(value, lines) {
        errors.add(name, CONTROL_CHARACTER_MESSAGE);
        None
    } else if value.chars().count() > max {
        let max = crate::money::grouped(max as u64);
        errors.add(name, format!("Use {max} characters or fewer"));
        None
    } else {
        Some(value.to_string())
    }
}

/// A whole number from `range`, or a message for `name`.
pub fn number_in(
    errors: &mut FieldErrors,
    name: &str,
    typed: &str,
    range: std::ops::RangeInclusive<i32>,
    message: &str,
) -> Option<i32> {
    match typed.trim().parse::<i32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            errors.add(name, message);
            None
        }
    }
}

/// The id of the element holding a field's error message, for `aria-describedby`.
pub fn error_id(field: &str) -> String {
    format!("{field}-error")
}

/// The id of the element holding a field's hint, for `aria-describedby`.
pub fn hint_id(field: &str) -> String {
    format!("{field}-hint")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_and_in_range() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            number_in(&mut errors, "n", " 3 ", 0..=20, "Enter 0 to 20"),
            Some(3)
        );
        assert_eq!(
            number_in(&mut errors, "n", "21", 0..=20, "Enter 0 to 20"),
            None
        );
        assert_eq!(
            number_in(&mut errors, "m", "2.5", 0..=20, "Enter a whole number"),
            None
        );
        assert_eq!(errors.get("n"), Some("Enter 0 to 20"));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_allowed_in_paragraphs() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text(&mut errors, "a", "Jo\0", 100, "Enter"), None);
        assert_eq!(
            required_text(&mut errors, "b", "Jo\nBloggs", 100, "Enter"),
            None
        );
        assert_eq!(
            required_text(&mut errors, "c", "Jo\u{1b}[31m", 100, "Enter"),
            None
        );
        assert_eq!(
            required_paragraphs(&mut errors, "d", "One.\r\n\tTwo.", 100, "Enter").as_deref(),
            Some("One.\r\n\tTwo.")
        );
        assert_eq!(
            required_paragraphs(&mut errors, "e", "One.\0", 100, "Enter"),
            None
        );
        assert_eq!(
            optional_text(&mut errors, "f", " she/her ", 30, "Too long"),
            Some(Some("she/her".to_string()))
        );
        assert_eq!(
            optional_text(&mut errors, "g", "", 30, "Too long"),
            Some(None)
        );
        assert_eq!(
            optional_text(&mut errors, "h", "x\u{7f}", 30, "Too long"),
            None
        );
        for field in ["a", "b", "c", "e", "h"] {
            assert_eq!(
                errors.get(field),
                Some(CONTROL_CHARACTER_MESSAGE),
                "{field}"
            );
        }
        assert_eq!(errors.len(), 5);
    }

    #[test]
    fn keeps_the_first_message_per_field_in_order() {
        let mut errors = FieldErrors::new();
        errors.add("income", "Enter an amount");
        errors.add("email", "Enter an email address");
        errors.add("income", "A second problem");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.get("income"), Some("Enter an amount"));
        assert_eq!(errors.first_field(), Some("income"));
        assert_eq!(errors.get("name"), None);
    }
}

/// A form sent back to its page: what was typed and what went wrong. A form's POST handler
/// provides it as context when it renders the page again; the page fills its fields from it.
/// `form` names which form on the page it was, when a page has several.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    pub form: &'static str,
    pub fields: Vec<(String, String)>,
    pub errors: FieldErrors,
    /// A problem that belongs to the whole form rather than one field.
    pub notice: Option<String>,
}

impl Submitted {
    /// The submission of `form` being shown again, if that is what this request is.
    pub fn current(form: &str) -> Option<Submitted> {
        leptos::prelude::use_context::<Submitted>().filter(|s| s.form == form)
    }

    /// The value typed in `name` (the first, if several), or empty.
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value sent for `name` (checkboxes).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn error(&self, name: &str) -> Option<String> {
        self.errors.get(name).map(str::to_string)
    }
}

/// The value for a field: what was sent back if this form was, else the stored value.
pub fn value_or(submitted: &Option<Submitted>, name: &str, stored: impl Into<String>) -> String {
    match submitted {
        Some(s) => s.value(name),
        None => stored.into(),
    }
}

/// The message for a field, if this form was sent back with one.
pub fn error_of(submitted: &Option<Submitted>, name: &str) -> Option<String> {
    submitted.as_ref().and_then(|s| s.error(name))
}

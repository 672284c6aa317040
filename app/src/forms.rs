//! What every form shares: the messages that stand next to fields that were filled in wrongly.

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

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

/// Form fields rendered on the server: each with a visible label, an optional hint, and its
/// message when it has one, wired up with `aria-describedby` and `aria-invalid`.
pub mod fields {
    use super::{FieldErrors, error_id, hint_id};
    use leptos::prelude::*;

    fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
        let ids: Vec<String> = [hint.then(|| hint_id(name)), error.then(|| error_id(name))]
            .into_iter()
            .flatten()
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    #[component]
    fn Message(#[prop(into)] name: String, error: Option<String>) -> impl IntoView {
        error.map(|message| {
            view! {
                <p class="error-message" id=error_id(&name)>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }

    #[component]
    fn Hint(#[prop(into)] name: String, hint: Option<String>) -> impl IntoView {
        hint.map(|hint| view! { <p class="hint" id=hint_id(&name)>{hint}</p> })
    }

    #[component]
    pub fn TextField(
        name: &'static str,
        label: String,
        #[prop(optional, into)] hint: Option<String>,
        value: String,
        error: Option<String>,
        #[prop(default = "text")] input_type: &'static str,
        #[prop(optional)] autocomplete: Option<&'static str>,
        #[prop(optional)] class: Option<&'static str>,
        #[prop(optional)] inputmode: Option<&'static str>,
    ) -> impl IntoView {
        let invalid = error.is_some();
        let has_hint = hint.is_some();
        view! {
            <div class="field" class:field-with-error=invalid>
                <label for=name>{label}</label>
                <Hint name hint />
                <Message name error />
                <input
                    type=input_type
                    id=name
                    name=name
                    class=format!("input {}", class.unwrap_or_default())
                    value=value
                    autocomplete=autocomplete
                    inputmode=inputmode
                    spellcheck=matches!(input_type, "email" | "tel").then_some("false")
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=described_by(name, has_hint, invalid)
                />
            </div>
        }
    }

    /// Multi-line text. `id` defaults to `name`; a page with one such field per item (the
    /// moderation queue's reasons) gives each its own.
    #[component]
    pub fn TextArea(
        name: &'static str,
        #[prop(optional, into)] id: Option<String>,
        label: String,
        #[prop(optional, into)] hint: Option<String>,
        value: String,
        error: Option<String>,
        #[prop(default = 6)] rows: u32,
        #[prop(optional)] maxlength: Option<usize>,
    ) -> impl IntoView {
        let invalid = error.is_some();
        let has_hint = hint.is_some();
        let id = id.unwrap_or_else(|| name.to_string());
        view! {
            <div class="field" class:field-with-error=invalid>
                <label for=id.clone()>{label}</label>
                <Hint name=id.clone() hint />
                <Message name=id.clone() error />
                <textarea
                    id=id.clone()
                    name=name
                    class="input textarea"
                    rows=rows
                    maxlength=maxlength
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=described_by(&id, has_hint, invalid)
                >
                    // Rendered raw by tachys: see `ui::raw_text`.
                    {crate::ui::escape_raw_text(&value)}
                </textarea>
            </div>
        }
    }

    /// One choice from a few, as radios. `options` are (value, label, hint).
    #[component]
    pub fn RadioGroup(
        name: &'static str,
        legend: String,
        #[prop(optional_no_strip)] hint: Option<String>,
        options: Vec<(&'static str, &'static str, Option<String>)>,
        selected: String,
        error: Option<String>,
        #[prop(optional)] inline: bool,
    ) -> impl IntoView {
        let invalid = error.is_some();
        let has_hint = hint.is_some();
        view! {
            <div class="field" class:field-with-error=invalid>
                <fieldset id=name aria-describedby=described_by(name, has_hint, invalid)>
                    <legend>{legend}</legend>
                    <Hint name hint />
                    <Message name error />
                    <div class="radios" class:radios-inline=inline>
                        {options
                            .into_iter()
                            .map(|(value, label, option_hint)| {
                                let id = format!("{name}-{value}");
                                let option_hint_id = format!("{id}-hint");
                                view! {
                                    <div class="radio">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name=name
                                            value=value
                                            checked=selected == value
                                            aria-invalid=invalid.then_some("true")
                                            aria-describedby=option_hint.as_ref().map(|_| option_hint_id.clone())
                                        />
                                        <label for=id>{label}</label>
                                        {option_hint.map(|h| view! { <p class="hint radio-hint" id=option_hint_id>{h}</p> })}
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            </div>
        }
    }

    /// Yes or no, as two inline radios.
    #[component]
    pub fn YesNo(
        name: &'static str,
        legend: String,
        #[prop(optional, into)] hint: Option<String>,
        selected: String,
        error: Option<String>,
    ) -> impl IntoView {
        view! {
            <RadioGroup
                name
                legend
                hint
                options=vec![("yes", "Yes", None), ("no", "No", None)]
                selected
                error
                inline=true
            />
        }
    }

    /// Any number of choices, as checkboxes. `options` are (value, label).
    #[component]
    pub fn CheckboxGroup(
        name: &'static str,
        legend: String,
        #[prop(optional, into)] hint: Option<String>,
        options: Vec<(&'static str, &'static str)>,
        selected: Vec<String>,
        error: Option<String>,
    ) -> impl IntoView {
        let invalid = error.is_some();
        let has_hint = hint.is_some();
        view! {
            <div class="field" class:field-with-error=invalid>
                <fieldset id=name aria-describedby=described_by(name, has_hint, invalid)>
                    <legend>{legend}</legend>
                    <Hint name hint />
                    <Message name error />
                    <div class="checkboxes">
                        {options
                            .into_iter()
                            .map(|(value, label)| {
                                let id = format!("{name}-{value}");
                                view! {
                                    <div class="checkbox">
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            name=name
                                            value=value
                                            checked=selected.iter().any(|s| s == value)
                                        />
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            </div>
        }
    }

    /// One choice from many, as a select whose first option is "none". `options` are
    /// (value, label).
    #[component]
    pub fn SelectField(
        name: &'static str,
        label: String,
        #[prop(optional, into)] hint: Option<String>,
        none: &'static str,
        options: Vec<(String, String)>,
        selected: String,
        error: Option<String>,
    ) -> impl IntoView {
        let invalid = error.is_some();
        let has_hint = hint.is_some();
        view! {
            <div class="field" class:field-with-error=invalid>
                <label for=name>{label}</label>
                <Hint name hint />
                <Message name error />
                <select
                    id=name
                    name=name
                    class="input"
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=described_by(name, has_hint, invalid)
                >
                    <option value="">{none}</option>
                    {options
                        .into_iter()
                        .map(|(value, label)| {
                            let is_selected = value == selected;
                            view! { <option value=value selected=is_selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    }

    fn field_id(name: &str) -> String {
        name.to_string()
    }

    /// The list of problems at the top of a form that was sent back, each linking to its
    /// field. Focused after a submission (`data-nav-focus`), and a live alert without script.
    #[component]
    pub fn ErrorSummary(
        errors: FieldErrors,
        /// The id of the element each field's link should lead to: by default the field's
        /// own name (an input's id, or a checkbox group's fieldset).
        #[prop(default = field_id)]
        target: fn(&str) -> String,
    ) -> impl IntoView {
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-nav-focus>
                    <h2 id="error-summary-title">"There is a problem"</h2>
                    <ul>
                        {errors
                            .iter()
                            .map(|(field, message)| {
                                view! {
                                    <li>
                                        <a href=format!("#{}", target(field))>{message.to_string()}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
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

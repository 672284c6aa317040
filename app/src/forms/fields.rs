//! Form fields rendered on the server: each with a visible label, an optional hint, and its
//! message when it has one, wired up with `aria-describedby` and `aria-invalid`.

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

/// One box to tick to agree to something (`children` is its label), with its hint and, when it
/// was not ticked and had to be, its message. Sends `yes` when ticked.
#[component]
pub fn AgreementBox(
    name: &'static str,
    checked: bool,
    error: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    children: Children,
) -> impl IntoView {
    let invalid = error.is_some();
    let has_hint = hint.is_some();
    view! {
        <div class="field" class:field-with-error=invalid>
            <Message name error />
            <div class="checkbox">
                <input
                    type="checkbox"
                    id=name
                    name=name
                    value="yes"
                    checked=checked
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=described_by(name, has_hint, invalid)
                />
                <label for=name>{children()}</label>
                {hint.map(|hint| view! { <p class="hint radio-hint" id=hint_id(name)>{hint}</p> })}
            </div>
        </div>
    }
}

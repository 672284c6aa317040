//! `/questionnaires/{token}`: a questionnaire, one part per page, answered from a private link
//! with no account. Each part posts to the same address (`action::answer`) and is saved;
//! `?part=N` opens a part, and with none the first not yet saved, so a leader who stops comes
//! back where they left off.

use super::measures::{Item, Scale};
use super::{CoachGain, Part, QuestionnaireKind, QuestionnaireView, questionnaire};
use crate::coaches::long_date;
use crate::forms::fields::{CheckboxGroup, ErrorSummary, RadioGroup, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, or_error_page};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The value of "Prefer not to answer": the item is skipped.
pub const SKIP: &str = "skip";

/// The values of a 0–10 scale, as radios need them.
const ZERO_TO_TEN: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let part = query.get("part").and_then(|p| p.parse::<usize>().ok());
    let saved = query.get("saved");
    let page = Suspend::new(async move {
        let found = questionnaire(token.clone()).await;
        or_error_page(found, move |view| {
            view! { <Questionnaire view token part saved /> }
        })
    });
    view! { <Suspense fallback=|| ()>{page}</Suspense> }
}

fn title(kind: QuestionnaireKind) -> &'static str {
    match kind {
        QuestionnaireKind::LeaderBaseline => "Your questionnaire at the start of your coaching",
        QuestionnaireKind::LeaderEnd => "Your questionnaire at the close of your coaching",
        QuestionnaireKind::LeaderFollowUp => "Your questionnaire six months after your coaching",
        QuestionnaireKind::CoachEnd => "Your questionnaire about your coaching",
    }
}

#[component]
fn Questionnaire(
    view: QuestionnaireView,
    token: String,
    part: Option<usize>,
    saved: Option<String>,
) -> impl IntoView {
    let heading = title(view.kind);
    let feedback = view.feedback_due.then(|| {
        let href = format!("/questionnaires/{token}/feedback");
        let other = view.other.clone();
        view! {
            <div class="notice" data-testid="feedback-invitation">
                <p>
                    {format!("How was your coaching with {other}? ")}
                    <a href=href>"Rate it, anonymously"</a>
                    ": it takes a minute, and is kept apart from these answers."
                </p>
            </div>
        }
    });
    if let Some(on) = view.submitted_on {
        return view! {
            <Title text=heading />
            <div class="container narrow">
                <h1 id="main-heading" tabindex="-1">{heading}</h1>
                {feedback}
                <div class="notice" role="status" data-testid="questionnaire-sent">
                    <p>{format!("Thank you, {}. Your answers were sent on {}.", view.name, long_date(on))}</p>
                </div>
                <p>"They are counted with everyone else's to show the programme's impact. Cascade shows them only in totals and averages, never a figure describing fewer than five people; the programme's independent evaluator may receive them under a random code, never with your name or contact details."</p>
            </div>
        }.into_any();
    }
    if view.closed {
        return view! {
            <Title text=heading />
            <div class="container narrow">
                <h1 id="main-heading" tabindex="-1">{heading}</h1>
                <div class="notice" role="status" data-testid="questionnaire-closed">
                    <p>{format!("This questionnaire closed on {}, so it can no longer be answered. Thank you all the same.", long_date(view.closes_on))}</p>
                </div>
            </div>
        }.into_any();
    }
    let parts = view.kind.parts();
    let submitted = Submitted::current("questionnaire");
    // A part sent back with a problem is shown again; else the part asked for, else the next.
    let current = submitted
        .as_ref()
        .and_then(|s| s.value("part").parse::<usize>().ok())
        .or(part)
        .filter(|p| *p < parts.len())
        .unwrap_or_else(|| view.next_part());
    let last = current + 1 == parts.len();
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let all_saved = (0..parts.len()).all(|i| view.parts_saved.contains(&i));
    let flash = if saved.as_deref() == Some("later") {
        Some(format!(
            "Your answers so far are saved. Come back with the link in our email any time until {}.",
            long_date(view.closes_on)
        ))
    } else if all_saved && part.is_none() {
        Some("Every part is saved. Check your answers if you like, then send them here: they count once you do.".to_string())
    } else {
        None
    };
    let action = format!("/questionnaires/{token}");
    let this = parts[current];
    let intro = match view.kind {
        QuestionnaireKind::CoachEnd => format!(
            "{}, your coaching with {} has closed. Three questions about what coaching gave you.",
            view.name, view.other
        ),
        _ => format!(
            "{}, these questions are about you, not your coaching with {}. There are no right answers. \
             Skip any question you would rather not answer: a question skipped is left out, never counted as a low answer.",
            view.name, view.other
        ),
    };
    view! {
        <Title text=heading />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">{heading}</h1>
            <p class="lead">{intro}</p>
            {feedback}
            {flash.map(|m| view! { <div class="notice" role="status" data-testid="questionnaire-saved"><p>{m}</p></div> })}
            <Notice notice />
            {(parts.len() > 1).then(|| view! {
                <nav aria-label="Parts of the questionnaire">
                    <ol class="steps">
                        {parts.iter().enumerate().map(|(i, p)| {
                            let state = if view.parts_saved.contains(&i) { " (saved)" } else { "" };
                            view! {
                                <li aria-current=(i == current).then_some("step")>
                                    <a href=format!("/questionnaires/{token}?part={i}")>{format!("Part {} of {}: {}", i + 1, parts.len(), p.heading())}</a>
                                    {state}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
            })}
            <ErrorSummary errors />
            <form method="post" action=action novalidate class="questionnaire" data-testid="questionnaire-part" data-part=current.to_string()>
                <h2>{format!("Part {} of {}: {}", current + 1, parts.len(), this.heading())}</h2>
                {part_intro(this).map(|p| view! { <p>{p}</p> })}
                <input type="hidden" name="part" value=current.to_string() />
                {this.items().into_iter().map(|item| {
                    let stored = view.answers.get(&item).map(|v| v.to_string()).unwrap_or_default();
                    view! { <ItemField item stored submitted=submitted.clone() /> }
                }).collect_view()}
                {(this == Part::Coaching).then(|| view! {
                    <CoachFields view=view.clone() submitted=submitted.clone() />
                })}
                <div class="button-row">
                    {if last {
                        Either::Left(view! { <button type="submit" name="action" value="send" class="button">"Send my answers"</button> })
                    } else {
                        Either::Right(view! { <button type="submit" name="action" value="next" class="button">"Save and continue"</button> })
                    }}
                    <button type="submit" name="action" value="later" class="button button-secondary">"Save and finish later"</button>
                </div>
            </form>
            <p class="hint">
                {format!(
                    "Keep this page's address to yourself. It works until {}; your answers count once you send them.",
                    long_date(view.closes_on)
                )}
            </p>
        </div>
    }
    .into_any()
}

fn part_intro(part: Part) -> Option<&'static str> {
    match part {
        Part::SelfEfficacy => Some("How true is each of these for you?"),
        Part::Loneliness => {
            Some("The next questions are about how you feel about different aspects of your life.")
        }
        Part::Wellbeing => Some("For each, 0 means \"not at all\" and 10 means \"completely\"."),
        Part::Leadership => Some("How far do you agree with each of these?"),
        Part::Coaching => None,
    }
}

/// One item as radios, with a way to leave it unanswered.
#[component]
fn ItemField(item: Item, stored: String, submitted: Option<Submitted>) -> impl IntoView {
    let Scale {
        min, labels, ends, ..
    } = item.scale;
    let mut options: Vec<(&'static str, &'static str, Option<String>)> = if labels.is_empty() {
        ZERO_TO_TEN[usize::from(min)..=usize::from(item.scale.max)]
            .iter()
            .map(|v| (*v, *v, None))
            .collect()
    } else {
        labels
            .iter()
            .enumerate()
            .map(|(i, label)| (ZERO_TO_TEN[usize::from(min) + i], *label, None))
            .collect()
    };
    // Its own value, so that nothing is ticked until the leader chooses.
    options.push((SKIP, "Prefer not to answer", None));
    let hint = ends.map(|(low, high)| format!("{low}, {high}"));
    view! {
        <RadioGroup
            name=item.id
            legend=item.text.to_string()
            hint
            options
            selected=value_or(&submitted, item.id, stored)
            error=error_of(&submitted, item.id)
            inline=labels.is_empty()
        />
    }
}

#[component]
fn CoachFields(view: QuestionnaireView, submitted: Option<Submitted>) -> impl IntoView {
    let hours = view.hours_given.map(format_hours).unwrap_or_default();
    let gains = match &submitted {
        Some(s) => s.values("coach-gains"),
        None => view.gains.iter().map(|g| g.slug().to_string()).collect(),
    };
    view! {
        <CheckboxGroup
            name="coach-gains"
            legend="What did you gain from coaching this leader?".into()
            hint="Choose any that apply."
            options=CoachGain::ALL.iter().map(|g| (g.slug(), g.label())).collect()
            selected=gains
            error=error_of(&submitted, "coach-gains")
        />
        <TextArea
            name="coach-gains-own-words"
            label="Anything else you gained, in your own words (optional)".into()
            value=value_or(&submitted, "coach-gains-own-words", view.gains_in_own_words.unwrap_or_default())
            error=error_of(&submitted, "coach-gains-own-words")
            rows=3
        />
        <TextField
            name="coach-hours"
            label="Hours you gave to this coaching (optional)".into()
            hint="Sessions, preparation and notes, in hours: for example 7.5."
            value=value_or(&submitted, "coach-hours", hours)
            error=error_of(&submitted, "coach-hours")
            inputmode="decimal"
            class="input-short"
        />
    }
}

/// Hours as typed back: 7.5, or 8 for a whole number.
pub fn format_hours(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours:.1}")
    }
}

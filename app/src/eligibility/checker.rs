//! The checker at `/eligibility`: an island that answers as the leader types, over a plain GET
//! form that the server answers the same way when JavaScript is off.

use super::OrganisationType;
use super::answers::{EligibilityAnswers, field};
use super::rules::{Assessment, Criterion, assess};
use crate::forms::{error_id, hint_id};
use crate::settings::Terms;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page. Reads any answers from the query string, so that a form submitted without
/// JavaScript (or a shared link) is answered by the server.
#[component]
pub fn EligibilityPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let submitted = field::ALL.iter().any(|name| query.get(name).is_some());
    let pairs: Vec<(&str, String)> = field::ALL
        .iter()
        .filter_map(|name| query.get(name).map(|value| (*name, value)))
        .collect();
    let answers = EligibilityAnswers::from_pairs(pairs.iter().map(|(n, v)| (*n, v.as_str())));
    crate::ui::with_terms(move |terms| {
        view! {
            <Title text="Check if you are eligible" />
            <crate::ui::IslandScripts />
            <div class="narrow">
                <h1 id="main-heading" tabindex="-1">"Check if you are eligible"</h1>
                <p class="lead">
                    {format!(
                        "Cascade offers leaders of small health and wellbeing charities and community groups \
                         {} with an experienced leader from the sector. \
                         Answer five questions to see whether you are eligible and whether you may get a bursary.",
                        terms.sessions_over_months("one-to-one coaching ")
                    )}
                </p>
                <p>
                    "Your answers are not stored. With JavaScript on, they never leave your browser; without it, \
                     they are sent to our server only to work out the answer. "
                    <a href="/privacy#checker">"How Cascade uses information"</a>
                </p>
                <EligibilityChecker answers submitted terms />
                <section class="after-check" aria-labelledby="suggested-heading">
                    <crate::matching::pages::SuggestedCoaches query=Default::default() except=None heading=true />
                    <p>
                        <a href="/suggested-coaches">"Tell us what you would like help with"</a>
                        ", and we will suggest the coaches who fit you best, with why."
                    </p>
                </section>
            </div>
        }
    })
}

/// The form and its answer. Props carry what the server saw, so the first render in the browser
/// matches the server's HTML exactly; the programme's numbers come with them, from the page, so
/// that changing a limit needs no rebuilding.
#[island]
pub fn EligibilityChecker(
    answers: EligibilityAnswers,
    submitted: bool,
    terms: Terms,
) -> impl IntoView {
    let limits = terms.income_limits();
    let organisation_type = RwSignal::new(answers.organisation_type.clone());
    let health = RwSignal::new(answers.health_and_wellbeing.clone());
    let income = RwSignal::new(answers.income.clone());
    let communities = RwSignal::new(answers.under_represented_communities.clone());
    let support = RwSignal::new(answers.leadership_support_before.clone());

    // Messages show for every field once the form is submitted; before that only for the income
    // box, and only after the leader has left it, so nobody is told off mid-keystroke.
    let show_all = RwSignal::new(submitted);
    let income_left = RwSignal::new(false);

    let current = move || EligibilityAnswers {
        organisation_type: organisation_type.get(),
        health_and_wellbeing: health.get(),
        income: income.get(),
        under_represented_communities: communities.get(),
        leadership_support_before: support.get(),
    };
    let parsed = Memo::new(move |_| current().parse());
    let error = move |name: &'static str| {
        Signal::derive(move || {
            let shown = show_all.get() || (name == field::INCOME && income_left.get());
            if !shown {
                return None;
            }
            parsed.with(|p| {
                p.as_ref()
                    .err()
                    .and_then(|e| e.get(name))
                    .map(str::to_string)
            })
        })
    };

    // Anything typed or ticked before the WASM arrived is in the form but not in the signals:
    // take it over once hydrated, and mark the form ready (tests and styles key off this).
    let form = NodeRef::<leptos::html::Form>::new();
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            let typed = browser::answers_in(&form);
            organisation_type.set(typed.organisation_type);
            health.set(typed.health_and_wellbeing);
            income.set(typed.income);
            communities.set(typed.under_represented_communities);
            support.set(typed.leadership_support_before);
            ready.set(true);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // The answer is already on screen; submitting only reveals any messages and records the
        // answers in the address bar, as the server's answer would.
        ev.prevent_default();
        show_all.set(true);
        #[cfg(feature = "hydrate")]
        browser::after_submit(&current(), parsed.get_untracked().err());
    };

    view! {
        <form
            class="eligibility-form"
            method="get"
            action="/eligibility"
            novalidate
            node_ref=form
            data-ready=move || ready.get().to_string()
            on:submit=on_submit
        >
            <OrganisationTypeField value=organisation_type error=error(field::ORGANISATION_TYPE) />
            <YesNoField
                name=field::HEALTH_AND_WELLBEING
                legend="Does your organisation work in health and wellbeing?"
                hint="For example mental health, disability, carers, addiction recovery, social prescribing, physical activity or support for people with long-term conditions."
                value=health
                error=error(field::HEALTH_AND_WELLBEING)
            />
            <IncomeField
                initial=answers.income
                value=income
                on_leave=move || income_left.set(true)
                error=error(field::INCOME)
            />
            <YesNoField
                name=field::UNDER_REPRESENTED_COMMUNITIES
                legend="Does your organisation work with ethnic-minority communities or other under-represented groups?"
                hint="For example disabled people, LGBTQ+ people, refugees, or people on low incomes."
                value=communities
                error=error(field::UNDER_REPRESENTED_COMMUNITIES)
            />
            <YesNoField
                name=field::LEADERSHIP_SUPPORT_BEFORE
                legend="Have you had leadership development support before?"
                hint="Such as coaching, mentoring or a leadership course."
                value=support
                error=error(field::LEADERSHIP_SUPPORT_BEFORE)
            />
            <button type="submit" class="button">"Check eligibility"</button>
        </form>
        <div class="eligibility-outcome" aria-live="polite">
            {move || match parsed.get() {
                Ok(questions) => Either::Left(view! { <Verdict assessment=assess(&questions, &limits) terms /> }),
                Err(_) => {
                    Either::Right(
                        view! {
                            <p class="outcome-pending">
                                "Answer every question to see whether you are eligible."
                            </p>
                        },
                    )
                }
            }}
        </div>
    }
}

/// A field's message, when it has one.
#[component]
fn ErrorMessage(name: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error-message" id=error_id(name)>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }
}

/// `aria-describedby` for a field with a hint: the hint, then the message when there is one.
fn described_by(name: &'static str, error: Signal<Option<String>>) -> impl Fn() -> String {
    move || match error.get() {
        Some(_) => format!("{} {}", hint_id(name), error_id(name)),
        None => hint_id(name),
    }
}

#[component]
fn OrganisationTypeField(value: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let name = field::ORGANISATION_TYPE;
    view! {
        <div class="field" class:field-with-error=move || error.get().is_some()>
            <fieldset aria-describedby=described_by(name, error)>
                <legend>"Type of organisation"</legend>
                <p class="hint" id=hint_id(name)>
                    "Choose the one that fits best. Cascade is for the voluntary and community sector."
                </p>
                <ErrorMessage name error />
                <div class="radios">
                    {OrganisationType::ALL
                        .iter().copied()
                        .map(|option| {
                            let id = format!("{name}-{}", option.slug());
                            let option_hint_id = format!("{id}-hint");
                            view! {
                                <div class="radio">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name=name
                                        value=option.slug()
                                        checked=move || value.get() == option.slug()
                                        aria-invalid=move || error.get().map(|_| "true")
                                        aria-describedby=option.hint().map(|_| option_hint_id.clone())
                                        on:change=move |_| value.set(option.slug().to_string())
                                    />
                                    <label for=id>{option.label()}</label>
                                    {option
                                        .hint()
                                        .map(|hint| {
                                            view! {
                                                <p class="hint radio-hint" id=option_hint_id.clone()>
                                                    {hint}
                                                </p>
                                            }
                                        })}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn YesNoField(
    name: &'static str,
    legend: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field-with-error=move || error.get().is_some()>
            <fieldset aria-describedby=described_by(name, error)>
                <legend>{legend}</legend>
                <p class="hint" id=hint_id(name)>{hint}</p>
                <ErrorMessage name error />
                <div class="radios radios-inline">
                    {["yes", "no"]
                        .into_iter()
                        .map(|option| {
                            let id = format!("{name}-{option}");
                            view! {
                                <div class="radio">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name=name
                                        value=option
                                        checked=move || value.get() == option
                                        aria-invalid=move || error.get().map(|_| "true")
                                        on:change=move |_| value.set(option.to_string())
                                    />
                                    <label for=id>{if option == "yes" { "Yes" } else { "No" }}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn IncomeField(
    initial: String,
    value: RwSignal<String>,
    on_leave: impl Fn() + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let name = field::INCOME;
    view! {
        <div class="field" class:field-with-error=move || error.get().is_some()>
            <label for=name>"Annual income"</label>
            <p class="hint" id=hint_id(name)>
                "Your organisation's total income for its last financial year. \
                 For example £120,000, 120k or 1.2m."
            </p>
            <ErrorMessage name error />
            <input
                type="text"
                id=name
                name=name
                class="input input-short"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                value=initial
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(name, error)
                on:input:target=move |ev| value.set(ev.target().value())
                on:blur=move |_| on_leave()
            />
        </div>
    }
}

/// The answer: the verdict, each criterion with its reason, and how the programme is paid for.
#[component]
fn Verdict(assessment: Assessment, terms: Terms) -> impl IntoView {
    let Assessment {
        eligible,
        bursary,
        eligibility,
        bursary_routes,
    } = assessment;
    let headline = match (eligible, bursary) {
        (true, true) => "You are eligible, and you may be able to get a bursary",
        (true, false) => "You are eligible",
        (false, _) => "You are not eligible for Cascade coaching",
    };
    view! {
        <section
            class="result"
            class:result-eligible=eligible
            data-testid="eligibility-result"
            data-eligible=eligible.to_string()
            data-bursary=bursary.to_string()
            aria-labelledby="eligibility-result-heading"
        >
            <h2 id="eligibility-result-heading" tabindex="-1">{headline}</h2>
            <h3>"Eligibility"</h3>
            <p>"To be eligible you need to meet all of these."</p>
            <CriteriaList criteria=eligibility />
            {if eligible {
                Either::Left(
                    view! {
                        <h3>"Bursary"</h3>
                        <p>
                            {if bursary {
                                "You meet at least one of these, so you may ask for a bursary to pay for your coaching."
                            } else {
                                "A bursary needs at least one of these, and you meet none of them, so your organisation or a funder would pay."
                            }}
                        </p>
                        <CriteriaList criteria=bursary_routes />
                        <Funding bursary terms />
                        <p>
                            <a class="button" href="/coaches">
                                "Find a coach"
                            </a>
                        </p>
                    },
                )
            } else {
                Either::Right(
                    view! {
                        <p>
                            "Cascade is for leaders of voluntary and community sector organisations working in \
                             health and wellbeing with an annual income under "
                            {terms.eligibility_income_limit.to_string()}
                            ". If your answers change, check again. Your local council for voluntary service \
                             may know of other leadership support near you."
                        </p>
                    },
                )
            }}
        </section>
    }
}

#[component]
fn CriteriaList(criteria: Vec<Criterion>) -> impl IntoView {
    view! {
        <ul class="criteria">
            {criteria
                .into_iter()
                .map(|criterion| {
                    view! {
                        <li class="criterion" data-met=criterion.met.to_string()>
                            <span class="criterion-status">
                                {if criterion.met { "Met: " } else { "Not met: " }}
                            </span>
                            {criterion.reason}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Funding(bursary: bool, terms: Terms) -> impl IntoView {
    view! {
        <h3>"Paying for coaching"</h3>
        <p>
            {format!(
                "The programme costs {} for {}. It is paid to your coach's \
                 organisation, not to Cascade. There are three ways to pay:",
                terms.fee,
                terms.sessions_over_months("one-to-one ")
            )}
        </p>
        <ul>
            <li>"your organisation pays, from its own budget;"</li>
            <li>"a funder pays: many grant-makers will fund leadership development if you ask them;"</li>
            <li>
                "a bursary pays, for eligible organisations with an income under "
                {terms.bursary_income_limit.to_string()}
                ", working with under-represented communities, or whose leader has had no leadership support before."
            </li>
        </ul>
        <p>
            {if bursary {
                "Bursaries are limited. If your organisation or a funder can pay, please ask them first, so that \
                 bursaries reach the leaders who have no other way to pay."
            } else {
                "We ask everyone who can pay to do so, so that bursaries reach the leaders who cannot."
            }}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::field;
    use crate::eligibility::EligibilityAnswers;
    use crate::forms::FieldErrors;
    use leptos::prelude::request_animation_frame;
    use wasm_bindgen::JsCast;

    /// The answers as they stand in the form's fields.
    pub fn answers_in(form: &web_sys::HtmlFormElement) -> EligibilityAnswers {
        let Ok(data) = web_sys::FormData::new_with_form(form) else {
            return EligibilityAnswers::default();
        };
        let value = |name: &str| data.get(name).as_string().unwrap_or_default();
        EligibilityAnswers {
            organisation_type: value(field::ORGANISATION_TYPE),
            health_and_wellbeing: value(field::HEALTH_AND_WELLBEING),
            income: value(field::INCOME),
            under_represented_communities: value(field::UNDER_REPRESENTED_COMMUNITIES),
            leadership_support_before: value(field::LEADERSHIP_SUPPORT_BEFORE),
        }
    }

    /// Puts the answers in the address bar (so the page can be bookmarked or shared, as after a
    /// submission without JavaScript) and moves focus to the first problem or to the answer.
    pub fn after_submit(answers: &EligibilityAnswers, errors: Option<FieldErrors>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(params) = web_sys::UrlSearchParams::new() {
            for (name, value) in [
                (field::ORGANISATION_TYPE, &answers.organisation_type),
                (field::HEALTH_AND_WELLBEING, &answers.health_and_wellbeing),
                (field::INCOME, &answers.income),
                (
                    field::UNDER_REPRESENTED_COMMUNITIES,
                    &answers.under_represented_communities,
                ),
                (
                    field::LEADERSHIP_SUPPORT_BEFORE,
                    &answers.leadership_support_before,
                ),
            ] {
                if !value.is_empty() {
                    params.append(name, value);
                }
            }
            let url = format!("/eligibility?{}", String::from(params.to_string()));
            if let Ok(history) = window.history() {
                _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        let selector = match errors.as_ref().and_then(|e| e.first_field()) {
            Some(name) => format!("[name=\"{name}\"]"),
            None => "#eligibility-result-heading".to_string(),
        };
        // After the messages or the answer have been rendered.
        request_animation_frame(move || {
            let target = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&selector).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(target) = target {
                _ = target.focus();
            }
        });
    }
}

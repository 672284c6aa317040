//! The pages of matching: "Coaches who may suit you" (its own page, the form that asks for it
//! after the eligibility check, and the list on the ask form), and a coach's declarations of
//! whom they coach.

use super::suggest::LeaderStage;
use super::wishes::WishesQuery;
use super::{SuggestedCoach, my_declarations, suggested_coaches};
use crate::coaches::directory::CoachCard;
use crate::forms::fields::{CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::or_error_page;
use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How many suggestions a page shows.
const SHOWN: u8 = 6;

/// `/suggested-coaches`: the wishes form and, once anything is said, the coaches who may suit.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let query = wishes_in_address();
    view! {
        <Title text="Coaches who may suit you" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Coaches who may suit you"</h1>
            <p class="lead">
                "Tell us what you would like help with and a little about you, and we will suggest coaches. \
                 Every question is optional. You choose whom to ask: nobody is assigned to you."
            </p>
            <div class="suggestions">
                <WishesForm query=query.clone() />
                <section aria-labelledby="suggested-heading" class="suggestions-results">
                    <h2 id="suggested-heading">"Suggested coaches"</h2>
                    <SuggestedCoaches query except=None heading=false />
                </section>
            </div>
        </div>
    }
    .into_any()
}

/// The wishes as the address gives them.
pub fn wishes_in_address() -> WishesQuery {
    let params = use_query_map().get_untracked();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for key in [
        "postcode",
        "region",
        "language",
        "format",
        "stage",
        "organisation",
        "number",
    ] {
        if let Some(value) = params.get(key) {
            pairs.push((key.to_string(), value));
        }
    }
    for key in ["theme", "community"] {
        for value in params.get_all(key).unwrap_or_default() {
            pairs.push((key.to_string(), value));
        }
    }
    WishesQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The questions, as a GET form to `/suggested-coaches`: on that page, and after the
/// eligibility check.
#[component]
pub fn WishesForm(query: WishesQuery) -> impl IntoView {
    let wishes = query.wishes.clone();
    let selected_themes: Vec<String> = wishes.themes.iter().map(|t| t.slug().to_string()).collect();
    let selected_communities: Vec<String> = wishes
        .communities
        .iter()
        .map(|c| c.slug().to_string())
        .collect();
    let options = |all: Vec<(&'static str, &'static str)>| {
        all.into_iter()
            .map(|(slug, label)| (slug.to_string(), label.to_string()))
            .collect::<Vec<_>>()
    };
    view! {
        <form method="get" action="/suggested-coaches" class="filters wishes-form" aria-label="What you would like">
            <CheckboxGroup
                name="theme"
                legend="What would you like help with?".into()
                options=Theme::ALL.iter().map(|t| (t.slug(), t.label())).collect()
                selected=selected_themes
                error=None
            />
            <TextField
                name="postcode"
                label="Your organisation's postcode".into()
                hint="Or its first part, like CF10: for coaches near you"
                value=query.postcode.clone()
                error=query.postcode_error.clone()
                class="input-medium"
                autocomplete="postal-code"
            />
            <SelectField
                name="region"
                label="Or your region".into()
                hint="If you would rather not give a postcode"
                none="Any region"
                options=options(Region::ALL.iter().map(|r| (r.slug(), r.label())).collect())
                selected=query.region_typed.map(|r| r.slug().to_string()).unwrap_or_default()
                error=None
            />
            <SelectField
                name="language"
                label="Language".into()
                none="Any language"
                options=options(Language::ALL.iter().map(|l| (l.slug(), l.label())).collect())
                selected=wishes.language.map(|l| l.slug().to_string()).unwrap_or_default()
                error=None
            />
            <SelectField
                name="format"
                label="Sessions by".into()
                none="Video or phone"
                options=options(SessionFormat::ALL.iter().map(|f| (f.slug(), f.label())).collect())
                selected=wishes.format.map(|f| f.slug().to_string()).unwrap_or_default()
                error=None
            />
            <CheckboxGroup
                name="community"
                legend="Communities your organisation serves".into()
                options=Community::ALL.iter().map(|c| (c.slug(), c.label())).collect()
                selected=selected_communities
                error=None
            />
            <SelectField
                name="stage"
                label="You as a leader".into()
                none="Either"
                options=options(LeaderStage::ALL.iter().map(|s| (s.slug(), stage_of_leader(*s))).collect())
                selected=wishes.stage.map(|s| s.slug().to_string()).unwrap_or_default()
                error=None
            />
            <TextField
                name="organisation"
                label="Your organisation's name".into()
                hint="So that we never suggest a coach who cannot coach someone from it"
                value=query.organisation_name.clone()
                error=None
                autocomplete="organization"
            />
            <TextField
                name="number"
                label="Its charity or company number (optional)".into()
                value=query.organisation_number.clone()
                error=None
                class="input-medium"
            />
            <button type="submit" class="button">"Show coaches who may suit me"</button>
        </form>
    }
    .into_any()
}

fn stage_of_leader(stage: LeaderStage) -> &'static str {
    match stage {
        LeaderStage::New => "I am new to leading, or emerging",
        LeaderStage::Experienced => "I am experienced, and want a critical peer",
    }
}

/// The suggested coaches for `query`, in rank order, each card with its reasons; `except`: the
/// coach whose page this is. `heading`: whether to title the list itself.
#[component]
pub fn SuggestedCoaches(
    query: WishesQuery,
    except: Option<String>,
    heading: bool,
) -> impl IntoView {
    let asked = !query.is_empty();
    let wishes_link = query.to_query_string();
    let list = Suspend::new(async move {
        let found = suggested_coaches(
            query.wishes.clone(),
            query.organisation.clone(),
            except,
            SHOWN,
        )
        .await;
        or_error_page(found, move |coaches| {
            suggestion_list(coaches, asked, wishes_link)
        })
    });
    view! {
        {heading.then(|| view! { <h2 id="suggested-heading">"Coaches who may suit you"</h2> })}
        <Suspense fallback=|| view! { <p>"Finding coaches…"</p> }>{list}</Suspense>
    }
    .into_any()
}

fn suggestion_list(
    coaches: Vec<SuggestedCoach>,
    asked: bool,
    wishes_link: String,
) -> impl IntoView {
    if coaches.is_empty() {
        return Either::Left(view! {
            <p>"No coach is in the directory to suggest just now. "<a href="/coaches">"Browse the directory"</a></p>
        });
    }
    let intro = if asked {
        "Coaches accepting new leaders first, then in order of fit; where something fits, it says why."
    } else {
        "Coaches accepting new leaders first, and among them those with the fewest requests waiting. Say what you would like, to see who fits."
    };
    let ask_query = (!wishes_link.is_empty()).then_some(wishes_link);
    Either::Right(view! {
        <p class="hint">{intro}</p>
        <ol class="coach-list suggested-list">
            {coaches
                .into_iter()
                .map(|suggested| {
                    let slug = suggested.coach.slug.clone();
                    let ask = match &ask_query {
                        Some(q) => format!("/coaches/{slug}/ask?{q}"),
                        None => format!("/coaches/{slug}/ask"),
                    };
                    let accepting = suggested.coach.availability.is_accepting_now();
                    let reasons = suggested.reasons.join(" · ");
                    view! {
                        <li data-testid="suggested-coach" data-slug=slug>
                            <CoachCard coach=suggested.coach nested=true />
                            {(!reasons.is_empty()).then(|| view! {
                                <p class="suggestion-reasons" data-testid="suggestion-reasons"><strong>"Why: "</strong>{reasons}</p>
                            })}
                            {accepting.then(|| view! { <p><a class="ask-link" href=ask>"Ask this coach"</a></p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    })
}

/// `/me/whom-you-coach`: the stages of leader a coach coaches, and their conflicts of interest.
#[component]
pub fn WhomYouCoachPage() -> impl IntoView {
    let submitted = Submitted::current("declarations");
    let page = Suspend::new(async move {
        or_error_page(my_declarations().await, move |declared| {
            let errors = submitted
                .as_ref()
                .map(|s| s.errors.clone())
                .unwrap_or_default();
            let stages = match &submitted {
                Some(s) => s.values("stages"),
                None => declared
                    .stages
                    .iter()
                    .map(|s| s.slug().to_string())
                    .collect(),
            };
            view! {
                <ErrorSummary errors />
                <form method="post" action="/me/whom-you-coach" novalidate class="narrow-form">
                    <CheckboxGroup
                        name="stages"
                        legend="Which leaders do you coach?".into()
                        hint="Used to suggest you to leaders who say which they are. Saved at once, without approval."
                        options=LeaderStage::ALL.iter().map(|s| (s.slug(), s.label())).collect()
                        selected=stages
                        error=error_of(&submitted, "stages")
                    />
                    <h2>"Conflicts of interest"</h2>
                    <p>"These are not published. A leader who gives the name or number of an organisation you list is not suggested you. A leader who asks you from one, or from one of your districts and serving the communities you know, is told before sending that you may have a conflict of interest; if they send it anyway, staff see the request flagged."</p>
                    <TextArea
                        name="organisations"
                        label="Organisations whose leaders you must not coach".into()
                        hint="Your employer, boards you sit on, direct competitors. One a line; add a comma and its charity or company number if you know it, like: Hollowmere Carers, 1234567"
                        value=value_or(&submitted, "organisations", declared.organisations_text())
                        error=error_of(&submitted, "organisations")
                        rows=5
                    />
                    <TextField
                        name="districts"
                        label="Postcode districts where your own organisation works locally (optional)".into()
                        hint="Like CF10, CF11 (a whole postcode gives its district). A leader from one of them whose organisation serves the communities you know is warned that you may be local competitors."
                        value=value_or(&submitted, "districts", declared.districts_text())
                        error=error_of(&submitted, "districts")
                    />
                    <button type="submit" class="button">"Save"</button>
                </form>
            }
        })
    });
    view! {
        <Title text="Whom you coach" />
        <div class="container narrow">
            <p class="back-link"><a href="/me">"Back to your coaching"</a></p>
            <h1 id="main-heading" tabindex="-1">"Whom you coach"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

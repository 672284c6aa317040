//! `/coaches/{slug}/ask`, the expression-of-interest form, and `/coaches/{slug}/ask/sent`,
//! its confirmation. The form posts to its own address (see `action`), which answers with the
//! confirmation or with this page again, every answer kept and each problem next to its field.

use super::form::{AskForm, FundingRoute, GOALS_MAX_CHARS, GOALS_MIN_CHARS, field};
use crate::coaches::directory::CoachCard;
use crate::coaches::profile::or_coach_not_found;
use crate::coaches::{CoachOption, CoachProfile, first_name, long_date, most_alike};
use crate::eligibility::OrganisationType;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::forms::fields::{
    AgreementBox, CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextArea, TextField, YesNo,
};
use crate::money::Money;
use crate::settings::Terms;
use crate::vocabulary::{Community, Region};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// What a form sent back carries into the page: everything typed, and what went wrong.
/// Provided as context by the POST handler; absent on a fresh form.
#[derive(Debug, Clone, Default)]
pub struct AskSubmission {
    pub form: AskForm,
    pub errors: FieldErrors,
    pub problem: Option<AskProblem>,
}

/// Why a request was not sent, beyond fields to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskProblem {
    /// The coach stopped accepting between the page loading and the form arriving.
    CoachNotAccepting,
    /// The coach's declarations conflict with the leader's organisation: the leader is warned,
    /// and may send it anyway.
    Conflict(crate::matching::declared::Conflict),
    TooManyRequests,
    LooksAutomated,
    /// Something failed on our side; the message carries the request id.
    Unexpected(String),
}

/// The most coaches the lists of others offer: past this, those most like the coach asked
/// (a list of thousands helps nobody, and weighs hundreds of kilobytes).
pub const MOST_ALTERNATIVES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskPageData {
    pub coach: CoachProfile,
    /// Other coaches accepting now, by name.
    pub others: Vec<CoachOption>,
    /// When this coach is not accepting: similar coaches who are.
    pub similar: Vec<CoachProfile>,
    /// Asking from a request's own page (`?from=`): the answers given then, to fill in again.
    pub prefill: Option<AskForm>,
}

/// What the ask page needs. Public: published coaches only.
#[server(endpoint = "ask_page")]
pub async fn get_ask_page(slug: String, from: Option<String>) -> Result<AskPageData, AppError> {
    use crate::coaches::db;
    let slug = crate::coaches::Slug::parse(&slug).ok_or(AppError::NotFound)?;
    let state = crate::state::app_state()?;
    let pool = state.pool.clone();
    // From what this process keeps, so that the form can be shown again, with everything typed,
    // while the database is unreachable.
    let coach = state
        .directory
        .published(&pool, &slug, crate::clock::today())
        .await?
        .ok_or(AppError::NotFound)?;
    let coach = CoachProfile::clone(&coach);
    // The form (and its list of other coaches) only for a coach accepting now; otherwise
    // similar coaches who are.
    let (others, similar) = if coach.availability.is_accepting_now() {
        (
            state.directory.accepting_options(&pool, &slug).await?,
            Vec::new(),
        )
    } else {
        (
            Vec::new(),
            crate::database::extra_or_nothing(
                db::similar_accepting(&pool, &slug, 3, crate::clock::today()).await,
            )?,
        )
    };
    // The request's private link is the key to its answers; a link that no longer lets the
    // leader ask another coach fills in nothing.
    let prefill = match from.filter(|token| !token.is_empty()) {
        Some(token) => super::db::asking_again(&pool, &token, crate::clock::now())
            .await?
            .map(|(_, _, answers)| AskForm {
                from: token,
                ..answers
            }),
        None => None,
    };
    Ok(AskPageData {
        coach,
        others,
        similar,
        prefill,
    })
}

/// Where each field's entry in the error summary leads.
fn field_target(name: &str) -> String {
    match name {
        field::ORGANISATION_TYPE => {
            format!("{name}-{}", OrganisationType::RegisteredCharity.slug())
        }
        field::FUNDING_ROUTE => format!("{name}-{}", FundingRoute::Organisation.slug()),
        field::HEALTH_AND_WELLBEING
        | field::UNDER_REPRESENTED_COMMUNITIES
        | field::LEADERSHIP_SUPPORT_BEFORE => {
            format!("{name}-yes")
        }
        field::SUBMISSION_ID | field::FROM => "send".to_string(),
        other => other.to_string(),
    }
}

#[component]
pub fn AskPage() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    let submission = use_context::<AskSubmission>();
    let from = use_query_map().get_untracked().get("from");
    let page = Suspend::new(async move {
        or_coach_not_found(get_ask_page(slug, from).await, move |data| {
            crate::ui::with_terms(move |terms| view! { <AskForCoach data submission terms /> })
        })
    });
    view! { <Suspense fallback=|| ()>{page}</Suspense> }
}

#[component]
fn AskForCoach(
    data: AskPageData,
    submission: Option<AskSubmission>,
    terms: Terms,
) -> impl IntoView {
    let AskPageData {
        coach,
        others,
        similar,
        prefill,
    } = data;
    let name = coach.name.clone();
    let first = first_name(&name);
    let profile_href = format!("/coaches/{}", coach.slug);
    let not_accepting = matches!(
        submission.as_ref().and_then(|s| s.problem.as_ref()),
        Some(AskProblem::CoachNotAccepting)
    ) || !coach.availability.is_accepting_now();
    view! {
        <Title text=format!("Ask {name} to coach you") />
        <div class="container narrow">
            <p class="back-link">
                <a href=profile_href>{format!("Back to {name}'s profile")}</a>
            </p>
            <h1 id="main-heading" tabindex="-1">{format!("Ask {name} to coach you")}</h1>
            {if not_accepting {
                Either::Left(view! { <NotAccepting coach similar sent=submission.is_some() /> })
            } else {
                // A form sent back shows what was sent; one asked from a request's page starts from
                // its answers.
                let submission = submission.unwrap_or_else(|| AskSubmission {
                    form: prefill.unwrap_or_default(),
                    ..Default::default()
                });
                // Coaches who may suit: from what the leader told the suggestions (carried in the
                // address), never one in conflict with the organisation they gave.
                let mut wishes = crate::matching::pages::wishes_in_address();
                if !submission.form.organisation_name.trim().is_empty() {
                    wishes.organisation = Some(submission.form.leader_organisation());
                }
                let refine = format!("/suggested-coaches?{}", wishes.to_query_string());
                // Thousands of coaches would make a list nobody can use: those most like this
                // one, and whoever the leader chose already.
                let accepting = others.len();
                let chosen = [
                    submission.form.alternative_1.as_str(),
                    submission.form.alternative_2.as_str(),
                ];
                let others = most_alike(others, &coach, &chosen, MOST_ALTERNATIVES);
                let narrowed = (accepting > MOST_ALTERNATIVES).then_some(accepting);
                Either::Right(view! {
                    <AskFormView coach_slug=coach.slug.clone() first others narrowed submission terms />
                    <section class="ask-suggestions" aria-labelledby="suggested-heading">
                        <crate::matching::pages::SuggestedCoaches query=wishes except=Some(coach.slug.clone()) heading=true />
                        <p><a href=refine>"Tell us more, to see who fits you best"</a></p>
                    </section>
                })
            }}
        </div>
    }
    .into_any()
}

#[component]
fn NotAccepting(coach: CoachProfile, similar: Vec<CoachProfile>, sent: bool) -> impl IntoView {
    let first = first_name(&coach.name);
    let when = coach
        .availability
        .next_opening
        .map(|date| format!(" They expect a place from {}.", long_date(date)))
        .unwrap_or_default();
    view! {
        <div class="notice" role=sent.then_some("alert") tabindex="-1" data-nav-focus=sent.then_some("")>
            <h2>{format!("{first} is not accepting new leaders now")}</h2>
            <p>
                {if sent { "Your request was not sent, and nothing you entered has been kept. " } else { "" }}
                {format!("{first} cannot take on a new leader at the moment.{when}")}
            </p>
        </div>
        {if similar.is_empty() {
            Either::Left(
                view! {
                    <p>
                        <a href="/coaches?accepting=yes">"See every coach accepting new leaders now"</a>
                    </p>
                },
            )
        } else {
            Either::Right(
                view! {
                    <h2>"Similar coaches accepting new leaders now"</h2>
                    <ul class="coach-list">
                        {similar.into_iter().map(|coach| view! { <li><CoachCard coach /></li> }).collect_view()}
                    </ul>
                },
            )
        }}
    }
    .into_any()
}

#[component]
fn AskFormView(
    coach_slug: String,
    first: String,
    others: Vec<CoachOption>,
    /// How many coaches are accepting, when `others` holds only those most like this one.
    narrowed: Option<usize>,
    submission: AskSubmission,
    /// The programme's numbers today, which the form quotes.
    terms: Terms,
) -> impl IntoView {
    let AskSubmission {
        form,
        errors,
        problem,
    } = submission;
    let error = |name: &str| errors.get(name).map(str::to_string);
    let submission_id = super::form::SubmissionId::parse(&form.submission_id)
        .map(|id| id.to_string())
        .unwrap_or_else(crate::forms::new_submission_id);
    let action = format!("/coaches/{coach_slug}/ask");
    let acknowledging = match &problem {
        Some(AskProblem::Conflict(conflict)) => Some(conflict.slug()),
        _ => None,
    };
    let problem_view = problem.map(|problem| {
        let message = match &problem {
            AskProblem::TooManyRequests => {
                "Too many requests have come from your connection in the last few minutes. Wait ten minutes, then send the form again: everything you entered is still here.".to_string()
            }
            AskProblem::LooksAutomated => {
                "Your request looked automated, so it was not sent. If you used autofill, clear the field labelled \"Leave this empty\" and send it again.".to_string()
            }
            AskProblem::Unexpected(message) => message.clone(),
            AskProblem::CoachNotAccepting | AskProblem::Conflict(_) => String::new(),
        };
        match problem {
            AskProblem::Conflict(conflict) => {
                let others = format!(
                    "/suggested-coaches?{}",
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair("organisation", &form.organisation_name)
                        .append_pair("number", &form.registration_number)
                        .append_pair("postcode", &form.postcode)
                        .finish()
                );
                Either::Left(view! {
                    <div class="notice notice-problem" role="alert" tabindex="-1" data-nav-focus data-testid="conflict-warning" data-conflict=conflict.slug()>
                        <h2>"Before you send this request"</h2>
                        <p>{conflict.warning(&first)}</p>
                        <p>
                            "Your request has not been sent. "
                            <a href=others>"See other coaches who may suit you"</a>
                            ", or send it to "{first.clone()}" anyway with the button at the end of the form."
                        </p>
                    </div>
                })
            }
            _ => Either::Right(view! {
                <div class="notice notice-problem" role="alert" tabindex="-1" data-nav-focus>
                    <h2>"Your request was not sent"</h2>
                    <p>{message}</p>
                </div>
            }),
        }
    });
    let alternatives: Vec<(String, String)> = others
        .iter()
        .map(|c| (c.slug.clone(), format!("{} ({})", c.name, c.region.label())))
        .collect();
    view! {
        <p class="lead">
            {format!(
                "Tell {first} about you, your organisation and what you would like from coaching. Only {first}, \
                 Cascade staff and, if you agree below, the other coaches you name will see it. It takes about \
                 ten minutes."
            )}
        </p>
        {problem_view}
        <ErrorSummary errors=errors.clone() target=field_target />
        <form class="ask-form" method="post" action=action novalidate>
            <input type="hidden" name=field::SUBMISSION_ID value=submission_id />
            {(!form.from.is_empty()).then(|| view! { <input type="hidden" name=field::FROM value=form.from.clone() /> })}
            <section aria-labelledby="about-you">
                <h2 id="about-you">"About you"</h2>
                <TextField name=field::LEADER_NAME label="Your name".into() value=form.leader_name.clone() error=error(field::LEADER_NAME) autocomplete="name" />
                <TextField
                    name=field::EMAIL
                    label="Email address".into()
                    hint="The coach replies to this address."
                    value=form.email.clone()
                    error=error(field::EMAIL)
                    input_type="email"
                    autocomplete="email"
                />
                <TextField name=field::PHONE label="Phone number (optional)".into() value=form.phone.clone() error=error(field::PHONE) input_type="tel" autocomplete="tel" class="input-medium" />
                <TextField name=field::ROLE label="Your role".into() hint="For example chief executive, director or coordinator." value=form.role.clone() error=error(field::ROLE) autocomplete="organization-title" />
            </section>
            <section aria-labelledby="about-organisation">
                <h2 id="about-organisation">"Your organisation"</h2>
                <TextField name=field::ORGANISATION_NAME label="Organisation name".into() value=form.organisation_name.clone() error=error(field::ORGANISATION_NAME) autocomplete="organization" />
                <RadioGroup
                    name=field::ORGANISATION_TYPE
                    legend="Type of organisation".into()
                    options=OrganisationType::ALL
                        .iter()
                        .filter(|t| t.is_voluntary_and_community_sector())
                        .map(|t| (t.slug(), t.label(), t.hint().map(str::to_string)))
                        .collect()
                    selected=form.organisation_type.clone()
                    error=error(field::ORGANISATION_TYPE)
                />
                <TextField
                    name=field::REGISTRATION_NUMBER
                    label="Charity or company number (optional)".into()
                    hint="For example 1123456, SC012345 or 01234567."
                    value=form.registration_number.clone()
                    error=error(field::REGISTRATION_NUMBER)
                    class="input-medium"
                />
                <YesNo name=field::HEALTH_AND_WELLBEING legend="Does your organisation work in health and wellbeing?".into() selected=form.health_and_wellbeing.clone() error=error(field::HEALTH_AND_WELLBEING) />
                <TextField
                    name=field::ANNUAL_INCOME
                    label="Annual income".into()
                    hint="Your organisation's total income for its last financial year. For example £120,000, 120k or 1.2m."
                    value=form.annual_income.clone()
                    error=error(field::ANNUAL_INCOME)
                    class="input-short"
                    inputmode="decimal"
                />
                <SelectField
                    name=field::REGION
                    label="Region".into()
                    none="Choose a region"
                    options=Region::ALL.iter().map(|r| (r.slug().to_string(), r.label().to_string())).collect()
                    selected=form.region.clone()
                    error=error(field::REGION)
                />
                <TextField name=field::POSTCODE label="Postcode".into() value=form.postcode.clone() error=error(field::POSTCODE) autocomplete="postal-code" class="input-short" />
                <YesNo
                    name=field::UNDER_REPRESENTED_COMMUNITIES
                    legend="Does your organisation work with ethnic-minority communities or other under-represented groups?".into()
                    hint="This is one of the ways to qualify for a bursary."
                    selected=form.under_represented_communities.clone()
                    error=error(field::UNDER_REPRESENTED_COMMUNITIES)
                />
                <CheckboxGroup
                    name=field::COMMUNITIES
                    legend="Communities your organisation serves (optional)".into()
                    hint="Tick any that apply, or none: it does not affect your request. Why we ask: so that the coaches who receive your request know who your organisation works with, and so that Cascade, and the programme's independent evaluator who never sees your name, can tell whether it reaches the communities it is for. It can say something about health, ethnicity, religion or sexuality, so Cascade keeps it encrypted. Ticking any is your agreement to this."
                    options=Community::ALL.iter().map(|c| (c.slug(), c.label())).collect()
                    selected=form.communities.clone()
                    error=None
                />
            </section>
            <section aria-labelledby="about-coaching">
                <h2 id="about-coaching">"Your coaching"</h2>
                <TextArea
                    name=field::GOALS
                    label="What would you like from coaching?".into()
                    hint=format!(
                        "What is on your mind as a leader, and what you would like to be different after {} sessions. \
                         Between {GOALS_MIN_CHARS} and {} characters.",
                        terms.sessions_expected,
                        crate::money::grouped(GOALS_MAX_CHARS as u64)
                    )
                    value=form.goals.clone()
                    error=error(field::GOALS)
                    maxlength=GOALS_MAX_CHARS + 500
                />
                <YesNo
                    name=field::LEADERSHIP_SUPPORT_BEFORE
                    legend="Have you had leadership development support before?".into()
                    hint="Such as coaching, mentoring or a leadership course."
                    selected=form.leadership_support_before.clone()
                    error=error(field::LEADERSHIP_SUPPORT_BEFORE)
                />
                <RadioGroup
                    name=field::FUNDING_ROUTE
                    legend="How will your coaching be paid for?".into()
                    hint=Some(funding_hint(terms.fee))
                    options=FundingRoute::ALL
                        .iter()
                        .map(|r| (r.slug(), r.label(), funding_option_hint(*r, terms.bursary_income_limit)))
                        .collect()
                    selected=form.funding_route.clone()
                    error=error(field::FUNDING_ROUTE)
                />
                <YesNo
                    name=field::REFERRED_BY_FUNDER
                    legend="Did a funder tell you about Cascade? (optional)".into()
                    hint="A funder who tells leaders about Cascade has usually agreed to pay for their coaching."
                    selected=form.referred_by_funder.clone()
                    error=error(field::REFERRED_BY_FUNDER)
                />
                <TextField
                    name=field::REFERRING_FUNDER
                    label="If yes, the funder's name".into()
                    value=form.referring_funder.clone()
                    error=error(field::REFERRING_FUNDER)
                    autocomplete="off"
                />
                <SelectField
                    name=field::ALTERNATIVE_1
                    label="Another coach you would accept (optional)".into()
                    hint=format!(
                        "{first} sees the names you give here. We send your request to them only if you agree \
                         below; otherwise, if {first} cannot take you on, the email telling you so links to \
                         asking those who are accepting new leaders.{}",
                        narrowed.map_or(String::new(), |accepting| format!(
                            " Of the {accepting} coaches accepting new leaders, the list holds the \
                             {MOST_ALTERNATIVES} most like {first}: those who share the most themes with them, \
                             then those in the same region."
                        ))
                    )
                    none="No other coach"
                    options=alternatives.clone()
                    selected=form.alternative_1.clone()
                    error=error(field::ALTERNATIVE_1)
                />
                <SelectField
                    name=field::ALTERNATIVE_2
                    label="A second coach you would accept (optional)".into()
                    none="No other coach"
                    options=alternatives
                    selected=form.alternative_2.clone()
                    error=error(field::ALTERNATIVE_2)
                />
                <AgreementBox name=field::PASS_ON checked=form.pass_on == "yes" error=None>
                    {format!(
                        "If {first} declines, does not answer within {} working days, or leaves \
                         the directory, pass my request to the other coaches I named above, one at a time in the \
                         order I named them, if they are accepting new leaders, have not declined me before, and \
                         my answers still meet the programme's rules. (Optional.)",
                        terms.answer_working_days
                    )}
                </AgreementBox>
            </section>
            // People never see this field; bots that fill in every field do.
            <div class="honeypot" aria-hidden="true">
                <label for=field::HONEYPOT>"Leave this empty"</label>
                <input type="text" id=field::HONEYPOT name=field::HONEYPOT tabindex="-1" autocomplete="off" value=form.website.clone() />
            </div>
            <Consent first=first.clone() checked=form.consent == "yes" error=error(field::CONSENT) />
            {acknowledging.map(|slug| view! { <input type="hidden" name="conflict_acknowledged" value=slug /> })}
            <button type="submit" class="button" id="send">
                {if acknowledging.is_some() { "Send my request anyway" } else { "Send request" }}
            </button>
        </form>
    }
    .into_any()
}

/// The hint for "How will your coaching be paid for?", with the `fee` in effect.
fn funding_hint(fee: Money) -> String {
    format!(
        "The programme costs {fee}, paid to your coach's organisation, not to Cascade. If your \
         organisation or a funder can pay, please choose that: it keeps bursaries for leaders who cannot."
    )
}

fn funding_option_hint(route: FundingRoute, bursary_income_limit: Money) -> Option<String> {
    match route {
        FundingRoute::Organisation => None,
        FundingRoute::Funder => {
            Some("Many grant-makers fund leadership development if you ask.".to_string())
        }
        FundingRoute::Bursary => Some(format!(
            "For eligible organisations with an income under {bursary_income_limit}, working with \
             ethnic-minority or other under-represented communities, or whose leader has had no \
             leadership support before."
        )),
    }
}

#[component]
fn Consent(first: String, checked: bool, error: Option<String>) -> impl IntoView {
    view! {
        <AgreementBox name=field::CONSENT checked error>
            "I have read the "
            <a href="/privacy#requests" target="_blank" rel="noopener">"privacy notice (opens in a new tab)"</a>
            {format!(" and agree to Cascade passing my request to {first}.")}
        </AgreementBox>
    }
}

/// `/coaches/{slug}/ask/sent`: the confirmation. The same whatever became of the request (new,
/// sent twice, or from an address with a request to this coach waiting): the reference and
/// anything particular go by email to the address given, so this page tells nobody whether an
/// address has asked before.
#[component]
pub fn SentPage() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    let page = Suspend::new(async move {
        match crate::coaches::profile::get_coach_page(slug).await {
            Ok(page) => Either::Left(crate::ui::with_terms(move |terms| {
                view! { <Sent coach=page.coach.name terms /> }
            })),
            Err(_) => {
                crate::ui::set_status(404);
                Either::Right(view! { <crate::ui::NotFound /> })
            }
        }
    });
    view! { <Suspense fallback=|| ()>{page}</Suspense> }
}

#[component]
fn Sent(coach: String, terms: Terms) -> impl IntoView {
    let first = first_name(&coach);
    view! {
        <Title text="Request sent" />
        <div class="container narrow">
            <div class="panel-confirmation">
                <h1 id="main-heading" tabindex="-1">"Request sent"</h1>
                <p>{format!("We have passed your request to {coach}.")}</p>
            </div>
            <p>
                "We have emailed a confirmation, with your reference, to the address you gave. Quote the \
                 reference if you contact us. If the email has not arrived within an hour, check your spam folder."
            </p>
            <h2>"What happens next"</h2>
            <ol class="steps">
                <li>{format!("{first} reads your request and accepts or declines it within {} working days. We email you either way.", terms.answer_working_days)}</li>
                <li>{format!("If {first} accepts, we email you each other's contact details, and they will be in touch to arrange your first session.")}</li>
                <li>
                    {format!(
                        "If {first} declines (we email you their reason), does not answer in time, or leaves the \
                         directory, we pass your request on if you agreed to that, or tell you whom you could ask. \
                         Your request's own page, linked from the confirmation, always shows where it stands."
                    )}
                </li>
                <li>
                    "The programme costs " {terms.fee.to_string()}
                    ", paid to your coach's organisation. If you asked for a bursary, Cascade staff decide it and \
                     email you their decision. Bursaries are for organisations with an income under "
                    {terms.bursary_income_limit.to_string()} ", or that meet the other criteria."
                </li>
            </ol>
            <p>
                <a href="/coaches">"Back to the coach directory"</a>
            </p>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hints quote the figures in effect.
    #[test]
    fn the_funding_hints_quote_the_amounts_in_effect() {
        assert!(funding_hint(Money::from_pounds(850)).contains("The programme costs £850,"));
        let bursary = funding_option_hint(FundingRoute::Bursary, Money::from_pounds(120_000))
            .unwrap_or_default();
        assert!(bursary.contains("an income under £120,000,"));
    }
}

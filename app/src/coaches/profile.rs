//! `/coaches/{slug}`: everything public about one coach, and the way to ask them.

use super::directory::CoachCard;
use super::{CoachProfile, and_list};
use crate::error::AppError;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// A coach's page: the coach, and, when they are not accepting, similar coaches who are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachPage {
    pub coach: CoachProfile,
    pub similar: Vec<CoachProfile>,
}

/// A published coach's public profile. Public; anything unpublished is `NotFound`.
#[server(endpoint = "coach_profile")]
pub async fn get_coach_page(slug: String) -> Result<CoachPage, AppError> {
    let slug = super::Slug::parse(&slug).ok_or(AppError::NotFound)?;
    let state = crate::state::app_state()?;
    let pool = state.pool.clone();
    let coach = state
        .directory
        .published(&pool, &slug, crate::clock::today())
        .await?
        .ok_or(AppError::NotFound)?;
    let coach = CoachProfile::clone(&coach);
    let similar = if coach.availability.is_accepting_now() {
        Vec::new()
    } else {
        crate::database::extra_or_nothing(
            super::db::similar_accepting(&pool, &slug, 3, crate::clock::today()).await,
        )?
    };
    Ok(CoachPage { coach, similar })
}

#[component]
pub fn CoachProfilePage() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    let page = Suspend::new(async move {
        or_coach_not_found(
            get_coach_page(slug).await,
            |page| view! { <Profile page /> },
        )
    });
    view! { <Suspense fallback=|| ()>{page}</Suspense> }
}

/// A page about one published coach, rendered by `render`; the coach-not-found page (404) when
/// there is no such coach, or the error page.
pub fn or_coach_not_found<T, V: IntoView>(
    loaded: Result<T, AppError>,
    render: impl FnOnce(T) -> V,
) -> impl IntoView {
    match loaded {
        Ok(value) => EitherOf3::A(render(value)),
        Err(AppError::NotFound) => {
            crate::ui::set_status(404);
            EitherOf3::B(view! { <CoachNotFound /> })
        }
        Err(error) => EitherOf3::C(view! { <crate::ui::ErrorPage error /> }),
    }
}

#[component]
fn Profile(page: CoachPage) -> impl IntoView {
    let CoachPage { coach, similar } = page;
    let accepting = coach.availability.is_accepting_now();
    let first_name = super::first_name(&coach.name);
    let ask_href = format!("/coaches/{}/ask", coach.slug);
    let themes: Vec<&'static str> = coach.themes.iter().map(|t| t.label()).collect();
    let communities: Vec<&'static str> = coach.communities.iter().map(|c| c.label()).collect();
    let lived_experience: Vec<&'static str> =
        coach.lived_experience.iter().map(|l| l.label()).collect();
    let languages: Vec<&'static str> = coach.languages.iter().map(|l| l.label()).collect();
    let sessions = format!("Remote sessions by {}.", coach.formats_in_words());
    view! {
        <Title text=coach.name.clone() />
        <div class="container">
            <p class="back-link">
                <a href="/coaches">"All coaches"</a>
            </p>
            <div class="profile">
                <div class="profile-main">
                    <h1 id="main-heading" tabindex="-1">
                        {coach.name.clone()}
                        {coach.pronouns.clone().map(|p| view! { <span class="pronouns">{format!(" ({p})")}</span> })}
                    </h1>
                    <p class="lead">{format!("{}, {}", coach.role, coach.organisation)}</p>
                    <p>{format!("Region: {}, {} postcode area.", coach.region.label(), coach.postcode_area)}</p>
                    <h2>"About me"</h2>
                    <p class="prose-text">{coach.bio.clone()}</p>
                    <h2>"How I coach"</h2>
                    <p class="prose-text">{coach.how_i_coach.clone()}</p>
                    <h2>"What I coach on"</h2>
                    <ul>{themes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    {(!communities.is_empty())
                        .then(|| {
                            view! {
                                <h2>"Communities I serve or know well"</h2>
                                <ul>{communities.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            }
                        })}
                    {(!lived_experience.is_empty())
                        .then(|| {
                            view! {
                                <h2>"My lived experience"</h2>
                                <ul data-testid="lived-experience">{lived_experience.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            }
                        })}
                    <h2>"Languages and sessions"</h2>
                    <p>{format!("I coach in {}.", and_list(&languages))}</p>
                    <p>{sessions}</p>
                </div>
                <aside class="profile-availability" aria-labelledby="availability-heading">
                    <h2 id="availability-heading">"Availability"</h2>
                    <p class="availability" class:availability-open=accepting class:availability-closed=!accepting>
                        {coach.availability.summary()}
                    </p>
                    {if accepting {
                        Either::Left(
                            view! {
                                <p>
                                    {format!(
                                        "Ask {first_name} to be your coach. Your request goes to them alone: your details are never published."
                                    )}
                                </p>
                                <p>
                                    <a class="button" href=ask_href>
                                        "Ask this coach"
                                    </a>
                                </p>
                            },
                        )
                    } else {
                        Either::Right(
                            view! {
                                <p>
                                    {format!(
                                        "{first_name} cannot take on a new leader at the moment. You can check back later, or ask a similar coach who is accepting now."
                                    )}
                                </p>
                            },
                        )
                    }}
                </aside>
            </div>
            {(!similar.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="similar-heading">
                            <h2 id="similar-heading">"Similar coaches accepting new leaders now"</h2>
                            <ul class="coach-list">
                                {similar.into_iter().map(|coach| view! { <li><CoachCard coach /></li> }).collect_view()}
                            </ul>
                        </section>
                    }
                })}
        </div>
    }
    .into_any()
}

#[component]
pub fn CoachNotFound() -> impl IntoView {
    view! {
        <Title text="Coach not found" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Coach not found"</h1>
            <p>"There is no coach at this address. They may have changed their profile, or be taking a break from coaching."</p>
            <p>
                <a class="button" href="/coaches">"Browse all coaches"</a>
            </p>
        </div>
    }
    .into_any()
}

//! `/staff/cascade` (offers to train, and the cascade drawn), and the offer to train beside a
//! leader's feedback.

use super::{Cascade, TrainingOffer, offer_to_train, staff_cascade};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The offer to train as a coach, for the leader of a closed coaching (`token` is their closing
/// questionnaire's link).
#[component]
pub fn OfferToTrain(token: String) -> impl IntoView {
    let offered_now = use_query_map().get_untracked().get("offered").is_some();
    let state = Suspend::new({
        let token = token.clone();
        async move {
            offer_to_train(token.clone()).await.ok().map(|state| {
                if state.offered || offered_now {
                    Either::Left(view! {
                        <h2>"Coaching others"</h2>
                        <div class="notice" role="status" data-testid="offer-made">
                            <p>"Thank you: Cascade staff have your offer to train as a coach, and may be in touch."</p>
                        </div>
                    })
                } else {
                    Either::Right(view! {
                        <h2>"Coaching others"</h2>
                        <form method="post" action=format!("/questionnaires/{token}/train") class="narrow-form" data-testid="offer-form">
                            <p>"Cascade's coaches are voluntary and community sector leaders, many of them coached here first. Would you like to train as a coach?"</p>
                            <p class="hint">"Unlike your feedback, this is not anonymous: we keep your offer with your name and contact details, so that staff can invite you."</p>
                            <button type="submit" class="button button-secondary">"Yes, I would like to train as a coach"</button>
                        </form>
                    })
                }
            })
        }
    });
    view! { <Suspense fallback=|| ()>{state}</Suspense> }
}

#[component]
pub fn CascadePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let flash = match query.get("invited").as_deref() {
        Some("yes") => {
            Some("Invitation sent. Its link is in the outbox if there is no mail server.")
        }
        _ => None,
    };
    let notice = crate::forms::Submitted::current("cascade").and_then(|s| s.notice);
    let page = Suspend::new(async move {
        or_error_page(staff_cascade().await, |(offers, cascade)| {
            view! { <Offers offers /> <CascadeView cascade /> }
        })
    });
    view! {
        <Title text="The cascade" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"The cascade"</h1>
            {flash.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
            <Notice notice />
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Offers(offers: Vec<TrainingOffer>) -> impl IntoView {
    view! {
        <h2>"Offers to train as a coach"</h2>
        {if offers.is_empty() {
            Either::Left(view! { <p>"No leader has offered yet. Leaders are asked when their coaching closes."</p> })
        } else {
            Either::Right(view! {
                <ScrollTable label="Offers to train as a coach">
                    <thead><tr><th scope="col">"Leader"</th><th scope="col">"Organisation"</th><th scope="col">"Coached by"</th><th scope="col">"Offered"</th><th scope="col">"Invitation"</th></tr></thead>
                    <tbody>
                        {offers.into_iter().map(|offer| {
                            let invite = match offer.invited_on {
                                Some(on) => Either::Left(format!("Invited {}", on.format("%-d %b %Y"))),
                                None => Either::Right(view! {
                                    <form method="post" action=format!("/staff/cascade/{}", offer.engagement_id) class="inline-form">
                                        <button type="submit" class="button button-secondary" aria-label=format!("Invite to coach: {}", offer.leader_name)>"Invite to coach"</button>
                                    </form>
                                }),
                            };
                            view! {
                                <tr data-testid="training-offer">
                                    <td>{format!("{} ({})", offer.leader_name, offer.email)}</td>
                                    <td>{offer.organisation_name}</td>
                                    <td>{offer.coach_name}</td>
                                    <td>{offer.offered_on.format("%-d %b %Y").to_string()}</td>
                                    <td>{invite}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            })
        }}
    }
}

#[component]
fn CascadeView(cascade: Cascade) -> impl IntoView {
    let svg = cascade.svg();
    view! {
        <h2>"Who coached whom"</h2>
        <p data-testid="cascade-summary">{format!(
            "{} generation{}; {} coach{} who were once leaders here.",
            cascade.generations,
            if cascade.generations == 1 { "" } else { "s" },
            cascade.once_leaders,
            if cascade.once_leaders == 1 { "" } else { "es" }
        )}</p>
        {if cascade.coaches.is_empty() {
            Either::Left(view! { <p>"No coach has yet been coached here first."</p> })
        } else {
            Either::Right(view! {
                <div class="cascade-tree" tabindex="0" role="region" aria-label="The cascade as a tree (scrolls sideways)" inner_html=svg></div>
                <ScrollTable label="The cascade, as a table">
                    <thead><tr><th scope="col">"Coach"</th><th scope="col">"Generation"</th><th scope="col">"Coached by"</th><th scope="col">"Leaders they coached"</th><th scope="col">"Leaders reached through their line"</th></tr></thead>
                    <tbody>
                        {cascade.coaches.into_iter().map(|c| view! {
                            <tr data-testid="cascade-coach">
                                <th scope="row">{c.name}</th>
                                <td>{c.generation}</td>
                                <td>{c.coached_by.unwrap_or_else(|| "Not coached in Cascade".into())}</td>
                                <td>{c.leaders}</td>
                                <td>{c.leaders_through_line}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            })
        }}
    }
}

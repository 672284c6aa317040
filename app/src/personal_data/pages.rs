//! `/requests/{token}/your-data`: everything held about a leader, readable, with the JSON file
//! to download.

use super::{Held, coach_data, coaching_in_progress, leader_data};
use crate::forms::fields::{AgreementBox, ErrorSummary};
use crate::forms::{Submitted, error_of};
use crate::ui::or_error_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LeaderDataPage() -> impl IntoView {
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let page = Suspend::new(async move {
        let found = leader_data(token.clone()).await;
        or_error_page(found, move |held| {
            let file = format!("/requests/{token}/your-data.json");
            let back = format!("/requests/{token}");
            view! {
                <p class="lead">"Everything Cascade holds about you: every request from your email address, what became of each, your coaching, your questionnaires and the emails we wrote to you."</p>
                <p>{format!(
                    "The emails we wrote to coaches about your request are not listed: they carry what you sent them, and are deleted {} days after they are sent, like every email.",
                    crate::retention::SENT_EMAIL_DAYS
                )}</p>
                <p><a href=file download>"Download it as a file (JSON)"</a>" · "<a href=back>"Back to your request"</a></p>
                <div data-testid="your-data">{held_view(held, 2)}</div>
            }
        })
    });
    view! {
        <Title text="What we hold about you" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"What we hold about you"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
}

/// A field's heading level, deepest h4.
fn heading(level: u8, text: String) -> AnyView {
    match level {
        2 => view! { <h2>{text}</h2> }.into_any(),
        3 => view! { <h3>{text}</h3> }.into_any(),
        _ => view! { <h4>{text}</h4> }.into_any(),
    }
}

pub(super) fn held_view(held: Held, level: u8) -> AnyView {
    match held {
        Held::Text(text) => view! { <span class="prose-text">{text}</span> }.into_any(),
        Held::List(items) => view! {
            <ol class="held-list">
                {items.into_iter().map(|item| view! { <li>{held_view(item, level + 1)}</li> }).collect_view()}
            </ol>
        }
        .into_any(),
        // Top-level sections get headings; inside them, fields are a definition list.
        Held::Fields(fields) if level <= 2 => fields
            .into_iter()
            .map(|(name, value)| match value {
                Held::Text(_) => view! { <dl class="summary-list"><div><dt>{name}</dt><dd>{held_view(value, level + 1)}</dd></div></dl> }.into_any(),
                _ => view! { <section>{heading(level, capitalised(&name))}{held_view(value, level + 1)}</section> }.into_any(),
            })
            .collect_view()
            .into_any(),
        Held::Fields(fields) => view! {
            <dl class="summary-list">
                {fields.into_iter().map(|(name, value)| view! { <div><dt>{name}</dt><dd>{held_view(value, level + 1)}</dd></div> }).collect_view()}
            </dl>
        }
        .into_any(),
    }
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `/your-data-erased`: where a leader lands once their details are erased (their link no
/// longer opens anything).
#[component]
pub fn ErasedPage() -> impl IntoView {
    view! {
        <Title text="Your details are erased" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Your details are erased"</h1>
            <div class="notice" role="status" data-testid="erased">
                <p>"We have erased your details from every request from your email address. Any request still waiting was withdrawn, and any coaching in progress has ended; each coach has been told."</p>
            </div>
            <p>"The link to your request's page no longer works. If you would like coaching again, you are welcome to "<a href="/coaches">"find a coach"</a>" and ask afresh."</p>
        </div>
    }
}

/// `/me/your-data`: everything held about the signed-in coach, readable, with the file.
#[component]
pub fn CoachDataPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(coach_data().await, move |held| {
            view! {
                <p class="lead">"Everything Cascade holds about you as a coach: your account, your profile and the changes you sent, the requests that reached you and your answers, your coaching, your own questionnaires, the emails we wrote to you and staff decisions about you."</p>
                <p>"The leaders' details are not listed: they are the leaders' own. To correct your profile, "<a href="/me/profile">"edit it"</a>"; to leave, "<a href="/me/close-account">"close your account"</a>"."</p>
                <p><a href="/me/your-data.json" download>"Download it as a file (JSON)"</a>" · "<a href="/me">"Back to your area"</a></p>
                <div data-testid="your-data">{held_view(held, 2)}</div>
            }
        })
    });
    view! {
        <Title text="What we hold about you" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"What we hold about you"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
}

/// `/me/close-account`: a coach closes their account, which erases their profile.
#[component]
pub fn CloseAccountPage() -> impl IntoView {
    let close = Submitted::current("close");
    let page = Suspend::new(async move {
        or_error_page(coaching_in_progress().await, move |leaders| {
            let errors = close.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
            let blocked = (!leaders.is_empty()).then(|| view! {
                <div class="notice" role="status" data-testid="coaching-in-progress">
                    <p>{format!(
                        "You are coaching {}. Close that coaching from its page in your area first, so that each leader hears it from you; then you can close your account.",
                        leaders.join(", ")
                    )}</p>
                </div>
            });
            view! {
                <ErrorSummary errors />
                {blocked}
                <p>"Closing your account:"</p>
                <ul>
                    <li>"takes your profile out of the directory at once;"</li>
                    <li>"tells each leader still waiting for your answer that their request lapsed, and passes it on to another coach if they agreed;"</li>
                    <li>"erases your name, contact details, role, organisation, biography, how you coach and your lived experience, the changes you sent for approval, whom you coach and your conflicts of interest, staff notes about your profile, the emails we wrote to you and your own words in your questionnaires;"</li>
                    <li>"signs you out, and your password no longer works."</li>
                </ul>
                <p>"We keep what names no one, for the programme's counts: your region and postcode area, what you coached on, the communities you know, your languages and formats, and the dates and answers of requests and coaching, which belong to the leaders too. It cannot be undone."</p>
                <p>"Before you go, you can "<a href="/me/your-data">"see and download what we hold about you"</a>"."</p>
                <form method="post" action="/me/close-account" novalidate class="narrow-form" data-testid="close-account-form">
                    <AgreementBox name="confirm" checked=false error=error_of(&close, "confirm")>
                        "I understand: close my account and erase my profile"
                    </AgreementBox>
                    <button type="submit" class="button button-secondary">"Close my account"</button>
                </form>
            }
        })
    });
    view! {
        <Title text="Close your account" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Close your account"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
}

/// `/account-closed`: where a coach lands once their account is closed.
#[component]
pub fn AccountClosedPage() -> impl IntoView {
    view! {
        <Title text="Your account is closed" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Your account is closed"</h1>
            <div class="notice" role="status" data-testid="account-closed">
                <p>"Your account is closed and your profile erased. Leaders who were waiting for your answer have been told."</p>
            </div>
            <p>"Thank you for coaching with Cascade."</p>
        </div>
    }
}

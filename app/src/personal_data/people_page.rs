//! `/staff/people`: staff find everything held about an email address, to give it to the person
//! who asked, and erase it at their request.

use super::pages::held_view;
use super::{PersonLookup, person_data};
use crate::forms::fields::{AgreementBox, ErrorSummary, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::or_error_page;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let erased = query.get("erased").is_some();
    let erase = Submitted::current("erase-person");
    // Sent back from the erase form, the address is the one it sent.
    let email = match &erase {
        Some(sent) => Some(sent.value("email")),
        None => query.get("email"),
    }
    .filter(|e| !e.trim().is_empty());
    // Checked here, so that the message sits by the field it is about.
    let invalid = email
        .as_deref()
        .and_then(|e| crate::contact::EmailAddress::parse(e).err())
        .map(str::to_string);
    let lookup = email.clone().filter(|_| invalid.is_none()).map(|email| {
        let erase = erase.clone();
        Suspend::new(async move {
            or_error_page(person_data(email.clone()).await, move |found| {
                found_view(found, email.clone(), erase.clone())
            })
        })
    });
    let mut errors = erase.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    if let Some(message) = &invalid {
        errors.add("email", message.clone());
    }
    view! {
        <Title text="People's data" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"People's data"</h1>
            {erased.then(|| view! {
                <div class="notice" role="status" data-testid="person-erased">
                    <p>"Erased. The audit log records it, with your reason."</p>
                </div>
            })}
            <ErrorSummary errors />
            <p>"When someone asks for what Cascade holds about them, or asks for it to be erased, find it here by their email address. Leaders and coaches can also do both themselves: leaders from their request's page, coaches from their area."</p>
            <LookupForm email=email.clone().unwrap_or_default() error=error_of(&erase, "email").or(invalid) />
            {lookup.map(|page| view! { <Suspense fallback=|| ()>{page}</Suspense> })}
        </div>
    }
}

/// The address to look up: a plain GET form, so it works without JavaScript.
#[component]
fn LookupForm(email: String, error: Option<String>) -> impl IntoView {
    view! {
        <form method="get" action="/staff/people" novalidate class="narrow-form" data-testid="person-lookup">
            <TextField
                name="email"
                label="Email address".into()
                hint="Everything held under it, as a leader, a coach or staff. Looking is recorded in the audit log."
                value=email
                error
                input_type="email"
                autocomplete="off"
            />
            <button type="submit" class="button">"Find what we hold"</button>
        </form>
    }
}

fn found_view(found: PersonLookup, email: String, erase: Option<Submitted>) -> AnyView {
    match found {
        // The page checks the address first; this is for a caller that did not.
        PersonLookup::Invalid(message) => view! { <p>{message}</p> }.into_any(),
        PersonLookup::NothingHeld => view! {
            <p data-testid="nothing-held">{format!("Cascade holds nothing about {email}.")}</p>
        }
        .into_any(),
        PersonLookup::Held(held) => {
            let file = format!(
                "/staff/people/data.json?{}",
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("email", &email)
                    .finish()
            );
            view! {
                <section aria-labelledby="held-heading">
                    <h2 id="held-heading">{format!("What we hold about {email}")}</h2>
                    <p><a href=file download>"Download it as a file (JSON)"</a>", to send to them"</p>
                    <div data-testid="your-data">{held_view(held, 3)}</div>
                </section>
                {erase_form(email, erase)}
            }
            .into_any()
        }
    }
}

fn erase_form(email: String, erase: Option<Submitted>) -> impl IntoView {
    view! {
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Erase it, at their request"</h2>
            <p>"As a leader: requests still waiting are withdrawn and coaching in progress ends, each coach told; their details are erased from every request, keeping what names no one. As a coach: their account closes and their profile is erased, as if they had closed it themselves (not while they are coaching). As staff: their account goes, and their decisions stay without their name (not your own account). Emails to them are deleted. It cannot be undone."</p>
            <form method="post" action="/staff/people" novalidate class="narrow-form" data-testid="erase-person-form">
                <input type="hidden" name="email" value=email />
                <TextArea
                    name="reason"
                    label="Why".into()
                    hint="Kept in the audit log for good: say why without naming the person, for example \"asked by email on 2 December\"."
                    value=value_or(&erase, "reason", "")
                    error=error_of(&erase, "reason")
                    rows=3
                    maxlength=super::REASON_MAX_CHARS
                />
                <AgreementBox name="confirm" checked=false error=error_of(&erase, "confirm")>
                    "I understand: erase everything held about this address"
                </AgreementBox>
                <button type="submit" class="button button-secondary">"Erase their data"</button>
            </form>
        </section>
    }
}

//! `/requests/{token}`: a leader's own page for their request. Its forms post to the same
//! address (see `action::leader`): withdraw, and correct the email address or phone number.

use super::leader::{LINK_DAYS_AFTER_END, LeaderRequestView, leader_request};
use super::{EngagementStatus, RequestStatus};
use crate::coaches::long_date;
use crate::forms::fields::{AgreementBox, ErrorSummary, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn LeaderRequestPage() -> impl IntoView {
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let done = use_query_map().get_untracked().get("done");
    let page = Suspend::new(async move {
        let found = leader_request(token.clone()).await;
        or_error_page(found, move |view| {
            view! { <LeaderRequest view token done /> }
        })
    });
    view! { <Suspense fallback=|| ()>{page}</Suspense> }
}

/// How an ask reads on the leader's page.
fn ask_state(status: RequestStatus, engagement: Option<EngagementStatus>) -> &'static str {
    match (status, engagement) {
        (RequestStatus::Pending, _) => "Waiting for an answer",
        (RequestStatus::Accepted, Some(EngagementStatus::Completed)) => "Coaching completed",
        (RequestStatus::Accepted, Some(EngagementStatus::EndedEarly)) => "Coaching ended early",
        (RequestStatus::Accepted, _) => "Accepted",
        (RequestStatus::Declined, _) => "Declined",
        (RequestStatus::Expired, _) => "No answer in time",
        (RequestStatus::Withdrawn, _) => "Withdrawn",
        (RequestStatus::Lapsed, _) => "The coach left the directory",
    }
}

#[component]
fn LeaderRequest(view: LeaderRequestView, token: String, done: Option<String>) -> impl IntoView {
    let action = format!("/requests/{token}");
    let erase_action = action.clone();
    let withdraw = Submitted::current("withdraw");
    let erase = Submitted::current("erase");
    let contact = Submitted::current("contact");
    let concern = Submitted::current("concern");
    let mut errors = contact
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    for sent in [&withdraw, &erase, &concern].into_iter().flatten() {
        for (field, message) in sent.errors.iter() {
            errors.add(field, message);
        }
    }
    let notice = withdraw
        .as_ref()
        .and_then(|s| s.notice.clone())
        .or_else(|| contact.as_ref().and_then(|s| s.notice.clone()))
        .or_else(|| concern.as_ref().and_then(|s| s.notice.clone()));
    let flash = match done.as_deref() {
        Some("withdrawn") => Some("Your request is withdrawn. We have told the coach."),
        Some("contact") => Some("Your details are saved."),
        Some("concern") => Some(
            "Your concern is sent to Cascade staff, and we have emailed you to say we have it.",
        ),
        _ => None,
    };
    let can_withdraw = view.can_withdraw();
    // A concern is about coaching: once a coach has accepted.
    let coached_by = view
        .asks
        .iter()
        .find(|a| a.engagement.is_some())
        .map(|a| a.coach_name.clone());
    let concern_action = format!("/requests/{token}");
    let can_ask_another = view.can_ask_another();
    let status = view.status;
    let LeaderRequestView {
        leader_name,
        role,
        organisation_name,
        email,
        phone,
        asks,
        coach_contact,
        next_coaches,
        withdrawal_reason,
        ..
    } = view;
    view! {
        <Title text="Your request for coaching" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Your request for coaching"</h1>
            <p class="lead">
                {format!("{leader_name}, this is your own page for your request. ")}
                "Where it stands: "
                <strong data-testid="leader-request-status" data-status=status.slug()>{status.label()}</strong>
            </p>
            {flash.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
            <Notice notice />
            <ErrorSummary errors />
            <h2>"Coaches asked"</h2>
            <ScrollTable label="Coaches asked, in order">
                <thead>
                    <tr><th scope="col">"Coach"</th><th scope="col">"Reference"</th><th scope="col">"Asked"</th><th scope="col">"Where it stands"</th><th scope="col">"Their answer"</th></tr>
                </thead>
                <tbody>
                    {asks.into_iter().map(|ask| view! {
                        <tr data-testid="leader-ask" data-coach=ask.coach_slug.clone()>
                            <td><a href=format!("/coaches/{}", ask.coach_slug)>{ask.coach_name.clone()}</a></td>
                            <td>{ask.reference.clone()}</td>
                            <td>{long_date(ask.asked_on)}</td>
                            <td>
                                {ask_state(ask.status, ask.engagement)}
                                {ask.passed_on.then_some(" (passed on to them)")}
                                {ask.due_on.map(|due| if ask.status.is_pending() {
                                    format!(": answer due by {}", long_date(due))
                                } else {
                                    format!(" (the answer was due by {})", long_date(due))
                                })}
                            </td>
                            <td class="prose-text">
                                {ask.answered_on.map(|d| format!("{}: ", long_date(d))).unwrap_or_default()}
                                {ask.answer.clone().unwrap_or_default()}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
            {withdrawal_reason.map(|reason| view! { <p>"Your reason for withdrawing: " {reason}</p> })}
            {coach_contact.map(|coach| view! {
                <section aria-labelledby="coach-contact-heading" data-testid="coach-contact">
                    <h2 id="coach-contact-heading">{format!("How to reach {}", coach.name)}</h2>
                    <dl class="summary-list">
                        <div><dt>"Email"</dt><dd><a href=crate::contact::mailto_href(&coach.email)>{coach.email.clone()}</a></dd></div>
                        {coach.phone.map(|phone| view! { <div><dt>"Phone"</dt><dd>{phone}</dd></div> })}
                    </dl>
                </section>
            })}
            {can_ask_another.then(|| view! {
                <section aria-labelledby="ask-another-heading">
                    <h2 id="ask-another-heading">"Ask another coach"</h2>
                    <p>"Your answers from this request are filled in for you: check them and send."</p>
                    {if next_coaches.is_empty() {
                        Either::Left(view! { <p>"We have no other coach to suggest now."</p> })
                    } else {
                        let suggested = !next_coaches.iter().any(|c| c.named);
                        Either::Right(view! {
                            {suggested.then(|| view! {
                                <p data-testid="suggested-coaches">"None of the coaches you named can take your request now. These coaches are accepting new leaders: those in your region, then those sharing most themes with the coach you last asked, come first."</p>
                            })}
                            <ul>
                                {next_coaches.into_iter().map(|coach| view! {
                                    <li>
                                        <a href=format!("/coaches/{}/ask?from={token}", coach.slug)>{format!("Ask {}", coach.name)}</a>
                                        {coach.named.then_some(" (you named them)")}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    }}
                    <p><a href="/coaches?accepting=yes">"See every coach accepting new leaders now"</a></p>
                </section>
            })}
            {can_withdraw.then(|| view! {
                <form method="post" action=action.clone() novalidate class="narrow-form">
                    <h2>"Withdraw your request"</h2>
                    <p>"The coach is told, and stops considering it."</p>
                    <input type="hidden" name="action" value="withdraw" />
                    <TextArea name="reason" label="Your reason (optional)".into() hint="It is kept with your request; the coach is not told it." value=value_or(&withdraw, "reason", "") error=error_of(&withdraw, "reason") rows=3 />
                    <button type="submit" class="button button-secondary">"Withdraw request"</button>
                </form>
            })}
            {coached_by.map(|coach| view! {
                <h2>"A concern about your coaching"</h2>
                <crate::concerns::pages::RaiseConcern action=concern_action.clone() other=coach />
            })}
            <form method="post" action=action novalidate class="narrow-form">
                <h2>"Your details"</h2>
                <p>"Correct them here: every coach your request went to sees the latest. A coach sees your email address and phone number only once they accept your request."</p>
                <input type="hidden" name="action" value="contact" />
                <TextField name="leader_name" label="Your name".into() value=value_or(&contact, "leader_name", leader_name.clone()) error=error_of(&contact, "leader_name") autocomplete="name" />
                <TextField name="role" label="Your role".into() value=value_or(&contact, "role", role) error=error_of(&contact, "role") autocomplete="organization-title" />
                <TextField name="organisation_name" label="Organisation name".into() value=value_or(&contact, "organisation_name", organisation_name) error=error_of(&contact, "organisation_name") autocomplete="organization" />
                <TextField name="email" label="Email address".into() value=value_or(&contact, "email", email) error=error_of(&contact, "email") input_type="email" autocomplete="email" />
                <TextField name="phone" label="Phone number (optional)".into() value=value_or(&contact, "phone", phone.unwrap_or_default()) error=error_of(&contact, "phone") input_type="tel" autocomplete="tel" class="input-medium" />
                <button type="submit" class="button">"Save your details"</button>
            </form>
            <h2>"What we hold about you"</h2>
            <p>
                <a href=format!("/requests/{token}/your-data")>"See everything we hold about you"</a>
                " · "
                <a href=format!("/requests/{token}/your-data.json") download>"Download it as a file (JSON)"</a>
            </p>
            <form method="post" action=erase_action novalidate class="narrow-form" data-testid="erase-form">
                <h2>"Erase your details"</h2>
                <p>
                    {format!(
                        "We erase your name, contact details, role, organisation's name, full postcode, goals, \
                         the communities it serves and the coaches' messages from every request from your email address. A request \
                         still waiting for an answer is withdrawn, and coaching in progress ends; each coach \
                         is told. We keep what names no one, for the programme's counts: {}. This page's \
                         link then stops working. It cannot be undone.",
                        crate::retention::KEPT_AFTER_ERASURE
                    )}
                </p>
                <input type="hidden" name="action" value="erase" />
                <AgreementBox name="confirm" checked=false error=error_of(&erase, "confirm")>
                    "I understand: erase my details"
                </AgreementBox>
                <button type="submit" class="button button-secondary">"Erase my details"</button>
            </form>
            <p class="hint">
                {format!(
                    "Keep this page's address to yourself: anyone with it can see and change your request. It \
                     works until {LINK_DAYS_AFTER_END} days after your request ends."
                )}
            </p>
        </div>
    }
    .into_any()
}

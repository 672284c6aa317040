//! The staff area's pages.

use super::{
    Bursaries, CoachListing, ModerationItem, Overview, RequestFilter, RequestList, StaffEngagement,
    WaitingRequest,
};
use super::{
    moderation_queue, staff_audit_log, staff_bursaries, staff_coaches, staff_engagements,
    staff_outbox, staff_overview, staff_requests, staff_waiting,
};
use crate::coaches::long_date;
use crate::forms::fields::{ErrorSummary, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::interest::RequestStatus;
use crate::interest::form::FundingRoute;
use crate::money::Money;
use crate::ui::{ErrorPage, Notice, ScrollTable, or_error_page};
use crate::vocabulary::Region;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %b %Y, %H:%M UTC").to_string()
}

/// A staff page: refused unless staff, with a heading, a way back and the content loaded.
#[component]
fn StaffPage(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">{title}</h1>
            {children()}
        </div>
    }
    .into_any()
}

fn flash(message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(
            staff_overview().await,
            |overview| view! { <Home overview /> },
        )
    });
    view! {
        <Title text="Staff" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Staff"</h1>
            <crate::readiness::pages::CaseloadLink />
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Home(overview: Overview) -> impl IntoView {
    let outbox = if overview.mail_delivery {
        format!("{} not sent yet", overview.outbox_unsent)
    } else {
        "no mail server: read every message here".to_string()
    };
    view! {
        <ul class="staff-links">
            <li><a href="/staff/moderation">"Moderation queue"</a>{format!(" · {} waiting", overview.profiles_waiting)}</li>
            <li><a href="/staff/requests">"Expressions of interest"</a>" · "<a href="/staff/requests?view=waiting">{format!("{} waiting for a coach's answer", overview.requests_pending)}</a></li>
            <li><a href="/staff/engagements">"Coaching"</a>" · every engagement, and those open longer than expected"</li>
            <li><a href="/staff/overview">"Take-up and outcomes"</a>" · the overview, charts and exports for the evaluation"</li>
            <li><a href="/staff/cascade">"The cascade"</a>" · leaders offering to train as coaches, and who coached whom"</li>
            <li><a href="/staff/concerns">"Concerns"</a>" · raised by leaders and coaches about their coaching, to follow to a close"</li>
            <li><a href="/staff/feedback">"Feedback from leaders"</a>" · each coach's average and comments, from 3 answers"</li>
            <li><a href="/staff/fees">"Fees"</a>" · each coaching's fee: invoiced, paid, by funder"</li>
            <li><a href="/staff/bursaries">"Bursaries"</a>{format!(" · {} to decide", overview.bursaries_undecided)}</li>
            <li><a href="/staff/coaches">"Coaches"</a>" · hide, unhide, suspend"</li>
            <li><a href="/staff/bank-holidays">"Bank holidays"</a>" · the days a coach's working days to answer skip"</li>
            <li><a href="/staff/invite">"Invite a coach"</a></li>
            <li><a href="/staff/readiness">"Training and supervision"</a>" · each coach's training, supervisor and supervision"</li>
            <li><a href="/staff/outbox">"Outbox"</a>{format!(" · {outbox}")}</li>
            <li><a href="/staff/audit">"Audit log"</a></li>
            {crate::access::current_caller().is_admin().then(|| view! {
                <li><a href="/staff/team">"Staff team"</a>" · invite staff, change roles, disable accounts, reset two-step sign-in"</li>
                <li><a href="/staff/settings">"Programme settings"</a>" · the limits, fee, periods and deadline, each from a day"</li>
            })}
            <li><a href="/account">"Your account"</a>" · your name and recovery codes"</li>
            <li><a href="/staff/people">"People's data"</a>" · what we hold about an email address, for the person who asks; erasure at their request"</li>
        </ul>
    }
    .into_any()
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let decided = use_query_map()
        .get_untracked()
        .get("decided")
        .map(|d| match d.as_str() {
            "approved" => "Approved. The coach has been emailed.".to_string(),
            _ => "Sent back. The coach has been emailed your reason.".to_string(),
        });
    let page = Suspend::new(async move {
        match moderation_queue().await {
            Ok(items) if items.is_empty() => Either::Left(Either::Left(
                view! { <p>"Nothing is waiting for a decision."</p> },
            )),
            Ok(items) => Either::Left(Either::Right(
                items
                    .into_iter()
                    .map(|item| view! { <Moderation item /> })
                    .collect_view(),
            )),
            Err(error) => Either::Right(view! { <ErrorPage error /> }),
        }
    });
    let submitted = Submitted::current("moderation");
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    view! {
        <StaffPage title="Moderation queue">
            {flash(decided.clone())}
            <Notice notice=notice.clone() />
            <ErrorSummary errors />
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
fn Moderation(item: ModerationItem) -> impl IntoView {
    let submitted = Submitted::current("moderation");
    let reason_field = format!("reason-{}", item.coach_id);
    let reason_error = error_of(&submitted, &reason_field);
    let action = format!("/staff/moderation/{}", item.coach_id);
    let heading = if item.new_profile {
        format!("New profile: {}", item.name)
    } else {
        format!("Changes to {}'s profile", item.name)
    };
    let reason_id = reason_field.clone();
    // The version on screen, so that deciding it cannot decide a newer one unseen.
    let seen = item
        .submitted_at
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    // What was typed, when this item's form is the one sent back.
    let typed_reason = submitted
        .as_ref()
        .filter(|s| s.value("coach") == item.coach_id.to_string())
        .map(|s| s.value("reason"))
        .unwrap_or_default();
    view! {
        <article class="moderation-item" data-testid="moderation-item" data-coach=item.slug.clone()>
            <h2>{heading}</h2>
            <p>{format!("{} · submitted {}", item.email, when(item.submitted_at))}</p>
            <ScrollTable label=format!("What changed: {}", item.name)>
                <thead>
                    <tr>
                        <th scope="col">"Field"</th>
                        {(!item.new_profile).then(|| view! { <th scope="col">"Now"</th> })}
                        <th scope="col">{if item.new_profile { "Profile" } else { "Proposed" }}</th>
                    </tr>
                </thead>
                <tbody>
                    {item.changes.into_iter().map(|(label, before, after)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {(!item.new_profile).then(|| view! { <td class="prose-text"><del>{before}</del></td> })}
                            <td class="prose-text"><ins>{after}</ins></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
            {(!item.trained).then(|| view! {
                <div class="notice notice-problem" data-testid="not-trained">
                    <p>
                        {format!("{}'s training is not recorded, so their profile cannot be published yet. ", item.name)}
                        <a href=format!("/staff/readiness/{}", item.coach_id)>{format!("Record {}'s training", item.name)}</a>
                    </p>
                </div>
            })}
            <div class="answer-forms">
                <form method="post" action=action.clone()>
                    <input type="hidden" name="decision" value="approve" />
                    <input type="hidden" name="submitted" value=seen.clone() />
                    <button type="submit" class="button" aria-label=format!("{} for {}", if item.new_profile { "Approve and publish" } else { "Approve changes" }, item.name)>
                        {if item.new_profile { "Approve and publish" } else { "Approve changes" }}
                    </button>
                </form>
                <form method="post" action=action novalidate>
                    <input type="hidden" name="decision" value="reject" />
                    <input type="hidden" name="submitted" value=seen />
                    <TextArea name="reason" id=reason_id label="Reason for sending it back".into() value=typed_reason error=reason_error rows=3 />
                    <input type="hidden" name="coach" value=item.coach_id.to_string() />
                    <button type="submit" class="button button-secondary" aria-label=format!("Send back {}", item.name)>"Send back"</button>
                </form>
            </div>
        </article>
    }
    .into_any()
}

#[component]
pub fn CoachesPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(
            staff_coaches().await,
            |coaches| view! { <CoachTable coaches /> },
        )
    });
    let notice = Submitted::current("coaches").and_then(|s| s.notice);
    view! {
        <StaffPage title="Coaches">
            <Notice notice />
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
fn CoachTable(coaches: Vec<CoachListing>) -> impl IntoView {
    view! {
        <ScrollTable label="Every coach">
            <thead>
                <tr><th scope="col">"Coach"</th><th scope="col">"Status"</th><th scope="col">"Region"</th><th scope="col">"Leaders"</th><th scope="col">"Account and phone"</th><th scope="col">"Change"</th></tr>
            </thead>
            <tbody>
                {coaches.into_iter().map(|c| {
                    let action = format!("/staff/coaches/{}", c.id);
                    // The changes the rules allow for this coach as they are.
                    let buttons: Vec<(&str, &str)> = c
                        .status
                        .changes(c.approved_once)
                        .into_iter()
                        .map(|change| (change.slug(), change.label()))
                        .collect();
                    let name = c.name.clone();
                    view! {
                        <tr data-testid="staff-coach" data-coach=c.slug.clone()>
                            <td>{if c.status.is_public() { Either::Left(view! { <a href=format!("/coaches/{}", c.slug)>{c.name.clone()}</a> }) } else { Either::Right(c.name.clone()) }}</td>
                            <td data-testid="coach-status">
                                {c.status.slug().replace('_', " ")}
                                {c.paused_reason.map(|reason| view! { <br /><strong>{reason.label()}</strong> })}
                            </td>
                            <td>{c.region.map(|r| r.label()).unwrap_or("")}</td>
                            <td>{format!("{} of {}{}", c.current_leaders, c.capacity, if c.accepting_now { ", accepting" } else { "" })}</td>
                            <td>
                                {c.account_email.clone().unwrap_or_else(|| "No account".into())}
                                {c.phone.clone().map(|phone| view! { <br /><a href=format!("tel:{phone}")>{phone.clone()}</a> })}
                            </td>
                            <td>
                                {buttons.into_iter().map(|(value, label)| view! {
                                    <form method="post" action=action.clone() class="inline-form">
                                        <input type="hidden" name="action" value=value />
                                        <button type="submit" class="button button-small button-secondary" aria-label=format!("{label} {name}")>{label}</button>
                                    </form>
                                }).collect_view()}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let sent = use_query_map().get_untracked().get("sent");
    let submitted = Submitted::current("invite");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    view! {
        <StaffPage title="Invite a coach">
            {flash(sent.map(|email| format!("Invitation sent to {email}. Its link is in the outbox if there is no mail server.")))}
            <p>"The coach gets an email with a link, valid for 7 days, to set a password and write their profile. You approve the profile before it is public."</p>
            <Notice notice />
            <ErrorSummary errors />
            <form method="post" action="/staff/invite" novalidate class="narrow-form">
                <TextField name="name" label="Coach's name".into() value=value_or(&submitted, "name", "") error=error_of(&submitted, "name") />
                <TextField name="email" label="Coach's email address".into() value=value_or(&submitted, "email", "") error=error_of(&submitted, "email") input_type="email" />
                <button type="submit" class="button">"Send invitation"</button>
            </form>
        </StaffPage>
    }
    .into_any()
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    if query.get("view").as_deref() == Some("waiting") {
        return view! { <WaitingPage /> }.into_any();
    }
    let pairs: Vec<(String, String)> = ["status", "region", "coach", "funding"]
        .iter()
        .filter_map(|k| query.get(k).map(|v| (k.to_string(), v)))
        .collect();
    let filter = RequestFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let page = {
        let filter = filter.clone();
        Suspend::new(async move {
            or_error_page(
                staff_requests(filter.clone()).await,
                |list| view! { <Requests list filter /> },
            )
        })
    };
    view! {
        <StaffPage title="Expressions of interest">
            <p><a href="/staff/requests?view=waiting">"Waiting for an answer, oldest first"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

/// `/staff/requests?view=waiting`: requests waiting for a coach's answer, oldest first, each
/// with its whole history and the coaches the leader named.
#[component]
fn WaitingPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_waiting().await, |waiting| {
            view! { <Waiting waiting /> }
        })
    });
    view! {
        <StaffPage title="Waiting for a coach's answer">
            <p><a href="/staff/requests">"Every expression of interest"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
fn Waiting(waiting: Vec<WaitingRequest>) -> impl IntoView {
    let overdue = waiting.iter().filter(|w| w.overdue).count();
    let summary = match (waiting.len(), overdue) {
        (n, _) if n >= super::LIST_LIMIT => {
            format!("The oldest {n} waiting are shown, {overdue} of them past their deadline.")
        }
        (0, _) => "No request is waiting for an answer.".to_string(),
        (n, 0) => format!("{n} waiting, none past its deadline."),
        (n, o) => format!("{n} waiting, {o} past its deadline."),
    };
    view! {
        <p class="lead" data-testid="waiting-summary">{summary}</p>
        {waiting.into_iter().map(|w| {
            let due = match w.due_on {
                Some(due) if w.overdue => format!("Overdue: the answer was due by {}", long_date(due)),
                Some(due) => format!("Answer due by {}", long_date(due)),
                None => "No deadline".to_string(),
            };
            let named = if w.named.is_empty() {
                "None".to_string()
            } else {
                w.named.join(", ")
            };
            view! {
                <article class="waiting-request" data-testid="waiting-request" data-reference=w.reference.clone() data-overdue=w.overdue.to_string()>
                    <h2>{format!("{}: {} to {}", w.reference, w.leader_name, w.coach_name)}</h2>
                    <p class=if w.overdue { "overdue" } else { "" }>
                        {w.overdue.then(|| view! { <strong>"Overdue. "</strong> })}
                        {format!("Received {}. {due}.", long_date(w.received_on))}
                    </p>
                    <p>{format!("Other coaches the leader named: {named}")}</p>
                    <h3>"History"</h3>
                    <ol class="history">
                        {w.history.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ol>
                </article>
            }
        }).collect_view()}
    }
    .into_any()
}

/// `/staff/engagements`: every coaching, open ones first, those open longer than the programme
/// expects (flagged by the due work) marked.
#[component]
pub fn EngagementsPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_engagements().await, |engagements| {
            view! { <Engagements engagements /> }
        })
    });
    view! {
        <StaffPage title="Coaching">
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
fn Engagements(engagements: Vec<StaffEngagement>) -> impl IntoView {
    let flagged = engagements.iter().filter(|e| e.flagged).count();
    view! {
        <p class="lead" data-testid="engagement-summary">
            {format!(
                "{} engagements{}; {flagged} open longer than the programme expects, whose coaches have been asked to close them.",
                engagements.len(),
                if engagements.len() >= super::LIST_LIMIT { ", the first shown of more" } else { "" }
            )}
        </p>
        <ScrollTable label="Every engagement, open ones first">
            <thead>
                <tr><th scope="col">"Reference"</th><th scope="col">"Coach"</th><th scope="col">"Leader"</th><th scope="col">"State"</th><th scope="col">"Sessions held"</th><th scope="col">"Started"</th><th scope="col">"Last activity"</th></tr>
            </thead>
            <tbody>
                {engagements.into_iter().map(|e| view! {
                    <tr data-testid="staff-engagement" data-reference=e.reference.clone() data-flagged=e.flagged.to_string()>
                        <td>{e.reference.clone()}</td>
                        <td>{e.coach_name}</td>
                        <td>{format!("{}, {}", e.leader_name, e.organisation_name)}</td>
                        <td>
                            {e.status.label()}
                            {e.flagged.then(|| view! { <br /><strong>"Open longer than expected"</strong> })}
                        </td>
                        <td>{e.sessions}</td>
                        <td>{long_date(e.started_on)}</td>
                        <td>{e.last_activity.map(long_date).unwrap_or_else(|| "None yet".to_string())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

#[component]
fn Requests(list: RequestList, filter: RequestFilter) -> impl IntoView {
    let option = |value: &str, label: String, selected: bool| view! { <option value=value.to_string() selected=selected>{label}</option> };
    view! {
        <form method="get" action="/staff/requests" class="filters filters-inline">
            <div class="field">
                <label for="status">"Status"</label>
                <select id="status" name="status" class="input">
                    {option("", "Any status".into(), filter.status.is_none())}
                    {RequestStatus::ALL.iter().map(|&s| option(s.slug(), s.slug().to_string(), filter.status == Some(s))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="region">"Region"</label>
                <select id="region" name="region" class="input">
                    {option("", "Any region".into(), filter.region.is_none())}
                    {Region::ALL.iter().map(|r| option(r.slug(), r.label().into(), filter.region == Some(*r))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="coach">"Coach"</label>
                <select id="coach" name="coach" class="input">
                    {option("", "Any coach".into(), filter.coach.is_none())}
                    {list.coaches.iter().map(|(slug, name)| option(slug, name.clone(), filter.coach.as_deref() == Some(slug.as_str()))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="funding">"Funding route"</label>
                <select id="funding" name="funding" class="input">
                    {option("", "Any route".into(), filter.funding.is_none())}
                    {FundingRoute::ALL.iter().map(|&f| option(f.slug(), f.slug().to_string(), filter.funding == Some(f))).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Filter"</button>
        </form>
        <div id="staff-requests">
            <p data-testid="staff-request-count">{format!("{} requests", list.requests.len())}</p>
            <ScrollTable label="Expressions of interest, newest first">
                <thead>
                    <tr><th scope="col">"Reference"</th><th scope="col">"Received"</th><th scope="col">"Leader"</th><th scope="col">"Coach"</th><th scope="col">"Region"</th><th scope="col">"Funding"</th><th scope="col">"Status"</th></tr>
                </thead>
                <tbody>
                    {list.requests.into_iter().map(|r| view! {
                        <tr data-testid="staff-request" data-conflict=r.conflict.map(|c| c.slug())>
                            <td>
                                {r.reference}
                                {r.conflict.map(|c| view! { <br /><strong class="flag" data-testid="conflict-flag">{format!("Conflict of interest: {}", c.flag())}</strong> })}
                            </td>
                            <td>{long_date(crate::clock::uk_date(r.created_at))}</td>
                            <td>{format!("{}, {}", r.leader_name, r.organisation_name)}</td>
                            <td>{r.coach_name}</td>
                            <td>{r.region.map(|x| x.label()).unwrap_or("")}</td>
                            <td>{format!("{}{}", r.funding_route.slug(), r.bursary_decision.map(|d| format!(" ({})", d.slug())).unwrap_or_default())}</td>
                            <td>{r.status.slug()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        </div>
    }
    .into_any()
}

#[component]
pub fn BursariesPage() -> impl IntoView {
    let this_year = chrono::Datelike::year(&crate::clock::today());
    let year = use_query_map()
        .get_untracked()
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (2020..=2100).contains(y))
        .unwrap_or(this_year);
    let page = Suspend::new(async move {
        or_error_page(
            staff_bursaries(year).await,
            |bursaries| view! { <BursaryList bursaries /> },
        )
    });
    view! {
        <StaffPage title="Bursaries">
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
fn BursaryList(bursaries: Bursaries) -> impl IntoView {
    let submitted = Submitted::current("bursaries");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let year = bursaries.year.to_string();
    let summary = match bursaries.places {
        Some(places) => format!(
            "{} of {places} bursaries for {} approved.",
            bursaries.approved, bursaries.year
        ),
        None => format!(
            "The number of bursaries for {} has not been set: set it before approving any.",
            bursaries.year
        ),
    };
    view! {
        <p class="lead" data-testid="bursary-summary">{summary}</p>
        <Notice notice />
        <ErrorSummary errors />
        <form method="post" action="/staff/bursaries" novalidate class="narrow-form">
            <input type="hidden" name="action" value="places" />
            <input type="hidden" name="year" value=year.clone() />
            <TextField
                name="places"
                label=format!("Bursaries for {}", bursaries.year)
                value=value_or(
                    &submitted.clone().filter(|s| s.fields.iter().any(|(k, _)| k == "places")),
                    "places",
                    bursaries.places.map(|p| p.to_string()).unwrap_or_default(),
                )
                error=error_of(&submitted, "places")
                input_type="number"
                class="input-short"
                inputmode="numeric"
            />
            <button type="submit" class="button">"Save number"</button>
        </form>
        <h2>"Bursary requests"</h2>
        <ScrollTable label="Requests that asked for a bursary">
            <thead>
                <tr><th scope="col">"Reference"</th><th scope="col">"Leader"</th><th scope="col">"Income"</th><th scope="col">"Coach"</th><th scope="col">"Request"</th><th scope="col">"Bursary"</th></tr>
            </thead>
            <tbody>
                {bursaries.requests.into_iter().map(|r| {
                    let income = Money::from_pence(u64::try_from(r.annual_income_pence).unwrap_or(0)).map(|m| m.to_string()).unwrap_or_default();
                    let reference = r.reference.clone();
                    view! {
                        <tr data-testid="bursary-request" data-reference=r.reference.clone()>
                            <td>{r.reference.clone()}</td>
                            <td>{format!("{}, {}", r.leader_name, r.organisation_name)}</td>
                            <td>{income}</td>
                            <td>{r.coach_name}</td>
                            <td>{r.status.slug()}</td>
                            <td>
                                {match (r.decision, r.to_decide) {
                                    (Some(decision), _) => EitherOf3::A(view! { <span data-testid="bursary-decision">{decision.slug()}</span> }),
                                    (None, false) => EitherOf3::B(view! { <span>"Not needed: the coaching request is closed"</span> }),
                                    (None, true) => EitherOf3::C(["approve", "decline"].into_iter().map(|decision| view! {
                                        <form method="post" action="/staff/bursaries" class="inline-form">
                                            <input type="hidden" name="action" value=decision />
                                            <input type="hidden" name="year" value=year.clone() />
                                            <input type="hidden" name="reference" value=reference.clone() />
                                            <button type="submit" class="button button-small button-secondary" aria-label=format!("{decision} bursary for {reference}")>
                                                {if decision == "approve" { "Approve" } else { "Decline" }}
                                            </button>
                                        </form>
                                    }).collect_view()),
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_outbox().await, |(messages, delivery)| {
            view! {
                <p>{if delivery {
                    "A mail server is configured: messages are sent, and failed ones retried. The links in \
                     them (invitations, password resets, confirming availability, leaders' own request pages, questionnaires) \
                     are made as each email is sent, so they are never shown here."
                } else {
                    "No mail server is configured (CASCADE_SMTP_URL), so messages are not sent: read them here. \
                     The links in them (invitations, password resets, confirming availability, leaders' own \
                     request pages, questionnaires) work, and anyone who can read this page can use them. With a mail server, \
                     links are made as each email is sent and never shown here."
                }}</p>
                {messages.into_iter().map(|m| {
                    let status = match (m.sent_at, &m.last_error) {
                        (Some(at), _) => format!("Sent {}", when(at)),
                        (None, Some(error)) => format!("Not sent after {} attempts ({error}); will retry", m.attempts),
                        (None, None) if delivery => "Waiting to be sent".to_string(),
                        (None, None) => "Not sent: no mail server".to_string(),
                    };
                    view! {
                        <article class="outbox-message" data-testid="outbox-message" data-kind=m.kind.slug()>
                            <h2>{m.subject}</h2>
                            <p class="hint">{format!("{} · to {} · {} · {status}", m.kind.label(), m.to, when(m.created_at))}</p>
                            <pre class="email-body">{m.body}</pre>
                        </article>
                    }
                }).collect_view()}
            }
        })
    });
    view! {
        <StaffPage title="Outbox">
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_audit_log().await, |entries| {
            view! {
                <p>"Every staff action, newest first. Nobody can change or delete an entry, so an entry names records by id (shown here by name while they exist). Personal details of an action are kept beside it and deleted when the person's data is erased."</p>
                <ScrollTable label="The audit log">
                    <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"Before"</th><th scope="col">"After"</th><th scope="col">"Personal details"</th></tr></thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr data-testid="audit-entry">
                                <td>{when(e.at)}</td>
                                <td>{e.actor}</td>
                                <td>{format!("{}: {}", e.action, e.subject)}</td>
                                <td><code>{e.before.unwrap_or_default()}</code></td>
                                <td><code>{e.after.unwrap_or_default()}</code></td>
                                <td><code>{e.details.unwrap_or_default()}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            }
        })
    });
    view! {
        <StaffPage title="Audit log">
            <Suspense fallback=|| ()>{page}</Suspense>
        </StaffPage>
    }
    .into_any()
}

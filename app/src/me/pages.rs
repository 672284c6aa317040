//! The coach area's pages: `/me`, `/me/profile`, `/me/requests/{reference}`,
//! `/me/engagements/{id}`.

use super::{CoachArea, EngagementDetail, MyProfile, ProfileForm, RequestDetail};
use super::{my_coaching, my_engagement, my_profile_form, my_request};
use crate::coaches::draft::{CoachStatus, MAX_THEMES, TEXT_MAX_CHARS, TEXT_MIN_CHARS, field};
use crate::coaches::long_date;
use crate::error::AppError;
use crate::forms::fields::{
    AgreementBox, CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextArea, TextField, YesNo,
};
use crate::forms::{Submitted, error_of, value_or};
use crate::interest::RequestStatus;
use crate::money::Money;
use crate::ui::{Notice, ScrollTable, or_error_page};
use crate::vocabulary::{Community, Language, LivedExperience, Region, SessionFormat, Theme};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    long_date(crate::clock::uk_date(at))
}

/// A request's status as its coach reads it.
fn request_status(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Pending => "Waiting for your answer",
        other => other.label(),
    }
}

#[component]
pub fn MePage() -> impl IntoView {
    let saved = use_query_map().get_untracked().get("saved");
    let page = Suspend::new(async move {
        or_error_page(
            my_coaching().await,
            |coaching| view! { <Dashboard coaching saved /> },
        )
    });
    view! {
        <Title text="Your coaching" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Your coaching"</h1>
            <crate::readiness::pages::CaseloadLink />
            <Suspense fallback=|| ()>{page}</Suspense>
            <crate::feedback::pages::YourFeedback />
        </div>
    }
    .into_any()
}

#[component]
fn Dashboard(coaching: CoachArea, saved: Option<String>) -> impl IntoView {
    let CoachArea {
        name,
        email,
        profile,
        requests,
        engagements,
    } = coaching;
    let saved_message = saved.and_then(|s| match s.as_str() {
        "profile" => Some("Your profile has been saved and sent to Cascade staff for approval."),
        "availability" => Some("Your availability has been saved. The directory shows it now."),
        "declarations" => Some("Whom you coach has been saved."),
        _ => None,
    });
    view! {
        <p class="lead">{format!("Signed in as {name} ({email}).")}</p>
        {saved_message.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        {match profile {
            None => Either::Left(view! {
                <section aria-labelledby="profile-heading">
                    <h2 id="profile-heading">"Your profile"</h2>
                    <p>"Write your profile so that leaders can find you. Staff approve it before it appears in the directory."</p>
                    <p><a class="button" href="/me/profile">"Write your profile"</a></p>
                </section>
            }),
            Some(profile) => Either::Right(view! {
                <ProfileStatus profile=profile.clone() />
                <AvailabilityForm profile />
                <section aria-labelledby="whom-heading">
                    <h2 id="whom-heading">"Whom you coach"</h2>
                    <p>"Which leaders you coach, and the organisations whose leaders you must not coach: "<a href="/me/whom-you-coach">"say whom you coach"</a>"."</p>
                </section>
            }),
        }}
        <section aria-labelledby="requests-heading">
            <h2 id="requests-heading">"Requests from leaders"</h2>
            {if requests.is_empty() {
                Either::Left(view! { <p>"No requests yet."</p> })
            } else {
                Either::Right(view! {
                    <ScrollTable label="Requests from leaders, newest first">
                        <thead>
                            <tr><th scope="col">"Reference"</th><th scope="col">"Leader"</th><th scope="col">"Organisation"</th><th scope="col">"Received"</th><th scope="col">"Status"</th></tr>
                        </thead>
                        <tbody>
                            {requests.into_iter().map(|r| view! {
                                <tr data-testid="my-request" data-reference=r.reference.clone()>
                                    <td><a href=format!("/me/requests/{}", r.reference)>{r.reference.clone()}</a></td>
                                    <td>{r.leader_name}</td>
                                    <td>{r.organisation_name}</td>
                                    <td>
                                        {when(r.created_at)}
                                        {r.passed_on.then(|| view! { <br />"Passed on to you: the leader named you" })}
                                    </td>
                                    <td>
                                        {request_status(r.status)}
                                        {r.answer_due_on.map(|due| view! { <br /><strong>{format!("Answer by {}", long_date(due))}</strong> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </ScrollTable>
                })
            }}
        </section>
        <section aria-labelledby="engagements-heading">
            <h2 id="engagements-heading">"Your leaders"</h2>
            {if engagements.is_empty() {
                Either::Left(view! { <p>"When you accept a request, the coaching appears here for you to record sessions."</p> })
            } else {
                Either::Right(view! {
                    <ScrollTable label="Leaders you coach or have coached">
                        <thead>
                            <tr><th scope="col">"Leader"</th><th scope="col">"Organisation"</th><th scope="col">"Started"</th><th scope="col">"Sessions"</th><th scope="col">"Status"</th></tr>
                        </thead>
                        <tbody>
                            {engagements.into_iter().map(|g| view! {
                                <tr>
                                    <td><a href=format!("/me/engagements/{}", g.id)>{g.leader_name}</a></td>
                                    <td>{g.organisation_name}</td>
                                    <td>{when(g.started_at)}</td>
                                    <td>{g.sessions.to_string()}</td>
                                    <td>{g.status.label()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </ScrollTable>
                })
            }}
        </section>
        <section aria-labelledby="your-data-heading">
            <h2 id="your-data-heading">"Your data"</h2>
            <ul>
                <li><a href="/account">"Your account"</a>": your name and the address you sign in with"</li>
                <li><a href="/me/your-data">"What we hold about you"</a>", to read or download"</li>
                <li><a href="/me/close-account">"Close your account"</a>" and erase your profile"</li>
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn ProfileStatus(profile: MyProfile) -> impl IntoView {
    let public = format!("/coaches/{}", profile.slug);
    let status = profile.status;
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Your profile"</h2>
            <p>
                <strong>"Status: "</strong>
                <span data-testid="profile-status">{status.label()}</span>
                {(status == CoachStatus::Published).then(|| view! { " · " <a href=public.clone()>"See your public profile"</a> })}
            </p>
            {match status {
                CoachStatus::PendingApproval => Some("Cascade staff will look at your profile soon. It appears in the directory once they approve it.".to_string()),
                CoachStatus::Draft => profile.rejection_reason.clone().map(|r| format!("Staff sent your profile back with this note: {r}")),
                CoachStatus::Hidden => Some("Staff have hidden your profile from the directory. Contact them if you do not know why.".to_string()),
                _ => None,
            }.map(|m| view! { <p class="notice">{m}</p> })}
            {profile.pending.as_ref().map(|_| view! {
                <p class="notice" data-testid="pending-changes">"You have changes waiting for approval. Until staff approve them, leaders see your current profile."</p>
            })}
            {profile.revision_rejected.clone().map(|r| view! {
                <p class="notice notice-problem">{format!("Staff did not approve your last changes: {r}")}</p>
            })}
            <p><a href="/me/profile">"Edit your profile"</a></p>
        </section>
    }
    .into_any()
}

#[component]
fn AvailabilityForm(profile: MyProfile) -> impl IntoView {
    let submitted = Submitted::current("availability");
    let a = profile.availability;
    let accepting = value_or(
        &submitted,
        "accepting",
        if a.accepting_new_leaders { "yes" } else { "no" },
    );
    let capacity = value_or(&submitted, "capacity", a.capacity.to_string());
    let next_opening = value_or(
        &submitted,
        "next_opening",
        a.next_opening.map(|d| d.to_string()).unwrap_or_default(),
    );
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    view! {
        <section aria-labelledby="availability-heading" id="availability">
            <h2 id="availability-heading">"Availability"</h2>
            <p>
                <span data-testid="availability-summary">{a.summary()}</span>
                {format!(". You coach {} of up to {} leaders at once. Changes show in the directory straight away.", a.current_leaders, a.capacity)}
            </p>
            {profile.paused.map(|reason| view! {
                <div class="notice" role="status" data-testid="availability-paused">
                    <p>{format!("{} So that leaders are not left waiting, Cascade set you to not accepting new leaders. Save your availability below when you are ready: that confirms it.", reason.why_since())}</p>
                </div>
            })}
            <Notice notice=submitted.as_ref().and_then(|s| s.notice.clone()) />
            <ErrorSummary errors />
            <form method="post" action="/me" novalidate class="narrow-form">
                <YesNo name="accepting" legend="Are you accepting new leaders?".into() selected=accepting error=error_of(&submitted, "accepting") />
                <TextField
                    name="capacity"
                    label="How many leaders can you coach at once?".into()
                    hint="When you reach this many, the directory shows you as not accepting."
                    value=capacity
                    error=error_of(&submitted, "capacity")
                    input_type="number"
                    class="input-short"
                    inputmode="numeric"
                />
                <TextField
                    name="next_opening"
                    label="Next opening (optional)".into()
                    hint="When you expect to have a place, if you are full or not accepting."
                    value=next_opening
                    error=error_of(&submitted, "next_opening")
                    input_type="date"
                    class="input-medium"
                />
                <button type="submit" class="button">"Save availability"</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(
            my_profile_form().await,
            |form| view! { <ProfileFormView form /> },
        )
    });
    view! {
        <Title text="Your profile" />
        <div class="container narrow">
            <p class="back-link"><a href="/me">"Your coaching"</a></p>
            <h1 id="main-heading" tabindex="-1">"Your profile"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn ProfileFormView(form: ProfileForm) -> impl IntoView {
    let submitted = Submitted::current("profile");
    let draft = form.draft.clone();
    let stored = |f: &dyn Fn(&crate::coaches::draft::ProfileDraft) -> String| {
        draft.as_ref().map(f).unwrap_or_default()
    };
    let name_default = draft
        .as_ref()
        .map(|d| d.name.clone())
        .unwrap_or_else(|| form.name.clone());
    let value = |name: &str, stored_value: String| value_or(&submitted, name, stored_value);
    let values = |name: &str, stored_values: Vec<String>| match &submitted {
        Some(s) => s.values(name),
        None => stored_values,
    };
    let explanation = match form.status {
        Some(status) if status.has_been_approved() => {
            "Changes wait for approval by Cascade staff. Until then, leaders see your profile as it is now."
        }
        _ => {
            "Staff approve your profile before it appears in the directory. Leaders see everything here except your phone number."
        }
    };
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    view! {
        <p class="lead">{explanation}</p>
        <Notice notice />
        <ErrorSummary errors />
        <form method="post" action="/me/profile" novalidate class="profile-form">
            <TextField name=field::NAME label="Your name".into() value=value(field::NAME, name_default) error=error_of(&submitted, field::NAME) autocomplete="name" />
            <TextField name=field::PRONOUNS label="Pronouns (optional)".into() hint="For example she/her, he/him or they/them." value=value(field::PRONOUNS, stored(&|d| d.pronouns.clone().unwrap_or_default())) error=error_of(&submitted, field::PRONOUNS) class="input-medium" />
            <TextField name=field::ROLE label="Your role".into() value=value(field::ROLE, stored(&|d| d.role.clone())) error=error_of(&submitted, field::ROLE) />
            <TextField name=field::ORGANISATION label="The organisation you lead".into() value=value(field::ORGANISATION, stored(&|d| d.organisation.clone())) error=error_of(&submitted, field::ORGANISATION) />
            <SelectField
                name=field::REGION
                label="Region".into()
                none="Choose a region"
                options=Region::ALL.iter().map(|r| (r.slug().to_string(), r.label().to_string())).collect()
                selected=value(field::REGION, stored(&|d| d.region.slug().to_string()))
                error=error_of(&submitted, field::REGION)
            />
            <TextField name=field::POSTCODE_AREA label="Postcode area".into() hint="The letters at the start of your postcode, like LS or B. Leaders see only this." value=value(field::POSTCODE_AREA, stored(&|d| d.postcode_area.to_string())) error=error_of(&submitted, field::POSTCODE_AREA) class="input-short" />
            <TextArea name=field::BIO label="About you".into() hint=format!("Your leadership journey and your organisation, in your own words. {TEXT_MIN_CHARS} to {} characters.", crate::money::grouped(TEXT_MAX_CHARS as u64)) value=value(field::BIO, stored(&|d| d.bio.clone())) error=error_of(&submitted, field::BIO) />
            <TextArea name=field::HOW_I_COACH label="How you coach".into() hint=format!("What a leader can expect from a session with you. {TEXT_MIN_CHARS} to {} characters.", crate::money::grouped(TEXT_MAX_CHARS as u64)) value=value(field::HOW_I_COACH, stored(&|d| d.how_i_coach.clone())) error=error_of(&submitted, field::HOW_I_COACH) />
            <CheckboxGroup
                name=field::THEMES
                legend="What you coach on".into()
                hint=format!("Choose up to {MAX_THEMES}: the ones you know best.")
                options=Theme::ALL.iter().map(|t| (t.slug(), t.label())).collect()
                selected=values(field::THEMES, draft.as_ref().map(|d| d.themes.iter().map(|t| t.slug().to_string()).collect()).unwrap_or_default())
                error=error_of(&submitted, field::THEMES)
            />
            <CheckboxGroup
                name=field::COMMUNITIES
                legend="Communities you serve or know well (optional)".into()
                options=Community::ALL.iter().map(|c| (c.slug(), c.label())).collect()
                selected=values(field::COMMUNITIES, draft.as_ref().map(|d| d.communities.iter().map(|c| c.slug().to_string()).collect()).unwrap_or_default())
                error=None
            />
            <CheckboxGroup
                name=field::LIVED_EXPERIENCE
                legend="Your lived experience (optional)".into()
                hint="Why we ask: some leaders look for a coach who shares their experience. It shows on your public profile once approved, and staff see it when they check your profile. It can say something about your health, ethnicity, religion or sexuality, so it is yours to choose: Cascade keeps it encrypted, and publishes it only with your agreement below."
                options=LivedExperience::ALL.iter().map(|l| (l.slug(), l.label())).collect()
                selected=values(field::LIVED_EXPERIENCE, draft.as_ref().map(|d| d.lived_experience.iter().map(|l| l.slug().to_string()).collect()).unwrap_or_default())
                error=None
            />
            <LivedExperienceConsent
                checked=match &submitted {
                    Some(s) => s.value(field::LIVED_EXPERIENCE_CONSENT) == "yes",
                    None => draft.as_ref().is_some_and(|d| !d.lived_experience.is_empty()),
                }
                error=error_of(&submitted, field::LIVED_EXPERIENCE_CONSENT)
            />
            <CheckboxGroup
                name=field::LANGUAGES
                legend="Languages you coach in".into()
                options=Language::ALL.iter().map(|l| (l.slug(), l.label())).collect()
                selected=values(field::LANGUAGES, draft.as_ref().map(|d| d.languages.iter().map(|l| l.slug().to_string()).collect()).unwrap_or_else(|| vec!["english".into()]))
                error=error_of(&submitted, field::LANGUAGES)
            />
            <CheckboxGroup
                name=field::FORMATS
                legend="Sessions by".into()
                options=SessionFormat::ALL.iter().map(|f| (f.slug(), f.label())).collect()
                selected=values(field::FORMATS, draft.as_ref().map(|d| d.formats.iter().map(|f| f.slug().to_string()).collect()).unwrap_or_default())
                error=error_of(&submitted, field::FORMATS)
            />
            <TextField name="phone" label="Phone number (optional, private)".into() hint="Only Cascade staff see this, to reach you about the programme." value=value_or(&submitted, "phone", form.phone.clone()) error=error_of(&submitted, "phone") input_type="tel" autocomplete="tel" class="input-medium" />
            <button type="submit" class="button">"Send for approval"</button>
        </form>
        <p class="hint">{format!("You can choose up to {MAX_THEMES} themes.")}</p>
    }
    .into_any()
}

/// The coach's explicit consent to publishing their lived experience. Unticking it withdraws it:
/// the lived experience leaves the public profile at once, without waiting for approval.
#[component]
fn LivedExperienceConsent(checked: bool, error: Option<String>) -> impl IntoView {
    view! {
        <AgreementBox
            name=field::LIVED_EXPERIENCE_CONSENT
            checked
            error
            hint="To withdraw it, untick your lived experience above and save: it leaves your public profile at once, without waiting for approval, and is not kept."
        >
            "I agree to Cascade publishing the lived experience I have chosen on my profile"
        </AgreementBox>
    }
}

#[component]
pub fn MyRequestPage() -> impl IntoView {
    let reference = use_params_map()
        .get_untracked()
        .get("reference")
        .unwrap_or_default();
    let answered = use_query_map().get_untracked().get("answered");
    let page = Suspend::new(async move {
        or_error_page(
            my_request(reference).await,
            |request| view! { <Request request answered /> },
        )
    });
    view! {
        <div class="container narrow">
            <p class="back-link"><a href="/me">"Your coaching"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Request(request: RequestDetail, answered: Option<String>) -> impl IntoView {
    let submitted = Submitted::current("answer");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let action = format!("/me/requests/{}", request.reference);
    let income = Money::from_pence(u64::try_from(request.annual_income_pence).unwrap_or(0))
        .map(|m| m.to_string())
        .unwrap_or_default();
    let organisation_type = request.organisation_type.label();
    let communities: Vec<&str> = request
        .communities_served
        .iter()
        .map(|c| c.label())
        .collect();
    let pending = request.status.is_pending();
    view! {
        <Title text=format!("Request {}", request.reference) />
        <h1 id="main-heading" tabindex="-1">{format!("Request from {}", request.leader_name)}</h1>
        <p class="lead">
            {format!("{} · received {} · ", request.reference, when(request.created_at))}
            <strong data-testid="request-status">{request_status(request.status)}</strong>
        </p>
        {request.answer_due_on.filter(|_| pending).map(|due| view! {
            <p data-testid="answer-due">{format!("Please answer by {}. If there is no answer by the end of that day, the request expires.", long_date(due))}</p>
        })}
        {(answered.as_deref() == Some("declined")).then(|| view! { <div class="notice" role="status"><p>"You declined this request. The leader has been told, with your reason."</p></div> })}
        <h2>"What they would like from coaching"</h2>
        <p class="prose-text">{request.goals.clone()}</p>
        <h2>"About them"</h2>
        <dl class="summary-list">
            <div><dt>"Name"</dt><dd>{request.leader_name.clone()}</dd></div>
            <div><dt>"Role"</dt><dd>{request.role.clone()}</dd></div>
            {match request.contact.clone() {
                Some(contact) => Either::Left(view! {
                    <div><dt>"Email"</dt><dd><a href=crate::contact::mailto_href(&contact.email)>{contact.email.clone()}</a></dd></div>
                    <div><dt>"Phone"</dt><dd>{contact.phone.clone().unwrap_or_else(|| "Not given".into())}</dd></div>
                }),
                None => Either::Right(view! {
                    <div><dt>"Contact details"</dt><dd data-testid="contact-hidden">"Sent to you when you accept"</dd></div>
                }),
            }}
            <div><dt>"Organisation"</dt><dd>{format!("{} ({organisation_type})", request.organisation_name)}</dd></div>
            <div><dt>"Charity or company number"</dt><dd>{request.registration_number.clone().unwrap_or_else(|| "Not given".into())}</dd></div>
            <div><dt>"Annual income"</dt><dd>{income}</dd></div>
            <div><dt>"Region and postcode"</dt><dd>{format!("{}, {}", request.region.label(), request.contact.as_ref().map_or(request.postcode_area.as_str(), |c| c.postcode.as_str()))}</dd></div>
            <div><dt>"Communities served"</dt><dd>{if communities.is_empty() { "Not given".to_string() } else { communities.join(", ") }}</dd></div>
            <div><dt>"Paying by"</dt><dd>{request.funding_route.label()}</dd></div>
            <div><dt>"Leadership support before"</dt><dd>{if request.had_leadership_support_before { "Yes" } else { "No" }}</dd></div>
            <div><dt>"Other coaches they would accept"</dt><dd>{if request.alternatives.is_empty() { "None named".to_string() } else { request.alternatives.join(", ") }}</dd></div>
        </dl>
        {request.response_message.clone().map(|m| view! { <h2>"Your answer"</h2><p class="prose-text">{m}</p> })}
        {request.engagement_id.map(|id| view! { <p><a class="button" href=format!("/me/engagements/{id}")>"Go to this coaching"</a></p> })}
        <Notice notice />
        {pending.then(|| view! {
            <ErrorSummary errors />
            <div class="answer-forms">
                <form method="post" action=action.clone() novalidate>
                    <h2>"Accept"</h2>
                    <p>{format!("You have {} place{} left.", request.places_left, if request.places_left == 1 { "" } else { "s" })}</p>
                    <input type="hidden" name="decision" value="accept" />
                    <TextArea name="message" label="Message to the leader".into() hint="Say hello and how you will arrange your first session. It is emailed to them with your email address and phone number, and theirs is emailed to you." value=value_or(&submitted, "message", "") error=error_of(&submitted, "message") rows=4 />
                    <button type="submit" class="button">"Accept request"</button>
                </form>
                <form method="post" action=action novalidate>
                    <h2>"Decline"</h2>
                    <input type="hidden" name="decision" value="decline" />
                    <TextArea name="reason" label="Reason for declining".into() hint="It is emailed to the leader, who may then ask another coach." value=value_or(&submitted, "reason", "") error=error_of(&submitted, "reason") rows=4 />
                    <button type="submit" class="button button-secondary">"Decline request"</button>
                </form>
            </div>
        })}
    }
    .into_any()
}

#[component]
pub fn MyEngagementPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let query = use_query_map().get_untracked();
    let flash = if query.get("started").is_some() {
        Some("You accepted the request. The leader has been emailed your message.")
    } else if query.get("recorded").is_some() {
        Some("Session recorded.")
    } else if query.get("closed").is_some() {
        Some("The coaching is closed, and its place is free again.")
    } else if query.get("concern").is_some() {
        Some("Your concern is sent to Cascade staff, and we have emailed you to say we have it.")
    } else {
        None
    };
    let page = Suspend::new(async move {
        let found = match uuid::Uuid::parse_str(&id) {
            Ok(id) => my_engagement(id).await,
            Err(_) => Err(AppError::NotFound),
        };
        or_error_page(
            found,
            move |engagement| view! { <Engagement engagement flash /> },
        )
    });
    view! {
        <div class="container narrow">
            <p class="back-link"><a href="/me">"Your coaching"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Engagement(engagement: EngagementDetail, flash: Option<&'static str>) -> impl IntoView {
    let session = Submitted::current("session");
    let close = Submitted::current("close");
    let concern = Submitted::current("concern");
    let mut errors = session
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    for (field, message) in close
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default()
        .iter()
    {
        errors.add(field, message);
    }
    for (field, message) in concern
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default()
        .iter()
    {
        errors.add(field, message);
    }
    let notice = session
        .as_ref()
        .and_then(|s| s.notice.clone())
        .or_else(|| close.as_ref().and_then(|s| s.notice.clone()))
        .or_else(|| concern.as_ref().and_then(|s| s.notice.clone()));
    let concern_action = format!("/me/engagements/{}", engagement.id);
    let leader = engagement.leader_name.clone();
    let action = format!("/me/engagements/{}", engagement.id);
    let active = engagement.status.is_active();
    let held = engagement.sessions.len();
    let today = crate::clock::today().to_string();
    view! {
        <Title text=format!("Coaching {}", engagement.leader_name) />
        <h1 id="main-heading" tabindex="-1">{format!("Coaching {}", engagement.leader_name)}</h1>
        <p class="lead">
            {format!("{} · {} · started {} · ", engagement.organisation_name, engagement.reference, when(engagement.started_at))}
            <strong data-testid="engagement-status">{engagement.status.label()}</strong>
        </p>
        {flash.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        <h2>"Sessions"</h2>
        <p data-testid="sessions-held">{format!("{held} session{} recorded, of {}.", if held == 1 { "" } else { "s" }, crate::settings::current_terms().map(|terms| terms.sessions_over_months("")).unwrap_or_else(|_| "the sessions expected".to_string()))}</p>
        {(!engagement.sessions.is_empty()).then(|| view! {
            <ScrollTable label="Sessions held">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Length"</th></tr></thead>
                <tbody>
                    {engagement.sessions.iter().map(|s| view! {
                        <tr><td>{long_date(s.held_on)}</td><td>{format!("{} minutes", s.minutes)}</td></tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        })}
        <Notice notice />
        {active.then(|| view! {
            <ErrorSummary errors />
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <h2>"Record a session"</h2>
                <input type="hidden" name="action" value="record" />
                <input type="hidden" name="submission_id" value=crate::forms::new_submission_id() />
                <TextField name="held_on" label="Date held".into() value=value_or(&session, "held_on", today.clone()) error=error_of(&session, "held_on") input_type="date" class="input-medium" />
                <TextField name="minutes" label="Length in minutes".into() value=value_or(&session, "minutes", "60") error=error_of(&session, "minutes") input_type="number" class="input-short" inputmode="numeric" />
                <button type="submit" class="button">"Record session"</button>
            </form>
            <form method="post" action=action novalidate class="narrow-form">
                <h2>"Close this coaching"</h2>
                <input type="hidden" name="action" value="close" />
                <RadioGroup
                    name="outcome"
                    legend="How did it end?".into()
                    options=vec![("completed", "Completed", None), ("ended_early", "Ended early", Some("For example, the leader moved on or stopped replying.".to_string()))]
                    selected=value_or(&close, "outcome", "")
                    error=error_of(&close, "outcome")
                />
                <button type="submit" class="button button-secondary">"Close coaching"</button>
            </form>
        })}
        <h2>"A concern about this coaching"</h2>
        <crate::concerns::pages::RaiseConcern action=concern_action other=leader />
    }
    .into_any()
}

/// `/me/confirm-availability?token=…`: the one-click link in the email asking a coach to
/// confirm their availability. Opening it confirms it; no need to sign in (the link is the key).
#[component]
pub fn ConfirmAvailabilityPage() -> impl IntoView {
    let token = use_query_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let page = Suspend::new(async move {
        or_error_page(super::confirm_availability(token).await, |confirmed| {
            let said = match confirmed.earlier {
                None => format!(
                    "Thank you, {}: your availability is confirmed.",
                    confirmed.name
                ),
                Some(on) => format!(
                    "This link was used on {}: {}'s availability is confirmed.",
                    long_date(on),
                    confirmed.name
                ),
            };
            view! {
                <div class="notice" role="status" data-testid="availability-confirmed">
                    <p>{said}</p>
                </div>
                <p>{format!("The directory says: {}.", confirmed.summary)}</p>
                <p>"If that has changed, " <a href="/me#availability">"sign in and change it"</a> "."</p>
            }
        })
    });
    view! {
        <Title text="Your availability" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Your availability"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

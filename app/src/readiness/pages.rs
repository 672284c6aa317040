//! `/staff/readiness` (every coach's training and supervision), `/staff/readiness/{coach}`
//! (recording them), and `/supervision` (a supervisor's caseload).

use super::{
    CoachReadiness, ReadinessRow, Supervisee, Supervision, SupervisionFormat, readiness_of_coach,
    staff_readiness, supervision_caseload,
};
use crate::coaches::long_date;
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, RadioGroup, SelectField, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn optional_date(date: Option<NaiveDate>, none: &'static str) -> String {
    date.map_or_else(|| none.to_string(), long_date)
}

/// Whether supervision has lapsed, or lapses within a month: what staff and supervisors act on.
fn supervision_due(lapses_on: NaiveDate) -> Option<String> {
    let today = crate::clock::today();
    if today >= lapses_on {
        Some(format!(
            "Supervision lapsed on {}: not accepting new leaders until a session is recorded",
            long_date(lapses_on)
        ))
    } else if today + chrono::Duration::days(31) >= lapses_on {
        Some(format!("Supervision due by {}", long_date(lapses_on)))
    } else {
        None
    }
}

#[component]
pub fn ReadinessPage() -> impl IntoView {
    let list = Suspend::new(async move {
        or_error_page(
            staff_readiness().await,
            |rows| view! { <ReadinessTable rows /> },
        )
    });
    crate::ui::with_terms(move |terms| view! {
        <Title text="Training and supervision" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Training and supervision"</h1>
            <p>{format!(
                "A profile is published only once the coach's training is recorded. A coach with no supervision recorded for {} (counted from their training, or their profile being made, until their first) is set to not accepting new leaders, and told why.",
                terms.supervision_period()
            )}</p>
            <Suspense fallback=|| ()>{list}</Suspense>
        </div>
    })
    .into_any()
}

#[component]
fn ReadinessTable(rows: Vec<ReadinessRow>) -> impl IntoView {
    view! {
        <ScrollTable label="Coaches' training and supervision">
            <thead>
                <tr>
                    <th scope="col">"Coach"</th>
                    <th scope="col">"Profile"</th>
                    <th scope="col">"Trained"</th>
                    <th scope="col">"Supervisor"</th>
                    <th scope="col">"Last supervision"</th>
                    <th scope="col">"Supervision"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let due = supervision_due(row.lapses_on)
                            .unwrap_or_else(|| format!("Due by {}", long_date(row.lapses_on)));
                        view! {
                            <tr data-testid="readiness-row">
                                <td><a href=format!("/staff/readiness/{}", row.coach_id)>{row.name}</a></td>
                                <td>{row.status.label()}</td>
                                <td>{optional_date(row.trained_on, "Not recorded")}</td>
                                <td>{row.supervisor.unwrap_or_else(|| "None yet".into())}</td>
                                <td>{optional_date(row.last_supervision, "None recorded")}</td>
                                <td>{due}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </ScrollTable>
    }
}

fn coach_param() -> Result<uuid::Uuid, AppError> {
    let id = use_params_map()
        .get_untracked()
        .get("coach")
        .unwrap_or_default();
    uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)
}

#[component]
pub fn CoachReadinessPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let flash = match query.get("recorded").as_deref() {
        Some("training") => Some("Training recorded."),
        Some("supervisor") => Some("Supervisor saved."),
        Some("supervision") => Some("Supervision session recorded."),
        _ => None,
    };
    let page = Suspend::new(async move {
        let found = match coach_param() {
            Ok(id) => readiness_of_coach(id).await,
            Err(error) => Err(error),
        };
        or_error_page(
            found,
            move |coach| view! { <CoachReadinessView coach flash /> },
        )
    });
    view! {
        <div class="container narrow">
            <p class="back-link"><a href="/staff/readiness">"Training and supervision"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

/// The list of a coach's supervision sessions.
#[component]
fn SupervisionList(sessions: Vec<Supervision>) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p>"None recorded yet."</p> }.into_any();
    }
    view! {
        <ScrollTable label="Supervision sessions">
            <thead><tr><th scope="col">"Date"</th><th scope="col">"Format"</th><th scope="col">"Supervisor"</th></tr></thead>
            <tbody>
                {sessions.into_iter().map(|s| view! {
                    <tr><td>{long_date(s.held_on)}</td><td>{s.format.label()}</td><td>{s.supervisor}</td></tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
    .into_any()
}

/// Recording a supervision session: for staff on a coach's readiness page, and for a
/// supervisor in their caseload.
#[component]
fn SupervisionForm(action: String, coach: uuid::Uuid, supervisor: String) -> impl IntoView {
    // What was typed comes back only into the form it was typed in.
    let submitted =
        Submitted::current("supervision").filter(|s| s.value("coach") == coach.to_string());
    let today = crate::clock::today().to_string();
    view! {
        <form method="post" action=action novalidate class="narrow-form">
            <input type="hidden" name="record" value="supervision" />
            <input type="hidden" name="coach" value=coach.to_string() />
            <input type="hidden" name="submission_id" value=crate::forms::new_submission_id() />
            <TextField name="held_on" label="Date held".into() value=value_or(&submitted, "held_on", today) error=error_of(&submitted, "held_on") input_type="date" class="input-medium" />
            <RadioGroup
                name="format"
                legend="Format".into()
                options=SupervisionFormat::ALL.iter().map(|f| (f.slug(), f.label(), None)).collect()
                selected=value_or(&submitted, "format", SupervisionFormat::OneToOne.slug())
                error=error_of(&submitted, "format")
                inline=true
            />
            <TextField name="supervisor" label="Supervisor".into() hint="Who led the session. What was said is never recorded here." value=value_or(&submitted, "supervisor", supervisor) error=error_of(&submitted, "supervisor") autocomplete="off" />
            <button type="submit" class="button">"Record supervision"</button>
        </form>
    }
}

fn errors_of(forms: &[&str]) -> (crate::forms::FieldErrors, Option<String>) {
    let mut errors = crate::forms::FieldErrors::new();
    let mut notice = None;
    for form in forms {
        if let Some(submitted) = Submitted::current(form) {
            for (field, message) in submitted.errors.iter() {
                errors.add(field, message);
            }
            notice = notice.or(submitted.notice);
        }
    }
    (errors, notice)
}

#[component]
fn CoachReadinessView(coach: CoachReadiness, flash: Option<&'static str>) -> impl IntoView {
    let action = format!("/staff/readiness/{}", coach.coach_id);
    let training_form = Submitted::current("training");
    let supervisor_form = Submitted::current("supervisor");
    let (errors, notice) = errors_of(&["training", "supervisor", "supervision"]);
    let supervisor_name = coach
        .supervisor
        .as_ref()
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    let supervisor_id = coach
        .supervisor
        .as_ref()
        .map(|(id, _)| id.to_string())
        .unwrap_or_default();
    let due = supervision_due(coach.lapses_on);
    let title = format!("{}: training and supervision", coach.name);
    view! {
        <Title text=title.clone() />
        <h1 id="main-heading" tabindex="-1">{title}</h1>
        <p class="lead">{format!("Profile: {}", coach.status.label())}</p>
        {flash.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        <Notice notice />
        <ErrorSummary errors />
        {coach.paused_for_supervision.then(|| view! {
            <div class="notice notice-problem"><p>"Set to not accepting new leaders: no supervision recorded in time. Once a session is recorded, they can accept again from their page."</p></div>
        })}
        <h2>"Training"</h2>
        {if coach.training.is_empty() {
            view! { <p>"No training recorded: their profile cannot be published until it is."</p> }.into_any()
        } else {
            view! {
                <ScrollTable label="Training">
                    <thead><tr><th scope="col">"Completed"</th><th scope="col">"Cohort"</th><th scope="col">"Trained by"</th></tr></thead>
                    <tbody>
                        {coach.training.iter().map(|t| view! {
                            <tr><td>{long_date(t.completed_on)}</td><td>{t.cohort.clone()}</td><td>{t.trainer.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            }.into_any()
        }}
        <form method="post" action=action.clone() novalidate class="narrow-form">
            <h3>"Record training"</h3>
            <input type="hidden" name="record" value="training" />
            <input type="hidden" name="submission_id" value=crate::forms::new_submission_id() />
            <TextField name="completed_on" label="Date completed".into() value=value_or(&training_form, "completed_on", "") error=error_of(&training_form, "completed_on") input_type="date" class="input-medium" />
            <TextField name="cohort" label="Cohort".into() hint="For example, \"Wales, spring 2026\"." value=value_or(&training_form, "cohort", "") error=error_of(&training_form, "cohort") autocomplete="off" />
            <TextField name="trainer" label="Trained by".into() value=value_or(&training_form, "trainer", "") error=error_of(&training_form, "trainer") autocomplete="off" />
            <button type="submit" class="button">"Record training"</button>
        </form>

        <h2>"Supervisor"</h2>
        <form method="post" action=action.clone() novalidate class="narrow-form">
            <input type="hidden" name="record" value="supervisor" />
            <SelectField
                name="supervisor_account"
                label="Who supervises them".into()
                hint="A coach or a member of staff with an account. They see this coach's caseload at /supervision and can record their supervision."
                none="No supervisor"
                options=coach.possible_supervisors.iter().map(|(id, name)| (id.to_string(), name.clone())).collect()
                selected=value_or(&supervisor_form, "supervisor_account", supervisor_id)
                error=error_of(&supervisor_form, "supervisor_account")
            />
            <button type="submit" class="button button-secondary">"Save supervisor"</button>
        </form>

        <h2>"Supervision"</h2>
        <p>{due.unwrap_or_else(|| format!("Next due by {}.", long_date(coach.lapses_on)))}</p>
        <SupervisionList sessions=coach.supervision.clone() />
        <h3>"Record a supervision session"</h3>
        <SupervisionForm action coach=coach.coach_id supervisor=supervisor_name />
    }
    .into_any()
}

/// `/supervision`: the coaches the caller supervises.
#[component]
pub fn CaseloadPage() -> impl IntoView {
    let recorded = use_query_map().get_untracked().get("recorded").is_some();
    let page = Suspend::new(async move {
        or_error_page(supervision_caseload().await, move |caseload| {
            view! { <Caseload caseload recorded /> }
        })
    });
    view! {
        <Title text="Your supervision caseload" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Your supervision caseload"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Caseload(caseload: Vec<Supervisee>, recorded: bool) -> impl IntoView {
    if caseload.is_empty() {
        return view! { <p>"You supervise no coaches. Cascade staff choose each coach's supervisor."</p> }
            .into_any();
    }
    let (errors, notice) = errors_of(&["supervision"]);
    let you = crate::access::current_caller()
        .account()
        .map(|a| a.name.clone())
        .unwrap_or_default();
    view! {
        {recorded.then(|| view! { <div class="notice" role="status"><p>"Supervision session recorded."</p></div> })}
        <Notice notice />
        <ErrorSummary errors />
        <p>"The coaches you supervise, the leaders each is coaching now, their coaching sessions over the last six months, and their supervision. Record each supervision session here: when, how, and with whom, never what was said."</p>
        {caseload
            .into_iter()
            .map(|coach| {
                let heading_id = format!("coach-{}", coach.coach_id);
                let labelled_by = heading_id.clone();
                let action = format!("/supervision/{}", coach.coach_id);
                let open = Submitted::current("supervision")
                    .is_some_and(|s| s.value("coach") == coach.coach_id.to_string());
                let due = supervision_due(coach.lapses_on)
                    .unwrap_or_else(|| format!("Supervision next due by {}", long_date(coach.lapses_on)));
                view! {
                    <section class="caseload-coach" aria-labelledby=labelled_by data-testid="supervisee">
                        <h2 id=heading_id>{coach.name.clone()}</h2>
                        <p>{format!("{}. {due}.", if coach.accepting { "Accepting new leaders" } else { "Not accepting new leaders" })}</p>
                        <h3>"Coaching now"</h3>
                        {if coach.current_leaders.is_empty() {
                            view! { <p>"No leaders at the moment."</p> }.into_any()
                        } else {
                            view! {
                                <ScrollTable label=format!("Leaders {} is coaching", coach.name)>
                                    <thead><tr><th scope="col">"Leader"</th><th scope="col">"Organisation"</th><th scope="col">"Started"</th><th scope="col">"Sessions"</th></tr></thead>
                                    <tbody>
                                        {coach.current_leaders.iter().map(|l| view! {
                                            <tr><td>{l.leader_name.clone()}</td><td>{l.organisation_name.clone()}</td><td>{long_date(l.started_on)}</td><td>{l.sessions}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </ScrollTable>
                            }.into_any()
                        }}
                        <h3>"Coaching sessions by month"</h3>
                        <ScrollTable label=format!("Coaching sessions {} held by month", coach.name)>
                            <thead><tr>{coach.sessions_by_month.iter().map(|(m, _)| view! { <th scope="col">{m.format("%b %Y").to_string()}</th> }).collect_view()}</tr></thead>
                            <tbody><tr>{coach.sessions_by_month.iter().map(|(_, n)| view! { <td>{*n}</td> }).collect_view()}</tr></tbody>
                        </ScrollTable>
                        <h3>"Supervision"</h3>
                        <SupervisionList sessions=coach.supervision.clone() />
                        <details open=open>
                            <summary>{format!("Record supervision for {}", coach.name)}</summary>
                            <SupervisionForm action coach=coach.coach_id supervisor=you.clone() />
                        </details>
                    </section>
                }
            })
            .collect_view()}
    }
    .into_any()
}

/// The caller's number of supervisees, for a link to their caseload where they have any.
#[server(endpoint = "my_supervisees")]
pub async fn my_supervisees() -> Result<bool, AppError> {
    let account = crate::access::require_account(crate::access::Access::SignedIn)?;
    Ok(super::db::supervises(&crate::state::pool()?, account.id).await?)
}

/// A link to the caller's caseload, shown only to supervisors.
#[component]
pub fn CaseloadLink() -> impl IntoView {
    let link = Suspend::new(async move {
        my_supervisees().await.ok().filter(|s| *s).map(|_| {
            view! { <p><a href="/supervision">"Your supervision caseload"</a>": the coaches you supervise"</p> }
        })
    });
    view! { <Suspense fallback=|| ()>{link}</Suspense> }
}

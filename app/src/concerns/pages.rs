//! The form to raise a concern (on a leader's request page and a coach's coaching page), and
//! staff's `/staff/concerns` and `/staff/concerns/{id}`.

use super::{ConcernDetail, ConcernStatus, POLICY, TEXT_MAX_CHARS, staff_concern, staff_concerns};
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, TextArea};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::coaches::long_date(crate::clock::uk_date(at))
}

/// Raising a concern about the coaching with `other`, posted to `action` with `action=concern`.
#[component]
pub fn RaiseConcern(action: String, other: String) -> impl IntoView {
    let submitted = Submitted::current("concern");
    view! {
        <details class="concern" open=submitted.is_some()>
            <summary>{format!("Raise a concern about your coaching with {other}")}</summary>
            <form method="post" action=action novalidate class="narrow-form" data-testid="concern-form">
                <p>{POLICY}</p>
                <input type="hidden" name="action" value="concern" />
                <input type="hidden" name="submission_id" value=crate::forms::new_submission_id() />
                <TextArea
                    name="concern"
                    label="Your concern".into()
                    hint=format!("What happened, and what you would like to happen. Up to {} characters.", crate::money::grouped(TEXT_MAX_CHARS as u64))
                    value=value_or(&submitted, "concern", "")
                    error=error_of(&submitted, "concern")
                    rows=6
                />
                <button type="submit" class="button button-secondary">"Send your concern to Cascade staff"</button>
            </form>
        </details>
    }
}

#[component]
pub fn ConcernsPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_concerns().await, |concerns| {
            if concerns.is_empty() {
                return view! { <p>"No concerns have been raised."</p> }.into_any();
            }
            view! {
                <ScrollTable label="Concerns">
                    <thead><tr><th scope="col">"Raised"</th><th scope="col">"Coaching"</th><th scope="col">"By"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        {concerns.into_iter().map(|c| view! {
                            <tr data-testid="concern">
                                <td><a href=format!("/staff/concerns/{}", c.id)>{when(c.raised_at)}</a></td>
                                <td>{format!("{} with {} ({})", c.leader_name, c.coach_name, c.reference)}</td>
                                <td>{c.raised_by.label()}</td>
                                <td>{c.status.label()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            }.into_any()
        })
    });
    view! {
        <Title text="Concerns" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Concerns"</h1>
            <p>{format!("What leaders and coaches are told: \"{POLICY}\"")}</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
pub fn ConcernPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let done = use_query_map().get_untracked().get("done");
    let page = Suspend::new(async move {
        let found = match uuid::Uuid::parse_str(&id) {
            Ok(id) => staff_concern(id).await,
            Err(_) => Err(AppError::NotFound),
        };
        or_error_page(found, move |concern| view! { <Concern concern done /> })
    });
    view! {
        <div class="container narrow">
            <p class="back-link"><a href="/staff/concerns">"Concerns"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Concern(concern: ConcernDetail, done: Option<String>) -> impl IntoView {
    let submitted = Submitted::current("handle-concern");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let action = format!("/staff/concerns/{}", concern.item.id);
    let item = concern.item;
    let flash = match done.as_deref() {
        Some("note") => Some("Note added."),
        Some("looking-into") => Some("Marked as being looked into."),
        Some("closed") => {
            Some("Closed. The leader and the coach have been emailed what was decided.")
        }
        _ => None,
    };
    let open = item.status != ConcernStatus::Closed;
    let title = format!(
        "Concern about {} with {}",
        item.leader_name, item.coach_name
    );
    view! {
        <Title text=title.clone() />
        <h1 id="main-heading" tabindex="-1">{title}</h1>
        <p class="lead">{format!("{} · raised by {} on {} · {}", item.reference, item.raised_by.label().to_lowercase(), when(item.raised_at), item.status.label())}</p>
        {flash.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
        <Notice notice />
        <ErrorSummary errors />
        <h2>"The concern"</h2>
        <blockquote class="prose-text" data-testid="concern-body">{concern.body}</blockquote>
        {concern.outcome.map(|outcome| view! {
            <h2>"What was decided"</h2>
            <p class="prose-text">{outcome}</p>
        })}
        <h2>"Staff notes"</h2>
        <p class="hint">"Only staff see these."</p>
        {if concern.notes.is_empty() {
            view! { <p>"None yet."</p> }.into_any()
        } else {
            view! {
                <ul class="notes">
                    {concern.notes.into_iter().map(|(at, who, note)| view! {
                        <li><p class="hint">{format!("{}, {who}", when(at))}</p><p class="prose-text">{note}</p></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {open.then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <input type="hidden" name="action" value="note" />
                <TextArea name="note" label="Add a note".into() value=value_or(&submitted, "note", "") error=error_of(&submitted, "note") rows=4 />
                <button type="submit" class="button button-secondary">"Add note"</button>
            </form>
            {(item.status == ConcernStatus::Open).then(|| view! {
                <form method="post" action=action.clone() class="narrow-form">
                    <input type="hidden" name="action" value="look-into" />
                    <button type="submit" class="button button-secondary">"Mark as being looked into"</button>
                </form>
            })}
            <form method="post" action=action novalidate class="narrow-form">
                <h2>"Close it"</h2>
                <input type="hidden" name="action" value="close" />
                <TextArea name="outcome" label="What was decided".into() hint="Emailed to both the leader and the coach. Do not quote the concern: the other person never sees it." value=value_or(&submitted, "outcome", "") error=error_of(&submitted, "outcome") rows=4 />
                <button type="submit" class="button">"Close and tell them both"</button>
            </form>
        })}
    }
    .into_any()
}

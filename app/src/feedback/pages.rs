//! The feedback form (`/questionnaires/{token}/feedback`), a coach's feedback in their area,
//! and every coach's at `/staff/feedback`.

use super::{
    COMMENT_MAX_CHARS, FeedbackSummary, RATINGS, SHOWN_FROM, feedback_form, my_feedback,
    staff_feedback,
};
use crate::forms::fields::{ErrorSummary, RadioGroup, TextArea};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What is said about who sees feedback, on the form and wherever it is shown.
fn anonymity() -> String {
    format!(
        "Your rating and comment are kept with your coach and the year, not with your name or your \
         coaching. Your coach and Cascade staff see ratings only as an average, with the comments, \
         in whole groups of {SHOWN_FROM} leaders' answers, so yours never shows on its own."
    )
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let thanked = use_query_map().get_untracked().get("given").is_some();
    let page = Suspend::new(async move {
        or_error_page(feedback_form(token.clone()).await, move |invitation| {
            let submitted = Submitted::current("feedback");
            let errors = submitted
                .as_ref()
                .map(|s| s.errors.clone())
                .unwrap_or_default();
            let notice = submitted.as_ref().and_then(|s| s.notice.clone());
            if thanked || invitation.given {
                return Either::Left(view! {
                    <div class="notice" role="status" data-testid="feedback-given">
                        <p>{format!("Thank you. Your feedback on your coaching with {} is kept.", invitation.coach_name)}</p>
                    </div>
                    <p>{anonymity()}</p>
                });
            }
            Either::Right(view! {
                <p class="lead">{format!("How was your coaching with {}?", invitation.coach_name)}</p>
                <p>{anonymity()}</p>
                <Notice notice />
                <ErrorSummary errors />
                <form method="post" action=format!("/questionnaires/{token}/feedback") novalidate class="narrow-form">
                    <RadioGroup
                        name="rating"
                        legend="Your rating".into()
                        options=RATINGS.iter().map(|(value, label)| (*value, *label, None)).collect()
                        selected=value_or(&submitted, "rating", "")
                        error=error_of(&submitted, "rating")
                    />
                    <TextArea
                        name="comment"
                        label="Your comment (optional)".into()
                        hint=format!("What went well, and what could be better. Up to {COMMENT_MAX_CHARS} characters. Leave out anything that would say who you are.")
                        value=value_or(&submitted, "comment", "")
                        error=error_of(&submitted, "comment")
                        rows=5
                    />
                    <button type="submit" class="button">"Send feedback"</button>
                </form>
            })
        })
    });
    let offer_token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <Title text="Feedback on your coaching" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Feedback on your coaching"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
            <crate::cascade::pages::OfferToTrain token=offer_token />
        </div>
    }
    .into_any()
}

/// A coach's (or, for staff, any coach's) feedback, as much as may be shown.
#[component]
fn Summary(summary: FeedbackSummary, whose: &'static str) -> impl IntoView {
    match summary.shown {
        None => Either::Left(view! {
            <p>{format!(
                "{} from {} leader{} so far. {whose} average and comments show once at least {SHOWN_FROM} leaders have given feedback, and then grow {SHOWN_FROM} answers at a time, so that no answer can be read as one leader's.",
                if summary.answers == 0 { "No feedback".to_string() } else { "Feedback".to_string() },
                summary.answers,
                if summary.answers == 1 { "" } else { "s" }
            )}</p>
        }),
        Some(shown) => Either::Right(view! {
            <p data-testid="feedback-average">{format!("Average rating {:.1} out of 5, from {} leaders (shown {SHOWN_FROM} answers at a time).", shown.average, shown.answers)}</p>
            {if shown.comments.is_empty() {
                Either::Left(view! { <p>"No comments."</p> })
            } else {
                Either::Right(view! {
                    <ul class="feedback-comments">
                        {shown.comments.into_iter().map(|c| view! { <li class="prose-text">{c}</li> }).collect_view()}
                    </ul>
                })
            }}
        }),
    }
}

/// The "Feedback from leaders" part of a coach's area.
#[component]
pub fn YourFeedback() -> impl IntoView {
    let summary = Suspend::new(async move {
        my_feedback()
            .await
            .ok()
            .map(|summary| view! { <Summary summary whose="Your" /> })
    });
    view! {
        <section aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">"Feedback from leaders"</h2>
            <Suspense fallback=|| ()>{summary}</Suspense>
        </section>
    }
}

#[component]
pub fn StaffFeedbackPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(staff_feedback().await, |coaches| {
            if coaches.is_empty() {
                return Either::Left(view! { <p>"No leader has given feedback yet."</p> });
            }
            Either::Right(view! {
                <ScrollTable label="Feedback by coach">
                    <thead><tr><th scope="col">"Coach"</th><th scope="col">"Feedback"</th></tr></thead>
                    <tbody>
                        {coaches.into_iter().map(|coach| view! {
                            <tr data-testid="coach-feedback">
                                <th scope="row">{coach.name}</th>
                                <td><Summary summary=coach.summary whose="The" /></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            })
        })
    });
    view! {
        <Title text="Feedback from leaders" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Feedback from leaders"</h1>
            <p>{format!("Leaders rate their coaching from 1 to 5 when it closes, anonymously. A coach's average and comments show, to them and here, in whole groups of {SHOWN_FROM} answers, in the order they came.")}</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

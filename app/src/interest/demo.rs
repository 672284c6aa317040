//! The demo's requests, played out on the real rules so that `make run` shows a request's life.
//! The demo coach (Amara Okafor) has:
//! - Rosa's request, due in two working days (asked the answer deadline less two working days
//!   ago), first reminder sent;
//! - Tom's request, which he sent first to another coach, naming Amara and agreeing to it being
//!   passed on: that coach let it expire, and it passed to Amara.
//!
//! The days are replayed one by one on a clock of their own, each with the worker's own run, so
//! every email (acknowledgements, reminders, expiry, pass-on) is in the outbox as it would be.

use super::due;
use super::form::AskForm;
use crate::calendar::{Nation, working_days_after, working_days_before};
use crate::clock::{Clock, uk_date, uk_time};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

/// Working days past Tom's first deadline, today.
const TOM_DEADLINE_WORKING_DAYS_AGO: u32 = 3;

/// Adds the demo requests to `coach_slug` (skipping any already there) and replays their days
/// up to `now`.
pub async fn insert(
    pool: &PgPool,
    coach_slug: &str,
    public_url: &str,
    mail_delivery: bool,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let failed = |e: sqlx::Error| e.to_string();
    let holidays = due::holidays(pool, Nation::EnglandAndWales)
        .await
        .map_err(failed)?;
    let today = uk_date(now);
    let answer_days = crate::settings::db::terms_on(pool, today)
        .await
        .map_err(failed)?
        .answer_working_days;
    // Rosa's deadline is two working days away.
    let rosa_asked = working_days_before(
        working_days_after(today, 2, &holidays),
        answer_days,
        &holidays,
    );
    let tom_asked = working_days_before(
        today,
        answer_days + TOM_DEADLINE_WORKING_DAYS_AGO,
        &holidays,
    );
    // The first coach Tom asked: another published coach who is accepting.
    let first_choice: Option<String> = sqlx::query_scalar(
        "SELECT slug FROM coaches WHERE status = 'published' AND accepting_now AND slug <> $1
         ORDER BY name LIMIT 1",
    )
    .bind(coach_slug)
    .fetch_optional(pool)
    .await
    .map_err(failed)?;

    let mut asks: Vec<(NaiveDate, String, AskForm)> = vec![(rosa_asked, coach_slug.into(), rosa())];
    if let Some(first_choice) = first_choice {
        asks.push((tom_asked, first_choice, tom(coach_slug)));
    }
    let clock = Clock::set_at(uk_time(tom_asked.min(rosa_asked), 10));
    for day in tom_asked
        .min(rosa_asked)
        .iter_days()
        .take_while(|d| *d <= today)
    {
        clock.set(uk_time(day, 10).min(now));
        for (asked_on, slug, form) in &asks {
            if *asked_on == day {
                super::submit::submit(
                    pool,
                    slug,
                    form,
                    public_url,
                    mail_delivery,
                    clock.now(),
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
            }
        }
        due::run(pool, &clock, public_url, mail_delivery)
            .await
            .map_err(failed)?;
    }
    Ok(())
}

/// A leader's answers, as the demo's leaders gave them.
fn leader(submission_id: &str, name: &str, email: &str, organisation: &str) -> AskForm {
    AskForm {
        submission_id: submission_id.into(),
        leader_name: name.into(),
        email: email.into(),
        role: "Manager".into(),
        organisation_name: organisation.into(),
        organisation_type: "registered-charity".into(),
        health_and_wellbeing: "yes".into(),
        region: "north-east".into(),
        postcode: "NE1 4ST".into(),
        under_represented_communities: "no".into(),
        leadership_support_before: "no".into(),
        consent: "yes".into(),
        ..AskForm::default()
    }
}

fn rosa() -> AskForm {
    AskForm {
        annual_income: "£64,000".into(),
        funding_route: "bursary".into(),
        goals: "Our founder has retired and I have stepped up. I want help to lead a team I used to be part of.".into(),
        ..leader(
            "5f0c2a6e-1d44-4a47-9c1e-000000000001",
            "Rosa Delgado",
            "rosa.delgado@example.org",
            "Millbeck Carers Cafe",
        )
    }
}

fn tom(named: &str) -> AskForm {
    AskForm {
        annual_income: "£310,000".into(),
        funding_route: "funder".into(),
        goals: "We are growing fast and I need to think about strategy, governance and looking after myself.".into(),
        alternative_1: named.into(),
        pass_on: "yes".into(),
        ..leader(
            "5f0c2a6e-1d44-4a47-9c1e-000000000002",
            "Tom Whitlock",
            "tom.whitlock@example.org",
            "Larkhill Vale Recovery Project",
        )
    }
}

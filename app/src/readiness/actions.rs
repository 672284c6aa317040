//! Readiness's forms: staff record training, choose a supervisor and record supervision; a
//! supervisor records their own coaches' supervision.

use super::db::{self, Recorded};
use super::{Supervision, SupervisionFormat, Training};
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, required_text};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

/// Any of the readiness forms (`record` says which).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReadinessForm {
    record: String,
    completed_on: String,
    cohort: String,
    trainer: String,
    supervisor_account: String,
    held_on: String,
    format: String,
    supervisor: String,
    submission_id: String,
}

/// The longest a cohort's, trainer's or supervisor's name may be.
const NAME_MAX: usize = 100;

/// A date that has passed (or is today), from a date field.
fn past_date(
    errors: &mut FieldErrors,
    field: &str,
    typed: &str,
    today: NaiveDate,
    missing: &str,
) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d") {
        Ok(date) if date > today => {
            errors.add(
                field,
                "Enter a date that has passed: record it once it has happened",
            );
            None
        }
        Ok(date) if date.year_ce().1 < 2000 => {
            errors.add(field, "Enter a date from 2000 onwards");
            None
        }
        Ok(date) => Some(date),
        Err(_) if typed.trim().is_empty() => {
            errors.add(field, missing);
            None
        }
        Err(_) => {
            errors.add(field, "Enter a real date, like 1 March 2026");
            None
        }
    }
}

use chrono::Datelike as _;

/// A supervision session from the form, or its problems.
fn supervision_from(form: &ReadinessForm, today: NaiveDate) -> Result<Supervision, FieldErrors> {
    let mut errors = FieldErrors::new();
    let held_on = past_date(
        &mut errors,
        "held_on",
        &form.held_on,
        today,
        "Enter the date the supervision was held",
    );
    let format = SupervisionFormat::from_slug(&form.format);
    if format.is_none() {
        errors.add("format", "Choose one to one or group");
    }
    let supervisor = required_text(
        &mut errors,
        "supervisor",
        &form.supervisor,
        NAME_MAX,
        "Enter who led the supervision",
    );
    match (held_on, format, supervisor) {
        (Some(held_on), Some(format), Some(supervisor)) => Ok(Supervision {
            held_on,
            format,
            supervisor,
        }),
        _ => Err(errors),
    }
}

/// Records a supervision session for `coach_id`, and goes to `back` once done.
async fn record_supervision(form: FormPost<ReadinessForm>, coach_id: Uuid, back: &str) -> Response {
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    let session = match supervision_from(&form.fields, form.state.clock.today()) {
        Ok(session) => session,
        Err(errors) => return form.invalid("supervision", errors).await,
    };
    let submission_id = Uuid::parse_str(form.fields.submission_id.trim()).ok();
    let now = form.state.clock.now();
    let pool = &form.state.pool;
    match db::record_supervision(pool, &actor, coach_id, &session, submission_id, now).await {
        Ok(Recorded::Recorded | Recorded::AlreadyRecorded) => done(back),
        Ok(Recorded::NoSuchCoach) => form.not_found().await,
        Err(error) => form.failed("supervision", error).await,
    }
}

/// `POST /staff/readiness/{coach}`: staff record training, choose the supervisor, or record
/// supervision.
pub async fn staff_record(Path(coach_id): Path<Uuid>, form: FormPost<ReadinessForm>) -> Response {
    let back = |what: &str| format!("/staff/readiness/{coach_id}?recorded={what}");
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    match form.fields.record.as_str() {
        "supervision" => record_supervision(form, coach_id, &back("supervision")).await,
        "training" => {
            let mut errors = FieldErrors::new();
            let today = form.state.clock.today();
            let completed_on = past_date(
                &mut errors,
                "completed_on",
                &form.fields.completed_on,
                today,
                "Enter the date the training was completed",
            );
            let cohort = required_text(
                &mut errors,
                "cohort",
                &form.fields.cohort,
                NAME_MAX,
                "Enter the cohort",
            );
            let trainer = required_text(
                &mut errors,
                "trainer",
                &form.fields.trainer,
                NAME_MAX,
                "Enter who trained them",
            );
            let (Some(completed_on), Some(cohort), Some(trainer)) = (completed_on, cohort, trainer)
            else {
                return form.invalid("training", errors).await;
            };
            let training = Training {
                completed_on,
                cohort,
                trainer,
            };
            let submission_id = Uuid::parse_str(form.fields.submission_id.trim()).ok();
            let pool = &form.state.pool;
            match db::record_training(pool, &actor, coach_id, &training, submission_id).await {
                Ok(true) => done(&back("training")),
                Ok(false) => form.not_found().await,
                Err(error) => form.failed("training", error).await,
            }
        }
        "supervisor" => {
            let chosen = match form.fields.supervisor_account.trim() {
                "" => Ok(None),
                typed => Uuid::parse_str(typed).map(Some),
            };
            let saved = match chosen {
                Ok(chosen) => db::set_supervisor(&form.state.pool, &actor, coach_id, chosen).await,
                Err(_) => Ok(false),
            };
            match saved {
                Ok(true) => done(&back("supervisor")),
                Ok(false) => {
                    let mut errors = FieldErrors::new();
                    errors.add(
                        "supervisor_account",
                        "Choose a supervisor from the list: a coach or a member of staff with an account, not the coach themself",
                    );
                    form.again(StatusCode::CONFLICT, "supervisor", errors, None)
                        .await
                }
                Err(error) => form.failed("supervisor", error).await,
            }
        }
        _ => {
            form.refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "training",
                "Choose what to record.",
            )
            .await
        }
    }
}

/// `POST /supervision/{coach}`: a supervisor records supervision for a coach they supervise
/// (staff may too). Anyone else is told there is no such coach.
pub async fn supervisor_record(
    Path(coach_id): Path<Uuid>,
    form: FormPost<ReadinessForm>,
) -> Response {
    let form = form.on_page("/supervision");
    let Some(caller) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    match db::may_record_supervision(&form.state.pool, &caller, coach_id).await {
        Ok(true) => record_supervision(form, coach_id, "/supervision?recorded=yes").await,
        Ok(false) => form.not_found().await,
        Err(error) => form.failed("supervision", error).await,
    }
}

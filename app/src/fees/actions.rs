//! The ledger's form (`POST /staff/fees/{engagement}`) and its download (`GET /staff/fees.csv`).

use super::db::{self, NotChanged};
use super::{FeeChange, FeeStatus, payer_label};
use crate::access::Caller;
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, optional_text, required_paragraphs, required_text};
use crate::interest::form::FundingRoute;
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeeForm {
    change: String,
    invoiced_on: String,
    invoice_reference: String,
    paid_on: String,
    reason: String,
    payer: String,
    funder_name: String,
}

fn date(errors: &mut FieldErrors, field: &str, typed: &str, today: NaiveDate) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d") {
        Ok(day) if day > today => {
            errors.add(field, "Enter a date that has passed, or today");
            None
        }
        Ok(day) => Some(day),
        Err(_) if typed.trim().is_empty() => {
            errors.add(field, "Enter the date");
            None
        }
        Err(_) => {
            errors.add(field, "Enter a real date, like 1 March 2027");
            None
        }
    }
}

/// The change the form asks for, or its problems.
fn change_from(form: &FeeForm, today: NaiveDate) -> Result<FeeChange, FieldErrors> {
    let mut errors = FieldErrors::new();
    let change = match form.change.as_str() {
        "invoiced" => {
            let on = date(&mut errors, "invoiced_on", &form.invoiced_on, today);
            let reference = required_text(
                &mut errors,
                "invoice_reference",
                &form.invoice_reference,
                60,
                "Enter the invoice's reference",
            );
            on.zip(reference)
                .map(|(on, reference)| FeeChange::Invoiced { on, reference })
        }
        "paid" => {
            date(&mut errors, "paid_on", &form.paid_on, today).map(|on| FeeChange::Paid { on })
        }
        "written_off" => required_paragraphs(
            &mut errors,
            "reason",
            &form.reason,
            500,
            "Say why it will not be paid",
        )
        .map(|reason| FeeChange::WrittenOff { reason }),
        "payer" => {
            let payer = FundingRoute::from_slug(&form.payer);
            if payer.is_none() {
                errors.add("payer", "Choose who pays");
            }
            let funder = optional_text(
                &mut errors,
                "funder_name",
                &form.funder_name,
                150,
                "Keep the funder's name to 150 characters",
            );
            match (payer, funder) {
                (Some(FundingRoute::Funder), Some(funder)) => Some(FeeChange::Payer {
                    payer: FundingRoute::Funder,
                    funder,
                }),
                (Some(payer), Some(None)) => Some(FeeChange::Payer {
                    payer,
                    funder: None,
                }),
                (Some(_), Some(Some(_))) => {
                    errors.add(
                        "funder_name",
                        "Give a funder's name only when a funder pays, or choose that a funder pays",
                    );
                    None
                }
                _ => None,
            }
        }
        _ => {
            errors.add("change", "Choose what to record");
            None
        }
    };
    change.filter(|_| errors.is_empty()).ok_or(errors)
}

/// `POST /staff/fees/{engagement}`: records an invoice, a payment, a write-off or the payer.
pub async fn change(Path(engagement_id): Path<Uuid>, form: FormPost<FeeForm>) -> Response {
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    let change = match change_from(&form.fields, form.state.clock.today()) {
        Ok(change) => change,
        Err(errors) => return form.invalid("fee", errors).await,
    };
    match db::change(&form.state.pool, &actor, engagement_id, &change).await {
        Ok(Ok(_)) => done(&format!("/staff/fees/{engagement_id}?changed=yes")),
        Ok(Err(NotChanged::NoSuchFee)) => form.not_found().await,
        Ok(Err(NotChanged::Before(day))) => {
            let field = match change {
                FeeChange::Invoiced { .. } => "invoiced_on",
                _ => "paid_on",
            };
            let mut errors = FieldErrors::new();
            errors.add(
                field,
                format!(
                    "Enter a date on or after {}, when the step before it happened",
                    crate::coaches::long_date(day)
                ),
            );
            form.invalid("fee", errors).await
        }
        Ok(Err(NotChanged::NotNow(status))) => {
            let notice = format!(
                "That does not apply to a fee that is {} now: someone may have changed it already.",
                status.label().to_lowercase()
            );
            form.refuse(StatusCode::CONFLICT, "fee", notice).await
        }
        Err(error) => form.failed("fee", error).await,
    }
}

/// A CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is made text, so a
/// spreadsheet never runs what someone typed.
fn field(value: &str) -> String {
    crate::reporting::overview::csv_field(value)
}

/// `GET /staff/fees.csv[?status=…]`: every fee (in that status), audited before it is sent.
pub async fn download(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let Some(actor) = caller.account().filter(|a| a.staff).cloned() else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let status = pairs
        .iter()
        .find(|(k, _)| k == "status")
        .and_then(|(_, v)| FeeStatus::from_slug(v));
    let fees = match db::fees(&state.pool, status, i64::MAX).await {
        Ok(fees) => fees,
        Err(error) => return failed(error),
    };
    let mut body = String::from(
        "reference,leader_organisation,payee_coach_organisation,payer,funder,amount_pounds,status,started_on,due_on,invoiced_on,invoice_reference,paid_on,written_off_reason\r\n",
    );
    for fee in &fees {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            field(&fee.reference),
            field(&fee.organisation_name),
            field(&fee.payee),
            field(payer_label(fee.payer)),
            field(fee.funder_name.as_deref().unwrap_or_default()),
            format!("{}.{:02}", fee.amount_pence / 100, fee.amount_pence % 100),
            field(fee.status.slug()),
            fee.started_on.to_string(),
            date(fee.due_on),
            date(fee.invoiced_on),
            field(fee.invoice_reference.as_deref().unwrap_or_default()),
            date(fee.paid_on),
            field(fee.written_off_reason.as_deref().unwrap_or_default()),
        ];
        body.push_str(&row.join(","));
        body.push_str("\r\n");
    }
    let name = match status {
        Some(status) => format!("fees-{}.csv", status.slug()),
        None => "fees.csv".to_string(),
    };
    let recorded = async {
        let mut tx = state.pool.begin().await?;
        crate::audit::record(
            &mut tx,
            &actor,
            "fees downloaded",
            crate::audit::Subject::Named(&name),
            None,
            Some(serde_json::json!({ "status": status, "rows": fees.len() })),
        )
        .await?;
        tx.commit().await
    };
    if let Err(error) = recorded.await {
        return failed(error);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"cascade-{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        format!("\u{feff}{body}"),
    )
        .into_response()
}

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "fees download failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Cascade could not make that download: try again.\n",
    )
        .into_response()
}

//! `/staff/fees` (the ledger: totals by status and by funder, and the fees) and
//! `/staff/fees/{engagement}` (one fee, and its changes).

use super::{Fee, FeeStatus, Ledger, Total, payer_label, pounds, staff_fee, staff_fees};
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, RadioGroup, TextArea, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::interest::form::FundingRoute;
use crate::ui::{Notice, ScrollTable, or_error_page};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn payer_text(fee: &Fee) -> String {
    match (&fee.payer, &fee.funder_name) {
        (FundingRoute::Funder, Some(name)) => name.clone(),
        (FundingRoute::Funder, None) => "A funder (not yet named)".into(),
        (payer, _) => payer_label(*payer).into(),
    }
}

#[component]
pub fn FeesPage() -> impl IntoView {
    let status = use_query_map().get_untracked().get("status");
    let page = Suspend::new(async move {
        or_error_page(
            staff_fees(status).await,
            |ledger| view! { <LedgerView ledger /> },
        )
    });
    view! {
        <Title text="Fees" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Fees"</h1>
            <p>"Each coaching's fee is paid to the coach's organisation, by the leader's organisation, a funder or a bursary place. It falls due with the first session recorded. A leader referred by a funder has usually been promised that the funder will pay."</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Totals(
    label: &'static str,
    first: &'static str,
    totals: Vec<Total>,
    funders: bool,
) -> impl IntoView {
    view! {
        <ScrollTable label=label>
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    <th scope="col">"Coachings"</th>
                    <th scope="col">{if funders { "To pay (not written off)" } else { "Amount" }}</th>
                    {funders.then(|| view! { <th scope="col">"Paid"</th><th scope="col">"Due or invoiced"</th> })}
                </tr>
            </thead>
            <tbody>
                {totals.into_iter().map(|t| view! {
                    <tr>
                        <th scope="row">{t.label}</th>
                        <td>{t.count}</td>
                        <td>{pounds(t.amount_pence)}</td>
                        {funders.then(|| view! { <td>{pounds(t.paid_pence)}</td><td>{pounds(t.outstanding_pence)}</td> })}
                    </tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
}

#[component]
fn LedgerView(ledger: Ledger) -> impl IntoView {
    let showing = ledger.showing.map(|s| s.slug()).unwrap_or_default();
    let download = match ledger.showing {
        Some(status) => format!("/staff/fees.csv?status={}", status.slug()),
        None => "/staff/fees.csv".to_string(),
    };
    let shown = ledger.fees.len();
    view! {
        <h2>"By status"</h2>
        <Totals label="Fees by status" first="Status" totals=ledger.by_status funders=false />
        <h2>"By funder"</h2>
        {if ledger.by_funder.is_empty() {
            view! { <p>"No fees are paid by a funder."</p> }.into_any()
        } else {
            view! { <Totals label="Fees paid by funders" first="Funder" totals=ledger.by_funder funders=true /> }.into_any()
        }}
        <h2>"Fees"</h2>
        <form method="get" action="/staff/fees" class="filter-form">
            <div class="field">
                <label for="status">"Fees to show"</label>
                <select id="status" name="status" class="input">
                    <option value="">"All"</option>
                    {FeeStatus::ALL.iter().map(|s| view! { <option value=s.slug() selected=s.slug() == showing>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-secondary">"Show"</button>
        </form>
        <p>
            {format!("{shown} shown{}. ", if ledger.more { ", the newest: the download has them all" } else { "" })}
            <a href=download>"Download these as CSV"</a>
        </p>
        <ScrollTable label="Fees">
            <thead>
                <tr>
                    <th scope="col">"Request"</th>
                    <th scope="col">"Leader's organisation"</th>
                    <th scope="col">"Paid to (coach's organisation)"</th>
                    <th scope="col">"Payer"</th>
                    <th scope="col">"Amount"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>
                {ledger.fees.into_iter().map(|fee| {
                    let payer = payer_text(&fee);
                    view! {
                        <tr data-testid="fee">
                            <td><a href=format!("/staff/fees/{}", fee.engagement_id)>{fee.reference.clone()}</a></td>
                            <td>{fee.organisation_name.clone()}</td>
                            <td>{fee.payee.clone()}</td>
                            <td>{payer}</td>
                            <td>{pounds(fee.amount_pence)}</td>
                            <td>{fee.status.label()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
}

#[component]
pub fn FeePage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("engagement")
        .unwrap_or_default();
    let changed = use_query_map().get_untracked().get("changed").is_some();
    let page = Suspend::new(async move {
        let found = match uuid::Uuid::parse_str(&id) {
            Ok(id) => staff_fee(id).await,
            Err(_) => Err(AppError::NotFound),
        };
        or_error_page(found, move |fee| view! { <FeeView fee changed /> })
    });
    view! {
        <div class="container narrow">
            <p class="back-link"><a href="/staff/fees">"Fees"</a></p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn FeeView(fee: Fee, changed: bool) -> impl IntoView {
    let submitted = Submitted::current("fee");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let action = format!("/staff/fees/{}", fee.engagement_id);
    let today = crate::clock::today().to_string();
    let title = format!("Fee for {}", fee.reference);
    let status = fee.status;
    let may = |change: &super::FeeChange| change.from(status).is_some();
    let placeholder_day = crate::clock::today();
    let can_invoice = may(&super::FeeChange::Invoiced {
        on: placeholder_day,
        reference: String::new(),
    });
    let can_pay = may(&super::FeeChange::Paid {
        on: placeholder_day,
    });
    let can_write_off = may(&super::FeeChange::WrittenOff {
        reason: String::new(),
    });
    let can_change_payer = may(&super::FeeChange::Payer {
        payer: fee.payer,
        funder: None,
    });
    let payer_now = fee.payer.slug();
    view! {
        <Title text=title.clone() />
        <h1 id="main-heading" tabindex="-1">{title}</h1>
        {changed.then(|| view! { <div class="notice" role="status"><p>"The fee is updated."</p></div> })}
        <Notice notice />
        <ErrorSummary errors />
        <dl class="summary-list" data-testid="fee-summary">
            <div><dt>"Status"</dt><dd>{fee.status.label()}</dd></div>
            <div><dt>"Amount"</dt><dd>{pounds(fee.amount_pence)}</dd></div>
            <div><dt>"Payer"</dt><dd>{payer_text(&fee)}</dd></div>
            <div><dt>"Paid to"</dt><dd>{format!("{} (the organisation of the coach, {})", fee.payee, fee.coach_name)}</dd></div>
            <div><dt>"Leader's organisation"</dt><dd>{fee.organisation_name.clone()}</dd></div>
            <div><dt>"Coaching started"</dt><dd>{long_date(fee.started_on)}</dd></div>
            <div><dt>"Due"</dt><dd>{fee.due_on.map_or_else(|| "After the first session".to_string(), long_date)}</dd></div>
            {fee.invoiced_on.map(|on| view! { <div><dt>"Invoiced"</dt><dd>{format!("{} · {}", long_date(on), fee.invoice_reference.clone().unwrap_or_default())}</dd></div> })}
            {fee.paid_on.map(|on| view! { <div><dt>"Paid"</dt><dd>{long_date(on)}</dd></div> })}
            {fee.written_off_reason.clone().map(|reason| view! { <div><dt>"Written off"</dt><dd class="prose-text">{reason}</dd></div> })}
        </dl>
        {can_invoice.then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <h2>"Record the invoice"</h2>
                <input type="hidden" name="change" value="invoiced" />
                <TextField name="invoiced_on" label="Date invoiced".into() value=value_or(&submitted, "invoiced_on", today.clone()) error=error_of(&submitted, "invoiced_on") input_type="date" class="input-medium" />
                <TextField name="invoice_reference" label="Invoice reference".into() value=value_or(&submitted, "invoice_reference", "") error=error_of(&submitted, "invoice_reference") autocomplete="off" />
                <button type="submit" class="button">"Record invoice"</button>
            </form>
        })}
        {can_pay.then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <h2>"Record payment"</h2>
                <input type="hidden" name="change" value="paid" />
                <TextField name="paid_on" label="Date paid".into() value=value_or(&submitted, "paid_on", today.clone()) error=error_of(&submitted, "paid_on") input_type="date" class="input-medium" />
                <button type="submit" class="button">"Record payment"</button>
            </form>
        })}
        {can_change_payer.then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <h2>"Who pays"</h2>
                <input type="hidden" name="change" value="payer" />
                <RadioGroup
                    name="payer"
                    legend="Payer".into()
                    options=FundingRoute::ALL.iter().map(|p| (p.slug(), payer_label(*p), None)).collect()
                    selected=value_or(&submitted, "payer", payer_now)
                    error=error_of(&submitted, "payer")
                />
                <TextField name="funder_name" label="Funder's name".into() hint="When a funder pays." value=value_or(&submitted, "funder_name", fee.funder_name.clone().unwrap_or_default()) error=error_of(&submitted, "funder_name") autocomplete="off" />
                <button type="submit" class="button button-secondary">"Save payer"</button>
            </form>
        })}
        {can_write_off.then(|| view! {
            <form method="post" action=action.clone() novalidate class="narrow-form">
                <h2>"Write it off"</h2>
                <input type="hidden" name="change" value="written_off" />
                <TextArea name="reason" label="Why it will not be paid".into() value=value_or(&submitted, "reason", "") error=error_of(&submitted, "reason") rows=3 />
                <button type="submit" class="button button-secondary">"Write off"</button>
            </form>
        })}
    }
    .into_any()
}

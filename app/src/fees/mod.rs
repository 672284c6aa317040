//! The fee ledger: each coaching's fee (the fee setting in effect as it starts), paid to the
//! coach's organisation by the leader's organisation, a named funder, or a bursary place.
//!
//! The database gives every coaching its fee as it starts, for the amount in effect that day,
//! and makes it due with the first session recorded (see the migration). Staff then record it
//! invoiced (date and invoice reference), paid (date), or written off (reason); each change is
//! audited. `/staff/fees` shows totals by status and by funder, and downloads them as CSV.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use crate::interest::form::FundingRoute;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::vocabulary::vocabulary! {
    /// Where a fee is in its life.
    FeeStatus {
        NotYetDue => ("not_yet_due", "Not yet due"),
        Due => ("due", "Due"),
        Invoiced => ("invoiced", "Invoiced"),
        Paid => ("paid", "Paid"),
        WrittenOff => ("written_off", "Written off"),
    }
}

/// Who pays, in the ledger's words.
pub fn payer_label(payer: FundingRoute) -> &'static str {
    match payer {
        FundingRoute::Organisation => "The leader's organisation",
        FundingRoute::Funder => "A funder",
        FundingRoute::Bursary => "A bursary place",
    }
}

/// A change staff make to a fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeChange {
    Invoiced {
        on: NaiveDate,
        reference: String,
    },
    Paid {
        on: NaiveDate,
    },
    WrittenOff {
        reason: String,
    },
    /// Who pays (and which funder), until it is invoiced.
    Payer {
        payer: FundingRoute,
        funder: Option<String>,
    },
}

impl FeeChange {
    /// The status after this change, if it may be made to a fee in `status`: invoiced once
    /// due, paid once invoiced, written off until paid, the payer changed until invoiced.
    pub fn from(&self, status: FeeStatus) -> Option<FeeStatus> {
        use FeeStatus::*;
        match (self, status) {
            (FeeChange::Invoiced { .. }, Due) => Some(Invoiced),
            (FeeChange::Paid { .. }, Invoiced) => Some(Paid),
            (FeeChange::WrittenOff { .. }, NotYetDue | Due | Invoiced) => Some(WrittenOff),
            (FeeChange::Payer { .. }, NotYetDue | Due) => Some(status),
            _ => None,
        }
    }

    /// The audit log's name for it.
    pub fn action(&self) -> &'static str {
        match self {
            FeeChange::Invoiced { .. } => "fee invoiced",
            FeeChange::Paid { .. } => "fee paid",
            FeeChange::WrittenOff { .. } => "fee written off",
            FeeChange::Payer { .. } => "fee payer changed",
        }
    }
}

/// One coaching's fee, as the ledger lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub engagement_id: Uuid,
    pub reference: String,
    /// The leader's organisation.
    pub organisation_name: String,
    pub coach_name: String,
    /// The payee: the coach's organisation.
    pub payee: String,
    pub payer: FundingRoute,
    pub funder_name: Option<String>,
    pub amount_pence: i64,
    pub status: FeeStatus,
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub invoiced_on: Option<NaiveDate>,
    pub invoice_reference: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub written_off_reason: Option<String>,
}

/// Fees counted and summed, for one status or one funder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub label: String,
    pub count: i64,
    pub amount_pence: i64,
    /// Of which paid (for the funders' totals).
    pub paid_pence: i64,
    /// Of which due or invoiced, not yet paid.
    pub outstanding_pence: i64,
}

/// The ledger: totals by status and by funder, and the fees in one status (or all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub by_status: Vec<Total>,
    pub by_funder: Vec<Total>,
    pub fees: Vec<Fee>,
    /// The status the list shows, if one was chosen.
    pub showing: Option<FeeStatus>,
    /// More fees than the list shows.
    pub more: bool,
}

/// The most fees the list shows at once (the download has them all).
pub const LIST_LIMIT: i64 = 500;

/// Pounds, as the ledger writes them: "£800.00".
pub fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    format!(
        "{sign}£{}.{:02}",
        crate::money::grouped(pence / 100),
        pence % 100
    )
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "staff_fees")]
pub async fn staff_fees(status: Option<String>) -> Result<Ledger, AppError> {
    require(Access::Staff)?;
    let showing = status.as_deref().and_then(FeeStatus::from_slug);
    Ok(db::ledger(&crate::state::pool()?, showing).await?)
}

#[server(endpoint = "staff_fee")]
pub async fn staff_fee(engagement_id: Uuid) -> Result<Fee, AppError> {
    require(Access::Staff)?;
    db::fee(&crate::state::pool()?, engagement_id)
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeeStatus::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date")
    }

    #[test]
    fn each_change_applies_only_where_the_ledger_allows_it() {
        let changes = [
            FeeChange::Invoiced {
                on: day(),
                reference: "INV-1".into(),
            },
            FeeChange::Paid { on: day() },
            FeeChange::WrittenOff {
                reason: "Closed".into(),
            },
            FeeChange::Payer {
                payer: FundingRoute::Funder,
                funder: Some("Trust".into()),
            },
        ];
        // Rows: the changes above; columns: from each status in `FeeStatus::ALL`'s order.
        let expected: [[Option<FeeStatus>; 5]; 4] = [
            [None, Some(Invoiced), None, None, None],
            [None, None, Some(Paid), None, None],
            [
                Some(WrittenOff),
                Some(WrittenOff),
                Some(WrittenOff),
                None,
                None,
            ],
            [Some(NotYetDue), Some(Due), None, None, None],
        ];
        for (change, row) in changes.iter().zip(expected) {
            for (status, after) in FeeStatus::ALL.iter().zip(row) {
                assert_eq!(change.from(*status), after, "{change:?} from {status:?}");
            }
        }
    }

    #[test]
    fn amounts_are_written_in_pounds_and_pence() {
        assert_eq!(pounds(80_000), "£800.00");
        assert_eq!(pounds(123_456_789), "£1,234,567.89");
        assert_eq!(pounds(5), "£0.05");
        assert_eq!(pounds(-80_000), "-£800.00");
    }
}

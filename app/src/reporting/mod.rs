//! The take-up overview and the evidence of impact: what staff see at `/staff/overview`, its
//! CSV exports and the evaluator's pseudonymised export, and the public `/impact` page.

pub mod charts;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod export;
pub mod overview;
pub mod pages;
pub mod stats;

use crate::error::AppError;
use crate::outcomes::measures::Measure;
use leptos::prelude::*;
use overview::{Cell, Metric, Overview, OverviewFilter};
use serde::{Deserialize, Serialize};

#[server(endpoint = "take_up_overview")]
pub async fn take_up_overview(filter: OverviewFilter) -> Result<Overview, AppError> {
    crate::access::require(crate::access::Access::Staff)?;
    Ok(db::overview(&crate::state::pool()?, &filter, crate::clock::now()).await?)
}

/// What `/impact` shows: the overview's headline figures over every request so far, with the
/// same suppression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicImpact {
    /// The last day of the requests counted.
    pub up_to: chrono::NaiveDate,
    pub take_up: Vec<Metric>,
    pub reach: Vec<Metric>,
    /// Each measure: leaders who answered at the start and the close, their mean change, and
    /// its interval.
    pub outcomes: Vec<(Measure, Cell, Cell, Cell)>,
}

impl PublicImpact {
    pub fn from_overview(overview: &Overview, up_to: chrono::NaiveDate) -> PublicImpact {
        let headline = |name: &str| overview.headline.iter().find(|m| m.name == name).cloned();
        let table = |slug: &str| overview.tables.iter().find(|t| t.slug == slug);
        let share = |slug: &str, row: usize, name: &str, label: &str| {
            table(slug)
                .and_then(|t| t.rows.get(row))
                .and_then(|cells| cells.get(2))
                .map(|cell| Metric {
                    name: name.into(),
                    label: label.into(),
                    cell: cell.clone(),
                })
        };
        let take_up = ["requests", "accepted", "completed", "completed-rate"]
            .into_iter()
            .filter_map(headline)
            .collect();
        let bursary_row = crate::interest::form::FundingRoute::ALL
            .iter()
            .position(|r| *r == crate::interest::form::FundingRoute::Bursary)
            .unwrap_or(2);
        let reach = [
            share(
                "priority-groups",
                0,
                "under-represented-share",
                "From organisations working with ethnic-minority or other under-represented communities",
            ),
            share(
                "priority-groups",
                1,
                "small-organisations-share",
                "From organisations with an income under £150,000",
            ),
            share(
                "priority-groups",
                2,
                "first-support-share",
                "Had no leadership support before",
            ),
            share(
                "funding-routes",
                bursary_row,
                "bursary-share",
                "Asked for a bursary to pay for it",
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let outcomes = table("outcomes")
            .map(|t| {
                Measure::ALL
                    .iter()
                    .zip(&t.rows)
                    .map(|(m, row)| {
                        let cell = |i: usize| row.get(i).cloned().unwrap_or(Cell::Blank);
                        (*m, cell(1), cell(2), cell(3))
                    })
                    .collect()
            })
            .unwrap_or_default();
        PublicImpact {
            up_to,
            take_up,
            reach,
            outcomes,
        }
    }
}

/// The last day `/impact` counts requests up to, on `today`: the end of the month before. The
/// figures then change once a month, not with each answer, so that nobody can work out one
/// leader's answers from the difference between two visits.
pub fn impact_up_to(today: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    today
        .with_day(1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(today)
}

#[server(endpoint = "impact_figures")]
pub async fn impact_figures() -> Result<PublicImpact, AppError> {
    let now = crate::clock::now();
    let up_to = impact_up_to(crate::clock::uk_date(now));
    let filter = OverviewFilter {
        to: Some(up_to),
        ..OverviewFilter::default()
    };
    let overview = db::overview(&crate::state::pool()?, &filter, now).await?;
    Ok(PublicImpact::from_overview(&overview, up_to))
}

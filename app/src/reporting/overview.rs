//! The take-up overview, worked out from one row per leader's request and their questionnaires:
//! pure, so that each figure is tested against hand-computed answers (see the fixture test in
//! `server/tests/api/overview.rs`).
//!
//! A request is a leader asking for coaching, however many coaches it passed through; it counts
//! in the period it was made, and its stages (accepted, first session, completed) whenever they
//! came. Every figure goes through `stats`, so none describing fewer than five leaders is shown.

use super::stats::{self, FEWER_THAN_FIVE, PairedChange, Shown};
use crate::calendar::{Nation, working_days_until};
use crate::interest::form::FundingRoute;
use crate::outcomes::measures::Measure;
use crate::outcomes::{CoachGain, QuestionnaireKind};
use crate::vocabulary::{Community, Region};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

/// What the overview is of: requests made in a period, by leaders in a region, paying one way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub region: Option<Region>,
    pub funding: Option<FundingRoute>,
}

impl OverviewFilter {
    /// The filter from a query string's pairs, and a message by each field that could not be
    /// read (that field is then not applied).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (OverviewFilter, Vec<(&'static str, String)>) {
        let mut filter = OverviewFilter::default();
        let mut problems = Vec::new();
        let date = |name: &'static str, typed: &str, problems: &mut Vec<(&'static str, String)>| {
            let typed = typed.trim();
            if typed.is_empty() {
                return None;
            }
            let parsed = NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok();
            if parsed.is_none() {
                problems.push((name, "Enter a real date, like 2026-04-01".to_string()));
            }
            parsed
        };
        for (key, value) in pairs {
            match key {
                "from" => filter.from = date("from", value, &mut problems),
                "to" => filter.to = date("to", value, &mut problems),
                "region" if !value.is_empty() => match Region::from_slug(value) {
                    Some(region) => filter.region = Some(region),
                    None => problems.push(("region", "Choose a region from the list".into())),
                },
                "funding" if !value.is_empty() => match FundingRoute::from_slug(value) {
                    Some(route) => filter.funding = Some(route),
                    None => {
                        problems.push(("funding", "Choose a funding route from the list".into()))
                    }
                },
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            problems.push(("to", "Enter an end date on or after the start date".into()));
            filter.to = None;
        }
        (filter, problems)
    }

    /// The query string that gives this filter (without `?`).
    pub fn query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(from) = self.from {
            pairs.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            pairs.push(format!("to={to}"));
        }
        if let Some(region) = self.region {
            pairs.push(format!("region={}", region.slug()));
        }
        if let Some(funding) = self.funding {
            pairs.push(format!("funding={}", funding.slug()));
        }
        pairs.join("&")
    }

    /// In words, for summaries and exports.
    pub fn describe(&self) -> String {
        let period = match (self.from, self.to) {
            (None, None) => "all requests".to_string(),
            (Some(from), None) => format!("requests made from {from}"),
            (None, Some(to)) => format!("requests made up to {to}"),
            (Some(from), Some(to)) => format!("requests made from {from} to {to}"),
        };
        let region = self
            .region
            .map(|r| format!(", leaders in {}", r.label()))
            .unwrap_or_default();
        let funding = self
            .funding
            .map(|f| format!(", paid for by {}", funding_label(f).to_lowercase()))
            .unwrap_or_default();
        format!("{period}{region}{funding}")
    }
}

/// A funding route as a table names it.
pub fn funding_label(route: FundingRoute) -> &'static str {
    match route {
        FundingRoute::Organisation => "The leader's organisation",
        FundingRoute::Funder => "A funder",
        FundingRoute::Bursary => "A bursary",
    }
}

/// One leader's request, as the overview needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    pub asked_on: NaiveDate,
    pub region: Region,
    pub funding: FundingRoute,
    pub income_pence: i64,
    pub under_represented: bool,
    pub communities: Vec<Community>,
    pub support_before: bool,
    pub bursary_eligible: bool,
    pub accepted_on: Option<NaiveDate>,
    pub engagement_id: Option<Uuid>,
    pub first_session_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub expired: bool,
    pub passed_on: bool,
    /// Each coach's answer (accepted or declined): the day it reached them and the day they
    /// answered.
    pub answers: Vec<(NaiveDate, NaiveDate)>,
}

/// One questionnaire, as the overview needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionnaireRow {
    pub engagement_id: Uuid,
    pub kind: QuestionnaireKind,
    pub submitted: bool,
    /// Each measure's score, in `Measure::ALL` order (a leader's questionnaires only).
    pub scores: Vec<Option<f64>>,
    /// Sent back, or closed unanswered: a response rate counts only these, not those still open.
    pub settled: bool,
    pub coach_confidence: Option<f64>,
    pub hours_given: Option<f64>,
    pub gains: Vec<CoachGain>,
    /// A coach's own words on what they gained.
    pub gains_in_own_words: Option<String>,
}

/// Coaches' places in a region: leaders they coach now, and their capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Places {
    pub region: Region,
    pub leaders: u64,
    pub capacity: u64,
}

/// A year's bursaries: the pool staff set, and how many were granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BursaryYear {
    pub year: i32,
    pub places: Option<u64>,
    pub granted: u64,
}

/// How a figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Count,
    Percent,
    Days,
    /// A change in a score, signed.
    Change,
    Score,
    Hours,
}

/// One figure of a table, or a headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Figure(Shown<f64>, Unit),
    /// A figure that is not about a few leaders (a pool of places), never hidden.
    Plain(f64, Unit),
    /// Nothing to show (no pool set, say).
    Blank,
}

impl Cell {
    fn count(n: u64) -> Cell {
        Cell::Figure(to_f64(stats::count(n)), Unit::Count)
    }

    fn percent(part: u64, whole: u64) -> Cell {
        Cell::Figure(stats::percentage(part, whole), Unit::Percent)
    }

    /// As a table and a CSV show it.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Figure(Shown::FewerThanFive, _) => FEWER_THAN_FIVE.to_string(),
            Cell::Figure(Shown::Value(v), unit) | Cell::Plain(v, unit) => format_value(*v, *unit),
            Cell::Blank => String::new(),
        }
    }

    /// As `data-value` holds it: the number plain, or "fewer than 5".
    pub fn data_value(&self) -> String {
        match self {
            Cell::Figure(Shown::Value(v), unit) | Cell::Plain(v, unit) => raw_value(*v, *unit),
            other => other.text(),
        }
    }

    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Figure(Shown::Value(v), _) | Cell::Plain(v, _) => Some(*v),
            _ => None,
        }
    }
}

fn to_f64(shown: Shown<u64>) -> Shown<f64> {
    match shown {
        Shown::Value(n) => Shown::Value(n as f64),
        Shown::FewerThanFive => Shown::FewerThanFive,
    }
}

/// The number as `data-value` and exports hold it: counts whole, percentages and days to one
/// decimal, changes and scores to two.
pub fn raw_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => format!("{v:.0}"),
        Unit::Percent | Unit::Days | Unit::Hours => format!("{v:.1}"),
        Unit::Change | Unit::Score => format!("{v:.2}"),
    }
}

/// The number as people read it.
pub fn format_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => crate::money::grouped(v.round().max(0.0) as u64),
        Unit::Percent => format!("{v:.1}%"),
        Unit::Days => format!("{v:.1}"),
        Unit::Hours => format!("{v:.1}"),
        // A true minus sign, as the intervals have.
        Unit::Change if v < 0.0 && format!("{:.2}", v.abs()) != "0.00" => {
            format!("\u{2212}{:.2}", v.abs())
        }
        Unit::Change => format!("+{:.2}", v.abs()),
        Unit::Score => format!("{v:.2}"),
    }
}

/// A table: what the page shows, and exactly what its CSV holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Its name in the export's address: `/staff/overview/{slug}.csv`.
    pub slug: String,
    pub title: String,
    /// What it shows, in a sentence or two (also the chart's text alternative).
    pub summary: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// For each column, the `data-metric` name of its figures, for the cells that are headline
    /// figures (empty when none is).
    pub metrics: Vec<Vec<Option<String>>>,
}

impl Table {
    fn new(slug: &str, title: &str, columns: &[&str]) -> Table {
        Table {
            slug: slug.into(),
            title: title.into(),
            summary: String::new(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            metrics: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        self.metrics.push(vec![None; cells.len()]);
        self.rows.push(cells);
    }

    fn row_with_metrics(&mut self, cells: Vec<Cell>, metrics: Vec<Option<String>>) {
        self.metrics.push(metrics);
        self.rows.push(cells);
    }

    /// The table as CSV: a header row, then its rows as shown (hidden figures read "fewer
    /// than 5"). Fields holding a comma, quote or line break are quoted.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let line = |fields: Vec<String>| {
            fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        };
        out.push_str(&line(self.columns.clone()));
        out.push_str("\r\n");
        for row in &self.rows {
            out.push_str(&line(row.iter().map(Cell::data_value).collect()));
            out.push_str("\r\n");
        }
        out
    }
}

/// One CSV field: quoted when it must be, and never read as a formula by a spreadsheet.
pub fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) && field.parse::<f64>().is_err() {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// A headline figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// Its stable name, for `data-metric`.
    pub name: String,
    pub label: String,
    pub cell: Cell,
}

/// A chart's bars: one group per label, one bar per series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bars {
    pub series: Vec<String>,
    pub groups: Vec<(String, Vec<Shown<f64>>)>,
}

/// An outcome chart's rows: each measure's mean change as a share of its scale's range, with its
/// interval, the right way up (a rise is always an improvement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub rows: Vec<(String, Shown<Interval>)>,
}

/// A mean with the low and high ends of its interval.
pub type Interval = (f64, f64, f64);

/// Everything `/staff/overview` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub filter: OverviewFilter,
    pub headline: Vec<Metric>,
    pub tables: Vec<Table>,
    pub take_up_chart: Bars,
    pub funnel_chart: Bars,
    pub outcome_chart: Changes,
    /// What coaches said they gained, in their own words (see [`OWN_WORDS_SHOWN`]).
    pub own_words: Vec<String>,
}

/// How many coaches' own words the overview shows.
pub const OWN_WORDS_SHOWN: usize = 20;

/// Annual income bands, in pence: under £50k, £50k–£150k, £150k–£500k, and £500k or more (only
/// when an admin has raised the eligibility limit past the one the programme started with).
pub const SIZE_BANDS: [(&str, i64, i64); 4] = [
    ("Under £50,000", 0, 5_000_000),
    ("£50,000 to £149,999", 5_000_000, 15_000_000),
    ("£150,000 to £499,999", 15_000_000, 50_000_000),
    ("£500,000 or more", 50_000_000, i64::MAX),
];

fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_label(month: NaiveDate) -> String {
    month.format("%B %Y").to_string()
}

fn short_month(month: NaiveDate) -> String {
    month.format("%b %y").to_string()
}

/// The measures' paired changes for questionnaires `later` against the baseline.
struct Paired {
    differences: Vec<Vec<f64>>,
    /// Leaders sent both questionnaires whose later one is settled (the response rate's whole).
    sent: u64,
}

fn paired(
    engagements: &BTreeSet<Uuid>,
    by_engagement: &HashMap<(Uuid, QuestionnaireKind), &QuestionnaireRow>,
    later: QuestionnaireKind,
) -> Paired {
    let mut differences = vec![Vec::new(); Measure::ALL.len()];
    let mut sent = 0;
    for id in engagements {
        let (Some(after), Some(before)) = (
            by_engagement.get(&(*id, later)),
            by_engagement.get(&(*id, QuestionnaireKind::LeaderBaseline)),
        ) else {
            continue;
        };
        if !after.settled {
            continue;
        }
        sent += 1;
        if !(before.submitted && after.submitted) {
            continue;
        }
        for (m, list) in differences.iter_mut().enumerate() {
            if let (Some(Some(b)), Some(Some(a))) = (before.scores.get(m), after.scores.get(m)) {
                list.push(a - b);
            }
        }
    }
    Paired { differences, sent }
}

/// The overview of `requests` (already filtered) and the questionnaires of their coaching.
pub fn overview(
    filter: &OverviewFilter,
    requests: &[RequestRow],
    questionnaires: &[QuestionnaireRow],
    places: &[Places],
    bursaries: &[BursaryYear],
    holidays: &HashMap<Nation, BTreeSet<NaiveDate>>,
) -> Overview {
    let asked = requests.len() as u64;
    let accepted = requests.iter().filter(|r| r.accepted_on.is_some()).count() as u64;
    let first_session = requests
        .iter()
        .filter(|r| r.first_session_on.is_some())
        .count() as u64;
    let completed = requests.iter().filter(|r| r.completed_on.is_some()).count() as u64;
    let expired = requests.iter().filter(|r| r.expired).count() as u64;
    let passed_on = requests.iter().filter(|r| r.passed_on).count() as u64;
    let none = BTreeSet::new();
    let mut days: Vec<f64> = requests
        .iter()
        .flat_map(|r| {
            let holidays = holidays.get(&Nation::of(r.region)).unwrap_or(&none);
            r.answers.iter().map(move |(reached, answered)| {
                f64::from(working_days_until(*reached, *answered, holidays))
            })
        })
        .collect();
    let answered = days.len() as u64;
    let median_days = stats::median(&mut days);

    let mut tables = Vec::new();

    // Take-up by month.
    let mut months: BTreeMap<NaiveDate, [u64; 4]> = BTreeMap::new();
    for r in requests {
        let stages = [
            Some(r.asked_on),
            r.accepted_on,
            r.first_session_on,
            r.completed_on,
        ];
        for (i, on) in stages.iter().enumerate() {
            if let Some(on) = on {
                months.entry(month_of(*on)).or_default()[i] += 1;
            }
        }
    }
    // Every month from the first to the last, so that a quiet month shows.
    let mut all_months = Vec::new();
    if let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) {
        let mut month = first;
        while month <= last {
            all_months.push(month);
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(last.succ_opt().unwrap_or(last));
        }
    }
    let mut by_month = Table::new(
        "take-up-by-month",
        "Take-up by month",
        &[
            "Month",
            "Requests",
            "Accepted",
            "First sessions",
            "Completed",
        ],
    );
    let mut take_up_chart = Bars {
        // Two series, so that each month's bars have room; the table has all four.
        series: vec!["Requests".into(), "Accepted".into()],
        groups: Vec::new(),
    };
    for month in &all_months {
        let counts = months.get(month).copied().unwrap_or_default();
        let mut cells = vec![Cell::Text(month_label(*month))];
        cells.extend(counts.iter().map(|&n| Cell::count(n)));
        by_month.row(cells);
        take_up_chart.groups.push((
            short_month(*month),
            counts[..2]
                .iter()
                .map(|&n| to_f64(stats::count(n)))
                .collect(),
        ));
    }
    let busiest = months
        .iter()
        .max_by_key(|(_, c)| c[0])
        .filter(|(_, c)| c[0] >= stats::FEWEST_SHOWN)
        .map(|(m, c)| format!(" The most requests came in {} ({}).", month_label(*m), c[0]))
        .unwrap_or_default();
    by_month.summary = format!(
        "Requests, acceptances, first sessions and completions in each month, for {}: {} months.{busiest}",
        filter.describe(),
        all_months.len()
    );
    tables.push(by_month);

    // The funnel.
    let mut funnel = Table::new(
        "funnel",
        "From asking to completing",
        &[
            "Stage",
            "Leaders",
            "Of those who asked",
            "Of the stage before",
        ],
    );
    let stages = [
        ("Asked", "requests", asked),
        ("Accepted", "accepted", accepted),
        ("First session", "first-session", first_session),
        ("Completed", "completed", completed),
    ];
    let mut funnel_chart = Bars {
        series: vec!["Leaders".into()],
        groups: Vec::new(),
    };
    let mut previous = asked;
    for (i, (stage, _, n)) in stages.iter().enumerate() {
        funnel.row(vec![
            Cell::Text(stage.to_string()),
            Cell::count(*n),
            if i == 0 {
                Cell::Blank
            } else {
                Cell::percent(*n, asked)
            },
            if i == 0 {
                Cell::Blank
            } else {
                Cell::percent(*n, previous)
            },
        ]);
        funnel_chart
            .groups
            .push((stage.to_string(), vec![to_f64(stats::count(*n))]));
        previous = *n;
    }
    funnel.summary = match (stats::count(asked), stats::percentage(completed, asked)) {
        (Shown::Value(n), Shown::Value(share)) => format!(
            "Of {n} leaders who asked, {} completed their coaching ({share:.1}%).",
            completed
        ),
        (Shown::Value(n), _) => {
            format!("{n} leaders asked; fewer than 5 completed their coaching.")
        }
        _ => "Fewer than 5 leaders asked.".to_string(),
    };
    tables.push(funnel);

    // Answers.
    let mut answers = Table::new("answers", "How coaches answered", &["Figure", "Value"]);
    answers.row_with_metrics(
        vec![
            Cell::Text("Coaches' answers (accepted or declined)".into()),
            Cell::count(answered),
        ],
        vec![None, Some("answers".into())],
    );
    answers.row_with_metrics(
        vec![
            Cell::Text("Median working days to an answer".into()),
            Cell::Figure(median_days, Unit::Days),
        ],
        vec![None, Some("median-days-to-answer".into())],
    );
    answers.row_with_metrics(
        vec![
            Cell::Text("Requests that expired with a coach".into()),
            Cell::percent(expired, asked),
        ],
        vec![None, Some("expired-share".into())],
    );
    answers.row_with_metrics(
        vec![
            Cell::Text("Requests passed on to another coach".into()),
            Cell::percent(passed_on, asked),
        ],
        vec![None, Some("passed-on-share".into())],
    );
    answers.summary = "Working days skip weekends and the bank holidays of the leader's nation; \
        a share of requests is of all requests made."
        .into();
    tables.push(answers);

    // Coach utilisation.
    let mut utilisation = Table::new(
        "utilisation",
        "Coach utilisation by region, now",
        &["Region", "Leaders being coached", "Places", "Utilisation"],
    );
    let (mut leaders_now, mut capacity_now) = (0, 0);
    for p in places {
        leaders_now += p.leaders;
        capacity_now += p.capacity;
        utilisation.row(vec![
            Cell::Text(p.region.label().into()),
            Cell::count(p.leaders),
            Cell::Plain(p.capacity as f64, Unit::Count),
            Cell::percent(p.leaders, p.capacity),
        ]);
    }
    utilisation.row(vec![
        Cell::Text(
            if filter.region.is_some() {
                "Total"
            } else {
                "All regions"
            }
            .into(),
        ),
        Cell::count(leaders_now),
        Cell::Plain(capacity_now as f64, Unit::Count),
        Cell::percent(leaders_now, capacity_now),
    ]);
    utilisation.summary = "Published coaches' leaders now, divided by the places they offer \
        (their capacity): today's figure, whatever the period chosen."
        .into();
    tables.push(utilisation);

    // Bursaries.
    let mut pool = Table::new(
        "bursaries",
        "Bursaries granted against each calendar year's pool",
        &["Year", "Granted", "Places in the pool", "Of the pool"],
    );
    for year in bursaries {
        pool.row_with_metrics(
            vec![
                Cell::Text(year.year.to_string()),
                Cell::count(year.granted),
                year.places
                    .map_or(Cell::Blank, |p| Cell::Plain(p as f64, Unit::Count)),
                year.places
                    .map_or(Cell::Blank, |p| Cell::percent(year.granted, p)),
            ],
            vec![
                None,
                Some(format!("bursaries-granted-{}", year.year)),
                None,
                None,
            ],
        );
    }
    pool.summary =
        "Bursaries staff approved in each calendar year the period touches (by the day they \
         decided, whatever the funding route chosen), and the places they set for it."
            .into();
    tables.push(pool);

    // Who asks: size, region, funding, priority groups.
    let share_table =
        |slug: &str, title: &str, heading: &str, groups: Vec<(String, u64)>, summary: String| {
            let mut table = Table::new(slug, title, &[heading, "Requests", "Of all requests"]);
            for (label, n) in groups {
                table.row(vec![
                    Cell::Text(label),
                    Cell::count(n),
                    Cell::percent(n, asked),
                ]);
            }
            table.summary = summary;
            table
        };
    let mut bands: Vec<(String, u64)> = SIZE_BANDS
        .iter()
        .map(|(name, low, high)| {
            let n = requests
                .iter()
                .filter(|r| (*low..*high).contains(&r.income_pence))
                .count() as u64;
            (name.to_string(), n)
        })
        .collect();
    // The band above the starting limit, only when someone is in it.
    bands.retain(|(name, n)| *n > 0 || name != SIZE_BANDS[3].0);
    tables.push(share_table(
        "organisation-size",
        "Organisation size (annual income)",
        "Band",
        bands,
        "The annual income leaders gave for their organisation.".into(),
    ));
    let regions: Vec<(String, u64)> = Region::ALL
        .iter()
        .map(|region| {
            let n = requests.iter().filter(|r| r.region == *region).count() as u64;
            (region.label().to_string(), n)
        })
        .collect();
    tables.push(share_table(
        "regions",
        "Where leaders are",
        "Region",
        regions,
        "The region each leader's organisation is in.".into(),
    ));
    let routes: Vec<(String, u64)> = FundingRoute::ALL
        .iter()
        .map(|route| {
            let n = requests.iter().filter(|r| r.funding == *route).count() as u64;
            (funding_label(*route).to_string(), n)
        })
        .collect();
    tables.push(share_table(
        "funding-routes",
        "How the programme is paid for",
        "Paid by",
        routes,
        "Who the leader said would pay the programme's cost.".into(),
    ));
    let mut groups: Vec<(String, u64)> = vec![
        (
            "Works with ethnic-minority or other under-represented communities".into(),
            requests.iter().filter(|r| r.under_represented).count() as u64,
        ),
        (
            "Annual income under £150,000".into(),
            requests
                .iter()
                .filter(|r| r.income_pence < 15_000_000)
                .count() as u64,
        ),
        (
            "No leadership support before".into(),
            requests.iter().filter(|r| !r.support_before).count() as u64,
        ),
        (
            "Eligible for a bursary".into(),
            requests.iter().filter(|r| r.bursary_eligible).count() as u64,
        ),
    ];
    for community in Community::ALL {
        let n = requests
            .iter()
            .filter(|r| r.communities.contains(community))
            .count() as u64;
        groups.push((format!("Serves: {}", community.label()), n));
    }
    tables.push(share_table(
        "priority-groups",
        "Priority groups reached",
        "Organisations that",
        groups,
        "What leaders said about their organisation. These show whom the programme reaches: \
         they are never used to turn a leader away."
            .into(),
    ));

    // Outcomes.
    let by_engagement: HashMap<(Uuid, QuestionnaireKind), &QuestionnaireRow> = questionnaires
        .iter()
        .map(|q| ((q.engagement_id, q.kind), q))
        .collect();
    let engagements: BTreeSet<Uuid> = requests.iter().filter_map(|r| r.engagement_id).collect();
    let at_end = paired(&engagements, &by_engagement, QuestionnaireKind::LeaderEnd);
    let at_follow_up = paired(
        &engagements,
        &by_engagement,
        QuestionnaireKind::LeaderFollowUp,
    );
    let mut outcomes = Table::new(
        "outcomes",
        "Outcomes: change from the start of coaching",
        &[
            "Measure",
            "Leaders at the close (n)",
            "Mean change at the close",
            "95% confidence interval at the close",
            "Response rate at the close",
            "Leaders six months on (n)",
            "Mean change six months on",
            "95% confidence interval six months on",
            "Response rate six months on",
        ],
    );
    let mut outcome_chart = Changes { rows: Vec::new() };
    let interval = |c: Shown<PairedChange>| match c {
        Shown::Value(c) => Cell::Text(format!(
            "{} to {}",
            interval_end(c.low),
            interval_end(c.high)
        )),
        Shown::FewerThanFive => Cell::Figure(Shown::FewerThanFive, Unit::Change),
    };
    let mean = |c: Shown<PairedChange>| {
        Cell::Figure(
            match c {
                Shown::Value(c) => Shown::Value(c.mean),
                Shown::FewerThanFive => Shown::FewerThanFive,
            },
            Unit::Change,
        )
    };
    for (m, measure) in Measure::ALL.iter().enumerate() {
        let end = stats::paired_change(&at_end.differences[m]);
        let later = stats::paired_change(&at_follow_up.differences[m]);
        let n_end = at_end.differences[m].len() as u64;
        let n_later = at_follow_up.differences[m].len() as u64;
        outcomes.row_with_metrics(
            vec![
                Cell::Text(measure.label().into()),
                Cell::count(n_end),
                mean(end),
                interval(end),
                Cell::percent(n_end, at_end.sent),
                Cell::count(n_later),
                mean(later),
                interval(later),
                Cell::percent(n_later, at_follow_up.sent),
            ],
            vec![
                None,
                Some(format!("{}-n", measure.slug())),
                Some(format!("{}-mean-change", measure.slug())),
                None,
                Some(format!("{}-response-rate", measure.slug())),
                Some(format!("{}-follow-up-n", measure.slug())),
                Some(format!("{}-follow-up-mean-change", measure.slug())),
                None,
                Some(format!("{}-follow-up-response-rate", measure.slug())),
            ],
        );
        let (low, high) = scale_range(*measure);
        let sign = if measure.higher_is_better() {
            1.0
        } else {
            -1.0
        };
        let scaled = |v: f64| sign * 100.0 * v / (high - low);
        outcome_chart.rows.push((
            short_label(*measure).into(),
            match end {
                Shown::Value(c) => {
                    let (a, b) = (scaled(c.low), scaled(c.high));
                    Shown::Value((scaled(c.mean), a.min(b), a.max(b)))
                }
                Shown::FewerThanFive => Shown::FewerThanFive,
            },
        ));
    }
    outcomes.summary = format!(
        "For each measure, the leaders who answered it both at the start and at the close (or six months \
         on): the mean of their changes, its 95% confidence interval, and the share of leaders sent the \
         later questionnaire who gave both answers. Loneliness, anxiety and isolation fall as things \
         improve; every other measure rises. {} leaders were sent a questionnaire at the close, {} six months on.",
        cell_words(stats::count(at_end.sent)),
        cell_words(stats::count(at_follow_up.sent)),
    );
    tables.push(outcomes);

    // Coaches' end questionnaires.
    let coach_rows: Vec<&QuestionnaireRow> = questionnaires
        .iter()
        .filter(|q| {
            q.kind == QuestionnaireKind::CoachEnd
                && q.submitted
                && engagements.contains(&q.engagement_id)
        })
        .collect();
    let coach_sent = questionnaires
        .iter()
        .filter(|q| {
            q.kind == QuestionnaireKind::CoachEnd
                && q.settled
                && engagements.contains(&q.engagement_id)
        })
        .count() as u64;
    let responses = coach_rows.len() as u64;
    let confidences: Vec<f64> = coach_rows
        .iter()
        .filter_map(|q| q.coach_confidence)
        .collect();
    let hours: Vec<f64> = coach_rows.iter().filter_map(|q| q.hours_given).collect();
    let mut coaching = Table::new(
        "coaches-questionnaires",
        "What coaching gave the coaches",
        &["Figure", "Value"],
    );
    coaching.row(vec![
        Cell::Text("Coaches' questionnaires answered".into()),
        Cell::count(responses),
    ]);
    coaching.row(vec![
        Cell::Text("Response rate".into()),
        Cell::percent(responses, coach_sent),
    ]);
    coaching.row(vec![
        Cell::Text("Mean confidence as a coach (1 to 5)".into()),
        Cell::Figure(mean_of(&confidences), Unit::Score),
    ]);
    coaching.row(vec![
        Cell::Text("Hours given, in total, by the coaches who answered".into()),
        Cell::Figure(
            if (hours.len() as u64) < stats::FEWEST_SHOWN {
                Shown::FewerThanFive
            } else {
                Shown::Value(hours.iter().sum())
            },
            Unit::Hours,
        ),
    ]);
    coaching.row(vec![
        Cell::Text("Mean hours given".into()),
        Cell::Figure(mean_of(&hours), Unit::Hours),
    ]);
    for gain in CoachGain::ALL {
        let n = coach_rows.iter().filter(|q| q.gains.contains(gain)).count() as u64;
        coaching.row(vec![
            Cell::Text(format!("Gained: {}", gain.label())),
            Cell::percent(n, responses),
        ]);
    }
    coaching.summary = "From coaches' questionnaires at the close of each coaching. A response \
        rate counts the questionnaires sent back or closed, not those still open."
        .into();
    tables.push(coaching);
    // Coaches' own words, shown only with five or more answers, newest first, without names.
    let own_words: Vec<String> = if responses >= stats::FEWEST_SHOWN {
        coach_rows
            .iter()
            .rev()
            .filter_map(|q| q.gains_in_own_words.clone())
            .take(OWN_WORDS_SHOWN)
            .collect()
    } else {
        Vec::new()
    };

    let metric = |name: &str, label: &str, cell: Cell| Metric {
        name: name.into(),
        label: label.into(),
        cell,
    };
    let headline = vec![
        metric("requests", "Requests for coaching", Cell::count(asked)),
        metric("accepted", "Accepted by a coach", Cell::count(accepted)),
        metric(
            "first-session",
            "Had a first session",
            Cell::count(first_session),
        ),
        metric(
            "completed",
            "Completed their coaching",
            Cell::count(completed),
        ),
        metric(
            "accepted-rate",
            "Of those who asked, accepted",
            Cell::percent(accepted, asked),
        ),
        metric(
            "completed-rate",
            "Of those who asked, completed",
            Cell::percent(completed, asked),
        ),
        metric(
            "bursaries-granted",
            "Bursaries granted in the years shown",
            Cell::count(bursaries.iter().map(|b| b.granted).sum()),
        ),
    ];

    Overview {
        filter: filter.clone(),
        headline,
        tables,
        take_up_chart,
        funnel_chart,
        outcome_chart,
        own_words,
    }
}

/// An end of an interval as its cell reads: no plus sign, and a true minus sign, so that a
/// spreadsheet opening the CSV never takes it for a formula.
fn interval_end(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    if v < 0.0 && text != "0.00" {
        format!("\u{2212}{text}")
    } else {
        text
    }
}

/// A measure's name short enough for the chart's labels.
pub fn short_label(measure: Measure) -> &'static str {
    match measure {
        Measure::Gse => "Self-efficacy (GSE)",
        Measure::UclaLoneliness => "Loneliness (UCLA-3)",
        Measure::OnsLoneliness => "Loneliness (ONS)",
        Measure::LifeSatisfaction => "Life satisfaction",
        Measure::Worthwhile => "Worthwhile",
        Measure::Happiness => "Happiness",
        Measure::Anxiety => "Anxiety",
        Measure::StrategicDecisions => "Strategic decisions",
        Measure::DifficultIssues => "Difficult issues",
        Measure::IsolatedAsLeader => "Isolated as a leader",
        Measure::SomeoneToThinkWith => "Someone to think with",
    }
}

/// A measure's possible range, for putting changes on one chart.
pub fn scale_range(measure: Measure) -> (f64, f64) {
    match measure {
        Measure::Gse => (10.0, 40.0),
        Measure::UclaLoneliness => (3.0, 9.0),
        Measure::OnsLoneliness => (1.0, 5.0),
        Measure::LifeSatisfaction | Measure::Worthwhile | Measure::Happiness | Measure::Anxiety => {
            (0.0, 10.0)
        }
        _ => (1.0, 5.0),
    }
}

fn mean_of(values: &[f64]) -> Shown<f64> {
    if (values.len() as u64) < stats::FEWEST_SHOWN {
        Shown::FewerThanFive
    } else {
        Shown::Value(values.iter().sum::<f64>() / values.len() as f64)
    }
}

fn cell_words(shown: Shown<u64>) -> String {
    match shown {
        Shown::Value(n) => n.to_string(),
        Shown::FewerThanFive => "Fewer than 5".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire(
        id: Uuid,
        kind: QuestionnaireKind,
        gse: Option<f64>,
        submitted: bool,
        settled: bool,
    ) -> QuestionnaireRow {
        let mut scores = vec![None; Measure::ALL.len()];
        scores[0] = gse;
        QuestionnaireRow {
            engagement_id: id,
            kind,
            submitted,
            scores,
            settled,
            coach_confidence: None,
            hours_given: None,
            gains: Vec::new(),
            gains_in_own_words: None,
        }
    }

    #[test]
    fn a_response_rate_counts_questionnaires_answered_or_closed_never_those_still_open() {
        let ids: Vec<Uuid> = (0..7).map(|_| Uuid::new_v4()).collect();
        let mut rows = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            rows.push(questionnaire(
                *id,
                QuestionnaireKind::LeaderBaseline,
                Some(20.0),
                true,
                true,
            ));
            match i {
                // Five answered at the close, each 2 points up.
                0..=4 => rows.push(questionnaire(
                    *id,
                    QuestionnaireKind::LeaderEnd,
                    Some(22.0),
                    true,
                    true,
                )),
                // One still open: not yet a non-response.
                5 => rows.push(questionnaire(
                    *id,
                    QuestionnaireKind::LeaderEnd,
                    None,
                    false,
                    false,
                )),
                // One closed unanswered: a non-response.
                _ => rows.push(questionnaire(
                    *id,
                    QuestionnaireKind::LeaderEnd,
                    None,
                    false,
                    true,
                )),
            }
        }
        let by: HashMap<(Uuid, QuestionnaireKind), &QuestionnaireRow> = rows
            .iter()
            .map(|q| ((q.engagement_id, q.kind), q))
            .collect();
        let engagements: BTreeSet<Uuid> = ids.into_iter().collect();
        let at_end = paired(&engagements, &by, QuestionnaireKind::LeaderEnd);
        assert_eq!(at_end.sent, 6);
        assert_eq!(at_end.differences[0], vec![2.0; 5]);
    }

    #[test]
    fn interval_ends_never_start_like_a_formula() {
        assert_eq!(interval_end(2.071), "2.07");
        assert_eq!(interval_end(-0.4), "\u{2212}0.40");
        assert_eq!(interval_end(-0.001), "0.00");
        assert_eq!(
            csv_field(&format!(
                "{} to {}",
                interval_end(-0.91),
                interval_end(-0.4)
            )),
            "\u{2212}0.91 to \u{2212}0.40"
        );
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-12"), "-12");
    }
}

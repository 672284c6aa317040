//! `/staff/overview` (take-up and outcomes, with filters kept in the address, charts, tables and
//! their CSVs) and the public `/impact` (the headline figures for funders and the sector).

use super::charts::{BarChart, ChangeChart};
use super::overview::{Metric, Overview, OverviewFilter, Table, funding_label};
use super::{PublicImpact, impact_figures, take_up_overview};
use crate::forms::fields::{SelectField, TextField};
use crate::interest::form::FundingRoute;
use crate::ui::{ScrollTable, or_error_page};
use crate::vocabulary::Region;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffOverviewPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let typed = |name: &str| query.get(name).unwrap_or_default();
    let (from, to, region, funding) = (
        typed("from"),
        typed("to"),
        typed("region"),
        typed("funding"),
    );
    let pairs = [
        ("from", from.as_str()),
        ("to", to.as_str()),
        ("region", region.as_str()),
        ("funding", funding.as_str()),
    ];
    let (filter, problems) = OverviewFilter::from_pairs(pairs);
    let form = FilterForm {
        from: from.clone(),
        to: to.clone(),
        region: filter.region,
        funding: filter.funding,
        problems,
    };
    let page = Suspend::new(async move {
        let found = take_up_overview(filter).await;
        or_error_page(found, move |overview| view! { <OverviewBody overview /> })
    });
    view! {
        <Title text="Take-up and outcomes" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Take-up and outcomes"</h1>
            {form.view()}
            <div id="overview">
                <Suspense fallback=|| ()>{page}</Suspense>
            </div>
        </div>
    }
    .into_any()
}

/// The filters as typed, and the message by each that could not be read.
struct FilterForm {
    from: String,
    to: String,
    region: Option<Region>,
    funding: Option<FundingRoute>,
    problems: Vec<(&'static str, String)>,
}

impl FilterForm {
    fn view(self) -> impl IntoView {
        let problem = |name: &str| {
            self.problems
                .iter()
                .find(|(field, _)| *field == name)
                .map(|(_, message)| message.clone())
        };
        let regions = Region::ALL
            .iter()
            .map(|r| (r.slug().to_string(), r.label().to_string()))
            .collect();
        let routes = FundingRoute::ALL
            .iter()
            .map(|f| (f.slug().to_string(), funding_label(*f).to_string()))
            .collect();
        // The form is a target too, so that with JavaScript a message by a field shows as it
        // does without.
        view! {
            <form method="get" action="/staff/overview" id="overview-filters" class="filters filters-inline" aria-label="Filter the overview">
                <TextField name="from" label="Requests made from".into() value=self.from.clone() error=problem("from") input_type="date" />
                <TextField name="to" label="Up to and including".into() value=self.to.clone() error=problem("to") input_type="date" />
                <SelectField name="region" label="Leader's region".into() none="Any region" options=regions
                    selected=self.region.map(|r| r.slug().to_string()).unwrap_or_default() error=problem("region") />
                <SelectField name="funding" label="Paid for by".into() none="Any funding route" options=routes
                    selected=self.funding.map(|f| f.slug().to_string()).unwrap_or_default() error=problem("funding") />
                <button type="submit" class="button">"Show"</button>
            </form>
        }
    }
}

/// A headline figure, with its stable name and value for tests and tools.
#[component]
fn Figure(
    metric: Metric,
    #[prop(default = "overview-metric")] testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="metric" data-testid=testid data-metric=metric.name.clone() data-value=metric.cell.data_value()>
            <dt>{metric.label.clone()}</dt>
            <dd>{metric.cell.text()}</dd>
        </div>
    }
}

#[component]
fn OverviewTable(
    table: Table,
    query: String,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let testid = testid.unwrap_or("overview-metric");
    let csv = if query.is_empty() {
        format!("/staff/overview/{}.csv", table.slug)
    } else {
        format!("/staff/overview/{}.csv?{query}", table.slug)
    };
    let Table {
        slug,
        title,
        columns,
        rows,
        metrics,
        ..
    } = table;
    view! {
        <ScrollTable label=title.clone()>
            <thead>
                <tr>{columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr>
            </thead>
            <tbody data-table=slug>
                {rows.into_iter().zip(metrics).map(|(row, names)| view! {
                    <tr>
                        {row.into_iter().zip(names).enumerate().map(|(i, (cell, name))| {
                            let text = cell.text();
                            if i == 0 {
                                view! { <th scope="row">{text}</th> }.into_any()
                            } else if let Some(name) = name {
                                view! { <td data-testid=testid data-metric=name data-value=cell.data_value()>{text}</td> }.into_any()
                            } else {
                                view! { <td>{text}</td> }.into_any()
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
        <p><a href=csv download>{format!("Download “{title}” as CSV")}</a></p>
    }
}

fn section_id(slug: &str) -> String {
    format!("table-{slug}")
}

#[component]
fn OverviewBody(overview: Overview) -> impl IntoView {
    let query = overview.filter.query();
    let described = overview.filter.describe();
    let Overview {
        headline,
        tables,
        take_up_chart,
        funnel_chart,
        outcome_chart,
        own_words,
        ..
    } = overview;
    let evaluation = if query.is_empty() {
        "/staff/overview/evaluation.csv".to_string()
    } else {
        format!("/staff/overview/evaluation.csv?{query}")
    };
    let mut take_up_chart = Some(take_up_chart);
    let mut funnel_chart = Some(funnel_chart);
    let mut outcome_chart = Some(outcome_chart);
    view! {
        <p class="lead" data-testid="overview-period">{format!("Showing {described}.")}</p>
        <p>"Any figure describing fewer than 5 leaders reads “fewer than 5”, here, in the charts and in each table's download (the evaluator's file below is row by row, pseudonymised instead)."</p>
        <section aria-labelledby="headline-heading">
            <h2 id="headline-heading">"Headline figures"</h2>
            <dl class="metrics">
                {headline.into_iter().map(|metric| view! { <Figure metric /> }).collect_view()}
            </dl>
        </section>
        <nav aria-label="Tables on this page">
            <ul class="inline-list">
                {tables.iter().map(|t| view! { <li><a href=format!("#{}", section_id(&t.slug))>{t.title.clone()}</a></li> }).collect_view()}
            </ul>
        </nav>
        {tables.into_iter().map(|table| {
            let id = section_id(&table.slug);
            let heading = format!("{id}-heading");
            let chart = match table.slug.as_str() {
                "take-up-by-month" => take_up_chart.take().map(|bars| view! {
                    <BarChart id="chart-take-up".into() title="Requests and acceptances by month".into() description=table.summary.clone() bars />
                }.into_any()),
                "funnel" => funnel_chart.take().map(|bars| view! {
                    <BarChart id="chart-funnel".into() title="Leaders at each stage, from asking to completing".into() description=table.summary.clone() bars />
                }.into_any()),
                "outcomes" => outcome_chart.take().map(|changes| view! {
                    <ChangeChart id="chart-outcomes".into() title="Mean change at the close, as a share of each scale, with 95% confidence intervals".into() description="For each measure, the mean change from the start of coaching to its close, drawn so that to the right is always better, as a percentage of the measure's range; the bars are 95% confidence intervals. The table below gives the figures.".into() changes />
                }.into_any()),
                _ => None,
            };
            let query = query.clone();
            view! {
                <section aria-labelledby=heading.clone() id=id>
                    <h2 id=heading.clone()>{table.title.clone()}</h2>
                    <p>{table.summary.clone()}</p>
                    {chart.map(|chart| view! { <figure class="chart-figure">{chart}<figcaption>"The same figures are in the table below."</figcaption></figure> })}
                    <OverviewTable table query />
                </section>
            }
        }).collect_view()}
        <section aria-labelledby="own-words-heading">
            <h2 id="own-words-heading">"What coaches gained, in their own words"</h2>
            {if own_words.is_empty() {
                view! { <p>"Shown once 5 or more coaches have answered, so that nobody's words can be traced to them; none are yet."</p> }.into_any()
            } else {
                view! {
                    <p>{format!("The newest, up to {}, without names.", super::overview::OWN_WORDS_SHOWN)}</p>
                    <ul class="own-words">
                        {own_words.into_iter().map(|words| view! { <li class="prose-text">{words}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="evaluation-heading">
            <h2 id="evaluation-heading">"For the external evaluator"</h2>
            <p>
                "One row per leader's request in this overview, pseudonymised: a random code for each \
                 leader, the same in every download; no names, email addresses, phone numbers or \
                 organisation names; the postcode's area only; dates to the month; income as a band; \
                 and each questionnaire's scores. Every download is recorded in the audit log."
            </p>
            <p>
                "Scores are by each measure's published rules, blank where a measure could not be \
                 scored. The ONS loneliness question is coded 1 (never) to 5 (often or always), the \
                 reverse of the ONS's own coding, so that higher is lonelier, as on the UCLA scale. \
                 Coaches' confidence is 1 to 5; their hours as they gave them. Income bands: under-50k, \
                 50k-to-150k, 150k-to-500k, 500k-or-more (pounds a year). Rows are in order of the month the request \
                 was made, then the code."
            </p>
            <p><a href=evaluation download>"Download the evaluation file (CSV)"</a></p>
        </section>
    }
    .into_any()
}

#[component]
pub fn ImpactPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(
            impact_figures().await,
            |figures| view! { <Impact figures /> },
        )
    });
    view! {
        <Title text="Our impact" />
        <div class="container">
            <h1 id="main-heading" tabindex="-1">"Our impact"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Impact(figures: PublicImpact) -> impl IntoView {
    let PublicImpact {
        up_to,
        take_up,
        reach,
        outcomes,
    } = figures;
    view! {
        <p class="lead">
            {format!(
                "Cascade offers leaders of small health and wellbeing charities {} from an experienced \
                 sector leader. These are the programme's figures so far, from everyone who has used it.",
                crate::settings::current_terms()
                    .map(|terms| terms.sessions_over_months("one-to-one coaching "))
                    .unwrap_or_else(|_| "one-to-one coaching".to_string())
            )}
        </p>
        <p data-testid="impact-period">
            {format!(
                "They count requests for coaching made up to {}, and what has come of them since; they are updated at the start of each month.",
                crate::coaches::long_date(up_to)
            )}
        </p>
        <section aria-labelledby="take-up-heading">
            <h2 id="take-up-heading">"Take-up"</h2>
            <dl class="metrics">
                {take_up.into_iter().map(|metric| view! { <Figure metric testid="impact-metric" /> }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="reach-heading">
            <h2 id="reach-heading">"Who it reaches"</h2>
            <dl class="metrics">
                {reach.into_iter().map(|metric| view! { <Figure metric testid="impact-metric" /> }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="outcomes-heading">
            <h2 id="outcomes-heading">"What changes for leaders"</h2>
            <ScrollTable label="Mean change from the start of coaching to its close".to_string()>
                <thead>
                    <tr><th scope="col">"Measure"</th><th scope="col">"Leaders"</th><th scope="col">"Mean change"</th><th scope="col">"95% confidence interval"</th></tr>
                </thead>
                <tbody>
                    {outcomes.into_iter().map(|(measure, n, change, interval)| view! {
                        <tr>
                            <th scope="row">{measure.label()}</th>
                            <td>{n.text()}</td>
                            <td data-testid="impact-metric" data-metric=format!("{}-mean-change", measure.slug()) data-value=change.data_value()>{change.text()}</td>
                            <td>{interval.text()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
        </section>
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">"How we measure"</h2>
            <p>
                "Leaders answer the same short questionnaire as their coaching starts, when it closes and \
                 six months later: the General Self-Efficacy Scale, the UCLA three-item loneliness scale \
                 and the ONS loneliness question, the ONS's four personal wellbeing questions, and four \
                 questions of the programme's own. Each change is the mean, across the leaders who \
                 answered both times, of their own change, with its 95% confidence interval; loneliness, \
                 anxiety and feeling isolated fall as things improve. Any figure describing fewer than 5 \
                 leaders is shown as “fewer than 5”, and the figures change only once a month, to \
                 make it hard to pick out anyone's answers."
            </p>
        </section>
    }
    .into_any()
}

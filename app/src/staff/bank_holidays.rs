//! `/staff/bank-holidays`: the UK bank holidays that working days skip, per nation, which staff
//! keep (seeded for 2026–2028 by a migration). A coach's deadline is counted when a request
//! reaches them, so a change applies to requests from then on; deadlines already set stay.
//! Every change is audited.

use crate::calendar::Nation;
use crate::coaches::long_date;
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, SelectField, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::server;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// One bank holiday in one nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BankHoliday {
    pub nation: Nation,
    pub on_date: NaiveDate,
    pub name: String,
}

/// The bank holidays from the start of this year on, by date.
#[server(endpoint = "staff_bank_holidays")]
pub async fn staff_bank_holidays() -> Result<Vec<BankHoliday>, AppError> {
    crate::access::require(crate::access::Access::Staff)?;
    let pool = crate::state::pool()?;
    Ok(db::from_year(&pool, crate::clock::today().year()).await?)
}

/// The value of the nation choice that adds a day to every nation.
const EVERY_NATION: &str = "every";

#[cfg(feature = "ssr")]
pub mod db {
    use super::BankHoliday;
    use crate::access::Account;
    use crate::audit;
    use crate::calendar::Nation;
    use chrono::NaiveDate;
    use serde_json::json;
    use sqlx::PgPool;

    pub async fn from_year(pool: &PgPool, year: i32) -> Result<Vec<BankHoliday>, sqlx::Error> {
        sqlx::query_as(
            "SELECT nation, on_date, name FROM bank_holidays
             WHERE on_date >= make_date($1, 1, 1) ORDER BY on_date, nation",
        )
        .bind(year)
        .fetch_all(pool)
        .await
    }

    /// Adds the day to each of `nations` that does not have it yet: the nations it was added to.
    pub async fn add(
        pool: &PgPool,
        actor: &Account,
        nations: &[Nation],
        on_date: NaiveDate,
        name: &str,
    ) -> Result<Vec<Nation>, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let mut added = Vec::new();
        for &nation in nations {
            let inserted = sqlx::query(
                "INSERT INTO bank_holidays (nation, on_date, name) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(nation)
            .bind(on_date)
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                audit::record(
                    &mut tx,
                    actor,
                    "add bank holiday",
                    audit::Subject::Named(&format!("bank holiday {} {on_date}", nation.slug())),
                    None,
                    Some(json!({ "name": name })),
                )
                .await?;
                added.push(nation);
            }
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Removes one nation's bank holiday: `false` if it was not there.
    pub async fn remove(
        pool: &PgPool,
        actor: &Account,
        nation: Nation,
        on_date: NaiveDate,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let removed: Option<String> = sqlx::query_scalar(
            "DELETE FROM bank_holidays WHERE nation = $1 AND on_date = $2 RETURNING name",
        )
        .bind(nation)
        .bind(on_date)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(name) = removed else {
            return Ok(false);
        };
        audit::record(
            &mut tx,
            actor,
            "remove bank holiday",
            audit::Subject::Named(&format!("bank holiday {} {on_date}", nation.slug())),
            Some(json!({ "name": name })),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[cfg(feature = "ssr")]
pub mod action {
    use super::{EVERY_NATION, db};
    use crate::calendar::Nation;
    use crate::forms::post::{FormPost, done};
    use crate::forms::{FieldErrors, required_text};
    use axum::http::StatusCode;
    use axum::response::Response;
    use chrono::NaiveDate;
    use serde::Deserialize;

    /// Adding a day (`action` "add"), or removing one nation's day ("remove").
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct BankHolidayForm {
        action: String,
        on_date: String,
        nation: String,
        name: String,
    }

    pub async fn change(form: FormPost<BankHolidayForm>) -> Response {
        let Some(actor) = form.caller.account().cloned() else {
            return form.not_found().await;
        };
        let nation = Nation::from_slug(&form.fields.nation);
        let on_date = NaiveDate::parse_from_str(form.fields.on_date.trim(), "%Y-%m-%d").ok();
        match form.fields.action.as_str() {
            "add" => {
                let mut errors = FieldErrors::new();
                let today = form.state.clock.today();
                let on_date = match on_date {
                    Some(date) if date >= today => Some(date),
                    Some(_) => {
                        errors.add("on_date", "Enter a date from today onwards");
                        None
                    }
                    None if form.fields.on_date.trim().is_empty() => {
                        errors.add("on_date", "Enter the date of the bank holiday");
                        None
                    }
                    None => {
                        errors.add("on_date", "Enter a real date, like 25 December 2028");
                        None
                    }
                };
                let nations = match (nation, form.fields.nation.as_str()) {
                    (Some(nation), _) => Some(vec![nation]),
                    (None, EVERY_NATION) => Some(Nation::ALL.to_vec()),
                    (None, _) => {
                        errors.add("nation", "Choose the nation the bank holiday is in");
                        None
                    }
                };
                let name = required_text(
                    &mut errors,
                    "name",
                    &form.fields.name,
                    100,
                    "Enter the bank holiday's name, like Boxing Day",
                );
                let (Some(on_date), Some(nations), Some(name)) = (on_date, nations, name) else {
                    return form.invalid("bank-holidays", errors).await;
                };
                match db::add(&form.state.pool, &actor, &nations, on_date, &name).await {
                    Ok(added) if added.is_empty() => {
                        let already = match nations.as_slice() {
                            [one] => {
                                format!("{} already has a bank holiday on that date", one.label())
                            }
                            _ => "Every nation already has a bank holiday on that date".to_string(),
                        };
                        errors.add("on_date", already);
                        form.again(StatusCode::CONFLICT, "bank-holidays", errors, None)
                            .await
                    }
                    Ok(_) => done("/staff/bank-holidays?changed=added"),
                    Err(error) => form.failed("bank-holidays", error).await,
                }
            }
            "remove" => {
                let (Some(nation), Some(on_date)) = (nation, on_date) else {
                    let notice = "That bank holiday could not be found.";
                    return form
                        .refuse(StatusCode::UNPROCESSABLE_ENTITY, "bank-holidays", notice)
                        .await;
                };
                match db::remove(&form.state.pool, &actor, nation, on_date).await {
                    Ok(true) => done("/staff/bank-holidays?changed=removed"),
                    Ok(false) => {
                        let notice = "That bank holiday had already been removed.";
                        form.refuse(StatusCode::CONFLICT, "bank-holidays", notice)
                            .await
                    }
                    Err(error) => form.failed("bank-holidays", error).await,
                }
            }
            _ => {
                let notice = "Choose to add or remove a bank holiday.";
                form.refuse(StatusCode::UNPROCESSABLE_ENTITY, "bank-holidays", notice)
                    .await
            }
        }
    }
}

#[component]
pub fn BankHolidaysPage() -> impl IntoView {
    let changed = use_query_map()
        .get_untracked()
        .get("changed")
        .map(|c| match c.as_str() {
            "added" => "Bank holiday added.",
            _ => "Bank holiday removed.",
        });
    let submitted = Submitted::current("bank-holidays");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let nations: Vec<(String, String)> =
        std::iter::once((EVERY_NATION.to_string(), "Every nation".to_string()))
            .chain(
                Nation::ALL
                    .iter()
                    .map(|n| (n.slug().to_string(), n.label().to_string())),
            )
            .collect();
    let page = Suspend::new(async move {
        or_error_page(staff_bank_holidays().await, |holidays| {
            view! { <Holidays holidays /> }
        })
    });
    view! {
        <Title text="Bank holidays" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Bank holidays"</h1>
            <p>{crate::settings::current_terms().map(|terms| format!("A coach has {} working days to answer a request (a programme setting). ", terms.answer_working_days)).unwrap_or_default()}"Working days skip weekends and the bank holidays below, in the leader's nation (Wales shares England's). A deadline is counted when a request reaches a coach, so changes here apply to requests from then on."</p>
            {changed.map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })}
            <Notice notice />
            <ErrorSummary errors />
            <h2>"Add a bank holiday"</h2>
            <form method="post" action="/staff/bank-holidays" novalidate class="narrow-form">
                <input type="hidden" name="action" value="add" />
                <TextField name="on_date" label="Date".into() value=value_or(&submitted, "on_date", "") error=error_of(&submitted, "on_date") input_type="date" class="input-medium" />
                <SelectField name="nation" label="Nation".into() none="Choose a nation" options=nations selected=value_or(&submitted, "nation", "") error=error_of(&submitted, "nation") />
                <TextField name="name" label="Name".into() hint="For example, Boxing Day (substitute day)" value=value_or(&submitted, "name", "") error=error_of(&submitted, "name") />
                <button type="submit" class="button">"Add bank holiday"</button>
            </form>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Holidays(holidays: Vec<BankHoliday>) -> impl IntoView {
    let mut years: Vec<(i32, Vec<BankHoliday>)> = Vec::new();
    for holiday in holidays {
        let year = holiday.on_date.year();
        match years.last_mut() {
            Some((y, days)) if *y == year => days.push(holiday),
            _ => years.push((year, vec![holiday])),
        }
    }
    if years.is_empty() {
        return view! { <p>"No bank holidays are set from this year on."</p> }.into_any();
    }
    years
        .into_iter()
        .map(|(year, days)| {
            view! {
                <h2>{year.to_string()}</h2>
                <ScrollTable label=format!("Bank holidays in {year}")>
                    <thead>
                        <tr><th scope="col">"Date"</th><th scope="col">"Name"</th><th scope="col">"Nation"</th><th scope="col">"Remove"</th></tr>
                    </thead>
                    <tbody>
                        {days.into_iter().map(|day| {
                            let label = format!("Remove {}, {}, {}", day.name, long_date(day.on_date), day.nation.label());
                            view! {
                                <tr data-testid="bank-holiday" data-nation=day.nation.slug() data-date=day.on_date.to_string()>
                                    <td>{long_date(day.on_date)}</td>
                                    <td>{day.name.clone()}</td>
                                    <td>{day.nation.label()}</td>
                                    <td>
                                        <form method="post" action="/staff/bank-holidays" class="inline-form">
                                            <input type="hidden" name="action" value="remove" />
                                            <input type="hidden" name="nation" value=day.nation.slug() />
                                            <input type="hidden" name="on_date" value=day.on_date.to_string() />
                                            <button type="submit" class="button button-small button-secondary" aria-label=label>"Remove"</button>
                                        </form>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            }
        })
        .collect_view()
        .into_any()
}

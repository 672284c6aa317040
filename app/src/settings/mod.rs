//! The programme's numbers that admins change, each change with the day it takes effect
//! (`programme_settings`): a rule uses the value in effect on the day it applies to. So far the
//! fee alone is one, read by the database as each coaching starts (see `fees`); the other
//! numbers are still constants in their modules.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::vocabulary::vocabulary! {
    /// A number admins may change.
    SettingName {
        Fee => ("fee_pence", "The fee for a coaching"),
    }
}

/// One value of a setting, from the day it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingValue {
    pub name: SettingName,
    pub value: i64,
    pub effective_from: NaiveDate,
    /// Who set it (none for the value the programme started with).
    pub set_by: Option<String>,
    pub set_at: DateTime<Utc>,
}

/// The value in effect on `day` among `values` (of one setting): the newest from that day
/// or before.
pub fn in_effect(values: &[SettingValue], day: NaiveDate) -> Option<&SettingValue> {
    values
        .iter()
        .filter(|v| v.effective_from <= day)
        .max_by_key(|v| v.effective_from)
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "programme_settings")]
pub async fn programme_settings() -> Result<Vec<SettingValue>, AppError> {
    require(Access::Admin)?;
    Ok(db::values(&crate::state::pool()?).await?)
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{SettingName, SettingValue};
    use crate::access::Account;
    use chrono::{DateTime, NaiveDate, Utc};
    use serde_json::json;
    use sqlx::PgPool;

    /// A stored value: (name, value, from, set by, set at).
    type Row = (SettingName, i32, NaiveDate, Option<String>, DateTime<Utc>);

    pub async fn values(pool: &PgPool) -> Result<Vec<SettingValue>, sqlx::Error> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT s.name, s.value, s.effective_from, a.name, s.set_at
                 FROM programme_settings s LEFT JOIN accounts a ON a.id = s.set_by
                 ORDER BY s.name, s.effective_from",
        )
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(name, value, effective_from, set_by, set_at)| SettingValue {
                    name,
                    value: i64::from(value),
                    effective_from,
                    set_by,
                    set_at,
                },
            )
            .collect())
    }

    /// Sets `name` to `value` from `effective_from` (replacing a change already set for that
    /// day), audited.
    pub async fn set(
        pool: &PgPool,
        actor: &Account,
        name: SettingName,
        value: i32,
        effective_from: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = pool.begin().await?;
        let before: Option<i32> = sqlx::query_scalar(
            "SELECT value FROM programme_settings WHERE name = $1 AND effective_from = $2 FOR UPDATE",
        )
        .bind(name)
        .bind(effective_from)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO programme_settings (name, value, effective_from, set_by, set_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (name, effective_from)
             DO UPDATE SET value = $2, set_by = $4, set_at = $5",
        )
        .bind(name)
        .bind(value)
        .bind(effective_from)
        .bind(actor.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        crate::audit::record(
            &mut tx,
            actor,
            "change setting",
            crate::audit::Subject::Named(&format!("setting {}", name.slug())),
            before.map(|v| json!({ "value": v, "effective_from": effective_from })),
            Some(json!({ "value": value, "effective_from": effective_from })),
        )
        .await?;
        tx.commit().await
    }
}

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_in_effect_is_the_newest_from_that_day_or_before() {
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).expect("a date");
        let value = |v, d| SettingValue {
            name: SettingName::Fee,
            value: v,
            effective_from: day(d),
            set_by: None,
            set_at: DateTime::<Utc>::default(),
        };
        let values = [value(80_000, 1), value(85_000, 10), value(90_000, 20)];
        assert_eq!(in_effect(&values, day(9)).map(|v| v.value), Some(80_000));
        assert_eq!(in_effect(&values, day(10)).map(|v| v.value), Some(85_000));
        assert_eq!(in_effect(&values, day(31)).map(|v| v.value), Some(90_000));
        assert_eq!(in_effect(&values[1..], day(1)), None);
    }
}

//! `POST /staff/settings`: an admin changes a setting from a day.

use super::SettingName;
use crate::forms::FieldErrors;
use crate::forms::post::{FormPost, done};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingForm {
    setting: String,
    value: String,
    effective_from: String,
}

/// The most a fee may be: £100,000 (and the column's range).
const FEE_MAX_PENCE: u64 = 10_000_000;

pub async fn change(form: FormPost<SettingForm>) -> Response {
    let Some(actor) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let Some(name) = SettingName::from_slug(&form.fields.setting) else {
        errors.add("value", "Choose a setting to change");
        return form.invalid("settings", errors).await;
    };
    let value = match name {
        SettingName::Fee => match crate::money::Money::parse(&form.fields.value) {
            Ok(money) if money.pence() <= FEE_MAX_PENCE => i32::try_from(money.pence()).ok(),
            Ok(_) => {
                errors.add("value", "Enter a fee of £100,000 or less");
                None
            }
            Err(message) => {
                errors.add("value", message.to_string());
                None
            }
        },
    };
    let today = form.state.clock.today();
    let effective_from =
        match NaiveDate::parse_from_str(form.fields.effective_from.trim(), "%Y-%m-%d") {
            Ok(day) if day >= today => Some(day),
            Ok(_) => {
                errors.add(
                    "effective_from",
                    "Enter today or a later day: a change does not reach back",
                );
                None
            }
            Err(_) => {
                errors.add("effective_from", "Enter a real date, like 1 April 2027");
                None
            }
        };
    let (Some(value), Some(effective_from)) = (value, effective_from) else {
        return form.invalid("settings", errors).await;
    };
    let now = form.state.clock.now();
    match super::db::set(&form.state.pool, &actor, name, value, effective_from, now).await {
        Ok(()) => done("/staff/settings?saved=yes"),
        Err(error) => form.failed("settings", error).await,
    }
}

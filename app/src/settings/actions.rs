//! `POST /staff/settings/{setting}`: an admin changes a setting from a day.

use super::SettingName;
use crate::forms::FieldErrors;
use crate::forms::post::{FormPost, done};
use axum::extract::Path;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingForm {
    value: String,
    effective_from: String,
}

pub async fn change(Path(setting): Path<String>, form: FormPost<SettingForm>) -> Response {
    let (Some(actor), Some(name)) = (
        form.caller.account().cloned(),
        SettingName::from_slug(&setting),
    ) else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let value = name
        .parse(&form.fields.value)
        .map_err(|message| errors.add("value", message))
        .ok();
    // A change for today takes effect once saved: what was done earlier today (a deadline
    // set, a fee made) is stored and stays as it was.
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
        return form.invalid("setting", errors).await;
    };
    let now = form.state.clock.now();
    match super::db::set(&form.state.pool, &actor, name, value, effective_from, now).await {
        Ok(None) => done(&format!("/staff/settings/{}?saved=yes", name.slug())),
        Ok(Some(disagreement)) => {
            errors.add("value", disagreement);
            form.invalid("setting", errors).await
        }
        Err(error) => form.failed("setting", error).await,
    }
}

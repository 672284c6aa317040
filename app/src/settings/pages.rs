//! `/staff/settings`: admins see each setting's values over time and set a new one from a day.

use super::{SettingName, SettingValue, in_effect, programme_settings};
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn shown(name: SettingName, value: i64) -> String {
    match name {
        SettingName::Fee => crate::fees::pounds(value),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let saved = use_query_map().get_untracked().get("saved").is_some();
    let page = Suspend::new(async move {
        or_error_page(
            programme_settings().await,
            |values| view! { <Settings values /> },
        )
    });
    view! {
        <Title text="Programme settings" />
        <div class="container narrow">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Programme settings"</h1>
            {saved.then(|| view! { <div class="notice" role="status"><p>"The change is saved, from the day you gave."</p></div> })}
            <p>"Each change takes effect on the day you give, and applies from then on: the fee, to coaching that starts on or after that day. Changes already made stay as they were."</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Settings(values: Vec<SettingValue>) -> impl IntoView {
    let submitted = Submitted::current("settings");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let today = crate::clock::today();
    let fees: Vec<SettingValue> = values
        .into_iter()
        .filter(|v| v.name == SettingName::Fee)
        .collect();
    let now = in_effect(&fees, today).map(|v| shown(v.name, v.value));
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    view! {
        <h2>{SettingName::Fee.label()}</h2>
        <p data-testid="fee-now">{now.map_or_else(|| "No fee is set for today.".to_string(), |fee| format!("In effect today: {fee}."))}</p>
        <ScrollTable label="The fee over time">
            <thead><tr><th scope="col">"From"</th><th scope="col">"Fee"</th><th scope="col">"Set by"</th></tr></thead>
            <tbody>
                {fees.iter().map(|v| view! {
                    <tr>
                        <td>{crate::coaches::long_date(v.effective_from)}</td>
                        <td>{shown(v.name, v.value)}</td>
                        <td>{v.set_by.clone().unwrap_or_else(|| "When Cascade began".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
        <Notice notice />
        <ErrorSummary errors />
        <form method="post" action="/staff/settings" novalidate class="narrow-form">
            <h3>"Change the fee"</h3>
            <input type="hidden" name="setting" value=SettingName::Fee.slug() />
            <TextField name="value" label="New fee".into() hint="In pounds, like £850." value=value_or(&submitted, "value", "") error=error_of(&submitted, "value") class="input-medium" autocomplete="off" />
            <TextField name="effective_from" label="From".into() hint="Today or a later day." value=value_or(&submitted, "effective_from", tomorrow) error=error_of(&submitted, "effective_from") input_type="date" class="input-medium" />
            <button type="submit" class="button">"Save the change"</button>
        </form>
    }
}

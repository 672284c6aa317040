//! `/staff/settings`: admins see every setting as it stands today and the changes to come;
//! `/staff/settings/{setting}`: one setting's values over time, and a new one from a day.

use super::{SettingName, SettingValue, in_effect, programme_settings};
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The values of `name` among `values`, oldest first.
fn values_of(values: &[SettingValue], name: SettingName) -> Vec<SettingValue> {
    values.iter().filter(|v| v.name == name).cloned().collect()
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let page = Suspend::new(async move {
        or_error_page(
            programme_settings().await,
            |values| view! { <Settings values /> },
        )
    });
    view! {
        <Title text="Programme settings" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Programme settings"</h1>
            <p>"The programme's numbers. A change takes effect from the start of the day you give (at once, if that is today), and each rule uses the value in effect on the day it applies to. Every change is recorded in the audit log."</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Settings(values: Vec<SettingValue>) -> impl IntoView {
    let today = crate::clock::today();
    view! {
        <ScrollTable label="The programme's settings">
            <thead><tr><th scope="col">"Setting"</th><th scope="col">"In effect today"</th><th scope="col">"Changes to come"</th></tr></thead>
            <tbody>
                {SettingName::ALL.iter().map(|&name| {
                    let of_name = values_of(&values, name);
                    let now = in_effect(&values, name, today).map_or_else(|| "Not set".to_string(), |v| name.shown(v.value));
                    let to_come = of_name.iter().filter(|v| v.effective_from > today).map(|v| format!("{} from {}", name.shown(v.value), crate::coaches::long_date(v.effective_from))).collect::<Vec<_>>();
                    view! {
                        <tr data-setting=name.slug()>
                            <th scope="row"><a href=format!("/staff/settings/{}", name.slug())>{name.label()}</a></th>
                            <td>{now}</td>
                            <td>{if to_come.is_empty() { "None".to_string() } else { to_come.join("; ") }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </ScrollTable>
    }
}

#[component]
pub fn SettingPage() -> impl IntoView {
    let Some(name) = use_params_map()
        .get_untracked()
        .get("setting")
        .and_then(|slug| SettingName::from_slug(&slug))
    else {
        return view! { <crate::ui::NotFound /> }.into_any();
    };
    let saved = use_query_map().get_untracked().get("saved").is_some();
    let page = Suspend::new(async move {
        or_error_page(
            programme_settings().await,
            move |values| view! { <Setting name values=values_of(&values, name) /> },
        )
    });
    view! {
        <Title text=format!("{} · Programme settings", name.label()) />
        <div class="container narrow">
            <p class="back-link"><a href="/staff/settings">"Programme settings"</a></p>
            <h1 id="main-heading" tabindex="-1">{name.label()}</h1>
            {saved.then(|| view! { <div class="notice" role="status"><p>"The change is saved, from the day you gave."</p></div> })}
            <p>{name.meaning()}</p>
            <p>{format!("Each change takes effect from the start of the day you give, or as soon as it is saved if that is today. {}", name.applies_to())}</p>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
fn Setting(name: SettingName, values: Vec<SettingValue>) -> impl IntoView {
    let submitted = Submitted::current("setting");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let today = crate::clock::today();
    let now = in_effect(&values, name, today).map(|v| name.shown(v.value));
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    view! {
        <p data-testid="setting-now">{now.map_or_else(|| "Not set for today.".to_string(), |value| format!("In effect today: {value}."))}</p>
        <ScrollTable label=format!("{} over time", name.label())>
            <thead><tr><th scope="col">"From"</th><th scope="col">"Value"</th><th scope="col">"Set by"</th></tr></thead>
            <tbody>
                {values.iter().map(|v| view! {
                    <tr>
                        <td>{crate::coaches::long_date(v.effective_from)}</td>
                        <td>{name.shown(v.value)}</td>
                        <td>{v.set_by.clone().unwrap_or_else(|| "When Cascade began".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </ScrollTable>
        <Notice notice />
        <ErrorSummary errors />
        <form method="post" action=format!("/staff/settings/{}", name.slug()) novalidate class="narrow-form">
            <h2>"Change it"</h2>
            <TextField name="value" label="New value".into() hint=name.hint() value=value_or(&submitted, "value", "") error=error_of(&submitted, "value") class="input-medium" autocomplete="off" />
            <TextField name="effective_from" label="From".into() hint="Today or a later day. A change already set for that day is replaced." value=value_or(&submitted, "effective_from", tomorrow) error=error_of(&submitted, "effective_from") input_type="date" class="input-medium" />
            <button type="submit" class="button">"Save the change"</button>
        </form>
    }
}

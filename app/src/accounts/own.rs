//! `/account`: anyone signed in sees their account and corrects their name.

use crate::access::current_caller;
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of, value_or};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The longest name an account may have (as the database allows).
pub const NAME_MAX_CHARS: usize = 100;

#[component]
pub fn YourAccountPage() -> impl IntoView {
    let saved = use_query_map().get_untracked().get("saved").is_some();
    let submitted = Submitted::current("account");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    // The route admits only people signed in.
    let account = current_caller().account().cloned();
    let page = account.map(|account| {
        let your_data = if account.coach {
            Some(("/me/your-data".to_string(), "Everything we hold about you"))
        } else if account.staff {
            Some((
                format!(
                    "/staff/people?{}",
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair("email", &account.email)
                        .finish()
                ),
                "Everything we hold about you (recorded, like every time staff produce someone's data)",
            ))
        } else {
            None
        };
        view! {
            {saved.then(|| view! { <div class="notice" role="status"><p>"Your name is saved."</p></div> })}
            <ErrorSummary errors />
            <dl class="summary-list">
                <div><dt>"Email address"</dt><dd>{account.email.clone()}</dd></div>
            </dl>
            <p class="hint">"You sign in with this address, and Cascade writes to it."</p>
            <form method="post" action="/account" novalidate class="narrow-form" data-testid="account-form">
                <TextField
                    name="name"
                    label="Your name".into()
                    value=value_or(&submitted, "name", account.name.clone())
                    error=error_of(&submitted, "name")
                    autocomplete="name"
                />
                <button type="submit" class="button">"Save your name"</button>
            </form>
            {your_data.map(|(href, text)| view! { <p><a href=href>{text}</a></p> })}
            {account.staff.then(|| view! { <super::second_factor::pages::YourSecondFactor /> })}
        }
    });
    view! {
        <Title text="Your account" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Your account"</h1>
            {page}
        </div>
    }
}

#[cfg(feature = "ssr")]
pub use action::save_name;

#[cfg(feature = "ssr")]
mod action {
    use crate::forms::post::{FormPost, done};
    use crate::forms::{FieldErrors, required_text};
    use axum::response::Response;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct NameForm {
        name: String,
    }

    /// `POST /account`: the caller corrects their own name, never anyone else's.
    pub async fn save_name(form: FormPost<NameForm>) -> Response {
        let Some(account) = form.caller.account().cloned() else {
            return form.not_found().await;
        };
        let mut errors = FieldErrors::new();
        let Some(name) = required_text(
            &mut errors,
            "name",
            &form.fields.name,
            super::NAME_MAX_CHARS,
            "Enter your name",
        ) else {
            return form.invalid("account", errors).await;
        };
        let saved = sqlx::query("UPDATE accounts SET name = $2 WHERE id = $1")
            .bind(account.id)
            .bind(&name)
            .execute(&form.state.pool)
            .await;
        match saved {
            Ok(_) => done("/account?saved=1"),
            Err(error) => form.failed("account", error).await,
        }
    }
}

//! `/account/two-step`: the second step of a staff member's sign-in (or setting up their app),
//! and `/account/recovery-codes`: new recovery codes for a staff member signed in.

use super::{PAGE, RecoveryCodesIssued, TwoStep, recovery_code_shown};
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of};
use crate::ui::Notice;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Where this browser is in a staff sign-in. Public: the challenge cookie (HttpOnly, set when
/// the password was right) is the permission; without one the answer is `Expired`.
#[server(endpoint = "sign_in_step")]
pub async fn sign_in_step() -> Result<TwoStep, AppError> {
    let state = crate::state::app_state()?;
    // It may carry a new app's secret: no cache keeps it (the browser has no session yet, so
    // the session layer does not say so).
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    let token = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| super::token_from(&parts.headers, state.https));
    let Some(token) = token else {
        return Ok(TwoStep::Expired);
    };
    let Some(challenge) = super::db::find(&state.pool, &token, state.clock.now()).await? else {
        return Ok(TwoStep::Expired);
    };
    if challenge.set_up {
        return Ok(TwoStep::EnterCode {
            email: challenge.email,
        });
    }
    let url = super::setup_url(&challenge.email, &challenge.secret);
    Ok(TwoStep::SetUp {
        email: challenge.email,
        secret: super::secret_shown(&challenge.secret),
        qr_svg: super::qr_svg(&url).unwrap_or_default(),
    })
}

/// The code field, the same for both steps.
#[component]
fn CodeForm(label: &'static str, hint: &'static str, button: &'static str) -> impl IntoView {
    let submitted = Submitted::current("two-step");
    view! {
        <form method="post" action=PAGE novalidate class="narrow-form" data-testid="two-step-form">
            <TextField
                name="code"
                label=label.into()
                hint=hint
                value=String::new()
                error=error_of(&submitted, "code")
                autocomplete="one-time-code"
            />
            <button type="submit" class="button">{button}</button>
        </form>
    }
}

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let issued = use_context::<RecoveryCodesIssued>();
    let submitted = Submitted::current("two-step");
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let page = Suspend::new(async move {
        if let Some(issued) = issued {
            return EitherOf4::A(view! {
                <div class="notice" role="status"><p>"Two-step sign-in is set up, and you are signed in."</p></div>
                <RecoveryCodes issued />
            });
        }
        match sign_in_step().await {
            Ok(TwoStep::EnterCode { email }) => EitherOf4::B(view! {
                <p>{format!("Your password for {email} was right. Now enter the code your authenticator app shows for Cascade.")}</p>
                <Notice notice=notice.clone() />
                <ErrorSummary errors=errors.clone() />
                <CodeForm
                    label="Code"
                    hint="6 digits, from your app. If you do not have your app, enter one of your recovery codes instead."
                    button="Sign in"
                />
                <p>"Lost your app and your recovery codes? Ask a Cascade admin to reset your two-step sign-in."</p>
            }),
            Ok(TwoStep::SetUp {
                email,
                secret,
                qr_svg,
            }) => EitherOf4::C(view! {
                <p>{format!("Cascade staff sign in in two steps: your password, then a code from an authenticator app on your phone or computer. Set one up now for {email}.")}</p>
                <Notice notice=notice.clone() />
                <ErrorSummary errors=errors.clone() />
                <ol class="steps">
                    <li>
                        <p>"Open an authenticator app (such as Microsoft Authenticator, Google Authenticator or 1Password) and add an account."</p>
                    </li>
                    <li>
                        <p>"Scan this QR code, or type in the key below it."</p>
                        <div class="qr-code" inner_html=qr_svg></div>
                        <p>"Key (time-based, 6 digits, every 30 seconds):"</p>
                        <p><code class="secret-key" data-testid="setup-key">{secret}</code></p>
                    </li>
                    <li>
                        <p>"Enter the code the app now shows for Cascade."</p>
                        <CodeForm
                            label="Code from your app"
                            hint="6 digits. Codes change every 30 seconds."
                            button="Set up and sign in"
                        />
                    </li>
                </ol>
            }),
            Ok(TwoStep::Expired) | Err(_) => {
                crate::ui::set_status(if notice.is_some() { 403 } else { 200 });
                EitherOf4::D(view! {
                    <Notice notice=notice.clone() />
                    <p>{format!("This step of signing in has ended: it lasts {} minutes and {} wrong codes.", super::CHALLENGE_MINUTES, super::WRONG_CODES_ALLOWED)}</p>
                    <p><a href="/sign-in">"Sign in again"</a></p>
                })
            }
        }
    });
    view! {
        <Title text="Two-step sign-in" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Two-step sign-in"</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

/// Recovery codes, shown once.
#[component]
fn RecoveryCodes(issued: RecoveryCodesIssued) -> impl IntoView {
    view! {
        <h2>"Your recovery codes"</h2>
        <p>"If you lose your app, each of these codes signs you in once, in place of a code from the app. Keep them somewhere safe, apart from your phone: print them or save them in a password manager. This is the only time Cascade shows them."</p>
        <ul class="recovery-codes" data-testid="recovery-codes">
            {issued
                .codes
                .iter()
                .map(|code| view! { <li><code>{recovery_code_shown(code)}</code></li> })
                .collect_view()}
        </ul>
        <p><a class="button" href=issued.next.clone()>"I have kept them: continue"</a></p>
    }
}

/// `/account/recovery-codes`: a staff member signed in makes new recovery codes (the old ones
/// stop working). The new ones are shown in the form's answer, once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let issued = use_context::<RecoveryCodesIssued>();
    let submitted = Submitted::current("recovery-codes");
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    view! {
        <Title text="Recovery codes" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Recovery codes"</h1>
            {match issued {
                Some(issued) => Either::Left(view! {
                    <div class="notice" role="status"><p>"New recovery codes are made. Your old ones no longer work."</p></div>
                    <RecoveryCodes issued />
                }),
                None => Either::Right(view! {
                    <Notice notice />
                    <p>"Making new recovery codes stops your old ones working, used or not. Do it if you have used most of them, or think someone else has seen them."</p>
                    <form method="post" action="/account/recovery-codes" class="narrow-form">
                        <button type="submit" class="button">"Make new recovery codes"</button>
                    </form>
                    <p><a href="/account">"Back to your account"</a></p>
                }),
            }}
        </div>
    }
}

/// A staff member's own two-step sign-in, for their account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    /// The UK date it was set up.
    pub set_up_on: chrono::NaiveDate,
    pub unused_recovery_codes: i64,
}

/// The caller's two-step sign-in: `None` for coaches (who have none) and for staff who have
/// not set it up (only the demo's staff account signs in so).
#[server(endpoint = "my_second_factor")]
pub async fn my_second_factor() -> Result<Option<SecondFactorStatus>, AppError> {
    let account = crate::access::require_account(crate::access::Access::SignedIn)?;
    if !account.staff {
        return Ok(None);
    }
    let status = super::db::status(&crate::state::pool()?, account.id).await?;
    Ok(status.map(|(set_at, unused)| SecondFactorStatus {
        set_up_on: crate::clock::uk_date(set_at),
        unused_recovery_codes: unused,
    }))
}

/// The "Two-step sign-in" part of a staff member's account page.
#[component]
pub fn YourSecondFactor() -> impl IntoView {
    let status = Suspend::new(async move {
        match my_second_factor().await {
            Ok(Some(status)) => Either::Left(view! {
                <p>{format!(
                    "You set up an authenticator app on {}. {} of your {} recovery codes are unused.",
                    crate::coaches::long_date(status.set_up_on),
                    status.unused_recovery_codes,
                    super::RECOVERY_CODES
                )}</p>
                <p><a href="/account/recovery-codes">"Make new recovery codes"</a></p>
            }),
            Ok(None) | Err(_) => Either::Right(view! {
                <p>"Your account signs in with its password alone. Only the demo's staff account may, on a site showing demo data."</p>
            }),
        }
    });
    view! {
        <h2>"Two-step sign-in"</h2>
        <Suspense fallback=|| ()>{status}</Suspense>
    }
}

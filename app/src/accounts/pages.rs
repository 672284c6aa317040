//! `/sign-in`, `/account/welcome` (an invitation), `/account/forgot-password` and
//! `/account/reset-password`.

use crate::access::current_caller;
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::Notice;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = use_query_map()
        .get_untracked()
        .get("next")
        .and_then(|n| crate::access::safe_next(&n).map(str::to_string))
        .unwrap_or_default();
    let submitted = Submitted::current("sign-in");
    let caller = current_caller();
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let next = if submitted.is_some() {
        value_or(&submitted, "next", "")
    } else {
        next
    };
    view! {
        <Title text="Sign in" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Sign in"</h1>
            {caller
                .account()
                .map(|account| {
                    view! {
                        <p class="notice">{format!("You are already signed in as {}.", account.email)}</p>
                    }
                })}
            <p>"For coaches and Cascade staff. Leaders do not need an account to find or ask a coach."</p>
            <Notice notice />
            <ErrorSummary errors=errors.clone() />
            <form method="post" action="/sign-in" novalidate class="narrow-form">
                <input type="hidden" name="next" value=next />
                <TextField
                    name="email"
                    label="Email address".into()
                    value=value_or(&submitted, "email", "")
                    error=error_of(&submitted, "email")
                    input_type="email"
                    autocomplete="username"
                />
                <TextField
                    name="password"
                    label="Password".into()
                    value=String::new()
                    error=error_of(&submitted, "password")
                    input_type="password"
                    autocomplete="current-password"
                />
                <button type="submit" class="button">"Sign in"</button>
            </form>
            <p>
                <a href="/account/forgot-password">"Forgotten your password?"</a>
            </p>
        </div>
    }
    .into_any()
}

/// Who a single-use link is for, to greet them on its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkHolder {
    pub email: String,
    /// Invited to the staff team (not to coach).
    pub staff: bool,
}

/// Who a live invitation or reset link is for, without using it up. Public: the token is the
/// permission, and an unknown, used or expired one is `NotFound`.
#[server(endpoint = "account_link")]
pub async fn account_link(token: String, invitation: bool) -> Result<LinkHolder, AppError> {
    use super::links::{Purpose, peek};
    let pool = crate::state::pool()?;
    let purpose = if invitation {
        Purpose::Invitation
    } else {
        Purpose::PasswordReset
    };
    let account = peek(&pool, &token, purpose, crate::clock::now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(LinkHolder {
        email: account.email,
        staff: account.staff && !account.coach,
    })
}

#[component]
pub fn WelcomePage() -> impl IntoView {
    view! { <SetPasswordPage invitation=true /> }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! { <SetPasswordPage invitation=false /> }
}

#[component]
fn SetPasswordPage(invitation: bool) -> impl IntoView {
    let form = if invitation {
        "welcome"
    } else {
        "reset-password"
    };
    let submitted = Submitted::current(form);
    let token = match &submitted {
        Some(s) => s.value("token"),
        None => use_query_map()
            .get_untracked()
            .get("token")
            .unwrap_or_default(),
    };
    let (title, action, button) = if invitation {
        (
            "Welcome to Cascade",
            "/account/welcome",
            "Set password and continue",
        )
    } else {
        (
            "Choose a new password",
            "/account/reset-password",
            "Save password and sign in",
        )
    };
    let page = Suspend::new(async move {
        match account_link(token.clone(), invitation).await {
            Ok(holder) => Either::Left(view! {
                <p>
                    {if invitation && holder.staff {
                        format!("You have been invited to join Cascade's staff as {}. Choose a password; next you will set up an authenticator app, which staff use to sign in.", holder.email)
                    } else if invitation {
                        format!("You have been invited to coach with Cascade as {}. Choose a password to set up your account; next you will write your profile.", holder.email)
                    } else {
                        format!("Choose a new password for {}. Signing in elsewhere will end.", holder.email)
                    }}
                </p>
                <Notice notice=submitted.as_ref().and_then(|s| s.notice.clone()) />
                <ErrorSummary errors=submitted.as_ref().map(|s| s.errors.clone()).unwrap_or_default() />
                <form method="post" action=action novalidate class="narrow-form">
                    <input type="hidden" name="token" value=token.clone() />
                    <input type="hidden" name="username" value=holder.email.clone() autocomplete="username" />
                    <TextField
                        name="password"
                        label="Password".into()
                        hint="At least 8 characters. A few unrelated words make a strong password that is easy to remember."
                        value=String::new()
                        error=error_of(&submitted, "password")
                        input_type="password"
                        autocomplete="new-password"
                    />
                    <button type="submit" class="button">{button}</button>
                </form>
            }),
            Err(_) => {
                crate::ui::set_status(404);
                Either::Right(view! {
                    <p>"This link has expired or has already been used. Links work once: an invitation for 7 days, a password reset for 1 hour."</p>
                    <p>
                        {if invitation { "Ask Cascade staff to invite you again, or " } else { "" }}
                        <a href="/account/forgot-password">"ask for a new password link"</a>
                        "."
                    </p>
                })
            }
        }
    });
    view! {
        <Title text=title />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">{title}</h1>
            <Suspense fallback=|| ()>{page}</Suspense>
        </div>
    }
    .into_any()
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let sent = use_query_map()
        .get_untracked()
        .get("sent")
        .is_some_and(|s| s == "yes");
    let submitted = Submitted::current("forgot-password");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    view! {
        <Title text="Reset your password" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Reset your password"</h1>
            {if sent {
                Either::Left(view! {
                    <div class="notice" role="status">
                        <p>"If there is an account for that address, we have emailed it a link to choose a new password. The link works once, for 1 hour."</p>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <p>"Enter the email address you sign in with, and we will email you a link to choose a new password."</p>
                    <Notice notice />
                    <ErrorSummary errors />
                    <form method="post" action="/account/forgot-password" novalidate class="narrow-form">
                        <TextField
                            name="email"
                            label="Email address".into()
                            value=value_or(&submitted, "email", "")
                            error=error_of(&submitted, "email")
                            input_type="email"
                            autocomplete="username"
                        />
                        <button type="submit" class="button">"Email me a link"</button>
                    </form>
                })
            }}
        </div>
    }
    .into_any()
}

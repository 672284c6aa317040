//! The forms of signing in and out, accepting an invitation and resetting a password.

use super::links::{self, Purpose};
use super::password::{self, Password};
use super::throttle::{self, Attempt};
use super::{db, session};
use crate::contact::EmailAddress;
use crate::forms::FieldErrors;
use crate::forms::post::{FormPost, NoFields, done, done_with_cookie, local_path};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

/// The sign-in form. (No `Debug`: it holds a password.)
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    /// Where to go once signed in (a local path).
    next: String,
}

/// Setting a password from an emailed link.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SetPasswordForm {
    token: String,
    password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotPasswordForm {
    email: String,
}

/// Said for a wrong email address and a wrong password alike, so neither reveals which
/// accounts exist (and both take the same time: see `password::dummy_verify`).
pub const WRONG_CREDENTIALS: &str = "The email address or password is not right";

pub async fn sign_in(form: FormPost<SignInForm>) -> Response {
    let mut errors = FieldErrors::new();
    let email = EmailAddress::parse(&form.fields.email)
        .map_err(|message| errors.add("email", message))
        .ok();
    let typed = Password::for_sign_in(&form.fields.password);
    if typed.expose().is_empty() {
        errors.add("password", "Enter your password");
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return form.invalid("sign-in", errors).await;
    };
    // Guessing across many accounts from one address is refused outright; a burst of guesses
    // at one account only slows down that address (see `throttle`).
    let limits = form.state.limits.clone();
    if !limits.sign_in_per_address.allow(&form.client_ip) {
        tracing::warn!("sign-in rate-limited for this address");
        let notice = "Too many attempts to sign in from your connection. Wait 15 minutes and try again, or reset your password.";
        return too_many(form, notice.to_string()).await;
    }
    let credentials = match db::credentials(&form.state.pool, email.as_str()).await {
        Ok(credentials) => credentials,
        Err(error) => return form.failed("sign-in", error).await,
    };
    let now = form.state.clock.now();
    let account = match credentials {
        Some(account) if account.password_hash.is_some() => {
            match throttle::begin_attempt(&form.state.pool, account.id, &form.client_ip, now).await
            {
                Ok(Attempt::Counted) => {}
                Ok(Attempt::Wait(wait)) => {
                    tracing::warn!(account_id = %account.id, "sign-in slowed for this address");
                    let notice = format!(
                        "Too many wrong passwords from your connection. {} and try again, or reset your password.",
                        throttle::wait_in_words(wait)
                    );
                    return too_many(form, notice).await;
                }
                Err(error) => return form.failed("sign-in", error).await,
            }
            let stored = account.password_hash.clone().unwrap_or_default();
            password::verify(typed, stored).await.then_some(account)
        }
        _ => {
            password::dummy_verify(typed).await;
            None
        }
    };
    let Some(account) = account else {
        tracing::info!("sign-in refused: wrong email or password");
        return form
            .refuse(StatusCode::UNAUTHORIZED, "sign-in", WRONG_CREDENTIALS)
            .await;
    };
    limits.sign_in_per_address.forgive(&form.client_ip);
    if let Err(error) = throttle::succeeded(&form.state.pool, account.id, &form.client_ip).await {
        return form.failed("sign-in", error).await;
    }
    if account.disabled {
        let notice =
            "This account has been disabled. Contact Cascade staff if you think this is a mistake.";
        return form.refuse(StatusCode::FORBIDDEN, "sign-in", notice).await;
    }
    let next = local_path(&form.fields.next)
        .unwrap_or_else(|| landing(account.coach, account.staff).to_string());
    if needs_second_factor(&form.state, account.staff, &account.email) {
        return super::second_factor::actions::challenge(form, account.id, &next).await;
    }
    start_session(form, account.id, &next).await
}

/// Staff give a second factor after their password. The one exception is the demo data's
/// staff account, on a site showing the demo banner (and never over HTTPS, where the demo
/// accounts are not made), so that anyone trying Cascade can sign in as staff from the README.
fn needs_second_factor(state: &crate::state::AppState, staff: bool, email: &str) -> bool {
    let demo_staff =
        state.demo && !state.https && email.eq_ignore_ascii_case(super::demo::DEMO_STAFF);
    staff && !demo_staff
}

async fn too_many(form: FormPost<SignInForm>, notice: String) -> Response {
    form.refuse(StatusCode::TOO_MANY_REQUESTS, "sign-in", notice)
        .await
}

/// A new session (never the one the browser had), its cookie, and off to `next`.
async fn start_session<T>(form: FormPost<T>, account_id: uuid::Uuid, next: &str) -> Response {
    let https = form.https();
    let previous = session::token_from(&form.parts.headers, https);
    let now = form.state.clock.now();
    match session::start(&form.state.pool, account_id, previous.as_deref(), now).await {
        Ok(token) => {
            tracing::info!(%account_id, "signed in");
            done_with_cookie(next, &session::set_cookie(&token, https))
        }
        Err(error) => form.failed("sign-in", error).await,
    }
}

pub async fn sign_out(form: FormPost<NoFields>) -> Response {
    let https = form.https();
    if let Some(token) = session::token_from(&form.parts.headers, https)
        && let Err(error) = session::end(&form.state.pool, &token).await
    {
        return form.failed("sign-out", error).await;
    }
    done_with_cookie("/?signed-out=yes", &session::clear_cookie(https))
}

/// Sets a first password from an invitation, then signs in and goes to the profile form.
pub async fn accept_invitation(form: FormPost<SetPasswordForm>) -> Response {
    set_password_from_link(form, Purpose::Invitation, "welcome").await
}

/// Sets a new password from a reset link, ends every other session, and signs in.
pub async fn reset_password(form: FormPost<SetPasswordForm>) -> Response {
    set_password_from_link(form, Purpose::PasswordReset, "reset-password").await
}

async fn set_password_from_link(
    form: FormPost<SetPasswordForm>,
    purpose: Purpose,
    name: &'static str,
) -> Response {
    let token = form.fields.token.clone();
    let pool = form.state.pool.clone();
    let now = form.state.clock.now();
    // Looked up outside the transaction, which opens only after the slow hashing: a burst of
    // these must not hold the pool's connections while argon2 runs.
    let account = match links::peek(&pool, &token, purpose, now).await {
        Ok(Some(account)) => account,
        Ok(None) => return form.not_found().await,
        Err(error) => return form.failed(name, error).await,
    };
    let password = match Password::new(&form.fields.password, &account.email) {
        Ok(password) => password,
        Err(message) => {
            let mut errors = FieldErrors::new();
            errors.add("password", message);
            return form.invalid(name, errors).await;
        }
    };
    let hash = match password::hash(password).await {
        Ok(hash) => hash,
        Err(error) => return form.failed(name, error).await,
    };
    let stored = links::set_password(&pool, &token, purpose, account.id, &hash, now).await;
    match stored {
        Ok(true) => {
            let landing = match purpose {
                // A new coach's next step is their profile; a new staff member's, their own area.
                Purpose::Invitation if account.coach => "/me/profile",
                Purpose::Invitation | Purpose::PasswordReset | Purpose::ConfirmAvailability => {
                    landing(account.coach, account.staff)
                }
            };
            // A new password is the first step; staff still give their second.
            if needs_second_factor(&form.state, account.staff, &account.email) {
                return super::second_factor::actions::challenge(form, account.id, landing).await;
            }
            start_session(form, account.id, landing).await
        }
        // Used by another request a moment ago.
        Ok(false) => form.not_found().await,
        Err(error) => form.failed(name, error).await,
    }
}

/// Where someone lands after signing in, when no page asked for it: their own area.
fn landing(coach: bool, staff: bool) -> &'static str {
    if coach {
        "/me"
    } else if staff {
        "/staff"
    } else {
        "/"
    }
}

/// Emails a reset link if the address has an account, and says the same either way, at the
/// same speed: the work happens after the answer, so timing cannot tell which addresses exist.
pub async fn forgot_password(form: FormPost<ForgotPasswordForm>) -> Response {
    let email = match EmailAddress::parse(&form.fields.email) {
        Ok(email) => email,
        Err(message) => {
            let mut errors = FieldErrors::new();
            errors.add("email", message);
            return form.invalid("forgot-password", errors).await;
        }
    };
    if !form.state.limits.password_resets.allow(&form.client_ip) {
        let notice = "Too many reset emails have been asked for from your connection. Wait 15 minutes and try again.";
        return form
            .refuse(StatusCode::TOO_MANY_REQUESTS, "forgot-password", notice)
            .await;
    }
    let state = form.state.clone();
    tokio::spawn(async move {
        if let Err(error) = send_reset_link(&state, &email).await {
            tracing::error!(%error, "password reset email not queued");
        }
    });
    done("/account/forgot-password?sent=yes")
}

async fn send_reset_link(
    state: &crate::state::AppState,
    email: &EmailAddress,
) -> Result<(), sqlx::Error> {
    let Some(account) = db::credentials(&state.pool, email.as_str()).await? else {
        return Ok(());
    };
    // One inbox cannot be flooded with links, whoever asks.
    if account.disabled
        || !state
            .limits
            .password_resets_per_account
            .allow(&account.id.to_string())
    {
        return Ok(());
    }
    links::email_reset_link(
        &state.pool,
        &account.email,
        &account.name,
        account.id,
        &state.public_url,
        state.mail_delivery,
        state.clock.now(),
    )
    .await
}

//! The second step's forms: a code for the challenge (or the code that sets an app up), and
//! new recovery codes.

use super::{RecoveryCodesIssued, TypedCode, db};
use crate::accounts::session;
use crate::forms::FieldErrors;
use crate::forms::post::{FormPost, NoFields, done_with_cookie};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

/// After a right password: a challenge in its own cookie, and off to the second step.
pub async fn challenge<T>(form: FormPost<T>, account_id: Uuid, next: &str) -> Response {
    let now = form.state.clock.now();
    match db::begin(&form.state.pool, account_id, next, now).await {
        Ok(db::Begun::Challenge(token)) => {
            tracing::info!(%account_id, "password right; second factor asked for");
            done_with_cookie(super::PAGE, &super::set_cookie(&token, form.https()))
        }
        Ok(db::Begun::CodesRefusedUntil(until)) => {
            tracing::warn!(%account_id, "second factor refused after too many wrong codes");
            let notice = format!(
                "Too many wrong codes from your authenticator app. Try again after {} (UK time), or ask a Cascade admin to reset your two-step sign-in.",
                until
                    .with_timezone(&chrono_tz::Europe::London)
                    .format("%H:%M")
            );
            form.refuse(StatusCode::TOO_MANY_REQUESTS, "sign-in", notice)
                .await
        }
        Err(error) => form.failed("sign-in", error).await,
    }
}

const WRONG_CODE: &str =
    "That code is not right, or was used already. Enter the code your app shows now";
const TOO_MANY: &str = "Too many wrong codes. Sign in again to try again.";

/// `POST /account/two-step`: passes the challenge with an app code or a recovery code, or
/// keeps a new app's secret once a code from it is right. Either way a session starts.
pub async fn answer(form: FormPost<CodeForm>) -> Response {
    let https = form.https();
    let now = form.state.clock.now();
    let pool = form.state.pool.clone();
    let Some(token) = super::token_from(&form.parts.headers, https) else {
        return ended(form, None).await;
    };
    let challenge = match db::find(&pool, &token, now).await {
        Ok(Some(challenge)) => challenge,
        Ok(None) => return ended(form, None).await,
        Err(error) => return form.failed("two-step", error).await,
    };
    let typed = match TypedCode::parse(&form.fields.code) {
        Ok(typed) => typed,
        Err(message) => {
            let mut errors = FieldErrors::new();
            errors.add("code", message);
            return form.invalid("two-step", errors).await;
        }
    };
    let account_id = challenge.account_id;
    let passed = match typed {
        TypedCode::App(code) => {
            match super::accepted_step(&challenge.secret, &code, now, challenge.last_step) {
                Some(step) if challenge.set_up => {
                    db::pass_with_app_code(&pool, &token, account_id, step).await
                }
                Some(step) => return finish_set_up(form, &token, challenge, step).await,
                None => Ok(false),
            }
        }
        TypedCode::Recovery(code) if challenge.set_up => {
            db::pass_with_recovery_code(&pool, &token, account_id, &code, now).await
        }
        TypedCode::Recovery(_) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "code",
                "Recovery codes come once your app is set up: enter the 6-digit code your app shows",
            );
            return form.invalid("two-step", errors).await;
        }
    };
    match passed {
        Ok(true) => signed_in(form, account_id, &challenge.next_path).await,
        Ok(false) => {
            tracing::warn!(%account_id, "wrong second factor");
            match db::wrong_code(&pool, &token, now).await {
                Ok(true) => {
                    let mut errors = FieldErrors::new();
                    errors.add("code", WRONG_CODE);
                    form.again(StatusCode::UNAUTHORIZED, "two-step", errors, None)
                        .await
                }
                Ok(false) => ended(form, Some(TOO_MANY)).await,
                Err(error) => form.failed("two-step", error).await,
            }
        }
        Err(error) => form.failed("two-step", error).await,
    }
}

/// The challenge has ended (or this browser never had one): the page says to sign in again,
/// and the cookie goes.
async fn ended(form: FormPost<CodeForm>, notice: Option<&str>) -> Response {
    let https = form.https();
    let status = if notice.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    let mut response = match notice {
        Some(notice) => form.refuse(status, "two-step", notice).await,
        None => form.render(status, ()).await,
    };
    append_cookie(&mut response, &super::clear_cookie(https));
    response
}

fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// A new session (never the one the browser had), the challenge's cookie gone, and off.
async fn signed_in(form: FormPost<CodeForm>, account_id: Uuid, next: &str) -> Response {
    let https = form.https();
    let previous = session::token_from(&form.parts.headers, https);
    let now = form.state.clock.now();
    match session::start(&form.state.pool, account_id, previous.as_deref(), now).await {
        Ok(token) => {
            tracing::info!(%account_id, "signed in with a second factor");
            let mut response = done_with_cookie(next, &session::set_cookie(&token, https));
            append_cookie(&mut response, &super::clear_cookie(https));
            response
        }
        Err(error) => form.failed("two-step", error).await,
    }
}

/// The app is proved: its secret is kept with new recovery codes, a session starts, and the
/// answer shows the codes (once: nothing keeps them to show again).
async fn finish_set_up(
    mut form: FormPost<CodeForm>,
    token: &str,
    challenge: db::Challenge,
    step: i64,
) -> Response {
    let https = form.https();
    let now = form.state.clock.now();
    let pool = form.state.pool.clone();
    let codes = match super::new_recovery_codes() {
        Ok(codes) => codes,
        Err(error) => return form.failed("two-step", error).await,
    };
    match db::finish_set_up(&pool, token, &challenge, step, &codes, now).await {
        Ok(true) => {}
        Ok(false) => return ended(form, None).await,
        Err(error) => return form.failed("two-step", error).await,
    }
    tracing::info!(account_id = %challenge.account_id, "second factor set up");
    let previous = session::token_from(&form.parts.headers, https);
    let session_token =
        match session::start(&pool, challenge.account_id, previous.as_deref(), now).await {
            Ok(token) => token,
            Err(error) => return form.failed("two-step", error).await,
        };
    // The page is drawn for the person now signed in (its header shows their account).
    match session::resolve(&pool, &session_token, now).await {
        Ok(caller) => {
            form.parts.extensions.insert(caller);
        }
        Err(error) => return form.failed("two-step", error).await,
    }
    let issued = RecoveryCodesIssued {
        codes,
        next: challenge.next_path.clone(),
    };
    let mut response = form.render(StatusCode::OK, issued).await;
    append_cookie(&mut response, &session::set_cookie(&session_token, https));
    append_cookie(&mut response, &super::clear_cookie(https));
    no_store(&mut response);
    response
}

fn no_store(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// `POST /account/recovery-codes`: new codes for the staff member signed in; the old ones
/// stop working. Shown in the answer, once.
pub async fn new_recovery_codes(form: FormPost<NoFields>) -> Response {
    let Some(account) = form.caller.account().cloned() else {
        return form.not_found().await;
    };
    match db::status(&form.state.pool, account.id).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            let notice = "You have no authenticator app set up, so no recovery codes to replace.";
            return form
                .refuse(StatusCode::CONFLICT, "recovery-codes", notice)
                .await;
        }
        Err(error) => return form.failed("recovery-codes", error).await,
    }
    let codes = match super::new_recovery_codes() {
        Ok(codes) => codes,
        Err(error) => return form.failed("recovery-codes", error).await,
    };
    let replaced = async {
        let mut tx = form.state.pool.begin().await?;
        db::replace_recovery_codes(&mut tx, account.id, &codes).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = replaced {
        return form.failed("recovery-codes", error).await;
    }
    tracing::info!(account_id = %account.id, "new recovery codes made");
    let issued = RecoveryCodesIssued {
        codes,
        next: "/account".into(),
    };
    let mut response = form.render(StatusCode::OK, issued).await;
    no_store(&mut response);
    response
}

//! Server-side sessions. The cookie holds a random token; the database holds only its SHA-256
//! hash, with an idle and an absolute expiry. Signing in always starts a new session (so a
//! token planted before sign-in is worthless after it); signing out, and disabling an account,
//! delete sessions.

use crate::access::{Account, Caller};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

pub use super::{
    SESSION_IDLE_MINUTES as IDLE_TIMEOUT_MINUTES, SESSION_LONGEST_HOURS as ABSOLUTE_TIMEOUT_HOURS,
};

/// A cookie that holds a random token: HttpOnly, SameSite=Lax, for the whole site, with the
/// `__Host-` prefix over HTTPS (which browsers accept only when Secure and host-only). The
/// session's, and the second step of a staff sign-in's.
#[derive(Debug, Clone, Copy)]
pub struct TokenCookie {
    pub name: &'static str,
    pub secure_name: &'static str,
    pub max_age_seconds: i64,
}

impl TokenCookie {
    pub fn name(&self, https: bool) -> &'static str {
        if https { self.secure_name } else { self.name }
    }

    /// The `Set-Cookie` value that gives the browser `token`.
    pub fn set(&self, token: &str, https: bool) -> String {
        let secure = if https { "; Secure" } else { "" };
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            self.name(https),
            self.max_age_seconds
        )
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self, https: bool) -> String {
        let secure = if https { "; Secure" } else { "" };
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            self.name(https)
        )
    }

    /// The token in a request's `Cookie` headers, if any.
    pub fn read(&self, headers: &axum::http::HeaderMap, https: bool) -> Option<String> {
        let name = self.name(https);
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
            .filter(|token| !token.is_empty() && token.len() <= 64)
    }
}

/// The session's cookie.
pub const SESSION_COOKIE: TokenCookie = TokenCookie {
    name: "cascade_session",
    secure_name: "__Host-cascade_session",
    max_age_seconds: ABSOLUTE_TIMEOUT_HOURS * 3600,
};

pub fn cookie_name(https: bool) -> &'static str {
    SESSION_COOKIE.name(https)
}

/// The `Set-Cookie` value that gives the browser this session.
pub fn set_cookie(token: &str, https: bool) -> String {
    SESSION_COOKIE.set(token, https)
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(https: bool) -> String {
    SESSION_COOKIE.clear(https)
}

/// The session token in a request's `Cookie` headers, if any.
pub fn token_from(headers: &axum::http::HeaderMap, https: bool) -> Option<String> {
    SESSION_COOKIE.read(headers, https)
}

/// A new random token (256 bits), as text for the cookie.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Starts a session for `account_id`, ending the one this browser presented (if any).
pub async fn start(
    pool: &PgPool,
    account_id: Uuid,
    previous: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = new_token().map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    let mut tx = pool.begin().await?;
    if let Some(previous) = previous {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(previous))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $4, $4, $4 + make_interval(hours => $3))",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(i32::try_from(ABSOLUTE_TIMEOUT_HOURS).unwrap_or(12))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // Tidy away expired sessions now and then, rather than with a separate job.
    sqlx::query(
        "DELETE FROM sessions WHERE expires_at < $2
            OR last_seen_at < $2 - make_interval(mins => $1)",
    )
    .bind(i32::try_from(IDLE_TIMEOUT_MINUTES).unwrap_or(60))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Who holds `token`: a live session of an enabled account, or nobody. Marks the session as
/// used (at most once a minute, to spare the database a write on every request).
pub async fn resolve(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Caller, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        email: String,
        name: String,
        staff: bool,
        admin: bool,
        coach_id: Option<Uuid>,
        coach: bool,
        last_seen_at: DateTime<Utc>,
    }
    let hash = token_hash(token);
    let row: Option<Row> = sqlx::query_as(
        "SELECT a.id, a.email, a.name, a.staff, a.admin, a.coach_id, a.coach, s.last_seen_at
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $3
           AND s.last_seen_at > $3 - make_interval(mins => $2)
           AND a.disabled_at IS NULL",
    )
    .bind(&hash)
    .bind(i32::try_from(IDLE_TIMEOUT_MINUTES).unwrap_or(60))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(Caller::Anonymous);
    };
    if now - row.last_seen_at > chrono::Duration::minutes(1) {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
            .bind(&hash)
            .bind(now)
            .execute(pool)
            .await?;
    }
    Ok(Caller::SignedIn(Account {
        id: row.id,
        email: row.email,
        name: row.name,
        staff: row.staff,
        admin: row.admin,
        coach_id: row.coach_id,
        coach: row.coach,
    }))
}

pub async fn end(pool: &PgPool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

/// Ends every session of an account: when it is disabled, or its password changes.
pub async fn end_all(
    executor: impl sqlx::PgExecutor<'_>,
    account_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// Middleware: resolves the session cookie to a [`Caller`] once per request and puts it in the
/// request's extensions, where pages, server functions and form handlers read it. Pages for a
/// signed-in person are marked `no-store`, so no cache keeps them.
pub async fn resolve_caller(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let https = state.https;
    let caller = match token_from(request.headers(), https) {
        Some(token) => match resolve(&state.pool, &token, state.clock.now()).await {
            Ok(caller) => caller,
            Err(error) => {
                tracing::warn!(%error, "session not resolved; treating the request as anonymous");
                if crate::database::is_unavailable(&error) {
                    // Public pages still show (from memory, where kept); a private page or form
                    // says to try again rather than asking a signed-in person to sign in.
                    request.extensions_mut().insert(SessionUnresolved);
                }
                Caller::Anonymous
            }
        },
        None => Caller::Anonymous,
    };
    let signed_in = caller.account().is_some();
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    if signed_in {
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    response
}

/// In a request's extensions when it carried a session that could not be looked up, the
/// database being unreachable: the request is served as anonymous, but is not one.
#[derive(Debug, Clone, Copy)]
pub struct SessionUnresolved;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = set_cookie("abc", false);
        assert_eq!(
            plain,
            "cascade_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200"
        );
        let secure = set_cookie("abc", true);
        assert!(secure.starts_with("__Host-cascade_session=abc;"));
        assert!(secure.ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            "cookie",
            "theme=dark; cascade_session=tok123; other=x"
                .parse()
                .expect("a header"),
        );
        assert_eq!(token_from(&headers, false).as_deref(), Some("tok123"));
        assert_eq!(token_from(&headers, true), None);
    }

    #[test]
    fn tokens_are_long_random_and_different() {
        let a = new_token().expect("random");
        let b = new_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}

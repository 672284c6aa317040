//! The second factor's SQL: challenges between the two steps, the app's sealed secret, and
//! recovery codes.

use super::{
    CHALLENGE_MINUTES, CODES_REFUSED_MINUTES, WRONG_CODES_ALLOWED, WRONG_CODES_BEFORE_A_WAIT,
};
use crate::accounts::session::{new_token, token_hash};
use crate::special_category::{self, SealedField};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A live challenge: whose, where they were going, and the secret their code is checked
/// against (their app's, or the new one they are setting up).
#[derive(Debug, Clone)]
pub struct Challenge {
    pub account_id: Uuid,
    pub email: String,
    pub next_path: String,
    /// Whether the account has an app set up (else this is its set-up).
    pub set_up: bool,
    /// Base32.
    pub secret: String,
    pub last_step: Option<i64>,
}

fn no_randomness(error: getrandom::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("no randomness: {error}"))
}

/// A new challenge, or when codes are refused for this account, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begun {
    Challenge(String),
    CodesRefusedUntil(DateTime<Utc>),
}

/// Starts a challenge for a staff member whose password was right: its token, for the cookie.
/// Without an app set up, the challenge holds a new secret to offer them.
pub async fn begin(
    pool: &PgPool,
    account_id: Uuid,
    next_path: &str,
    now: DateTime<Utc>,
) -> Result<Begun, sqlx::Error> {
    let token = new_token().map_err(no_randomness)?;
    let mut tx = pool.begin().await?;
    let (set_up, refused_until): (bool, Option<DateTime<Utc>>) = sqlx::query_as(
        "SELECT second_factor_set_at IS NOT NULL, codes_refused_until FROM accounts WHERE id = $1",
    )
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(until) = refused_until.filter(|until| *until > now) {
        return Ok(Begun::CodesRefusedUntil(until));
    }
    let new_secret = if set_up {
        None
    } else {
        let secret = super::new_secret().map_err(no_randomness)?;
        special_category::seal(SealedField::TotpSecret, &[&secret])?
    };
    sqlx::query(
        "INSERT INTO second_factor_challenges
             (token_hash, account_id, next_path, created_at, expires_at, new_secret_sealed)
         VALUES ($1, $2, $3, $4, $4 + make_interval(mins => $5), $6)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(next_path)
    .bind(now)
    .bind(i32::try_from(CHALLENGE_MINUTES).unwrap_or(10))
    .bind(new_secret)
    .execute(&mut *tx)
    .await?;
    // Tidy away ended challenges now and then, rather than with a separate job.
    sqlx::query("DELETE FROM second_factor_challenges WHERE expires_at < $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Begun::Challenge(token))
}

/// The live challenge behind `token`, for an enabled staff account; `None` if it ended.
pub async fn find(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Challenge>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        account_id: Uuid,
        email: String,
        next_path: String,
        set_up: bool,
        secret: Option<Vec<u8>>,
        last_step: Option<i64>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.account_id, a.email, c.next_path,
                a.second_factor_set_at IS NOT NULL AS set_up,
                CASE WHEN a.second_factor_set_at IS NOT NULL THEN a.totp_secret_sealed
                     ELSE c.new_secret_sealed END AS secret,
                a.totp_last_step AS last_step
         FROM second_factor_challenges c JOIN accounts a ON a.id = c.account_id
         WHERE c.token_hash = $1 AND c.expires_at > $2 AND a.disabled_at IS NULL AND a.staff
           AND (a.codes_refused_until IS NULL OR a.codes_refused_until <= $2)",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    // Begun while an app was set up, which an admin has since reset: sign in again.
    let Some(sealed) = row.secret else {
        return Ok(None);
    };
    let secret = special_category::open(SealedField::TotpSecret, Some(&sealed))?
        .into_iter()
        .next()
        .unwrap_or_default();
    Ok(Some(Challenge {
        account_id: row.account_id,
        email: row.email,
        next_path: row.next_path,
        set_up: row.set_up,
        secret,
        last_step: row.last_step,
    }))
}

/// Counts a wrong code, on the challenge and on the account (across sign-ins): `false` once the
/// challenge has ended, having taken too many, or the account's codes are now refused for a
/// while (which ends all its challenges).
pub async fn wrong_code(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let wrong: Option<(Uuid, i32)> = sqlx::query_as(
        "UPDATE second_factor_challenges SET wrong_codes = wrong_codes + 1
         WHERE token_hash = $1 RETURNING account_id, wrong_codes",
    )
    .bind(token_hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((account_id, wrong)) = wrong else {
        return Ok(false);
    };
    let refused: bool = sqlx::query_scalar(
        "UPDATE accounts SET wrong_codes_in_a_row = wrong_codes_in_a_row + 1,
             codes_refused_until = CASE WHEN wrong_codes_in_a_row + 1 >= $2
                 THEN $3 + make_interval(mins => $4) ELSE codes_refused_until END
         WHERE id = $1 RETURNING codes_refused_until IS NOT NULL AND codes_refused_until > $3",
    )
    .bind(account_id)
    .bind(WRONG_CODES_BEFORE_A_WAIT)
    .bind(now)
    .bind(i32::try_from(CODES_REFUSED_MINUTES).unwrap_or(60))
    .fetch_one(&mut *tx)
    .await?;
    let open = wrong < WRONG_CODES_ALLOWED && !refused;
    if refused {
        sqlx::query("DELETE FROM second_factor_challenges WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
    } else if !open {
        end(&mut *tx, token).await?;
    }
    tx.commit().await?;
    Ok(open)
}

/// A right code: the count of wrong ones starts again.
async fn right_code(tx: &mut PgConnection, account_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET wrong_codes_in_a_row = 0, codes_refused_until = NULL WHERE id = $1",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn end(executor: impl sqlx::PgExecutor<'_>, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM second_factor_challenges WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(executor)
        .await?;
    Ok(())
}

/// Uses the challenge up, at most once even if two requests race: `false` if it had gone.
async fn use_up(tx: &mut PgConnection, token: &str) -> Result<bool, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM second_factor_challenges WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&mut *tx)
        .await?;
    Ok(deleted.rows_affected() == 1)
}

/// Passes the challenge with an app code of time step `step`: `false` when that step (or a
/// later one) was used already, or the challenge has gone.
pub async fn pass_with_app_code(
    pool: &PgPool,
    token: &str,
    account_id: Uuid,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let kept = sqlx::query(
        "UPDATE accounts SET totp_last_step = $2
         WHERE id = $1 AND second_factor_set_at IS NOT NULL
           AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(account_id)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    if kept.rows_affected() != 1 || !use_up(&mut tx, token).await? {
        return Ok(false);
    }
    right_code(&mut tx, account_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Passes the challenge with an unused recovery code, which is then used: `false` if it is
/// not one of the account's, was used, or the challenge has gone.
pub async fn pass_with_recovery_code(
    pool: &PgPool,
    token: &str,
    account_id: Uuid,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let used = sqlx::query(
        "UPDATE recovery_codes SET used_at = $3
         WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(account_id)
    .bind(super::recovery_code_hash(account_id, code))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 || !use_up(&mut tx, token).await? {
        return Ok(false);
    }
    right_code(&mut tx, account_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Keeps the app's secret the person proved with a code of step `step`, with new recovery
/// codes, and uses the challenge up, in one transaction. `false` if the challenge had gone or
/// an app was set up meanwhile (in another browser).
pub async fn finish_set_up(
    pool: &PgPool,
    token: &str,
    challenge: &Challenge,
    step: i64,
    recovery_codes: &[String],
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sealed = special_category::seal(SealedField::TotpSecret, &[&challenge.secret])?;
    let mut tx = pool.begin().await?;
    let kept = sqlx::query(
        "UPDATE accounts SET totp_secret_sealed = $2, second_factor_set_at = $3,
             totp_last_step = $4
         WHERE id = $1 AND second_factor_set_at IS NULL",
    )
    .bind(challenge.account_id)
    .bind(sealed)
    .bind(now)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    if kept.rows_affected() != 1 || !use_up(&mut tx, token).await? {
        return Ok(false);
    }
    replace_recovery_codes(&mut tx, challenge.account_id, recovery_codes).await?;
    right_code(&mut tx, challenge.account_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// The account's recovery codes become `codes` (the old ones stop working).
pub async fn replace_recovery_codes(
    tx: &mut PgConnection,
    account_id: Uuid,
    codes: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    let hashes: Vec<Vec<u8>> = codes
        .iter()
        .map(|code| super::recovery_code_hash(account_id, code))
        .collect();
    sqlx::query(
        "INSERT INTO recovery_codes (account_id, code_hash) SELECT $1, unnest($2::bytea[])",
    )
    .bind(account_id)
    .bind(hashes)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// When the account's app was set up, and how many recovery codes are unused; `None` if
/// none is set up.
pub async fn status(
    pool: &PgPool,
    account_id: Uuid,
) -> Result<Option<(DateTime<Utc>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.second_factor_set_at,
                (SELECT count(*) FROM recovery_codes r WHERE r.account_id = a.id AND r.used_at IS NULL)
         FROM accounts a WHERE a.id = $1 AND a.second_factor_set_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await
}

/// Forgets the account's app and recovery codes, ends its challenges and sessions: the next
/// sign-in sets up an app again (an admin does this for staff who lost theirs).
pub async fn reset(tx: &mut PgConnection, account_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET totp_secret_sealed = NULL, second_factor_set_at = NULL,
             totp_last_step = NULL, wrong_codes_in_a_row = 0, codes_refused_until = NULL
         WHERE id = $1",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    for statement in [
        "DELETE FROM recovery_codes WHERE account_id = $1",
        "DELETE FROM second_factor_challenges WHERE account_id = $1",
    ] {
        sqlx::query(statement)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
    }
    crate::accounts::session::end_all(&mut *tx, account_id).await
}

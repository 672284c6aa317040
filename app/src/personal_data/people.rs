//! Staff acting for a person who asks them (by email, by phone, in a letter): everything held
//! about an email address, as a leader and as a coach, produced for them; and erasure with a
//! reason. Both are audited. Producing names the person only in the audit's details, which
//! their own erasure deletes; erasing records the reason, which staff are asked to write
//! without naming them.

use crate::access::Account;
use crate::audit::{self, Details, Subject};
use crate::personal_data::coach::{NotClosed, erase_coach, held_about_coach};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

/// The account with this address, if any.
#[derive(sqlx::FromRow)]
struct AccountWith {
    id: Uuid,
    staff: bool,
    coach: bool,
}

async fn account_with(
    executor: impl sqlx::PgExecutor<'_>,
    email: &str,
) -> Result<Option<AccountWith>, sqlx::Error> {
    sqlx::query_as("SELECT id, staff, coach FROM accounts WHERE lower(email) = lower($1)")
        .bind(email)
        .fetch_optional(executor)
        .await
}

/// What is held about a staff member: their account and the actions they took (the audit
/// log's lines name them by account id).
async fn held_about_staff(pool: &PgPool, account_id: Uuid) -> Result<Option<Value>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT jsonb_build_object(
             'account', jsonb_build_object('email', a.email, 'name', a.name,
                 'created', a.created_at, 'staff', a.staff, 'coach', a.coach,
                 'disabled', a.disabled_at),
             'actions_taken', (SELECT coalesce(jsonb_agg(jsonb_build_object('when', l.at,
                 'what', l.action, 'record', l.subject) ORDER BY l.id), '[]')
                 FROM audit_log l WHERE l.actor_id = a.id))
         FROM accounts a WHERE a.id = $1 AND a.staff",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await
}

/// Everything held about `email`, for staff to give the person, or `None` when Cascade holds
/// nothing under that address. Recorded in the audit log (`how`: "page" or "file").
pub async fn produce(
    pool: &PgPool,
    actor: &Account,
    email: &str,
    how: &str,
    now: DateTime<Utc>,
) -> Result<Option<Value>, sqlx::Error> {
    let as_leader = super::db::held_about_email(pool, email, now).await?;
    let account = account_with(pool, email).await?;
    let (as_coach, as_staff) = match &account {
        Some(account) => (
            match account.coach {
                true => held_about_coach(pool, account.id, now).await?,
                false => None,
            },
            match account.staff {
                true => held_about_staff(pool, account.id).await?,
                false => None,
            },
        ),
        None => (None, None),
    };
    if as_leader.is_none() && as_coach.is_none() && as_staff.is_none() {
        return Ok(None);
    }
    let mut tx = pool.begin().await?;
    audit::record_with_details(
        &mut tx,
        actor,
        "produce personal data",
        Subject::Named("a person's data"),
        None,
        Some(json!({
            "as_a_leader": as_leader.is_some(),
            "as_a_coach": as_coach.is_some(),
            "as_staff": as_staff.is_some(),
            "as": how,
        })),
        Details {
            coach_id: None,
            account_id: account.map(|a| a.id),
            email: Some(email.to_string()),
            details: json!({ "email": email }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(json!({
        "about": "Everything Cascade holds about this email address, as a leader, a coach or staff, as of the time below.",
        "produced_at": now,
        "email_address": email,
        "as_a_leader": as_leader,
        "as_a_coach": as_coach,
        "as_staff": as_staff,
    })))
}

/// What an erasure staff asked for did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonErased {
    /// How many requests' details were erased, and whether a coach's or a staff account was
    /// closed.
    Done {
        requests: u64,
        coach_account: bool,
        staff_account: bool,
    },
    NothingHeld,
    /// The member of staff's own account: another must erase it, so that one stays.
    OwnAccount,
    NotClosed(NotClosed),
}

/// Erases everything held about `email`, as the person asked, in one transaction: their
/// requests' details as a leader (`db::erase_leader_by_email`), their coach account and
/// profile (`coach::erase_coach`), or their staff account (`erase_staff`). Audited with
/// `reason`.
pub async fn erase(
    pool: &PgPool,
    actor: &Account,
    email: &str,
    reason: &str,
    now: DateTime<Utc>,
    public_url: &str,
    mail_delivery: bool,
) -> Result<PersonErased, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let account = account_with(&mut *tx, email).await?;
    // What the audit line names: the coach's row (which stays, erased), or the account.
    let mut subject = None;
    let (coach_account, staff_account) = match account {
        Some(account) if account.id == actor.id => return Ok(PersonErased::OwnAccount),
        // A coach's erasure takes the whole account, a staff one too.
        Some(account) if account.coach => {
            match erase_coach(&mut tx, account.id, now, public_url).await? {
                Ok(coach_id) => subject = coach_id.map(Subject::Coach),
                Err(not_closed) => return Ok(PersonErased::NotClosed(not_closed)),
            }
            (true, account.staff)
        }
        Some(account) => {
            erase_staff(&mut tx, account.id).await?;
            subject = Some(Subject::Account(account.id));
            (false, true)
        }
        None => (false, false),
    };
    let requests =
        super::db::erase_leader_by_email(&mut tx, email, now, public_url, mail_delivery).await?;
    if requests == 0 && !coach_account && !staff_account {
        return Ok(PersonErased::NothingHeld);
    }
    // The reason is free text, so it is kept beside the log, not in it.
    audit::record_with_details(
        &mut tx,
        actor,
        "erase personal data",
        subject.unwrap_or(Subject::Named("a person's data")),
        None,
        Some(json!({
            "requests_erased": requests,
            "coach_account_closed": coach_account,
            "staff_account_closed": staff_account,
        })),
        Details {
            coach_id: None,
            account_id: None,
            email: None,
            details: json!({ "reason": reason }),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(requests, coach_account, "personal data erased by staff");
    Ok(PersonErased::Done {
        requests,
        coach_account,
        staff_account,
    })
}

/// A staff member's account goes: their decisions stay, naming them by an id that no longer
/// leads anywhere (the audit log's lines, bursary decisions, profile reviews).
async fn erase_staff(tx: &mut sqlx::PgConnection, account_id: Uuid) -> Result<(), sqlx::Error> {
    crate::personal_data::coach::unlink_decisions(&mut *tx, account_id).await?;
    sqlx::query(
        "DELETE FROM outbox WHERE lower(to_address) = (SELECT lower(email) FROM accounts WHERE id = $1)",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    audit::erase_details(&mut *tx, None, Some(account_id), None).await?;
    sqlx::query("DELETE FROM accounts WHERE id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

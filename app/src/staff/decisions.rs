//! What staff decide, each in one transaction with its audit entry and any email: a profile
//! approved or sent back, a coach hidden or suspended, a coach invited, a year's bursaries, a
//! bursary approved or declined. The forms (`actions`) parse and answer; the SQL is `db`.

use super::db::{self, BursaryDecided};
use crate::access::Account;
use crate::accounts::db::{NewAccountRole, create as create_account};
use crate::accounts::links::{self, Purpose};
use crate::accounts::session;
use crate::audit;
use crate::coaches::db::profiles;
use crate::coaches::draft::{CoachChange, CoachStatus, ProfileDraft, RevisionStatus};
use crate::contact::EmailAddress;
use crate::interest::{BursaryDecision, Reference};
use crate::mail::{self, Email};
use chrono::{DateTime, Datelike, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// How a moderation decision went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderated {
    Decided,
    /// Nothing of this coach's waits for a decision.
    NotWaiting,
    /// What waits is newer than what staff saw.
    ChangedSince,
    /// A new profile cannot be published: the coach's training is not recorded.
    NotTrained,
}

/// What changing a coach's status did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachChanged {
    Changed(CoachStatus),
    /// The change does not apply to the coach as they are now.
    DoesNotApply,
    /// It would publish the profile, and the coach's training is not recorded.
    NotTrained,
}

/// Approves a new profile or changes to a published one (`reason` is `None`), or sends it
/// back with a reason. `seen`: when the version staff looked at was sent; a newer one is not
/// decided unseen.
pub async fn moderate(
    pool: &PgPool,
    actor: &Account,
    coach_id: Uuid,
    reason: Option<&str>,
    seen: Option<DateTime<Utc>>,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Moderated, sqlx::Error> {
    let approve = reason.is_none();
    let mut tx = pool.begin().await?;
    let Some(coach) = db::lock_coach(&mut tx, coach_id).await? else {
        return Ok(Moderated::NotWaiting);
    };
    let revision = db::lock_pending_revision(&mut tx, coach_id).await?;
    let waiting_since = match (coach.status, &revision) {
        (CoachStatus::PendingApproval, _) => Some(profiles::submitted_at(&mut tx, coach_id).await?),
        (_, Some(revision)) => Some(revision.submitted_at),
        _ => None,
    };
    if seen.is_some() && waiting_since.is_some() && seen != waiting_since {
        return Ok(Moderated::ChangedSince);
    }
    let subject = audit::Subject::Coach(coach_id);
    let personal = |details: serde_json::Value| audit::Details {
        coach_id: Some(coach_id),
        account_id: None,
        email: None,
        details,
    };
    match (coach.status, revision) {
        (CoachStatus::PendingApproval, _) => {
            if approve && !crate::readiness::db::is_trained(&mut tx, coach_id).await? {
                return Ok(Moderated::NotTrained);
            }
            let (new_status, action) = if approve {
                (CoachStatus::Published, "approve profile")
            } else {
                (CoachStatus::Draft, "send back profile")
            };
            db::decide_new_profile(&mut tx, coach_id, new_status, reason, now).await?;
            // What was approved or sent back, as it stood.
            let profile = profiles::current_draft(&mut *tx, coach_id)
                .await?
                .map(|(draft, _, _)| audit_snapshot(&draft));
            audit::record_with_details(
                &mut tx,
                actor,
                action,
                subject,
                Some(json!({ "status": coach.status })),
                Some(json!({ "status": new_status })),
                personal(json!({ "profile": profile, "reason": reason })),
            )
            .await?;
        }
        (_, Some(revision)) => {
            let before = profiles::current_draft(&mut *tx, coach_id)
                .await?
                .map(|(draft, _, _)| audit_snapshot(&draft));
            if approve {
                profiles::write_profile(&mut tx, coach_id, &revision.profile, coach.status, now)
                    .await?;
            }
            let decided = if approve {
                RevisionStatus::Approved
            } else {
                RevisionStatus::Rejected
            };
            db::decide_revision(&mut tx, revision.id, decided, actor.id, reason, now).await?;
            let action = if approve {
                "approve profile changes"
            } else {
                "send back profile changes"
            };
            audit::record_with_details(
                &mut tx,
                actor,
                action,
                subject,
                None,
                Some(json!({ "revision": decided })),
                personal(json!({
                    "before": before,
                    "proposed": audit_snapshot(&revision.profile),
                    "reason": reason,
                })),
            )
            .await?;
        }
        _ => return Ok(Moderated::NotWaiting),
    }
    let email = match reason {
        None => Email::profile_approved(
            &coach.email,
            &coach.name,
            &format!("{public_url}/coaches/{}", coach.slug),
        ),
        Some(reason) => Email::profile_rejected(
            &coach.email,
            &coach.name,
            reason,
            &format!("{public_url}/me/profile"),
        ),
    };
    mail::enqueue(&mut tx, &email).await?;
    tx.commit().await?;
    Ok(Moderated::Decided)
}

/// A profile as the audit log keeps it: everything but the lived experience, which is
/// special-category data that a coach can withdraw, and which the append-only log could never
/// let go of. Whether any was published is kept.
fn audit_snapshot(draft: &ProfileDraft) -> serde_json::Value {
    let mut snapshot = serde_json::to_value(draft).unwrap_or_default();
    if let Some(fields) = snapshot.as_object_mut() {
        fields.remove("lived_experience");
        fields.insert(
            "lived_experience_published".into(),
            serde_json::Value::Bool(!draft.lived_experience.is_empty()),
        );
    }
    snapshot
}

/// Leaders waiting for this coach are told that their request lapsed, and it passes on to
/// another coach if they agreed: when the coach leaves the directory, or closes their account.
pub(crate) async fn lapse_waiting_requests(
    tx: &mut sqlx::PgConnection,
    coach_id: Uuid,
    coach_name: &str,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    for (request, reference, leader, leader_email) in
        db::lapse_requests(&mut *tx, coach_id, now).await?
    {
        let next = crate::interest::db::what_next(&mut *tx, request, public_url).await?;
        let told = Email::request_lapsed(&leader_email, &leader, coach_name, &reference, &next);
        mail::enqueue(&mut *tx, &told).await?;
        crate::interest::due::pass_on(&mut *tx, request, now, public_url).await?;
    }
    Ok(())
}

/// Hides or unhides a coach, or suspends one (out of the directory, the account disabled and
/// its sessions ended) or reinstates one. `None` when the change does not apply to the coach
/// as they are now (see `CoachStatus::after`).
pub async fn change_coach(
    pool: &PgPool,
    actor: &Account,
    coach_id: Uuid,
    change: CoachChange,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<CoachChanged, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(coach) = db::lock_coach(&mut tx, coach_id).await? else {
        return Ok(CoachChanged::DoesNotApply);
    };
    let Some(new_status) = coach.status.after(change, coach.approved_once) else {
        return Ok(CoachChanged::DoesNotApply);
    };
    if new_status == CoachStatus::Published
        && !crate::readiness::db::is_trained(&mut tx, coach_id).await?
    {
        return Ok(CoachChanged::NotTrained);
    }
    db::set_coach_status(&mut tx, coach_id, new_status).await?;
    if !new_status.is_public() {
        lapse_waiting_requests(&mut tx, coach_id, &coach.name, now, public_url).await?;
    }
    let account = db::account_of_coach(&mut tx, coach_id).await?;
    if let Some(account_id) = account {
        if new_status == CoachStatus::Suspended {
            db::set_account_disabled(&mut tx, account_id, Some(now)).await?;
            session::end_all(&mut *tx, account_id).await?;
        } else if coach.status == CoachStatus::Suspended {
            db::set_account_disabled(&mut tx, account_id, None).await?;
        }
    }
    // Suspending and reinstating change the account too: the log says so.
    let state = |status: CoachStatus| {
        if matches!(change, CoachChange::Suspend | CoachChange::Reinstate) {
            json!({
                "status": status,
                "account_disabled": account.is_some() && status == CoachStatus::Suspended,
            })
        } else {
            json!({ "status": status })
        }
    };
    audit::record(
        &mut tx,
        actor,
        &format!("{} coach", change.slug()),
        audit::Subject::Coach(coach_id),
        Some(state(coach.status)),
        Some(state(new_status)),
    )
    .await?;
    tx.commit().await?;
    Ok(CoachChanged::Changed(new_status))
}

/// A staff account made at the server's command line (`cascade admin create-staff`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAccountMade {
    /// No mail server: the link to set the password, for the command to show (nobody could
    /// read the outbox before there is a staff member). It is in the outbox too.
    Link(String),
    /// The email with the link waits in the outbox for the server to send.
    Emailed,
    /// The address already has an account: nothing was made.
    AlreadyExists,
}

/// Makes a staff account for `email`, emails (or gives) it a link to set its password, and
/// records it in the audit log as done at the command line, all in one transaction.
pub async fn create_staff_account(
    pool: &PgPool,
    name: &str,
    email: &EmailAddress,
    public_url: &str,
    mail_delivery: bool,
    now: DateTime<Utc>,
) -> Result<StaffAccountMade, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some((account_id, link)) = new_account_invited(
        &mut tx,
        NewAccountRole::Admin,
        name,
        email,
        (public_url, mail_delivery, now),
    )
    .await?
    else {
        return Ok(StaffAccountMade::AlreadyExists);
    };
    audit::record_from_command_line(
        &mut tx,
        "create staff account",
        audit::Subject::Account(account_id),
        audit::Details {
            coach_id: None,
            account_id: Some(account_id),
            email: None,
            details: json!({ "name": name, "email": email.as_str() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(if mail_delivery {
        StaffAccountMade::Emailed
    } else {
        StaffAccountMade::Link(link)
    })
}

/// A new account with `role` for `email`, and its invitation (with a single-use link to set a
/// password) in the outbox: the account's id and the link as the email carries it (a
/// placeholder when a mail server makes it on sending). `None` when the address has an account.
async fn new_account_invited(
    tx: &mut sqlx::PgConnection,
    role: NewAccountRole,
    name: &str,
    email: &EmailAddress,
    (public_url, mail_delivery, now): (&str, bool, DateTime<Utc>),
) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    let Some(account_id) = create_account(&mut *tx, name, email.as_str(), role).await? else {
        return Ok(None);
    };
    let (link, to_make) = links::for_email(
        &mut *tx,
        account_id,
        Purpose::Invitation,
        public_url,
        mail_delivery,
        now,
    )
    .await?;
    let invitation = match role {
        NewAccountRole::Coach => Email::invitation(email.as_str(), name, &link),
        NewAccountRole::Staff | NewAccountRole::Admin => {
            Email::staff_invitation(email.as_str(), name, &link)
        }
    };
    mail::enqueue(&mut *tx, &invitation.with_link(to_make)).await?;
    Ok(Some((account_id, link)))
}

/// Invites a coach, a staff member or an admin: an account with `role`, and an emailed
/// single-use link to set a password (and, for a coach, start a profile). `false` when the
/// address already has an account.
pub async fn invite(
    pool: &PgPool,
    actor: &Account,
    role: NewAccountRole,
    name: &str,
    email: &EmailAddress,
    link: (&str, bool, DateTime<Utc>),
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let invited = invite_in(&mut tx, actor, role, name, email, link).await?;
    tx.commit().await?;
    Ok(invited.is_some())
}

/// [`invite`] within a transaction of the caller's: the new account, or `None` when the
/// address already has one.
pub async fn invite_in(
    tx: &mut sqlx::PgConnection,
    actor: &Account,
    role: NewAccountRole,
    name: &str,
    email: &EmailAddress,
    (public_url, mail_delivery, now): (&str, bool, DateTime<Utc>),
) -> Result<Option<Uuid>, sqlx::Error> {
    let Some((account_id, _)) = new_account_invited(
        &mut *tx,
        role,
        name,
        email,
        (public_url, mail_delivery, now),
    )
    .await?
    else {
        return Ok(None);
    };
    let (action, role_name) = match role {
        NewAccountRole::Coach => ("invite coach", "coach"),
        NewAccountRole::Staff => ("invite staff", "staff"),
        NewAccountRole::Admin => ("invite staff", "admin"),
    };
    audit::record_with_details(
        &mut *tx,
        actor,
        action,
        audit::Subject::Account(account_id),
        None,
        Some(json!({ "role": role_name })),
        audit::Details {
            coach_id: None,
            account_id: Some(account_id),
            email: None,
            details: json!({ "name": name, "email": email.as_str() }),
        },
    )
    .await?;
    Ok(Some(account_id))
}

/// Sets how many bursaries staff may approve in `year`.
pub async fn set_places(
    pool: &PgPool,
    actor: &Account,
    year: i32,
    places: i32,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let before = db::lock_places(&mut tx, year).await?;
    db::set_places(&mut tx, year, places, now).await?;
    audit::record(
        &mut tx,
        actor,
        "set bursary places",
        audit::Subject::Named(&format!("bursaries {year}")),
        before.map(|b| json!({ "places": b })),
        Some(json!({ "places": places })),
    )
    .await?;
    tx.commit().await
}

/// Approves or declines a bursary request, and tells the leader. A decision counts against
/// the year it is made in; that year's row is locked, so two staff approving at once cannot
/// exceed its places. `Err(notice)` when it cannot be done, saying why.
pub async fn decide_bursary(
    pool: &PgPool,
    actor: &Account,
    reference: &Reference,
    decision: BursaryDecision,
    now: DateTime<Utc>,
) -> Result<Result<(), String>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let year = crate::clock::uk_date(now).year();
    let places = db::lock_places(&mut tx, year).await?;
    if decision == BursaryDecision::Approved {
        let Some(places) = places else {
            return Ok(Err(format!(
                "Set the number of bursaries for {year} before approving any."
            )));
        };
        if db::approved_in(&mut *tx, year).await? >= i64::from(places) {
            return Ok(Err(format!(
                "All {places} bursaries for {year} have been approved. Raise the number to approve more."
            )));
        }
    }
    let Some(BursaryDecided {
        email,
        leader_name,
        coach_name,
    }) = db::decide_bursary(&mut tx, reference, decision, actor.id, now).await?
    else {
        return Ok(Err(
            "That bursary request has been decided already, or its coaching request was declined."
                .to_string(),
        ));
    };
    let verb = match decision {
        BursaryDecision::Approved => "approve",
        BursaryDecision::Declined => "decline",
    };
    audit::record(
        &mut tx,
        actor,
        &format!("{verb} bursary"),
        audit::Subject::Named(&format!("request {reference}")),
        Some(json!({ "bursary_decision": null })),
        Some(json!({ "bursary_decision": decision })),
    )
    .await?;
    // The coaching's own fee once it has started; until then, today's.
    let started: Option<i32> = sqlx::query_scalar(
        "SELECT f.amount_pence FROM programme_fees f
         JOIN engagements g ON g.id = f.engagement_id
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE e.reference = $1",
    )
    .bind(reference.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let fee = match started.and_then(|pence| u64::try_from(pence).ok()) {
        Some(pence) => crate::money::Money::from_pence(pence).unwrap_or(crate::money::Money::ZERO),
        None => {
            crate::settings::db::terms_on(&mut *tx, crate::clock::uk_date(now))
                .await?
                .fee
        }
    };
    let told = Email::bursary_decided(
        &email,
        &leader_name,
        &coach_name,
        reference.as_str(),
        decision == BursaryDecision::Approved,
        fee,
    );
    mail::enqueue(&mut tx, &told).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

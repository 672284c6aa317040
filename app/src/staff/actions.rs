//! The staff area's forms. The route table admits staff only; every change is written to the
//! audit log in the same transaction as the change itself.

use crate::access::Account;
use crate::accounts::links::{self, Purpose};
use crate::accounts::session;
use crate::audit;
use crate::coaches::draft::{CoachStatus, ProfileDraft};
use crate::contact::EmailAddress;
use crate::forms::post::{FormPost, done};
use crate::forms::{FieldErrors, required_paragraphs, required_text};
use crate::mail::{self, Email};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

fn staff<T>(form: &FormPost<T>) -> Option<Account> {
    form.caller.account().cloned()
}

/// A decision on a profile waiting for approval.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ModerationForm {
    decision: String,
    reason: String,
    /// When the version on screen was sent for approval.
    submitted: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CoachStatusForm {
    action: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    name: String,
    email: String,
}

/// The year's number of bursaries (`action` "places"), or a decision on one request.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BursaryForm {
    year: String,
    action: String,
    places: String,
    reference: String,
}

/// The coach's name, email, slug and status, locked for the change.
async fn lock_coach(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<(String, String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT name, email, slug, status FROM coaches WHERE id = $1 FOR UPDATE")
        .bind(coach_id)
        .fetch_optional(&mut *tx)
        .await
}

/// Approves or sends back a new profile or changes to a published one.
pub async fn moderate(Path(coach_id): Path<Uuid>, form: FormPost<ModerationForm>) -> Response {
    let form = form.on_page("/staff/moderation");
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let approve = match form.fields.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return form
                .refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "moderation",
                    "Choose to approve or send back",
                )
                .await;
        }
    };
    // When the version staff looked at was sent (from the form): a coach who has sent another
    // since must not have the newer one decided unseen.
    let seen = DateTime::parse_from_rfc3339(&form.fields.submitted)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    // A reason only goes with sending back.
    let reason = if approve {
        String::new()
    } else {
        let mut errors = FieldErrors::new();
        match required_paragraphs(
            &mut errors,
            &format!("reason-{coach_id}"),
            &form.fields.reason,
            2_000,
            "Give the coach a reason, so they know what to change",
        ) {
            Some(reason) => reason,
            None => {
                return form.invalid("moderation", errors).await;
            }
        }
    };
    let public_url = form.state.public_url.clone();
    let decided = async {
        let mut tx = form.state.pool.begin().await?;
        let Some((name, email, slug, status)) = lock_coach(&mut tx, coach_id).await? else {
            return Ok(Moderated::NotWaiting);
        };
        let revision: Option<(Uuid, serde_json::Value, DateTime<Utc>)> = sqlx::query_as(
            "SELECT id, profile, submitted_at FROM coach_profile_revisions
             WHERE coach_id = $1 AND status = 'pending' FOR UPDATE",
        )
        .bind(coach_id)
        .fetch_optional(&mut *tx)
        .await?;
        let waiting_since = match (status.as_str(), &revision) {
            ("pending_approval", _) => Some(crate::me::db::submitted_at(&mut tx, coach_id).await?),
            (_, Some((_, _, submitted_at))) => Some(*submitted_at),
            _ => None,
        };
        if seen.is_some() && waiting_since.is_some() && seen != waiting_since {
            return Ok(Moderated::ChangedSince);
        }
        let subject = format!("coach {slug}");
        match (status.as_str(), revision) {
            ("pending_approval", _) => {
                let (new_status, action) = if approve {
                    ("published", "approve profile")
                } else {
                    ("draft", "send back profile")
                };
                sqlx::query(
                    "UPDATE coaches SET status = $2, rejection_reason = $3,
                         published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
                     WHERE id = $1",
                )
                .bind(coach_id)
                .bind(new_status)
                .bind((!approve).then_some(reason.as_str()))
                .execute(&mut *tx)
                .await?;
                // What was approved or sent back, as it stood.
                let profile = crate::me::db::current_draft(&mut *tx, coach_id)
                    .await?
                    .map(|(draft, _, _)| audit_snapshot(&draft));
                audit::record(
                    &mut tx,
                    &actor,
                    action,
                    &subject,
                    Some(json!({ "status": status })),
                    Some(json!({
                        "status": new_status,
                        "profile": profile,
                        "reason": (!approve).then_some(&reason),
                    })),
                )
                .await?;
            }
            (_, Some((revision_id, proposed, _))) => {
                let draft: ProfileDraft = serde_json::from_value(proposed.clone())
                    .map_err(|e| sqlx::Error::Decode(e.into()))?;
                let before = crate::me::db::current_draft(&mut *tx, coach_id)
                    .await?
                    .map(|(d, _, _)| d);
                if approve {
                    let keep = CoachStatus::from_slug(&status).unwrap_or(CoachStatus::Published);
                    crate::me::db::write_profile(&mut tx, coach_id, &draft, keep).await?;
                }
                sqlx::query(
                    "UPDATE coach_profile_revisions SET status = $2, reviewed_at = now(), reviewed_by = $3, reason = $4 WHERE id = $1",
                )
                .bind(revision_id)
                .bind(if approve { "approved" } else { "rejected" })
                .bind(actor.id)
                .bind((!approve).then_some(reason.as_str()))
                .execute(&mut *tx)
                .await?;
                let action = if approve {
                    "approve profile changes"
                } else {
                    "send back profile changes"
                };
                let before = before.map(|b| audit_snapshot(&b));
                let proposed = audit_snapshot(&draft);
                audit::record(
                    &mut tx,
                    &actor,
                    action,
                    &subject,
                    before,
                    Some(json!({ "proposed": proposed, "reason": (!approve).then_some(&reason) })),
                )
                .await?;
            }
            _ => return Ok(Moderated::NotWaiting),
        }
        let email = if approve {
            Email::profile_approved(&email, &name, &format!("{public_url}/coaches/{slug}"))
        } else {
            Email::profile_rejected(&email, &name, &reason, &format!("{public_url}/me/profile"))
        };
        mail::enqueue(&mut tx, &email).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Moderated::Decided)
    };
    let notice = match decided.await {
        Ok(Moderated::Decided) => {
            return done(&format!(
                "/staff/moderation?decided={}",
                if approve { "approved" } else { "sent-back" }
            ));
        }
        Ok(Moderated::NotWaiting) => {
            "That profile is no longer waiting for a decision: someone may have decided it already."
        }
        Ok(Moderated::ChangedSince) => {
            "The coach has sent a newer version since this page was loaded. Read it below before deciding."
        }
        Err(error) => return form.failed("moderation", error).await,
    };
    form.refuse(StatusCode::CONFLICT, "moderation", notice)
        .await
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

/// How a moderation decision went.
enum Moderated {
    Decided,
    /// Nothing of this coach's waits for a decision.
    NotWaiting,
    /// What waits is newer than what staff saw.
    ChangedSince,
}

/// Hides or unhides a published coach, or suspends one (hidden, and the account disabled
/// with its sessions ended) or reinstates one.
pub async fn change_coach_status(
    Path(coach_id): Path<Uuid>,
    form: FormPost<CoachStatusForm>,
) -> Response {
    let form = form.on_page("/staff/coaches");
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let action = form.fields.action.clone();
    let changed = async {
        let mut tx = form.state.pool.begin().await?;
        let Some((_, _, slug, status)) = lock_coach(&mut tx, coach_id).await? else {
            return Ok(None);
        };
        // Only a profile staff once approved can come back into the directory.
        let approved: bool =
            sqlx::query_scalar("SELECT published_at IS NOT NULL FROM coaches WHERE id = $1")
                .bind(coach_id)
                .fetch_one(&mut *tx)
                .await?;
        let new_status = match (action.as_str(), status.as_str()) {
            ("hide", "published") => "hidden",
            ("unhide", "hidden") if approved => "published",
            ("suspend", current) if current != "suspended" => "suspended",
            ("reinstate", "suspended") if approved => "hidden",
            ("reinstate", "suspended") => "draft",
            _ => return Ok(None),
        };
        sqlx::query("UPDATE coaches SET status = $2 WHERE id = $1")
            .bind(coach_id)
            .bind(new_status)
            .execute(&mut *tx)
            .await?;
        let account: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM accounts WHERE coach_id = $1")
                .bind(coach_id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(account_id) = account {
            if new_status == "suspended" {
                sqlx::query("UPDATE accounts SET disabled_at = now() WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                session::end_all(&mut *tx, account_id).await?;
            } else if status == "suspended" {
                sqlx::query("UPDATE accounts SET disabled_at = NULL WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Suspending and reinstating change the account too: the log says so.
        let state = |status: &str| {
            if matches!(action.as_str(), "suspend" | "reinstate") {
                json!({ "status": status, "account_disabled": account.is_some() && status == "suspended" })
            } else {
                json!({ "status": status })
            }
        };
        audit::record(
            &mut tx,
            &actor,
            &format!("{action} coach"),
            &format!("coach {slug}"),
            Some(state(&status)),
            Some(state(new_status)),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(new_status))
    };
    match changed.await {
        Ok(Some(_)) => done(&format!("/staff/coaches?changed={coach_id}")),
        Ok(None) => {
            let notice = "That change does not apply to this coach as they are now.".to_string();
            form.refuse(StatusCode::CONFLICT, "coaches", notice).await
        }
        Err(error) => form.failed("coaches", error).await,
    }
}

/// Invites a coach: an account with the coach role, and an emailed single-use link to set a
/// password and start a profile.
pub async fn invite_coach(form: FormPost<InviteForm>) -> Response {
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let mut errors = FieldErrors::new();
    let name = required_text(
        &mut errors,
        "name",
        &form.fields.name,
        100,
        "Enter the coach's name",
    );
    let email = EmailAddress::parse(&form.fields.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return form.invalid("invite", errors).await;
    };
    let public_url = form.state.public_url.clone();
    let invited = async {
        let mut tx = form.state.pool.begin().await?;
        let Some(account_id) =
            crate::accounts::db::create_coach(&mut tx, &name, email.as_str()).await?
        else {
            return Ok(false);
        };
        let (link, to_make) = links::for_email(
            &mut tx,
            account_id,
            Purpose::Invitation,
            &public_url,
            form.state.mail_delivery,
        )
        .await?;
        let invitation = Email::invitation(email.as_str(), &name, &link).with_link(to_make);
        mail::enqueue(&mut tx, &invitation).await?;
        audit::record(
            &mut tx,
            &actor,
            "invite coach",
            &format!("account {}", email.as_str()),
            None,
            Some(json!({ "name": name, "email": email.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    };
    match invited.await {
        Ok(true) => done(&format!(
            "/staff/invite?sent={}",
            crate::ui::encode_path(email.as_str())
        )),
        Ok(false) => {
            errors.add(
                "email",
                "There is already an account for this email address",
            );
            form.again(StatusCode::CONFLICT, "invite", errors, None)
                .await
        }
        Err(error) => form.failed("invite", error).await,
    }
}

/// Sets the year's number of bursaries, or approves or declines a bursary request. Approvals
/// lock the year's row, so two staff approving at once cannot exceed the number.
pub async fn bursaries(form: FormPost<BursaryForm>) -> Response {
    let Some(actor) = staff(&form) else {
        return form.not_found().await;
    };
    let year: i32 = form.fields.year.trim().parse().unwrap_or(0);
    let mut errors = FieldErrors::new();
    if !(2020..=2100).contains(&year) {
        let notice = "Choose a year between 2020 and 2100.".to_string();
        return form
            .refuse(StatusCode::UNPROCESSABLE_ENTITY, "bursaries", notice)
            .await;
    }
    let back = format!("/staff/bursaries?year={year}");
    match form.fields.action.as_str() {
        "places" => {
            let Some(places) = crate::forms::number_in(
                &mut errors,
                "places",
                &form.fields.places,
                0..=10_000,
                "Enter the number of bursaries for the year, from 0 to 10,000",
            ) else {
                return form.invalid("bursaries", errors).await;
            };
            let saved = async {
                let mut tx = form.state.pool.begin().await?;
                let before: Option<i32> = sqlx::query_scalar(
                    "SELECT places FROM bursary_places WHERE year = $1 FOR UPDATE",
                )
                .bind(year)
                .fetch_optional(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO bursary_places (year, places) VALUES ($1, $2)
                     ON CONFLICT (year) DO UPDATE SET places = excluded.places, updated_at = now()",
                )
                .bind(year)
                .bind(places)
                .execute(&mut *tx)
                .await?;
                audit::record(
                    &mut tx,
                    &actor,
                    "set bursary places",
                    &format!("bursaries {year}"),
                    before.map(|b| json!({ "places": b })),
                    Some(json!({ "places": places })),
                )
                .await?;
                tx.commit().await
            };
            match saved.await {
                Ok(()) => done(&back),
                Err(error) => form.failed("bursaries", error).await,
            }
        }
        decision @ ("approve" | "decline") => {
            let approve = decision == "approve";
            let Some(reference) = crate::interest::Reference::parse(&form.fields.reference) else {
                return form
                    .refuse(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "bursaries",
                        "That bursary request could not be found.",
                    )
                    .await;
            };
            let decided = async {
                let mut tx = form.state.pool.begin().await?;
                // A decision counts against the year it is made in, whichever year's page it was
                // made from; that year's row is locked so that approvals queue.
                let year: i32 = sqlx::query_scalar(
                    "SELECT extract(year FROM now() AT TIME ZONE 'Europe/London')::int",
                )
                .fetch_one(&mut *tx)
                .await?;
                let places: Option<i32> = sqlx::query_scalar(
                    "SELECT places FROM bursary_places WHERE year = $1 FOR UPDATE",
                )
                .bind(year)
                .fetch_optional(&mut *tx)
                .await?;
                if approve {
                    let Some(places) = places else {
                        return Ok(Err(format!(
                            "Set the number of bursaries for {year} before approving any."
                        )));
                    };
                    let approved = super::db::approved_in(&mut *tx, year).await?;
                    if approved >= i64::from(places) {
                        return Ok(Err(format!(
                            "All {places} bursaries for {year} have been approved. Raise the number to approve more."
                        )));
                    }
                }
                let decided: Option<(String, String, String)> = sqlx::query_as(&format!(
                    "UPDATE expressions_of_interest SET bursary_decision = $2, bursary_decided_at = now(), bursary_decided_by = $3
                     WHERE reference = $1 AND {}
                     RETURNING email, leader_name, (SELECT name FROM coaches c WHERE c.id = coach_id)",
                    super::db::BURSARY_TO_DECIDE
                ))
                .bind(reference.as_str())
                .bind(if approve { "approved" } else { "declined" })
                .bind(actor.id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((leader_email, leader_name, coach_name)) = decided else {
                    return Ok(Err(
                        "That bursary request has been decided already, or its coaching request was declined.".to_string()
                    ));
                };
                audit::record(&mut tx, &actor, &format!("{decision} bursary"), &format!("request {reference}"), Some(json!({ "bursary_decision": null })), Some(json!({ "bursary_decision": if approve { "approved" } else { "declined" } }))).await?;
                mail::enqueue(
                    &mut tx,
                    &Email::bursary_decided(
                        &leader_email,
                        &leader_name,
                        &coach_name,
                        reference.as_str(),
                        approve,
                    ),
                )
                .await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(Ok(()))
            };
            match decided.await {
                Ok(Ok(())) => done(&back),
                Ok(Err(notice)) => form.refuse(StatusCode::CONFLICT, "bursaries", notice).await,
                Err(error) => form.failed("bursaries", error).await,
            }
        }
        _ => {
            form.refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "bursaries",
                "Choose what to do",
            )
            .await
        }
    }
}

//! A coach's rights: everything held about them, and closing their account (which erases their
//! profile). Staff use the same erasure for a coach who asks them.

use crate::special_category::{self, SealedField};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Everything held about the coach with account `$1` (`$2` is now): their account, profile,
/// changes sent for approval, the requests that reached them and what they answered, their
/// coaching, their training and supervision, their own questionnaires, the emails we wrote to them, and staff decisions about
/// them. Not the leaders' details: those are the leaders' own.
const HELD: &str = "
WITH me AS (SELECT * FROM accounts WHERE id = $1),
     profile AS (SELECT * FROM coaches WHERE id = (SELECT coach_id FROM me))
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM me) THEN NULL ELSE jsonb_build_object(
    'about', 'Everything Cascade holds about you as a coach, as of the time below.',
    'produced_at', $2::timestamptz,
    'account', (SELECT jsonb_build_object('email', email, 'name', name, 'created', created_at,
                    'staff', staff, 'coach', coach) FROM me),
    'profile', (SELECT to_jsonb(p) - 'id' - 'search_document' - 'lived_experience'
                    - 'lived_experience_sealed' - 'accepting_now' - 'erased_at'
                    || jsonb_build_object('lived_experience',
                           encode(p.lived_experience_sealed, 'base64'))
                FROM profile p),
    'changes_sent_for_approval', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('sent', r.submitted_at, 'status', r.status,
                   'decided', r.reviewed_at, 'note_from_staff', r.reason, 'profile', r.profile,
                   'lived_experience', encode(r.lived_experience_sealed, 'base64'))
                   ORDER BY r.submitted_at), '[]')
        FROM coach_profile_revisions r WHERE r.coach_id = (SELECT id FROM profile)),
    'requests_received', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('reference', e.reference,
                   'received', e.created_at, 'status', e.status, 'answered', e.responded_at,
                   'your_message', e.response_message) ORDER BY e.created_at), '[]')
        FROM expressions_of_interest e WHERE e.coach_id = (SELECT id FROM profile)),
    'coaching', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('request', e.reference, 'status', g.status,
                   'started', g.started_at, 'closed', g.closed_at,
                   'sessions', (SELECT coalesce(jsonb_agg(jsonb_build_object('held_on', s.held_on,
                                    'minutes', s.minutes) ORDER BY s.held_on), '[]')
                                FROM coaching_sessions s WHERE s.engagement_id = g.id))
                   ORDER BY g.started_at), '[]')
        FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
        WHERE g.coach_id = (SELECT id FROM profile)),
    'training', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('completed_on', t.completed_on,
                   'cohort', t.cohort, 'trained_by', t.trainer) ORDER BY t.completed_on), '[]')
        FROM coach_training t WHERE t.coach_id = (SELECT id FROM profile)),
    'supervision', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('held_on', s.held_on, 'format', s.format,
                   'supervisor', s.supervisor) ORDER BY s.held_on), '[]')
        FROM supervision_sessions s WHERE s.coach_id = (SELECT id FROM profile)),
    'supervisor', (SELECT s.name FROM accounts s, profile p WHERE s.id = p.supervisor_account_id),
    'concerns', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('raised_by', k.raised_by,
                   'raised', k.raised_at, 'status', k.status, 'closed', k.closed_at,
                   'what_was_decided', k.outcome,
                   'your_words', CASE WHEN k.raised_by = 'coach' THEN k.body END)
                   ORDER BY k.raised_at), '[]')
        FROM concerns k JOIN engagements g ON g.id = k.engagement_id
        WHERE g.coach_id = (SELECT id FROM profile)),
    'your_questionnaires', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('request', e.reference, 'sent', q.sent_at,
                   'sent_back', q.submitted_at, 'confidence_as_a_coach', q.coach_confidence,
                   'hours_given', q.hours_given, 'what_you_gained', q.coach_gains,
                   'in_your_own_words', q.coach_gains_in_own_words) ORDER BY q.sent_at), '[]')
        FROM questionnaires q JOIN engagements g ON g.id = q.engagement_id
        JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
        WHERE g.coach_id = (SELECT id FROM profile) AND q.kind = 'coach_end'),
    'emails_to_you', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('written', o.created_at, 'sent', o.sent_at,
                   'subject', o.subject, 'body', o.body) ORDER BY o.created_at, o.seq), '[]')
        FROM outbox o WHERE lower(o.to_address) IN (SELECT lower(email) FROM me
                                                    UNION SELECT lower(email) FROM profile)),
    'staff_decisions_about_you', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('when', l.at, 'what', l.action,
                   'before', l.before, 'after', l.after, 'details', d.details) ORDER BY l.id), '[]')
        FROM audit_log l LEFT JOIN audit_details d ON d.audit_id = l.id
        WHERE l.subject IN (SELECT 'account ' || id FROM me UNION SELECT 'coach ' || id FROM profile))
) END";

/// Everything held about the coach with this account, or `None` when there is no such account.
pub async fn held_about_coach(
    pool: &PgPool,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let held: Option<serde_json::Value> = sqlx::query_scalar(HELD)
        .bind(account_id)
        .bind(now)
        .fetch_one(pool)
        .await?;
    held.map(open_lived_experience).transpose()
}

/// The lived experience arrives sealed (base64) from SQL, which cannot open it: opened here,
/// on the profile and on each change sent for approval.
fn open_lived_experience(mut held: serde_json::Value) -> Result<serde_json::Value, sqlx::Error> {
    if let Some(profile) = held.get_mut("profile") {
        special_category::open_in_json(SealedField::LivedExperience, profile, "lived_experience")?;
    }
    let revisions = held
        .get_mut("changes_sent_for_approval")
        .and_then(serde_json::Value::as_array_mut)
        .into_iter()
        .flatten();
    for revision in revisions {
        special_category::open_in_json(SealedField::LivedExperience, revision, "lived_experience")?;
    }
    Ok(held)
}

/// The leaders the coach with this account is coaching now, longest first: while there are
/// any, the account cannot close.
pub async fn coaching_in_progress(
    executor: impl sqlx::PgExecutor<'_>,
    account_id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT e.leader_name FROM engagements g
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE g.coach_id = (SELECT coach_id FROM accounts WHERE id = $1) AND g.status = 'active'
         ORDER BY g.started_at",
    )
    .bind(account_id)
    .fetch_all(executor)
    .await
}

/// Why an account could not be closed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotClosed {
    /// Coaching in progress with these leaders: it must be closed first, from its page, so
    /// that each leader hears it from their coach.
    CoachingInProgress(Vec<String>),
    /// The account is a staff account too: another member of staff closes it, at
    /// `/staff/people`, so that no one removes their own staff access by accident.
    StaffAccount,
    NoSuchAccount,
}

/// A member of staff's decisions name them by account: the names go with the account, the
/// decisions stay.
pub(crate) async fn unlink_decisions(
    tx: &mut PgConnection,
    account_id: Uuid,
) -> Result<(), sqlx::Error> {
    for unlink in [
        "UPDATE expressions_of_interest SET bursary_decided_by = NULL WHERE bursary_decided_by = $1",
        "UPDATE coach_profile_revisions SET reviewed_by = NULL WHERE reviewed_by = $1",
    ] {
        sqlx::query(unlink)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Closes a coach's account and erases their profile, in the transaction given: leaders still
/// waiting for an answer are told and their requests pass on if they agreed; the profile
/// keeps only what names no one; changes waiting for approval, the personal details staff
/// actions kept, the emails to the coach and their own words in questionnaires are deleted;
/// the account and its sessions go. Refused while coaching is in progress.
pub async fn erase_coach(
    tx: &mut PgConnection,
    account_id: Uuid,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<Result<Option<Uuid>, NotClosed>, sqlx::Error> {
    let account: Option<(String, Option<Uuid>)> =
        sqlx::query_as("SELECT lower(email), coach_id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((account_email, coach_id)) = account else {
        return Ok(Err(NotClosed::NoSuchAccount));
    };
    let mut addresses = vec![account_email];
    if let Some(coach_id) = coach_id {
        let (name, email): (String, String) =
            sqlx::query_as("SELECT name, lower(email) FROM coaches WHERE id = $1 FOR UPDATE")
                .bind(coach_id)
                .fetch_one(&mut *tx)
                .await?;
        let in_progress = coaching_in_progress(&mut *tx, account_id).await?;
        if !in_progress.is_empty() {
            return Ok(Err(NotClosed::CoachingInProgress(in_progress)));
        }
        crate::staff::decisions::lapse_waiting_requests(tx, coach_id, &name, now, public_url)
            .await?;
        sqlx::query(
            "UPDATE coaches SET status = 'closed', erased_at = $2,
                 slug = 'closed-' || replace(id::text, '-', ''), name = $3, pronouns = NULL,
                 role = $3, organisation = $3, bio = '', how_i_coach = '', email = $4, phone = NULL,
                 lived_experience = '{}', lived_experience_sealed = NULL,
                 lived_experience_consented_at = NULL, rejection_reason = NULL,
                 paused_reason = NULL, accepting_new_leaders = false, next_opening = NULL,
                 conflict_organisations = '[]', local_districts = '{}', stages = '{}'
             WHERE id = $1",
        )
        .bind(coach_id)
        .bind(now)
        .bind(crate::retention::ERASED)
        .bind(crate::retention::ERASED_EMAIL)
        .execute(&mut *tx)
        .await?;
        // Their training and supervision (who trained and supervised them) go with them.
        for statement in [
            "DELETE FROM coach_profile_revisions WHERE coach_id = $1",
            "DELETE FROM coach_training WHERE coach_id = $1",
            "DELETE FROM supervision_sessions WHERE coach_id = $1",
            "DELETE FROM coaching_feedback WHERE coach_id = $1",
            "DELETE FROM concerns k USING engagements g
             WHERE g.id = k.engagement_id AND g.coach_id = $1",
            "UPDATE coaches SET supervisor_account_id = NULL WHERE id = $1",
        ] {
            sqlx::query(statement)
                .bind(coach_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "UPDATE questionnaires q SET coach_gains_in_own_words = NULL FROM engagements g
             WHERE g.id = q.engagement_id AND g.coach_id = $1 AND q.kind = 'coach_end'",
        )
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
        // Their questionnaires' links stop working: nobody answers as them now.
        sqlx::query(
            "DELETE FROM questionnaire_links l USING questionnaires q, engagements g
             WHERE l.questionnaire_id = q.id AND g.id = q.engagement_id AND g.coach_id = $1
               AND q.kind = 'coach_end'",
        )
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
        addresses.push(email);
    }
    crate::audit::erase_details(&mut *tx, coach_id, Some(account_id), None).await?;
    unlink_decisions(&mut *tx, account_id).await?;
    sqlx::query("DELETE FROM outbox WHERE lower(to_address) = ANY($1)")
        .bind(&addresses)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM accounts WHERE id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    Ok(Ok(coach_id))
}

/// A coach closing their own account: erased, and the closing audited (as the coach).
pub async fn close_own_account(
    pool: &PgPool,
    account: &crate::access::Account,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<Result<(), NotClosed>, sqlx::Error> {
    if account.staff {
        return Ok(Err(NotClosed::StaffAccount));
    }
    let mut tx = pool.begin().await?;
    let coach_id = match erase_coach(&mut tx, account.id, now, public_url).await? {
        Ok(coach_id) => coach_id,
        Err(not_closed) => return Ok(Err(not_closed)),
    };
    let subject = match coach_id {
        Some(id) => crate::audit::Subject::Coach(id),
        None => crate::audit::Subject::Account(account.id),
    };
    crate::audit::record(
        &mut tx,
        account,
        "close own account",
        subject,
        None,
        Some(serde_json::json!({ "status": "closed" })),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

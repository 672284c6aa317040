//! Storing an expression of interest: one transaction, so nothing partial is ever stored.

use super::Reference;
use super::form::{AskForm, ExpressionOfInterest, field};
use crate::forms::FieldErrors;
use chrono::Datelike;
use sqlx::PgPool;

/// Said when asking another coach from a request's page that no longer allows it.
pub const ASKING_AGAIN_REFUSED: &str = "Your request's page does not let you ask another coach now: \
     a coach may be considering it or coaching you, or it was withdrawn. Open your page again to see where it stands.";

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub reference: Reference,
    /// True when this was the same form sent again, or a second request from the same leader
    /// to the same coach while the first is open: nothing new was stored.
    pub already: Already,
}

/// Whether a submission was new, or a repeat of one already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Already {
    /// Stored now.
    No,
    /// The same form again (same submission id): the same person, who may see its reference.
    SameForm,
    /// A new form, but this email address already has an open request to this coach. Whoever
    /// sent it may not be that person: they see the ordinary confirmation, and the address's
    /// holder is emailed.
    OpenRequest,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("some answers need fixing")]
    Invalid(FieldErrors),
    #[error("no published coach {0:?}")]
    UnknownCoach(String),
    #[error("the coach is not accepting new leaders now")]
    CoachNotAccepting,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Parses the form, applies the rules, and stores the request to the coach at `coach_slug`,
/// with the email that tells the coach (its link starts with `public_url`).
#[tracing::instrument(skip(pool, form, public_url, now), fields(coach = %coach_slug))]
pub async fn submit(
    pool: &PgPool,
    coach_slug: &str,
    form: &AskForm,
    public_url: &str,
    mail_delivery: bool,
    now: chrono::DateTime<chrono::Utc>,
    conflict: Option<crate::matching::declared::Conflict>,
) -> Result<Submitted, SubmitError> {
    let Some(slug) = crate::coaches::Slug::parse(coach_slug) else {
        return Err(SubmitError::UnknownCoach(coach_slug.to_string()));
    };
    // The limits in effect on the day it is sent.
    let terms = crate::settings::db::terms_on(pool, crate::clock::uk_date(now)).await?;
    let request = ExpressionOfInterest::parse(form, coach_slug, &terms.income_limits())
        .map_err(SubmitError::Invalid)?;
    // Asking another coach from the leader's own page: the same request, one coach on.
    let again = match form.from.trim() {
        "" => None,
        token => match super::db::asking_again(pool, token, now).await? {
            Some((id, position, _)) => Some((id, position)),
            None => {
                let mut errors = FieldErrors::new();
                errors.add(field::FROM, ASKING_AGAIN_REFUSED);
                return Err(SubmitError::Invalid(errors));
            }
        },
    };
    let mut tx = pool.begin().await?;

    // The same form again (a double click, a refresh): the request it made.
    if let Some(reference) = existing_by_submission(&mut tx, &request).await? {
        return Ok(Submitted {
            reference,
            already: Already::SameForm,
        });
    }

    // Locked until commit, so the coach cannot be hidden between this check and the insert.
    let coach: Option<(uuid::Uuid, bool, String, String)> = sqlx::query_as(
        "SELECT id, accepting_now, name, email FROM coaches WHERE slug = $1 AND status = 'published' FOR SHARE",
    )
    .bind(slug.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((coach_id, accepting_now, coach_name, coach_email)) = coach else {
        return Err(SubmitError::UnknownCoach(coach_slug.to_string()));
    };
    if !accepting_now {
        return Err(SubmitError::CoachNotAccepting);
    }

    let alternatives: Vec<(String, uuid::Uuid)> = sqlx::query_as(
        "SELECT slug, id FROM coaches WHERE slug = ANY($1) AND status = 'published'",
    )
    .bind(
        request
            .alternatives
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut alternative_ids = Vec::new();
    let mut errors = FieldErrors::new();
    for (index, slug) in request.alternatives.iter().enumerate() {
        match alternatives.iter().find(|(s, _)| s == slug.as_str()) {
            Some((_, id)) => alternative_ids.push(*id),
            None => {
                let name = if index == 0 {
                    field::ALTERNATIVE_1
                } else {
                    field::ALTERNATIVE_2
                };
                errors.add(name, super::form::CHOOSE_FROM_THE_LIST);
            }
        }
    }
    if !errors.is_empty() {
        return Err(SubmitError::Invalid(errors));
    }

    let submission_id = uuid::Uuid::parse_str(request.submission_id.as_str())
        .map_err(|e| sqlx::Error::Protocol(format!("submission id: {e}")))?;
    // A new request gets its own page, and a private link to it.
    let (leader_request_id, position, page_token) = match again {
        Some((id, position)) => (id, position, None),
        None => {
            let (id, token) = super::db::create_leader_request(&mut tx, now).await?;
            (id, 1, Some(token))
        }
    };
    let q = &request.questions;
    // The number is padded to six digits and never cut: `lpad` alone would truncate 1000000.
    let inserted: Option<(uuid::Uuid, String)> = sqlx::query_as(
        "WITH next AS (SELECT nextval('expression_of_interest_number')::text AS number)
         INSERT INTO expressions_of_interest (
             reference, submission_id, coach_id, leader_name, email, phone, role,
             organisation_name, organisation_type, registration_number,
             works_in_health_and_wellbeing, annual_income_pence,
             works_with_under_represented_communities, region, postcode, communities_served_sealed,
             goals, funding_route, had_leadership_support_before, bursary_eligible, consented_at,
             created_at, leader_request_id, position, privacy_notice_version, referring_funder)
         SELECT
             'CL-' || $21 || '-' || lpad(number, greatest(6, length(number)), '0'),
             $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $20, $22, $23, $24, $25
         FROM next
         ON CONFLICT DO NOTHING
         RETURNING id, reference",
    )
    .bind(submission_id)
    .bind(coach_id)
    .bind(&request.leader_name)
    .bind(request.email.as_str())
    .bind(request.phone.as_ref().map(|p| p.as_str()))
    .bind(&request.role)
    .bind(&request.organisation_name)
    .bind(q.organisation_type.slug())
    .bind(request.registration_number.as_ref().map(|r| r.as_str()))
    .bind(q.works_in_health_and_wellbeing)
    .bind(i64::try_from(q.annual_income.pence()).unwrap_or(i64::MAX))
    .bind(q.works_with_under_represented_communities)
    .bind(request.region.slug())
    .bind(request.postcode.as_str())
    .bind(crate::special_category::seal(
        crate::special_category::SealedField::CommunitiesServed,
        &request
            .communities_served
            .iter()
            .map(|c| c.slug())
            .collect::<Vec<_>>(),
    )?)
    .bind(&request.goals)
    .bind(request.funding_route.slug())
    .bind(q.had_leadership_support_before)
    .bind(request.bursary_eligible)
    .bind(now)
    // The year in the reference is the UK's.
    .bind(crate::clock::uk_date(now).year().to_string())
    .bind(leader_request_id)
    .bind(position)
    // The notice the form linked to, which the leader agreed to.
    .bind(crate::site::privacy::NOTICE_VERSION)
    .bind(request.referring_funder.as_deref())
    .fetch_optional(&mut *tx)
    .await?;

    let Some((id, reference)) = inserted else {
        // A unique constraint stopped it: the same form sent at the same moment, or an open
        // request from this leader to this coach. Either way, point to the one that exists
        // (read committed: this statement sees the row the other transaction committed).
        if let Some(reference) = existing_by_submission(&mut tx, &request).await? {
            return Ok(Submitted {
                reference,
                already: Already::SameForm,
            });
        }
        let Some(open) = existing_open_request(&mut tx, coach_id, &request).await? else {
            return Err(sqlx::Error::Protocol("insert conflicted with nothing".into()).into());
        };
        // Whoever sent this sees the ordinary confirmation, so the page cannot tell anyone
        // whether an address has asked; the address's holder is told by email instead.
        let email = crate::mail::Email::request_already_open(
            request.email.as_str(),
            &open.leader_name,
            &coach_name,
            open.reference.as_str(),
            &crate::coaches::long_date(crate::clock::uk_date(open.created_at)),
        );
        crate::mail::enqueue(&mut tx, &email).await?;
        if page_token.is_some() {
            // Nothing was stored, so the page made for it goes too.
            sqlx::query("DELETE FROM leader_requests WHERE id = $1")
                .bind(leader_request_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        return Ok(Submitted {
            reference: open.reference,
            already: Already::OpenRequest,
        });
    };
    // Sent although the coach's declarations conflict with the leader's organisation (the
    // leader was warned first): staff see the pair flagged.
    if let Some(conflict) = conflict {
        sqlx::query("UPDATE expressions_of_interest SET conflict = $2 WHERE id = $1")
            .bind(id)
            .bind(conflict.slug())
            .execute(&mut *tx)
            .await?;
    }

    for (preference, coach_id) in (1_i16..).zip(alternative_ids) {
        sqlx::query(
            "INSERT INTO expression_of_interest_alternatives (expression_of_interest_id, coach_id, preference)
             VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(coach_id)
        .bind(preference)
        .execute(&mut *tx)
        .await?;
    }
    let deadline = super::due::set_deadline(&mut tx, id, now, request.region).await?;
    {
        // What the leader agreed to on this form about passing their request on (asking
        // another coach, they decide again); and the request is under way again, so its page's
        // link lasts until 90 days after it next ends.
        sqlx::query(
            "UPDATE leader_requests SET pass_on_consented = $2, ended_at = NULL WHERE id = $1",
        )
        .bind(leader_request_id)
        .bind(form.pass_on == "yes")
        .execute(&mut *tx)
        .await?;
    }
    let link = format!("{public_url}/me/requests/{reference}");
    let to_coach = crate::mail::Email::new_request(
        &coach_email,
        &coach_name,
        &request.leader_name,
        &request.organisation_name,
        &reference,
        &link,
        &deadline,
    );
    crate::mail::enqueue(&mut tx, &to_coach).await?;
    let (page_link, to_make) = match &page_token {
        Some(token) => {
            let (link, to_make) =
                super::db::page_link_for_email(leader_request_id, token, public_url, mail_delivery);
            (Some(link), to_make)
        }
        None => (None, None),
    };
    let to_leader = crate::mail::Email::request_received(
        request.email.as_str(),
        &request.leader_name,
        &coach_name,
        &reference,
        request.funding_route == super::form::FundingRoute::Bursary,
        page_link.as_deref(),
    )
    .with_link(to_make);
    crate::mail::enqueue(&mut tx, &to_leader).await?;
    tx.commit().await?;
    let reference = Reference::parse(&reference)
        .ok_or_else(|| sqlx::Error::Protocol(format!("malformed reference {reference:?}")))?;
    tracing::info!(%reference, "expression of interest stored");
    Ok(Submitted {
        reference,
        already: Already::No,
    })
}

async fn existing_by_submission(
    tx: &mut sqlx::PgConnection,
    request: &ExpressionOfInterest,
) -> Result<Option<Reference>, sqlx::Error> {
    let reference: Option<String> = sqlx::query_scalar(
        "SELECT reference FROM expressions_of_interest WHERE submission_id = $1::uuid",
    )
    .bind(request.submission_id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(reference.and_then(|r| Reference::parse(&r)))
}

/// A request from this address to this coach that is waiting for an answer.
struct OpenRequest {
    reference: Reference,
    leader_name: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

async fn existing_open_request(
    tx: &mut sqlx::PgConnection,
    coach_id: uuid::Uuid,
    request: &ExpressionOfInterest,
) -> Result<Option<OpenRequest>, sqlx::Error> {
    let row: Option<(String, String, chrono::DateTime<chrono::Utc>)> = sqlx::query_as(
        "SELECT reference, leader_name, created_at FROM expressions_of_interest
         WHERE coach_id = $1 AND lower(email) = lower($2) AND status = 'pending'",
    )
    .bind(coach_id)
    .bind(request.email.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.and_then(|(reference, leader_name, created_at)| {
        Some(OpenRequest {
            reference: Reference::parse(&reference)?,
            leader_name,
            created_at,
        })
    }))
}

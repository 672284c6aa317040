//! The cascade's SQL.

use super::{Lineage, OfferState, TrainingOffer};
use crate::access::Account;
use crate::accounts::db::NewAccountRole;
use crate::accounts::session::token_hash;
use crate::contact::EmailAddress;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::outcomes::db::CLOSED_COACHING_OF_LINK as LINKED;

pub async fn offer_state(pool: &PgPool, token: &str) -> Result<Option<OfferState>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM training_offers o WHERE o.engagement_id = linked.engagement_id)
         FROM ({LINKED}) AS linked"
    ))
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await
    .map(|offered| offered.map(|offered| OfferState { offered }))
}

/// Records a leader's offer to train: `false` when the link opens no closed coaching.
pub async fn offer(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let engagement: Option<Uuid> = sqlx::query_scalar(LINKED)
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?;
    let Some(engagement) = engagement else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO training_offers (engagement_id, offered_at) VALUES ($1, $2)
         ON CONFLICT (engagement_id) DO NOTHING",
    )
    .bind(engagement)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(true)
}

/// Every offer from a leader whose details are held: those not yet invited first.
pub async fn offers(pool: &PgPool) -> Result<Vec<TrainingOffer>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        engagement_id: Uuid,
        leader_name: String,
        email: String,
        organisation_name: String,
        coach_name: String,
        offered_on: NaiveDate,
        invited_on: Option<NaiveDate>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.engagement_id, e.leader_name, e.email, e.organisation_name, c.name AS coach_name,
                (o.offered_at AT TIME ZONE 'Europe/London')::date AS offered_on,
                (o.invited_at AT TIME ZONE 'Europe/London')::date AS invited_on
         FROM training_offers o JOIN engagements g ON g.id = o.engagement_id
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         JOIN coaches c ON c.id = g.coach_id
         WHERE e.erased_at IS NULL
         ORDER BY o.invited_at IS NOT NULL, o.offered_at",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TrainingOffer {
            engagement_id: r.engagement_id,
            leader_name: r.leader_name,
            email: r.email,
            organisation_name: r.organisation_name,
            coach_name: r.coach_name,
            offered_on: r.offered_on,
            invited_on: r.invited_on,
        })
        .collect())
}

/// What inviting an offer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    Invited,
    /// The leader's address already has an account.
    AlreadyHasAccount,
    /// Invited before, or no such offer.
    NotOpen,
}

/// Invites the leader of an offer to coach, in one transaction: the account (keeping who
/// coached them), its emailed invitation, and the offer marked invited; audited as an
/// invitation.
pub async fn invite(
    pool: &PgPool,
    actor: &Account,
    engagement: Uuid,
    link: (&str, bool, DateTime<Utc>),
) -> Result<Invited, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let offer: Option<(String, String, Uuid)> = sqlx::query_as(
        "SELECT e.leader_name, e.email, g.coach_id
         FROM training_offers o JOIN engagements g ON g.id = o.engagement_id
         JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
         WHERE o.engagement_id = $1 AND o.invited_at IS NULL AND e.erased_at IS NULL
         FOR UPDATE OF o",
    )
    .bind(engagement)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, email, coach)) = offer else {
        return Ok(Invited::NotOpen);
    };
    let Ok(email) = EmailAddress::parse(&email) else {
        return Ok(Invited::NotOpen);
    };
    let Some(account) = crate::staff::decisions::invite_in(
        &mut tx,
        actor,
        NewAccountRole::Coach,
        &name,
        &email,
        link,
    )
    .await?
    else {
        return Ok(Invited::AlreadyHasAccount);
    };
    sqlx::query("UPDATE accounts SET coached_by_coach_id = $2 WHERE id = $1")
        .bind(account)
        .bind(coach)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE training_offers SET invited_account_id = $2, invited_at = $3 WHERE engagement_id = $1",
    )
    .bind(engagement)
    .bind(account)
    .bind(link.2)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Invited::Invited)
}

/// Every coach with who coached them and how many leaders they have coached.
pub async fn lineage(pool: &PgPool) -> Result<Vec<Lineage>, sqlx::Error> {
    let rows: Vec<(Uuid, String, Option<Uuid>, i64)> = sqlx::query_as(
        "SELECT c.id, c.name, c.coached_by,
                (SELECT count(*) FROM engagements g WHERE g.coach_id = c.id)
         FROM coaches c WHERE c.status <> 'closed' OR c.coached_by IS NOT NULL
             OR EXISTS (SELECT 1 FROM coaches k WHERE k.coached_by = c.id)",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(coach_id, name, coached_by, leaders)| Lineage {
            coach_id,
            name,
            coached_by,
            leaders,
        })
        .collect())
}

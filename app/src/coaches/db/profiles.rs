//! A coach's own profile as stored: the profile itself (what the public sees once approved),
//! the changes waiting for approval, and the writes that move a profile on. Shared by the coach
//! area (`me`), which saves profiles, and staff moderation, which decides them.

use super::{CoachRow, PUBLIC_COLUMNS};
use crate::coaches::draft::{CoachStatus, ProfileDraft};
use crate::coaches::{Availability, CoachProfile};
use crate::place::PostcodeArea;
use crate::special_category::{self, SealedField};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A coach's row as their own area and staff read it.
/// A coach's row as their own area and staff read it: the public columns and the rest.
#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    #[sqlx(flatten)]
    public: CoachRow,
    pub(crate) status: CoachStatus,
    pub(crate) rejection_reason: Option<String>,
    phone: Option<String>,
}

/// [`ProfileRow`]'s columns.
fn profile_columns() -> String {
    format!("{PUBLIC_COLUMNS}, status, rejection_reason, phone")
}

impl ProfileRow {
    fn profile(&self) -> Result<CoachProfile, sqlx::Error> {
        CoachProfile::try_from(self.public.clone())
    }

    pub(crate) fn slug(&self) -> &str {
        &self.public.slug
    }

    fn draft(&self) -> Result<ProfileDraft, sqlx::Error> {
        let profile = self.profile()?;
        Ok(ProfileDraft {
            name: profile.name,
            pronouns: profile.pronouns,
            role: profile.role,
            organisation: profile.organisation,
            region: profile.region,
            postcode_area: PostcodeArea::parse(&profile.postcode_area).map_err(|_| {
                sqlx::Error::Decode(format!("postcode area {:?}", profile.postcode_area).into())
            })?,
            bio: profile.bio,
            how_i_coach: profile.how_i_coach,
            themes: profile.themes,
            communities: profile.communities,
            lived_experience: profile.lived_experience,
            languages: profile.languages,
            formats: profile.formats,
        })
    }

    pub(crate) fn availability(&self) -> Result<Availability, sqlx::Error> {
        Ok(self.profile()?.availability)
    }
}

pub(crate) async fn profile_row(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<ProfileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {} FROM coaches WHERE id = $1",
        profile_columns()
    ))
    .bind(coach_id)
    .fetch_optional(executor)
    .await
}

/// The profile as it stands, its status and the private phone number.
pub async fn current_draft(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<(ProfileDraft, CoachStatus, Option<String>)>, sqlx::Error> {
    match profile_row(executor, coach_id).await? {
        Some(row) => Ok(Some((row.draft()?, row.status, row.phone.clone()))),
        None => Ok(None),
    }
}

/// The profiles of these coaches, as they stand (one query for a whole moderation queue).
pub async fn current_drafts(
    pool: &PgPool,
    coach_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, ProfileDraft>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        #[sqlx(flatten)]
        profile: ProfileRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, {} FROM coaches WHERE id = ANY($1)",
        profile_columns()
    ))
    .bind(coach_ids)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| Ok((row.id, row.profile.draft()?)))
        .collect()
}

/// When a profile waiting for approval was sent (what staff see in the queue).
pub async fn submitted_at(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<DateTime<Utc>, sqlx::Error> {
    sqlx::query_scalar("SELECT coalesce(submitted_at, updated_at) FROM coaches WHERE id = $1")
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await
}

pub async fn pending_revision(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
) -> Result<Option<ProfileDraft>, sqlx::Error> {
    let revision: Option<(serde_json::Value, Option<Vec<u8>>)> = sqlx::query_as(
        "SELECT profile, lived_experience_sealed FROM coach_profile_revisions
         WHERE coach_id = $1 AND status = 'pending'",
    )
    .bind(coach_id)
    .fetch_optional(executor)
    .await?;
    revision
        .map(|(profile, sealed)| revision_draft(profile, sealed.as_deref()))
        .transpose()
}

/// A revision as stored: its JSON, and its lived experience sealed beside it.
pub(crate) fn revision_draft(
    profile: serde_json::Value,
    lived_experience_sealed: Option<&[u8]>,
) -> Result<ProfileDraft, sqlx::Error> {
    let mut draft: ProfileDraft =
        serde_json::from_value(profile).map_err(|e| sqlx::Error::Decode(e.into()))?;
    draft.lived_experience = crate::vocabulary::known_slugs(
        &special_category::open(SealedField::LivedExperience, lived_experience_sealed)?,
        crate::vocabulary::LivedExperience::from_slug,
    );
    Ok(draft)
}

/// The lived experience as stored: sealed, or nothing when none is given.
fn sealed_lived_experience(draft: &ProfileDraft) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let slugs: Vec<&str> = draft.lived_experience.iter().map(|l| l.slug()).collect();
    special_category::seal(SealedField::LivedExperience, &slugs)
}

/// Binds the profile's fields as `$2` to `$14`, the order both the insert and the update use.
/// A macro because the insert is a `QueryScalar` and the update a `Query`.
macro_rules! bind_draft {
    ($query:expr, $draft:expr) => {{
        let draft: &ProfileDraft = $draft;
        $query
            .bind(&draft.name)
            .bind(&draft.pronouns)
            .bind(&draft.role)
            .bind(&draft.organisation)
            .bind(draft.region.slug())
            .bind(draft.postcode_area.as_str())
            .bind(&draft.bio)
            .bind(&draft.how_i_coach)
            .bind(draft.themes.iter().map(|t| t.slug()).collect::<Vec<_>>())
            .bind(
                draft
                    .communities
                    .iter()
                    .map(|c| c.slug())
                    .collect::<Vec<_>>(),
            )
            .bind(draft.languages.iter().map(|l| l.slug()).collect::<Vec<_>>())
            .bind(draft.formats.iter().map(|f| f.slug()).collect::<Vec<_>>())
            .bind(sealed_lived_experience(draft)?)
    }};
}

/// Saves a coach's profile, in one transaction: a first profile, or one not yet approved,
/// goes (back) for approval as it is; changes to an approved profile wait as a revision while
/// the public keeps seeing the approved one. Lived experience left out withdraws it at once.
/// The private phone number changes at once.
pub async fn save(
    pool: &PgPool,
    account: &crate::access::Account,
    draft: &ProfileDraft,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    match lock_account_coach(&mut tx, account.id).await? {
        None => {
            create_profile(&mut tx, account.id, &account.email, draft, phone, now).await?;
        }
        Some(coach_id) => {
            match lock_status(&mut tx, coach_id).await? {
                Some(status) if status.has_been_approved() => {
                    submit_revision(&mut tx, coach_id, draft, now).await?
                }
                _ => {
                    write_profile(&mut tx, coach_id, draft, CoachStatus::PendingApproval, now)
                        .await?
                }
            }
            if draft.lived_experience.is_empty() {
                withdraw_lived_experience(&mut tx, coach_id).await?;
            }
            set_phone(&mut tx, coach_id, phone).await?;
        }
    }
    tx.commit().await
}

/// The account's coach profile, re-read under a lock (two first saves at once make one profile).
async fn lock_account_coach(
    tx: &mut PgConnection,
    account_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("SELECT coach_id FROM accounts WHERE id = $1 FOR UPDATE")
        .bind(account_id)
        .fetch_one(&mut *tx)
        .await
}

/// A first profile: stored as the coach's row, waiting for approval, and linked to the account.
pub async fn create_profile(
    tx: &mut PgConnection,
    account_id: Uuid,
    email: &str,
    draft: &ProfileDraft,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    let base = crate::coaches::Slug::from_name(&draft.name);
    let mut slug = base.clone();
    let mut n = 2;
    while sqlx::query_scalar::<_, bool>("SELECT EXISTS (SELECT 1 FROM coaches WHERE slug = $1)")
        .bind(slug.as_str())
        .fetch_one(&mut *tx)
        .await?
    {
        slug = base.numbered(n);
        n += 1;
    }
    let insert = sqlx::query_scalar(
        "INSERT INTO coaches (slug, status, name, pronouns, role, organisation, region, postcode_area, bio,
             how_i_coach, themes, communities, languages, formats, lived_experience_sealed, lived_experience_consented_at,
             accepting_new_leaders, capacity, email, phone, submitted_at)
         VALUES ($1, 'pending_approval', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             CASE WHEN $14::bytea IS NOT NULL THEN $17 END, false, 3, $15, $16, $17)
         RETURNING id",
    )
    .bind(slug.as_str());
    let coach_id: Uuid = bind_draft!(insert, draft)
        .bind(email)
        .bind(phone)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE accounts SET coach_id = $2 WHERE id = $1")
        .bind(account_id)
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    Ok(coach_id)
}

/// Writes `draft` into the coach's row: for a profile not yet approved (sent again for
/// approval), or when staff approve a revision (`status` says which).
pub async fn write_profile(
    tx: &mut PgConnection,
    coach_id: Uuid,
    draft: &ProfileDraft,
    status: CoachStatus,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let update = sqlx::query(
        "UPDATE coaches SET name = $2, pronouns = $3, role = $4, organisation = $5, region = $6,
             postcode_area = $7, bio = $8, how_i_coach = $9, themes = $10, communities = $11,
             languages = $12, formats = $13, lived_experience_sealed = $14,
             lived_experience_consented_at = CASE WHEN $14::bytea IS NOT NULL
                 THEN coalesce(lived_experience_consented_at, $16) END,
             status = $15, rejection_reason = NULL,
             published_at = CASE WHEN $15 = 'published' THEN coalesce(published_at, $16) ELSE published_at END,
             submitted_at = CASE WHEN $15 = 'pending_approval' THEN $16 ELSE submitted_at END
         WHERE id = $1",
    )
    .bind(coach_id);
    bind_draft!(update, draft)
        .bind(status)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Changes to an approved profile: they replace any earlier changes still waiting.
pub async fn submit_revision(
    tx: &mut PgConnection,
    coach_id: Uuid,
    draft: &ProfileDraft,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE coach_profile_revisions SET status = 'superseded' WHERE coach_id = $1 AND status = 'pending'")
        .bind(coach_id)
        .execute(&mut *tx)
        .await?;
    // The lived experience is kept sealed beside the rest, never in the JSON.
    let mut profile =
        serde_json::to_value(draft).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    if let Some(fields) = profile.as_object_mut() {
        fields.remove("lived_experience");
    }
    sqlx::query(
        "INSERT INTO coach_profile_revisions (coach_id, profile, lived_experience_sealed, submitted_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(coach_id)
    .bind(profile)
    .bind(sealed_lived_experience(draft)?)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Withdraws consent to publishing lived experience: it leaves the profile at once, without
/// waiting for staff, and from any changes waiting for approval.
pub async fn withdraw_lived_experience(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE coaches SET lived_experience_sealed = NULL, lived_experience_consented_at = NULL
         WHERE id = $1 AND lived_experience_sealed IS NOT NULL",
    )
    .bind(coach_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE coach_profile_revisions SET lived_experience_sealed = NULL
         WHERE coach_id = $1 AND lived_experience_sealed IS NOT NULL",
    )
    .bind(coach_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn set_phone(
    tx: &mut PgConnection,
    coach_id: Uuid,
    phone: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE coaches SET phone = $2 WHERE id = $1")
        .bind(coach_id)
        .bind(phone)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The status of a coach's profile, locked until the transaction ends (so a coach's save and a
/// staff decision cannot interleave).
pub async fn lock_status(
    tx: &mut PgConnection,
    coach_id: Uuid,
) -> Result<Option<CoachStatus>, sqlx::Error> {
    sqlx::query_scalar("SELECT status FROM coaches WHERE id = $1 FOR UPDATE")
        .bind(coach_id)
        .fetch_optional(&mut *tx)
        .await
}

//! Special-category data kept sealed at rest: the communities a leader's organisation serves
//! and a coach's lived experience can reveal health, ethnicity, religion or sexuality, so the
//! database only ever holds them encrypted with AES-256-GCM (authenticated: a changed byte is
//! refused, not misread).
//!
//! Keys come from `CASCADE_DATA_KEY`: one or more `ID:KEY` pairs (ID 1–255, KEY 32 bytes in
//! standard base64), separated by spaces or commas. The first seals; every one opens. To rotate,
//! put a new key first and restart: start-up re-seals every value with it ([`reseal`]), after
//! which the old key can go.
//!
//! A sealed value is `[FORMAT, key id, 12-byte nonce, ciphertext and tag]`. The column's name
//! is the associated data, so a value copied into another column does not open.

use std::fmt;

/// The special-category values, each with the column that holds it sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedField {
    /// `expressions_of_interest.communities_served_sealed`: community slugs.
    CommunitiesServed,
    /// `coaches.lived_experience_sealed`, and the same field of a pending profile revision.
    LivedExperience,
    /// `accounts.totp_secret_sealed`: not special-category, but a secret a copy of the
    /// database alone must not give (it makes staff's sign-in codes). Also a challenge's
    /// `new_secret_sealed`, while it is being set up.
    TotpSecret,
}

impl SealedField {
    fn associated_data(self) -> &'static [u8] {
        match self {
            SealedField::CommunitiesServed => b"communities_served",
            SealedField::LivedExperience => b"lived_experience",
            SealedField::TotpSecret => b"totp_secret",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("CASCADE_DATA_KEY is empty")]
    Empty,
    #[error(
        "{0:?} is not ID:KEY, with ID from 1 to 255 and KEY 32 bytes in base64 (make one with `cascade new-data-key`)"
    )]
    Malformed(String),
    #[error("key id {0} is given twice")]
    Repeated(u8),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("no data key is installed")]
    NoKeys,
    #[error("a sealed value is sealed with key {0}, which CASCADE_DATA_KEY does not hold")]
    UnknownKey(u8),
    #[error("a sealed value does not open: it is damaged, or sealed for another field")]
    Damaged,
    #[error("the system could not give random bytes")]
    NoRandomness,
}

const FORMAT: u8 = 1;
const NONCE_LEN: usize = 12;
const HEADER_LEN: usize = 2 + NONCE_LEN;

/// The data keys: the first seals, all open. Never printed.
#[derive(Clone)]
pub struct Keyring {
    keys: Vec<(u8, [u8; 32])>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<u8> = self.keys.iter().map(|(id, _)| *id).collect();
        f.debug_struct("Keyring").field("key_ids", &ids).finish()
    }
}

impl Keyring {
    /// Reads `CASCADE_DATA_KEY`'s value.
    pub fn parse(value: &str) -> Result<Keyring, KeyError> {
        use base64::Engine;
        let mut keys: Vec<(u8, [u8; 32])> = Vec::new();
        for pair in value
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let malformed = || KeyError::Malformed(redact(pair));
            let (id, key) = pair.split_once(':').ok_or_else(malformed)?;
            let id: u8 = id.parse().ok().filter(|id| *id > 0).ok_or_else(malformed)?;
            let key: [u8; 32] = base64::engine::general_purpose::STANDARD
                .decode(key)
                .ok()
                .and_then(|bytes| bytes.try_into().ok())
                .ok_or_else(malformed)?;
            if keys.iter().any(|(seen, _)| *seen == id) {
                return Err(KeyError::Repeated(id));
            }
            keys.push((id, key));
        }
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        Ok(Keyring { keys })
    }

    /// A new random key with this id, as `CASCADE_DATA_KEY` takes it.
    pub fn new_key(id: u8) -> Result<String, SealError> {
        use base64::Engine;
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|_| SealError::NoRandomness)?;
        Ok(format!(
            "{id}:{}",
            base64::engine::general_purpose::STANDARD.encode(key)
        ))
    }

    /// The id of the key that seals.
    pub fn current_id(&self) -> u8 {
        self.keys[0].0
    }

    /// Seals a list of slugs; an empty list is stored as nothing at all.
    pub fn seal(&self, field: SealedField, values: &[&str]) -> Result<Option<Vec<u8>>, SealError> {
        use aes_gcm::aead::{Aead, KeyInit, Payload};
        if values.is_empty() {
            return Ok(None);
        }
        let (id, key) = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| SealError::NoRandomness)?;
        let cipher = aes_gcm::Aes256Gcm::new(key.into());
        let plain = values.join("\n");
        let sealed = cipher
            .encrypt(
                (&nonce).into(),
                Payload {
                    msg: plain.as_bytes(),
                    aad: field.associated_data(),
                },
            )
            .map_err(|_| SealError::Damaged)?;
        let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
        out.extend_from_slice(&[FORMAT, *id]);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(Some(out))
    }

    /// Opens what [`Keyring::seal`] sealed: nothing stored is an empty list.
    pub fn open(
        &self,
        field: SealedField,
        sealed: Option<&[u8]>,
    ) -> Result<Vec<String>, SealError> {
        use aes_gcm::aead::{Aead, KeyInit, Payload};
        let Some(sealed) = sealed else {
            return Ok(Vec::new());
        };
        if sealed.len() < HEADER_LEN || sealed[0] != FORMAT {
            return Err(SealError::Damaged);
        }
        let id = sealed[1];
        let (_, key) = self
            .keys
            .iter()
            .find(|(known, _)| *known == id)
            .ok_or(SealError::UnknownKey(id))?;
        let nonce: [u8; NONCE_LEN] = sealed[2..HEADER_LEN]
            .try_into()
            .map_err(|_| SealError::Damaged)?;
        let cipher = aes_gcm::Aes256Gcm::new(key.into());
        let plain = cipher
            .decrypt(
                (&nonce).into(),
                Payload {
                    msg: &sealed[HEADER_LEN..],
                    aad: field.associated_data(),
                },
            )
            .map_err(|_| SealError::Damaged)?;
        let plain = String::from_utf8(plain).map_err(|_| SealError::Damaged)?;
        Ok(plain.split('\n').map(str::to_string).collect())
    }

    /// Whether a sealed value was sealed with another key than the one that seals now.
    pub fn sealed_with_older_key(&self, sealed: &[u8]) -> bool {
        sealed.get(1) != Some(&self.current_id())
    }
}

/// A key pair as an error message may show it: the id, never the key.
fn redact(pair: &str) -> String {
    match pair.split_once(':') {
        Some((id, _)) => format!("{id}:…"),
        None => "…".to_string(),
    }
}

pub use installed::{install, keyring, open, open_in_json, seal};

/// The keyring is process-wide, installed once at start-up from `CASCADE_DATA_KEY`: every
/// query that stores or reads these fields reaches it without each taking it as an argument,
/// and it never changes while the process serves.
mod installed {
    use super::{Keyring, SealError, SealedField};
    use std::sync::OnceLock;

    static KEYRING: OnceLock<Keyring> = OnceLock::new();

    /// Installs the keyring; a second install keeps the first (tests share one per process).
    pub fn install(keyring: Keyring) {
        let _ = KEYRING.set(keyring);
    }

    pub fn keyring() -> Result<&'static Keyring, SealError> {
        KEYRING.get().ok_or(SealError::NoKeys)
    }

    /// Seals with the installed keyring, as a database error when it cannot (it is one: the row
    /// cannot be written).
    pub fn seal(field: SealedField, values: &[&str]) -> Result<Option<Vec<u8>>, sqlx::Error> {
        keyring()
            .and_then(|k| k.seal(field, values))
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))
    }

    /// Opens with the installed keyring; a value that does not open is a database error.
    pub fn open(field: SealedField, sealed: Option<&[u8]>) -> Result<Vec<String>, sqlx::Error> {
        keyring()
            .and_then(|k| k.open(field, sealed))
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }

    /// Opens, in place, a sealed value that SQL put into JSON with `encode(…, 'base64')` (SQL
    /// cannot open it): the text becomes the list of slugs, and `null` an empty list. A record
    /// without `key` is left as it is.
    pub fn open_in_json(
        field: SealedField,
        record: &mut serde_json::Value,
        key: &str,
    ) -> Result<(), sqlx::Error> {
        use base64::Engine;
        let Some(value) = record.get_mut(key) else {
            return Ok(());
        };
        let sealed = value
            .as_str()
            .map(|text| {
                // PostgreSQL breaks its base64 into lines of 76.
                base64::engine::general_purpose::STANDARD
                    .decode(text.replace('\n', ""))
                    .map_err(|e| sqlx::Error::Decode(e.into()))
            })
            .transpose()?;
        *value = serde_json::Value::from(open(field, sealed.as_deref())?);
        Ok(())
    }
}

/// Seals what is still held in the clear (rows from before sealing began) and re-seals what an
/// older key sealed, in batches, so that after a start-up every value is sealed with the
/// current key. Returns how many values it sealed.
pub async fn seal_at_rest(pool: &sqlx::PgPool, keys: &Keyring) -> Result<u64, sqlx::Error> {
    use sqlx::Row;
    let current = i32::from(keys.current_id());
    let mut sealed = 0;
    // Each statement reads one batch: (id, plain slugs or NULL, sealed bytes or NULL), locked,
    // so that a withdrawal at the same moment waits and is not undone by the re-seal.
    let tables: [(SealedField, &str, &str); 4] = [
        (
            SealedField::CommunitiesServed,
            "SELECT id, nullif(communities_served, '{}') AS plain, communities_served_sealed AS sealed
             FROM expressions_of_interest
             WHERE cardinality(communities_served) > 0
                OR get_byte(communities_served_sealed, 1) <> $1
             LIMIT 500 FOR UPDATE",
            "UPDATE expressions_of_interest SET communities_served = '{}', communities_served_sealed = $2
             WHERE id = $1",
        ),
        (
            SealedField::LivedExperience,
            "SELECT id, nullif(lived_experience, '{}') AS plain, lived_experience_sealed AS sealed
             FROM coaches
             WHERE cardinality(lived_experience) > 0 OR get_byte(lived_experience_sealed, 1) <> $1
             LIMIT 500 FOR UPDATE",
            "UPDATE coaches SET lived_experience = '{}', lived_experience_sealed = $2,
                 lived_experience_consented_at = coalesce(lived_experience_consented_at, now())
             WHERE id = $1",
        ),
        (
            SealedField::LivedExperience,
            "SELECT id, ARRAY(SELECT jsonb_array_elements_text(profile -> 'lived_experience')) AS plain,
                    lived_experience_sealed AS sealed
             FROM coach_profile_revisions
             WHERE profile ? 'lived_experience' OR get_byte(lived_experience_sealed, 1) <> $1
             LIMIT 500 FOR UPDATE",
            "UPDATE coach_profile_revisions SET profile = profile - 'lived_experience',
                 lived_experience_sealed = $2
             WHERE id = $1",
        ),
        (
            // Never held in the clear: only re-sealed after a new key.
            SealedField::TotpSecret,
            "SELECT id, NULL::text[] AS plain, totp_secret_sealed AS sealed
             FROM accounts WHERE get_byte(totp_secret_sealed, 1) <> $1
             LIMIT 500 FOR UPDATE",
            "UPDATE accounts SET totp_secret_sealed = $2 WHERE id = $1",
        ),
    ];
    for (field, select, update) in tables {
        loop {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(select)
                .bind(current)
                .fetch_all(&mut *tx)
                .await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let id: uuid::Uuid = row.try_get("id")?;
                let plain: Option<Vec<String>> = row.try_get("plain")?;
                let old: Option<Vec<u8>> = row.try_get("sealed")?;
                let mut values = match &old {
                    Some(old) => keys
                        .open(field, Some(old))
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    None => Vec::new(),
                };
                for value in plain.into_iter().flatten() {
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
                let slugs: Vec<&str> = values.iter().map(String::as_str).collect();
                let new = keys
                    .seal(field, &slugs)
                    .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
                sqlx::query(update)
                    .bind(id)
                    .bind(new)
                    .execute(&mut *tx)
                    .await?;
                sealed += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: u8, byte: u8) -> String {
        use base64::Engine;
        format!(
            "{id}:{}",
            base64::engine::general_purpose::STANDARD.encode([byte; 32])
        )
    }

    #[test]
    fn a_sealed_list_opens_to_the_same_list_and_holds_none_of_it_in_the_clear() {
        let keys = Keyring::parse(&key(1, 7)).expect("a keyring");
        let sealed = keys
            .seal(
                SealedField::CommunitiesServed,
                &["lgbtq", "faith-communities"],
            )
            .expect("sealed")
            .expect("something stored");
        assert!(!sealed.windows(5).any(|w| w == b"lgbtq"));
        assert_eq!(
            keys.open(SealedField::CommunitiesServed, Some(&sealed)),
            Ok(vec!["lgbtq".to_string(), "faith-communities".to_string()])
        );
        assert_eq!(keys.seal(SealedField::CommunitiesServed, &[]), Ok(None));
        assert_eq!(keys.open(SealedField::LivedExperience, None), Ok(vec![]));
    }

    #[test]
    fn the_same_list_seals_differently_each_time() {
        let keys = Keyring::parse(&key(1, 7)).expect("a keyring");
        let a = keys.seal(SealedField::LivedExperience, &["carer"]);
        let b = keys.seal(SealedField::LivedExperience, &["carer"]);
        assert_ne!(a, b, "a fresh nonce each time");
    }

    #[test]
    fn a_changed_byte_another_field_or_another_key_does_not_open() {
        let keys = Keyring::parse(&key(1, 7)).expect("a keyring");
        let sealed = keys
            .seal(SealedField::LivedExperience, &["carer"])
            .expect("sealed")
            .expect("stored");
        for at in [2, HEADER_LEN, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 1;
            assert_eq!(
                keys.open(SealedField::LivedExperience, Some(&changed)),
                Err(SealError::Damaged),
                "byte {at} changed"
            );
        }
        assert_eq!(
            keys.open(SealedField::CommunitiesServed, Some(&sealed)),
            Err(SealError::Damaged)
        );
        let same_id_other_key = Keyring::parse(&key(1, 8)).expect("a keyring");
        assert_eq!(
            same_id_other_key.open(SealedField::LivedExperience, Some(&sealed)),
            Err(SealError::Damaged)
        );
        let other_id = Keyring::parse(&key(2, 7)).expect("a keyring");
        assert_eq!(
            other_id.open(SealedField::LivedExperience, Some(&sealed)),
            Err(SealError::UnknownKey(1))
        );
        assert_eq!(
            keys.open(SealedField::LivedExperience, Some(&sealed[..5])),
            Err(SealError::Damaged)
        );
    }

    #[test]
    fn after_rotation_the_new_key_seals_and_the_old_still_opens() {
        let old = Keyring::parse(&key(1, 7)).expect("a keyring");
        let sealed = old
            .seal(SealedField::CommunitiesServed, &["carers"])
            .expect("sealed")
            .expect("stored");
        let rotated = Keyring::parse(&format!("{} , {}", key(2, 9), key(1, 7))).expect("a keyring");
        assert_eq!(rotated.current_id(), 2);
        assert!(rotated.sealed_with_older_key(&sealed));
        let opened = rotated
            .open(SealedField::CommunitiesServed, Some(&sealed))
            .expect("the old key opens");
        let resealed = rotated
            .seal(
                SealedField::CommunitiesServed,
                &opened.iter().map(String::as_str).collect::<Vec<_>>(),
            )
            .expect("sealed")
            .expect("stored");
        assert!(!rotated.sealed_with_older_key(&resealed));
        let new_only = Keyring::parse(&key(2, 9)).expect("a keyring");
        assert_eq!(
            new_only.open(SealedField::CommunitiesServed, Some(&resealed)),
            Ok(vec!["carers".to_string()])
        );
    }

    #[test]
    fn keys_are_parsed_strictly_and_never_echoed() {
        assert!(matches!(Keyring::parse("  "), Err(KeyError::Empty)));
        let secret = "c2VjcmV0LWJ1dC10b28tc2hvcnQ=";
        for bad in [
            format!("0:{secret}"),
            format!("256:{secret}"),
            format!("1:{secret}"),
            "1".to_string(),
            "one:".to_string(),
        ] {
            let error = Keyring::parse(&bad).expect_err("refused").to_string();
            assert!(!error.contains(secret), "{error}");
        }
        assert!(matches!(
            Keyring::parse(&format!("{} {}", key(3, 1), key(3, 2))),
            Err(KeyError::Repeated(3))
        ));
        let keys = Keyring::parse(&key(4, 1)).expect("a keyring");
        assert!(!format!("{keys:?}").contains(&key(4, 1)[2..]));
        let made = Keyring::new_key(5).expect("a key");
        assert_eq!(Keyring::parse(&made).map(|k| k.current_id()).ok(), Some(5));
    }
}

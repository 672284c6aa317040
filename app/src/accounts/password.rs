//! Passwords: at least 8 characters, long passphrases welcome, no rules about character
//! classes (NCSC and NIST advice), common passwords refused. Hashed with argon2id.

/// A password that meets the policy. Never stored, logged or serialised: only its hash is.
pub struct Password(String);

pub const MIN_CHARS: usize = 8;
/// Long passphrases are welcome; this only stops absurd inputs from costing hashing time.
pub const MAX_CHARS: usize = 256;

const COMMON: &str = include_str!("common_passwords.txt");

impl Password {
    /// Checks a new password against the policy. `email` is the account's, which the password
    /// must not simply repeat.
    pub fn new(text: &str, email: &str) -> Result<Password, &'static str> {
        let chars = text.chars().count();
        if chars == 0 {
            return Err("Enter a password");
        }
        if chars < MIN_CHARS {
            return Err(
                "Use at least 8 characters. A few unrelated words make a strong password that is easy to remember",
            );
        }
        if chars > MAX_CHARS {
            return Err("Use 256 characters or fewer");
        }
        let lower = text.to_lowercase();
        let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
        if lower == email.to_lowercase() || (local_part.len() >= 4 && lower.contains(&local_part)) {
            return Err("Do not use your email address in your password");
        }
        if is_common(&lower) {
            return Err(
                "That password is too common: choose something harder to guess, like three unrelated words",
            );
        }
        Ok(Password(text.to_string()))
    }

    /// For checking a password at sign-in, where no policy applies.
    pub fn for_sign_in(text: &str) -> Password {
        Password(text.chars().take(MAX_CHARS).collect())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// One of the common passwords, perhaps with digits or symbols added, perhaps in "leetspeak";
/// or a run of one character or a simple sequence.
fn is_common(lower: &str) -> bool {
    let unleet: String = lower
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            other => other,
        })
        .collect();
    let stem = |s: &str| s.trim_end_matches(|c: char| !c.is_alphabetic()).to_string();
    let candidates = [
        lower.to_string(),
        stem(lower),
        unleet.clone(),
        stem(&unleet),
    ];
    let listed = candidates
        .iter()
        .filter(|c| c.chars().count() >= 4 || c.as_str() == lower)
        .any(|c| common_words().any(|w| w == c));
    listed || is_run_or_sequence(lower)
}

fn is_run_or_sequence(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 2 {
        return false;
    }
    let same = bytes.windows(2).all(|w| w[0] == w[1]);
    let ascending = bytes.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
    let descending = bytes.windows(2).all(|w| w[1] == w[0].wrapping_sub(1));
    same || ascending || descending
}

#[cfg(feature = "ssr")]
pub use hashing::{dummy_verify, hash, verify};

#[cfg(feature = "ssr")]
mod hashing {
    use super::Password;
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    use std::sync::OnceLock;

    /// argon2id with OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane.
    fn argon2() -> Argon2<'static> {
        let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// At most this many hashes at once: each takes 19 MiB and a core, and a burst of sign-in
    /// attempts must not take the server's memory with it.
    static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

    /// Hashes on a blocking thread: argon2 is deliberately slow and must not stall the runtime.
    pub async fn hash(password: Password) -> Result<String, String> {
        let _turn = HASHING.acquire().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
            let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
            argon2()
                .hash_password(password.expose().as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// Whether `password` matches `stored`, checked on a blocking thread.
    pub async fn verify(password: Password, stored: String) -> bool {
        let Ok(_turn) = HASHING.acquire().await else {
            return false;
        };
        tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|hash| {
                    argon2()
                        .verify_password(password.expose().as_bytes(), &hash)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false)
    }

    /// Does the work of a verification against a hash no password matches, so that an unknown
    /// email takes as long to refuse as a wrong password.
    pub async fn dummy_verify(password: Password) {
        static DUMMY: OnceLock<String> = OnceLock::new();
        let stored = match DUMMY.get() {
            Some(stored) => stored.clone(),
            None => {
                let made = hash(Password::for_sign_in("not anybody's password"))
                    .await
                    .unwrap_or_default();
                DUMMY.get_or_init(|| made).clone()
            }
        };
        let _ = verify(password, stored).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "amara.okafor@example.org";

    #[test]
    fn eight_characters_are_enough_and_passphrases_are_welcome() {
        assert!(Password::new("correct horse battery staple", EMAIL).is_ok());
        assert!(Password::new("tulip-kettle-orbit", EMAIL).is_ok());
        assert!(Password::new("Zq8#mw2!", EMAIL).is_ok());
        assert!(Password::new("émigré ça", EMAIL).is_ok());
        assert!(Password::new(&"long passphrase ".repeat(16), EMAIL).is_ok());
    }

    #[test]
    fn short_empty_and_absurd_passwords_are_refused() {
        assert_eq!(Password::new("", EMAIL).err(), Some("Enter a password"));
        assert!(Password::new("seven77", EMAIL).is_err());
        assert!(Password::new(&"x".repeat(257), EMAIL).is_err());
    }

    #[test]
    fn common_passwords_and_their_disguises_are_refused() {
        for common in [
            "password",
            "Password1",
            "password123!",
            "P@ssw0rd",
            "passw0rd2024",
            "qwertyuiop",
            "12345678",
            "123456789",
            "iloveyou",
            "Liverpool1",
            "cascade2026",
            "Welcome123",
            "aaaaaaaa",
            "abcdefgh",
            "87654321",
            "football!!",
            "l3tm31n!!",
        ] {
            assert!(Password::new(common, EMAIL).is_err(), "{common}");
        }
    }

    #[test]
    fn the_email_address_is_not_a_password() {
        assert!(Password::new(EMAIL, EMAIL).is_err());
        assert!(Password::new("amara.okafor-rules", EMAIL).is_err());
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let password = Password::for_sign_in("secret words here");
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
}

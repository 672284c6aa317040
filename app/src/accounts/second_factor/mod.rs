//! Staff sign in in two steps: their password, then a code from an authenticator app (TOTP,
//! RFC 6238: six digits, a new one every 30 seconds) or one of ten single-use recovery codes.
//!
//! Between the two steps the browser holds a challenge: a random token in a cookie of its
//! own, lasting [`CHALLENGE_MINUTES`] and [`WRONG_CODES_ALLOWED`] wrong codes. A staff member
//! without an app set up is shown a new secret (as a QR code and as text) and proves they have
//! it with a code before it is kept; they then get their recovery codes, once.
//!
//! Each app code is accepted once: the time step of the last one is kept, and an earlier or
//! equal step is refused. The secret is sealed with the data key; recovery codes are kept only
//! as salted hashes.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

/// How long a challenge (a right password, no second factor yet) lasts.
pub const CHALLENGE_MINUTES: i64 = 10;
/// Wrong codes a challenge takes before it ends and the person must sign in again.
pub const WRONG_CODES_ALLOWED: i32 = 5;
/// Wrong codes in a row, across sign-ins, after which codes are refused for
/// [`CODES_REFUSED_MINUTES`]: someone with the password cannot keep signing in to guess.
pub const WRONG_CODES_BEFORE_A_WAIT: i32 = 10;
pub const CODES_REFUSED_MINUTES: i64 = 60;
/// Recovery codes given at a time.
pub const RECOVERY_CODES: usize = 10;
/// How an authenticator app names the account.
pub const ISSUER: &str = "Cascade";

/// Letters and digits that cannot be mistaken for each other (no i, l, o, 0 or 1).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters in a recovery code: 31^10, about 49 bits, each code tried at most five times per
/// challenge and each challenge behind a right password.
const RECOVERY_LENGTH: usize = 10;

/// A code as the person typed it, read: six digits from their app, or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedCode {
    App(String),
    Recovery(String),
}

/// What is said for a code that is neither.
pub const CODE_SHAPE: &str =
    "Enter the 6-digit code from your authenticator app, or one of your recovery codes";

impl TypedCode {
    /// Spaces and hyphens are ignored (apps show "123 456"; recovery codes are "abcde-fghjk"),
    /// and recovery codes are read in either case.
    pub fn parse(typed: &str) -> Result<TypedCode, &'static str> {
        let compact: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.is_empty() {
            return Err(CODE_SHAPE);
        }
        if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(TypedCode::App(compact));
        }
        if compact.len() == RECOVERY_LENGTH
            && compact.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))
        {
            return Ok(TypedCode::Recovery(compact));
        }
        Err(CODE_SHAPE)
    }
}

/// A recovery code as shown: two groups of five.
pub fn recovery_code_shown(code: &str) -> String {
    if code.len() == RECOVERY_LENGTH {
        format!("{}-{}", &code[..5], &code[5..])
    } else {
        code.to_string()
    }
}

/// A secret as people type it into an app: base32, in groups of four.
pub fn secret_shown(base32: &str) -> String {
    base32
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a staff member goes to give their second factor, and the page's state.
pub const PAGE: &str = "/account/two-step";

/// What the two-step page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TwoStep {
    /// No challenge in this browser, or it ended: sign in again.
    Expired,
    /// Enter a code from the app set up before.
    EnterCode { email: String },
    /// Set up an app: the secret as text (grouped) and as a QR code (SVG markup made here).
    SetUp {
        email: String,
        secret: String,
        qr_svg: String,
    },
}

/// Recovery codes just made, for the page that shows them once (in the form's answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCodesIssued {
    pub codes: Vec<String>,
    /// Where to go on from them.
    pub next: String,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use chrono::{DateTime, Utc};
    use sha2::{Digest, Sha256};
    use totp_rs::{Algorithm, Builder, Secret, Totp};
    use uuid::Uuid;

    /// The app's algorithm: SHA-1, 6 digits, 30 seconds, one step either side for clocks that
    /// drift (the settings every authenticator app reads from the QR code).
    fn totp(secret: &[u8]) -> Option<Totp> {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(6)
            .with_skew(1)
            .with_step_duration(30)
            .with_secret(Secret::from(secret.to_vec()))
            .build()
            .ok()
    }

    fn seconds(now: DateTime<Utc>) -> u64 {
        u64::try_from(now.timestamp()).unwrap_or(0)
    }

    /// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), in base32.
    pub fn new_secret() -> Result<String, getrandom::Error> {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes)?;
        Ok(Secret::from(bytes.to_vec()).to_base32())
    }

    fn secret_bytes(base32: &str) -> Option<Vec<u8>> {
        Secret::try_from_base32(base32)
            .ok()
            .map(|s| s.as_bytes().to_vec())
    }

    /// The time step `code` belongs to, if it is right for `secret` at `now` and later than
    /// `last_step` (a code is accepted once).
    pub fn accepted_step(
        base32: &str,
        code: &str,
        now: DateTime<Utc>,
        last_step: Option<i64>,
    ) -> Option<i64> {
        let step = totp(&secret_bytes(base32)?)?.check(code, seconds(now))?;
        let step = i64::try_from(step).ok()?;
        last_step.is_none_or(|last| step > last).then_some(step)
    }

    /// The app's code at `now` (what an authenticator app would show): for tests and the
    /// command line, never shown by a page.
    pub fn code_at(base32: &str, now: DateTime<Utc>) -> Option<String> {
        Some(
            totp(&secret_bytes(base32)?)?
                .generate(seconds(now))
                .to_string(),
        )
    }

    /// The address an authenticator app reads from the QR code (Google's key URI format).
    pub fn setup_url(email: &str, base32: &str) -> String {
        let label: String =
            form_urlencoded::byte_serialize(format!("{ISSUER}:{email}").as_bytes()).collect();
        format!(
            "otpauth://totp/{label}?secret={base32}&issuer={ISSUER}&algorithm=SHA1&digits=6&period=30"
        )
    }

    /// The QR code of [`setup_url`], as inline SVG markup: dark modules on white, with a
    /// label for screen readers (who use the secret as text instead).
    pub fn qr_svg(url: &str) -> Option<String> {
        let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
        let svg = code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(qrcode::render::svg::Color("#1b1b1b"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build();
        // The renderer starts with an XML declaration, which has no place inside HTML.
        let start = svg.find("<svg")?;
        Some(svg[start..].replacen(
            "<svg ",
            "<svg role=\"img\" aria-label=\"QR code to set up your authenticator app\" ",
            1,
        ))
    }

    /// Ten new recovery codes, unformatted.
    pub fn new_recovery_codes() -> Result<Vec<String>, getrandom::Error> {
        let mut codes = Vec::with_capacity(RECOVERY_CODES);
        while codes.len() < RECOVERY_CODES {
            let mut bytes = [0u8; RECOVERY_LENGTH * 2];
            getrandom::fill(&mut bytes)?;
            // Rejection sampling keeps every character equally likely: 248 is 8 × 31.
            let code: String = bytes
                .iter()
                .filter(|b| **b < 248)
                .take(RECOVERY_LENGTH)
                .map(|b| char::from(RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()]))
                .collect();
            if code.len() == RECOVERY_LENGTH && !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(codes)
    }

    /// What is stored of a recovery code: SHA-256 of the account and the code, so the same code
    /// on two accounts is stored differently.
    pub fn recovery_code_hash(account_id: Uuid, code: &str) -> Vec<u8> {
        let mut hasher = Sha256::new();
        hasher.update(account_id.as_bytes());
        hasher.update(code.as_bytes());
        hasher.finalize().to_vec()
    }

    /// The challenge's cookie, which lives as long as the challenge.
    const CHALLENGE_COOKIE: crate::accounts::session::TokenCookie =
        crate::accounts::session::TokenCookie {
            name: "cascade_two_step",
            secure_name: "__Host-cascade_two_step",
            max_age_seconds: CHALLENGE_MINUTES * 60,
        };

    pub fn set_cookie(token: &str, https: bool) -> String {
        CHALLENGE_COOKIE.set(token, https)
    }

    pub fn clear_cookie(https: bool) -> String {
        CHALLENGE_COOKIE.clear(https)
    }

    /// The challenge token in a request's cookies, if any.
    pub fn token_from(headers: &axum::http::HeaderMap, https: bool) -> Option<String> {
        CHALLENGE_COOKIE.read(headers, https)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_with_spaces_hyphens_and_either_case() {
        assert_eq!(
            TypedCode::parse(" 123 456 "),
            Ok(TypedCode::App("123456".into()))
        );
        assert_eq!(
            TypedCode::parse("ABCDE-FGHJK"),
            Ok(TypedCode::Recovery("abcdefghjk".into()))
        );
        for wrong in [
            "",
            "12345",
            "1234567",
            "abcde-fghj",
            "abcde-fghjl",
            "12345a",
            "<b>",
        ] {
            assert_eq!(TypedCode::parse(wrong), Err(CODE_SHAPE), "{wrong:?}");
        }
    }

    #[test]
    fn secrets_and_recovery_codes_are_shown_in_groups() {
        assert_eq!(secret_shown("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(recovery_code_shown("abcdefghjk"), "abcde-fghjk");
    }

    #[cfg(feature = "ssr")]
    mod server_side {
        use super::super::*;
        use chrono::{TimeZone, Utc};

        /// RFC 6238's own test vector for SHA-1 ("12345678901234567890" in base32), at
        /// 59 s and 1111111109 s: 94287082 and 07081804 in 8 digits, so 287082 and 081804 in 6.
        const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

        #[test]
        fn codes_are_those_of_rfc_6238() {
            let at = |s| Utc.timestamp_opt(s, 0).single().expect("a time");
            assert_eq!(code_at(RFC_SECRET, at(59)).as_deref(), Some("287082"));
            assert_eq!(
                code_at(RFC_SECRET, at(1_111_111_109)).as_deref(),
                Some("081804")
            );
        }

        #[test]
        fn a_code_is_accepted_within_a_step_either_side_and_only_once() {
            let now = Utc
                .timestamp_opt(1_800_000_000, 0)
                .single()
                .expect("a time");
            let secret = new_secret().expect("random");
            let code = code_at(&secret, now).expect("a code");
            let step = accepted_step(&secret, &code, now, None).expect("accepted");
            assert_eq!(step, 1_800_000_000 / 30);
            // 30 s late or early is accepted; 90 s is not.
            let later = now + chrono::Duration::seconds(30);
            assert_eq!(accepted_step(&secret, &code, later, None), Some(step));
            let much_later = now + chrono::Duration::seconds(90);
            assert_eq!(accepted_step(&secret, &code, much_later, None), None);
            // The same step twice, or an older one, is refused.
            assert_eq!(accepted_step(&secret, &code, now, Some(step)), None);
            assert_eq!(accepted_step(&secret, &code, now, Some(step + 1)), None);
            assert_eq!(
                accepted_step(&secret, &code, now, Some(step - 1)),
                Some(step)
            );
            // Another secret's code is not this one's.
            let other = new_secret().expect("random");
            let other_code = code_at(&other, now).expect("a code");
            if other_code != code {
                assert_eq!(accepted_step(&secret, &other_code, now, None), None);
            }
        }

        #[test]
        fn recovery_codes_are_ten_different_and_well_formed() {
            let codes = new_recovery_codes().expect("random");
            assert_eq!(codes.len(), RECOVERY_CODES);
            for code in &codes {
                assert_eq!(
                    TypedCode::parse(&recovery_code_shown(code)),
                    Ok(TypedCode::Recovery(code.clone()))
                );
            }
            let mut unique = codes.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), RECOVERY_CODES);
            let a = uuid::Uuid::from_u128(1);
            let b = uuid::Uuid::from_u128(2);
            assert_ne!(
                recovery_code_hash(a, &codes[0]),
                recovery_code_hash(b, &codes[0])
            );
        }

        #[test]
        fn the_qr_code_carries_the_setup_address_and_no_xml_declaration() {
            let url = setup_url("sam+staff@example.org", "ABCDEFGH");
            assert!(url.starts_with(
                "otpauth://totp/Cascade%3Asam%2Bstaff%40example.org?secret=ABCDEFGH&issuer=Cascade"
            ));
            let svg = qr_svg(&url).expect("drawn");
            assert!(svg.starts_with("<svg role=\"img\" aria-label="));
            assert!(!svg.contains("<?xml"));
        }
    }
}

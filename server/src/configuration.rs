//! Cascade's settings, read from the environment in one place, once, at start-up.

use leptos::config::{Env, LeptosOptions};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Every setting the server reads. Each comes from one environment variable:
///
/// | Variable | Meaning | Default |
/// |---|---|---|
/// | `DATABASE_URL` | the PostgreSQL database to use, as the role the server serves as | required |
/// | `CASCADE_MIGRATION_DATABASE_URL` | the same database as the role that owns the schema: migrations run as it, and it grants `DATABASE_URL`'s role what serving needs | none: migrations run as `DATABASE_URL`'s role |
/// | `CASCADE_ADDRESS` | the address and port to listen on | `127.0.0.1:3000` |
/// | `CASCADE_SITE_ROOT` | the folder holding `pkg/`, the built JS, WASM and CSS | `target/site` |
/// | `CASCADE_PUBLIC_URL` | the address people use; `https://…` turns on HSTS and Secure cookies | `http://` + `CASCADE_ADDRESS` |
/// | `CASCADE_LOG_FORMAT` | `text` for people, `json` for log collectors | `text` |
/// | `CASCADE_DATABASE_CONNECTIONS` | the most database connections to hold open | `10` |
/// | `CASCADE_TRUST_FORWARDED_FOR` | `true` behind a reverse proxy that sets `X-Forwarded-For` | `false` |
/// | `CASCADE_REQUESTS_PER_ADDRESS` | expressions of interest one internet address may send in 10 minutes | `10` |
/// | `CASCADE_SMTP_URL` | the mail server: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`, `smtps://…` | none: email waits in the outbox |
/// | `CASCADE_MAIL_FROM` | the sender of every email | `Cascade <cascade@localhost>` |
/// | `CASCADE_HEADER_READ_TIMEOUT_SECONDS` | a connection that has not sent a request's headers within this is closed | `15` |
/// | `CASCADE_DATA_KEY` | the keys that seal special-category data at rest: `ID:KEY` pairs, the first sealing, all opening (see `app::special_category`); `cascade new-data-key` makes one | required (`make run` makes one in `.cascade/`) |
/// | `CASCADE_METRICS_ADDRESS` | where Prometheus metrics are served, at `/metrics`: an address of their own, never the public one | none: no metrics served |
/// | `RUST_LOG` | which log lines to keep, as a tracing filter | `info` |
#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub migration_database_url: Option<String>,
    pub address: SocketAddr,
    pub site_root: PathBuf,
    pub public_url: String,
    pub log_format: LogFormat,
    pub database_connections: u32,
    pub trust_forwarded_for: bool,
    pub requests_per_address: usize,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub header_read_timeout: std::time::Duration,
    pub data_keys: app::special_category::Keyring,
    pub metrics_address: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{name} is not set: {help}")]
    Missing {
        name: &'static str,
        help: &'static str,
    },
    #[error("{name}={value:?} is not valid: {expected}")]
    Invalid {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl Settings {
    pub fn from_env() -> Result<Settings, ConfigError> {
        Settings::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads settings through `lookup`, so tests can supply their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let database_url = lookup("DATABASE_URL").ok_or(ConfigError::Missing {
            name: "DATABASE_URL",
            help: "set it to a PostgreSQL URL, or start Cascade with `make run`, which provides one",
        })?;
        if !(database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                value: redact_password(&database_url),
                expected: "a URL starting postgres:// or postgresql://",
            });
        }
        let migration_database_url = lookup("CASCADE_MIGRATION_DATABASE_URL");
        if let Some(url) = &migration_database_url
            && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                name: "CASCADE_MIGRATION_DATABASE_URL",
                value: redact_password(url),
                expected: "a URL starting postgres:// or postgresql://",
            });
        }
        let address = parse(
            &lookup,
            "CASCADE_ADDRESS",
            "127.0.0.1:3000",
            "an address like 127.0.0.1:3000",
        )?;
        let site_root =
            PathBuf::from(lookup("CASCADE_SITE_ROOT").unwrap_or_else(|| "target/site".into()));
        let public_url = lookup("CASCADE_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{address}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                name: "CASCADE_PUBLIC_URL",
                value: public_url,
                expected: "a URL starting http:// or https://",
            });
        }
        let log_format = match lookup("CASCADE_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "CASCADE_LOG_FORMAT",
                    value: other.to_string(),
                    expected: "text or json",
                });
            }
        };
        let database_connections: u32 = parse(
            &lookup,
            "CASCADE_DATABASE_CONNECTIONS",
            "10",
            "a whole number of connections, at least 1",
        )?;
        if database_connections == 0 {
            return Err(ConfigError::Invalid {
                name: "CASCADE_DATABASE_CONNECTIONS",
                value: "0".into(),
                expected: "a whole number of connections, at least 1",
            });
        }
        let trust_forwarded_for = match lookup("CASCADE_TRUST_FORWARDED_FOR").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "CASCADE_TRUST_FORWARDED_FOR",
                    value: other.to_string(),
                    expected: "true or false",
                });
            }
        };
        let requests_per_address: usize = parse(
            &lookup,
            "CASCADE_REQUESTS_PER_ADDRESS",
            "10",
            "a whole number of requests",
        )?;
        let smtp_url = lookup("CASCADE_SMTP_URL");
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(ConfigError::Invalid {
                name: "CASCADE_SMTP_URL",
                value: redact_password(url),
                expected: "a URL starting smtp:// or smtps://",
            });
        }
        let mail_from = lookup("CASCADE_MAIL_FROM")
            .unwrap_or_else(|| "Cascade <cascade@localhost>".to_string());
        let header_read_timeout: u64 = parse(
            &lookup,
            "CASCADE_HEADER_READ_TIMEOUT_SECONDS",
            "15",
            "a whole number of seconds, at least 1",
        )?;
        if header_read_timeout == 0 {
            return Err(ConfigError::Invalid {
                name: "CASCADE_HEADER_READ_TIMEOUT_SECONDS",
                value: "0".into(),
                expected: "a whole number of seconds, at least 1",
            });
        }
        let data_keys = lookup("CASCADE_DATA_KEY").ok_or(ConfigError::Missing {
            name: "CASCADE_DATA_KEY",
            help: "make one with `cascade new-data-key`, or start Cascade with `make run`, which makes one",
        })?;
        let data_keys = app::special_category::Keyring::parse(&data_keys).map_err(|error| {
            ConfigError::Invalid {
                name: "CASCADE_DATA_KEY",
                value: error.to_string(),
                expected: "ID:KEY pairs, ID from 1 to 255 and KEY 32 bytes in base64",
            }
        })?;
        let metrics_address = match lookup("CASCADE_METRICS_ADDRESS") {
            None => None,
            Some(value) => match value.parse::<SocketAddr>() {
                Ok(metrics) if metrics != address || metrics.port() == 0 => Some(metrics),
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "CASCADE_METRICS_ADDRESS",
                        value,
                        expected: "an address and port other than CASCADE_ADDRESS, like 127.0.0.1:9464",
                    });
                }
            },
        };
        Ok(Settings {
            database_url,
            migration_database_url,
            address,
            site_root,
            public_url,
            log_format,
            database_connections,
            trust_forwarded_for,
            requests_per_address,
            smtp_url,
            mail_from,
            header_read_timeout: std::time::Duration::from_secs(header_read_timeout),
            data_keys,
            metrics_address,
        })
    }

    /// Whether people reach Cascade over HTTPS (so HSTS and Secure cookies apply).
    pub fn serves_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Leptos' own options, derived from ours: the built front end lives in `{site_root}/pkg`,
    /// in a folder named by the build's hash (`pkg/version` names it; see scripts/build.sh), and
    /// is named `cascade` (`cascade.js`, `cascade_bg.wasm`, `cascade.css`).
    pub fn leptos_options(&self) -> LeptosOptions {
        let pkg = match self.front_end_version() {
            Some(version) => format!("pkg/{version}"),
            None => "pkg".to_string(),
        };
        LeptosOptions::builder()
            .output_name("cascade")
            .site_root(self.site_root.to_string_lossy().to_string())
            .site_pkg_dir(pkg)
            .site_addr(self.address)
            .env(Env::PROD)
            .build()
    }
}

impl Settings {
    /// The built front end's hash, from `{site_root}/pkg/version`: its files' folder. `None`
    /// when there is no build (tests), or one from before the files were hashed.
    pub fn front_end_version(&self) -> Option<String> {
        let version = std::fs::read_to_string(self.site_root.join("pkg/version")).ok()?;
        let version = version.trim();
        (!version.is_empty() && version.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| version.to_string())
    }
}

fn parse<T: std::str::FromStr>(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &str,
    expected: &'static str,
) -> Result<T, ConfigError> {
    let value = lookup(name).unwrap_or_else(|| default.to_string());
    value.parse().map_err(|_| ConfigError::Invalid {
        name,
        value,
        expected,
    })
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and messages.
pub fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_password(&self.database_url))
            .field(
                "migration_database_url",
                &self.migration_database_url.as_deref().map(redact_password),
            )
            .field("address", &self.address)
            .field("site_root", &self.site_root)
            .field("public_url", &self.public_url)
            .field("log_format", &self.log_format)
            .field("database_connections", &self.database_connections)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("requests_per_address", &self.requests_per_address)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_password))
            .field("mail_from", &self.mail_from)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("data_keys", &self.data_keys)
            .field("metrics_address", &self.metrics_address)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const KEY: &str = "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    /// Settings from `vars`, with a data key unless they give (or blank) one.
    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let mut all: HashMap<String, String> =
            HashMap::from([("CASCADE_DATA_KEY".to_string(), KEY.to_string())]);
        all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Settings::from_lookup(|name| all.get(name).filter(|v| !v.is_empty()).cloned())
    }

    #[test]
    fn a_missing_or_malformed_data_key_says_how_to_make_one_and_never_echoes_it() {
        let missing = settings(&[
            ("DATABASE_URL", "postgres://localhost/cascade"),
            ("CASCADE_DATA_KEY", ""),
        ])
        .expect_err("no key");
        assert!(missing.to_string().contains("cascade new-data-key"));
        let short = "1:c2hvcnQtc2VjcmV0";
        let malformed = settings(&[
            ("DATABASE_URL", "postgres://localhost/cascade"),
            ("CASCADE_DATA_KEY", short),
        ])
        .expect_err("a short key");
        assert!(malformed.to_string().starts_with("CASCADE_DATA_KEY="));
        assert!(!malformed.to_string().contains("c2hvcnQtc2VjcmV0"));
        let s = settings(&[("DATABASE_URL", "postgres://localhost/cascade")]).expect("valid");
        assert!(!format!("{s:?}").contains(&KEY[2..]));
    }

    #[test]
    fn defaults_need_only_a_database_and_a_data_key() {
        let s = settings(&[("DATABASE_URL", "postgres://localhost/cascade")]).expect("valid");
        assert_eq!(s.address.to_string(), "127.0.0.1:3000");
        assert_eq!(s.public_url, "http://127.0.0.1:3000");
        assert_eq!(s.site_root, PathBuf::from("target/site"));
        assert_eq!(s.log_format, LogFormat::Text);
        assert!(!s.serves_https());
        assert_eq!(s.header_read_timeout.as_secs(), 15);
    }

    #[test]
    fn a_missing_database_says_how_to_get_one() {
        let error = settings(&[]).expect_err("no database");
        assert!(error.to_string().contains("make run"));
    }

    #[test]
    fn bad_values_are_named() {
        let error = settings(&[
            ("DATABASE_URL", "postgres://localhost/cascade"),
            ("CASCADE_ADDRESS", "everywhere"),
        ])
        .expect_err("bad address");
        assert!(
            error
                .to_string()
                .starts_with("CASCADE_ADDRESS=\"everywhere\"")
        );
        assert!(settings(&[("DATABASE_URL", "mysql://x")]).is_err());
        assert!(
            settings(&[
                ("DATABASE_URL", "postgres://localhost/cascade"),
                ("CASCADE_DATABASE_CONNECTIONS", "0")
            ])
            .is_err()
        );
    }

    #[test]
    fn https_public_url_turns_on_https_behaviour() {
        let s = settings(&[
            ("DATABASE_URL", "postgres://localhost/cascade"),
            ("CASCADE_PUBLIC_URL", "https://cascade.example.org/"),
        ])
        .expect("valid");
        assert!(s.serves_https());
        assert_eq!(s.public_url, "https://cascade.example.org");
    }

    #[test]
    fn passwords_never_reach_logs() {
        assert_eq!(
            redact_password("postgres://cascade:s3cret@127.0.0.1:5432/cascade"),
            "postgres://cascade:***@127.0.0.1:5432/cascade"
        );
        assert_eq!(
            redact_password("postgres://localhost/db"),
            "postgres://localhost/db"
        );
        let s = settings(&[("DATABASE_URL", "postgres://u:pw@h/db")]).expect("valid");
        assert!(!format!("{s:?}").contains("pw"));
    }
}

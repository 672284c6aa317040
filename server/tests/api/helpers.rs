//! The harness: [`spawn_app`] gives each test its own database, migrated, and the application
//! serving on a free port, with an HTTP client that keeps cookies.

use app::coaches::demo::NewCoach;
use app::database::MIGRATOR;
use app::vocabulary::{Language, Region, SessionFormat, Theme};
use server::configuration::{LogFormat, Settings};
use server::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, Executor, PgConnection, PgPool};
use std::str::FromStr;
use tokio::sync::OnceCell;
use uuid::Uuid;

pub struct TestApp {
    pub address: String,
    /// Keeps cookies, like a browser.
    pub client: reqwest::Client,
    /// Keeps no cookies: each request says who it is from (see `as_`).
    pub plain: reqwest::Client,
    /// The test's own database, to arrange and inspect rows directly.
    pub pool: PgPool,
    /// The app's clock: it stands at the time the test started until the test moves it.
    pub clock: app::clock::Clock,
}

/// A page as the browser receives it.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub html: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get_page(&self, path: &str) -> Page {
        Page::from(self.get(path).await).await
    }

    /// Posts a form as a browser does from one of our own pages.
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
        let body = serde_urlencoded::to_string(pairs).expect("encodable");
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", self.address.clone())
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .expect("the server answers")
    }

    /// A request from whoever holds `session` (a session token; `None` is anonymous), sent
    /// as a browser on our own pages would send it.
    pub fn as_(
        &self,
        session: Option<&str>,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        let mut request = self
            .plain
            .request(method, self.url(path))
            .header("origin", self.address.clone())
            .header("sec-fetch-site", "same-origin");
        if let Some(token) = session {
            request = request.header("cookie", format!("cascade_session={token}"));
        }
        request
    }

    pub async fn get_as(&self, session: Option<&str>, path: &str) -> reqwest::Response {
        self.as_(session, reqwest::Method::GET, path)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_form_as(
        &self,
        session: Option<&str>,
        path: &str,
        pairs: &[(&str, &str)],
    ) -> reqwest::Response {
        self.as_(session, reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(pairs).expect("encodable"))
            .send()
            .await
            .expect("the server answers")
    }

    /// An account with the password [`PASSWORD`]; a coach's when `coach` names a profile.
    pub async fn add_account(&self, email: &str, staff: bool, coach: Option<&str>) -> Uuid {
        // Hashed once per run: argon2 is slow by design, and every account shares the password.
        static HASH: OnceCell<String> = OnceCell::const_new();
        let hash = HASH
            .get_or_init(|| async {
                app::accounts::password::hash(app::accounts::password::Password::for_sign_in(
                    PASSWORD,
                ))
                .await
                .expect("hashed")
            })
            .await;
        sqlx::query_scalar(
            "INSERT INTO accounts (email, name, password_hash, staff, coach, coach_id)
             VALUES ($1, $1, $2, $3, $4, (SELECT id FROM coaches WHERE slug = $5)) RETURNING id",
        )
        .bind(email)
        .bind(hash)
        .bind(staff)
        .bind(coach.is_some())
        .bind(coach)
        .fetch_one(&self.pool)
        .await
        .expect("account stored")
    }

    /// An admin's account (staff, and admin), with the password [`PASSWORD`].
    pub async fn add_admin(&self, email: &str) -> Uuid {
        let id = self.add_account(email, true, None).await;
        sqlx::query("UPDATE accounts SET admin = true WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .expect("admin role");
        id
    }

    /// A signed-in session for the account: its cookie's token.
    pub async fn session_for(&self, account_id: Uuid) -> String {
        app::accounts::session::start(&self.pool, account_id, None, self.clock.now())
            .await
            .expect("a session")
    }

    /// A coach's account with no profile yet (as after an invitation), signed in: the session.
    pub async fn new_coach_session(&self, email: &str) -> String {
        let id = self.add_account(email, false, None).await;
        sqlx::query("UPDATE accounts SET coach = true WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .expect("coach role");
        self.session_for(id).await
    }

    /// A staff account and a signed-in session for it: the session's token.
    pub async fn staff_session(&self) -> String {
        let id = self.add_account("staff@example.org", true, None).await;
        self.session_for(id).await
    }

    /// Records training for the coach (a profile is published only then).
    pub async fn record_training(&self, coach_id: Uuid) {
        sqlx::query(
            "INSERT INTO coach_training (coach_id, completed_on, cohort, trainer)
             VALUES ($1, $2, 'Test cohort', 'Test trainer')",
        )
        .bind(coach_id)
        .bind(self.clock.today() - chrono::Duration::days(30))
        .execute(&self.pool)
        .await
        .expect("training recorded");
    }

    /// The id of the coach with this slug.
    pub async fn coach_id(&self, slug: &str) -> Uuid {
        sqlx::query_scalar("SELECT id FROM coaches WHERE slug = $1")
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .expect("a coach")
    }

    /// The body of the newest email to `to`, waiting up to ten seconds for it (some are
    /// written after the answer, so timing reveals nothing).
    pub async fn last_email_to(&self, to: &str) -> String {
        for _ in 0..100 {
            let body: Option<String> = sqlx::query_scalar(
                "SELECT body FROM outbox WHERE to_address = $1 ORDER BY created_at DESC, seq DESC LIMIT 1",
            )
            .bind(to)
            .fetch_optional(&self.pool)
            .await
            .expect("outbox read");
            if let Some(body) = body {
                return body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no email to {to}")
    }

    /// The body of the newest email of `kind` to `to` (when others may follow it, like the
    /// questionnaire sent with an acceptance).
    pub async fn last_email_of_kind(&self, to: &str, kind: &str) -> String {
        sqlx::query_scalar(
            "SELECT body FROM outbox WHERE to_address = $1 AND kind = $2
             ORDER BY created_at DESC, seq DESC LIMIT 1",
        )
        .bind(to)
        .bind(kind)
        .fetch_optional(&self.pool)
        .await
        .expect("outbox read")
        .unwrap_or_else(|| panic!("no {kind} email to {to}"))
    }

    pub async fn add_coaches(&self, coaches: &[NewCoach]) {
        let added = app::coaches::demo::insert(&self.pool, coaches)
            .await
            .expect("coaches stored");
        assert_eq!(added as usize, coaches.len(), "every test coach is new");
    }
}

impl Page {
    pub async fn from(response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let html = response.text().await.expect("a body");
        Page {
            status,
            headers,
            html,
        }
    }

    /// The coaches listed, as `data-slug` of each card, in order.
    pub fn card_slugs(&self) -> Vec<String> {
        self.html
            .split(r#"data-testid="coach-card""#)
            .skip(1)
            .filter_map(|card| card.split(r#"data-slug=""#).nth(1))
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }

    /// The whole opening tag of the first element with `attribute` in it.
    pub fn tag_with(&self, attribute: &str) -> Option<&str> {
        let at = self.html.find(attribute)?;
        let start = self.html[..at].rfind('<')?;
        let end = at + self.html[at..].find('>')?;
        Some(&self.html[start..=end])
    }

    /// `data-count` of the result count.
    pub fn result_count(&self) -> Option<u64> {
        let (_, after) = self.html.split_once(r#"data-testid="result-count""#)?;
        let (_, count) = after.split_once(r#"data-count=""#)?;
        count.split('"').next()?.parse().ok()
    }
}

/// A leader's request to the coach at `slug`, stored as the form would store it; its reference.
pub async fn ask_coach(
    app: &TestApp,
    slug: &str,
    email: &str,
    funding: &str,
    income: &str,
) -> String {
    let form = app::interest::form::AskForm {
        submission_id: Uuid::new_v4().to_string(),
        leader_name: "Jo Bloggs".into(),
        email: email.into(),
        role: "Director".into(),
        organisation_name: "Hollowmere Carers".into(),
        organisation_type: "registered-charity".into(),
        health_and_wellbeing: "yes".into(),
        annual_income: income.into(),
        region: "wales".into(),
        postcode: "CF10 1EP".into(),
        under_represented_communities: "no".into(),
        goals: "I would like to think about our strategy.".into(),
        funding_route: funding.into(),
        leadership_support_before: "yes".into(),
        consent: "yes".into(),
        ..Default::default()
    };
    app::interest::submit::submit(
        &app.pool,
        slug,
        &form,
        "http://test",
        false,
        app.clock.now(),
        None,
    )
    .await
    .expect("a request")
    .reference
    .to_string()
}

/// Amara Okafor (a coach the test added) accepts the request `reference` now: the coaching.
pub async fn amara_accepts(app: &TestApp, reference: &str) -> Uuid {
    app::me::db::accept(
        &app.pool,
        app.coach_id("amara-okafor").await,
        reference,
        "Welcome",
        "http://test",
        false,
        app.clock.now(),
    )
    .await
    .expect("accepted")
}

/// A leader's coaching with Amara Okafor (a coach the test added), accepted and then closed:
/// the leader's closing questionnaire's link, from its email.
pub async fn closed_coaching(app: &TestApp, email: &str) -> String {
    let reference = ask_coach(app, "amara-okafor", email, "organisation", "90k").await;
    let coach = app.coach_id("amara-okafor").await;
    let now = app.clock.now();
    let engagement = amara_accepts(app, &reference).await;
    app::me::db::close(
        &app.pool,
        coach,
        engagement,
        true,
        "http://test",
        false,
        now,
    )
    .await
    .expect("closed");
    link_in(
        &app.last_email_of_kind(email, "questionnaire").await,
        "/questionnaires/",
    )
}

/// Every test account's password.
pub const PASSWORD: &str = "correct horse battery staple";

/// The site-relative link in an email body, from `path` (like `/account/welcome`) to the end of
/// the address.
pub fn link_in(body: &str, path: &str) -> String {
    let at = body
        .find(path)
        .unwrap_or_else(|| panic!("no {path} link in {body}"));
    let end = body[at..]
        .find(char::is_whitespace)
        .map_or(body.len(), |e| at + e);
    body[at..end].to_string()
}

/// A published coach accepting new leaders, for tests to adjust: by default in London,
/// coaching on strategy, in English, by video.
pub fn coach(name: &str) -> NewCoach {
    NewCoach {
        slug: app::coaches::Slug::from_name(name).to_string(),
        status: app::coaches::draft::CoachStatus::Published,
        name: name.to_string(),
        pronouns: None,
        role: "Director",
        organisation: "Northgate Wellbeing Trust".into(),
        region: Region::London,
        postcode_area: "E",
        bio: "I have led a small charity for ten years.".into(),
        how_i_coach: "I listen, and ask questions.",
        themes: vec![Theme::StrategyAndPlanning],
        communities: vec![],
        lived_experience: vec![],
        languages: vec![Language::English],
        formats: vec![SessionFormat::Video],
        accepting_new_leaders: true,
        capacity: 3,
        current_leaders: 0,
        next_opening: None,
        email: format!("{}@example.org", app::coaches::Slug::from_name(name)),
        phone: Some("07700 900123".into()),
    }
}

fn admin_options() -> PgConnectOptions {
    let url = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL is not set: run `make test`, or set it to a PostgreSQL URL whose user may create databases",
    );
    PgConnectOptions::from_str(&url)
        .expect("TEST_DATABASE_URL is a PostgreSQL URL")
        .log_statements(tracing::log::LevelFilter::Trace)
}

/// The role the test servers serve as, with the rights `app::database::grant_serving_role`
/// gives: as in production, not the owner of the schema.
pub const SERVING_ROLE: &str = "cascade_test_serving";

/// Creates the serving role once per run (roles belong to the cluster), with a password of
/// this run's: the password.
async fn serving_role_password() -> &'static str {
    static PASSWORD: OnceCell<String> = OnceCell::const_new();
    PASSWORD
        .get_or_init(|| async {
            let password = uuid::Uuid::new_v4().simple().to_string();
            let mut admin = PgConnection::connect_with(&admin_options())
                .await
                .expect("connect to PostgreSQL as TEST_DATABASE_URL");
            admin
                .execute(
                    format!(
                        "DO $$ BEGIN CREATE ROLE {SERVING_ROLE} LOGIN;
                         EXCEPTION WHEN duplicate_object THEN NULL; END $$"
                    )
                    .as_str(),
                )
                .await
                .expect("the serving role exists");
            admin
                .execute(format!("ALTER ROLE {SERVING_ROLE} PASSWORD '{password}'").as_str())
                .await
                .expect("the serving role's password is set");
            password
        })
        .await
}

/// A database migrated once per test run; each test's database is a copy of it, which is much
/// faster than migrating every time. The serving role's rights are granted in it, and copied
/// with it.
async fn template_database() -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            serving_role_password().await;
            let name = format!("cascade_template_{}", uuid::Uuid::new_v4().simple());
            create_database(&name, None).await;
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect_with(admin_options().database(&name))
                .await
                .expect("connect to the template database");
            MIGRATOR
                .run(&pool)
                .await
                .expect("migrations apply to an empty database");
            app::database::grant_serving_role(&pool, SERVING_ROLE)
                .await
                .expect("the serving role is granted what serving needs");
            pool.close().await;
            name
        })
        .await
}

async fn create_database(name: &str, template: Option<&str>) {
    let mut admin = PgConnection::connect_with(&admin_options())
        .await
        .expect("connect to PostgreSQL as TEST_DATABASE_URL");
    let statement = match template {
        Some(template) => format!(r#"CREATE DATABASE "{name}" TEMPLATE "{template}""#),
        None => format!(r#"CREATE DATABASE "{name}""#),
    };
    admin
        .execute(statement.as_str())
        .await
        .expect("create a test database");
}

/// A fresh, migrated database for one test: its name, and a pool as its owner (for tests to
/// arrange and inspect rows with).
pub async fn fresh_database() -> (String, PgPool) {
    let template = template_database().await;
    let name = format!("cascade_test_{}", uuid::Uuid::new_v4().simple());
    create_database(&name, Some(template)).await;
    let pool = PgPoolOptions::new()
        .max_connections(5)
        .connect_with(admin_options().database(&name))
        .await
        .expect("connect to the test database");
    (name, pool)
}

/// A pool to the database `name` as the serving role.
pub async fn serving_pool(name: &str) -> PgPool {
    let password = serving_role_password().await;
    let options = admin_options()
        .database(name)
        .username(SERVING_ROLE)
        .password(password);
    PgPoolOptions::new()
        .max_connections(5)
        .connect_with(options)
        .await
        .expect("connect to the test database as the serving role")
}

pub fn test_settings() -> Settings {
    Settings {
        database_url: "postgres://unused-the-pool-is-given".into(),
        migration_database_url: None,
        address: "127.0.0.1:0".parse().expect("an address"),
        // Pages render without the built front end; tests of /pkg point this elsewhere.
        site_root: std::env::temp_dir().join("cascade-no-site"),
        public_url: "http://127.0.0.1".into(),
        log_format: LogFormat::Text,
        database_connections: 5,
        trust_forwarded_for: false,
        // Tests post many forms from one address; the limit's own test sets it back to 10.
        requests_per_address: 1_000,
        smtp_url: None,
        mail_from: "Cascade <cascade@localhost>".into(),
        header_read_timeout: std::time::Duration::from_secs(15),
        data_keys: test_data_keys().clone(),
        metrics_address: None,
    }
}

/// One data key for the whole test run: the keyring is process-wide (see
/// `app::special_category`).
pub fn test_data_keys() -> &'static app::special_category::Keyring {
    static KEYS: std::sync::OnceLock<app::special_category::Keyring> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let key = app::special_category::Keyring::new_key(1).expect("random bytes");
        app::special_category::Keyring::parse(&key).expect("a keyring")
    })
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_settings()).await
}

/// The application with `settings` on a fresh database, serving as the least-privileged role,
/// as in production.
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    let (name, admin) = fresh_database().await;
    let serving = serving_pool(&name).await;
    spawn_app_on(serving, admin, settings).await
}

/// The application serving from `serving` (whatever state that database is in); the test
/// arranges and inspects rows through `admin`.
pub async fn spawn_app_on(serving: PgPool, admin: PgPool, settings: Settings) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        server::telemetry::init(LogFormat::Text);
    } else {
        captured_logs();
    }
    let clock = app::clock::Clock::set_at(chrono::Utc::now());
    let application = Application::build_with_clock(&settings, serving, clock.clone())
        .await
        .expect("the application builds");
    let address = format!("http://{}", application.address().expect("bound"));
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("a client");
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    TestApp {
        address,
        client,
        plain,
        pool: admin,
        clock,
    }
}

/// Every log line the servers in this test process wrote, at debug level and above (more than
/// a server writes by default): the sentinel test reads them. One buffer for the process,
/// because the subscriber is process-wide. `None` under `TEST_LOG`, which prints them instead.
pub fn captured_logs() -> Option<String> {
    use std::sync::{Arc, Mutex, OnceLock};
    #[derive(Clone)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    static LOGS: OnceLock<Option<Buffer>> = OnceLock::new();
    let logs = LOGS.get_or_init(|| {
        let buffer = Buffer(Arc::new(Mutex::new(Vec::new())));
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "debug,hyper=info,hyper_util=info,h2=info,reqwest=info,tower=info",
            ))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .try_init()
            .ok()
            .map(|()| buffer)
    });
    logs.as_ref().map(|buffer| {
        String::from_utf8_lossy(&buffer.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    })
}

/// A moment, from RFC 3339 text, for tests that set the clock.
pub fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .expect("a time")
}

/// The kinds of every email to `to`, in the order they were written.
pub async fn kinds_to(app: &TestApp, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM outbox WHERE to_address = $1 ORDER BY created_at, seq")
        .bind(to)
        .fetch_all(&app.pool)
        .await
        .expect("the outbox")
}

/// A count from `sql`.
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The value a response sets for cookie `name`, if it sets one (an empty value clears it).
pub fn cookie_set(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
}

/// What a staff member's second step gave once passed.
pub struct TwoStepDone {
    pub session: String,
    /// The authenticator app's secret (base32), as the page showed it for typing in.
    pub secret: String,
    /// The recovery codes shown once, as shown.
    pub recovery_codes: Vec<String>,
    pub page: Page,
}

/// The text of each element in `html` whose start tag contains `marker` (up to the next `<`).
pub fn texts_after(html: &str, marker: &str) -> Vec<String> {
    html.split(marker)
        .skip(1)
        .map(|rest| {
            let after_tag = rest.split_once('>').map_or("", |(_, after)| after);
            after_tag.split('<').next().unwrap_or_default().to_string()
        })
        .collect()
}

impl TestApp {
    /// A request from a browser holding the second step's challenge cookie (and a session's,
    /// if any).
    pub fn with_challenge(
        &self,
        challenge: &str,
        session: Option<&str>,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        let mut cookie = format!("cascade_two_step={challenge}");
        if let Some(session) = session {
            cookie.push_str(&format!("; cascade_session={session}"));
        }
        self.plain
            .request(method, self.url(path))
            .header("origin", self.address.clone())
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
    }

    /// Sends `code` for the challenge.
    pub async fn send_code(&self, challenge: &str, code: &str) -> reqwest::Response {
        self.send_code_with(challenge, None, code).await
    }

    /// Sends `code` for the challenge from a browser that also holds `session`.
    pub async fn send_code_with(
        &self,
        challenge: &str,
        session: Option<&str>,
        code: &str,
    ) -> reqwest::Response {
        self.with_challenge(
            challenge,
            session,
            reqwest::Method::POST,
            "/account/two-step",
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string([("code", code)]).expect("encodable"))
        .send()
        .await
        .expect("the server answers")
    }

    /// Sets up an authenticator app as a person would: reads the key off the page, and sends
    /// the code an app would show now.
    pub async fn set_up_app(&self, challenge: &str) -> TwoStepDone {
        self.set_up_app_with(challenge, None).await
    }

    /// [`Self::set_up_app`] in a browser that also holds `session`.
    pub async fn set_up_app_with(&self, challenge: &str, session: Option<&str>) -> TwoStepDone {
        let page = Page::from(
            self.with_challenge(challenge, None, reqwest::Method::GET, "/account/two-step")
                .send()
                .await
                .expect("the server answers"),
        )
        .await;
        assert_eq!(page.status, 200);
        let secret: String = texts_after(&page.html, "data-testid=\"setup-key\"")
            .first()
            .expect("a key to type in")
            .split_whitespace()
            .collect();
        let code =
            app::accounts::second_factor::code_at(&secret, self.clock.now()).expect("a code");
        let response = self.send_code_with(challenge, session, &code).await;
        let session = cookie_set(&response, "cascade_session").expect("signed in");
        let page = Page::from(response).await;
        assert_eq!(page.status, 200, "{}", page.html);
        let codes_list = page
            .html
            .split("data-testid=\"recovery-codes\"")
            .nth(1)
            .and_then(|rest| rest.split("</ul>").next())
            .unwrap_or_default()
            .to_string();
        TwoStepDone {
            session,
            secret,
            recovery_codes: texts_after(&codes_list, "<code"),
            page,
        }
    }
}

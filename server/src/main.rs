//! `cascade serve | migrate | seed | new-data-key`: see `server::configuration::Settings` for the environment it reads.

use server::configuration::{Settings, redact_password};
use server::startup::{Application, database_pool, database_pool_for};
use std::process::ExitCode;

const USAGE: &str = "usage: cascade [serve | migrate | seed [--if-empty] [--coaches N] | new-data-key [ID]
               | admin create-staff EMAIL [--name NAME] | admin reset-two-step EMAIL]

  serve     apply any pending migrations, then serve Cascade (the default)
  migrate   apply any pending migrations and exit
  seed      add the demo data (72 fictional coaches; --coaches N for N of them, as the
            benchmark does); --if-empty only when the directory has no coaches at all
  new-data-key  print a new random key for CASCADE_DATA_KEY, with id ID (default 1); to
            rotate, put it before the old one, restart, then drop the old one
  admin create-staff EMAIL  make an admin's account for EMAIL (named NAME, or by the part of
            the address before the @, until they change it) and a link to set its password: shown
            here when there is no mail server, else emailed by the server. Admins invite the
            rest of the staff team at /staff/team
  admin reset-two-step EMAIL  forget the authenticator app and recovery codes of the staff
            member at EMAIL, and sign them out: they set up an app at their next sign-in (for
            an admin who lost both, when no other admin can do it at /staff/team)

Settings come from the environment: DATABASE_URL (required), CASCADE_ADDRESS,
CASCADE_MIGRATION_DATABASE_URL, CASCADE_SITE_ROOT, CASCADE_PUBLIC_URL, CASCADE_LOG_FORMAT,
CASCADE_DATABASE_CONNECTIONS, CASCADE_DATA_KEY (required), RUST_LOG: see server/src/configuration.rs.";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "-h" | "--help" | "help") {
        eprintln!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if command == "new-data-key" {
        // Needs no settings: it is how the first key is made.
        let id = args
            .get(1)
            .map_or(Some(1), |id| id.parse::<u8>().ok().filter(|id| *id > 0));
        return match id.map(app::special_category::Keyring::new_key) {
            Some(Ok(key)) => print_key(&key),
            Some(Err(error)) => {
                eprintln!("cascade: {error}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("cascade: the key id must be a number from 1 to 255\n\n{USAGE}");
                ExitCode::FAILURE
            }
        };
    }
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("cascade: {error}");
            return ExitCode::FAILURE;
        }
    };
    server::telemetry::init(settings.log_format);
    app::special_category::install(settings.data_keys.clone());
    let outcome = match command {
        "serve" => serve(&settings).await,
        "migrate" => migrate(&settings).await,
        "seed" => seed(&settings, &args[1..]).await,
        "admin" => admin(&settings, &args[1..]).await,
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("cascade: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Applies pending migrations as the schema's owner, and grants the serving role what it
/// needs (when the two differ: see `app::database`).
async fn migrate(settings: &Settings) -> Result<(), String> {
    let owner_url = settings
        .migration_database_url
        .as_deref()
        .unwrap_or(&settings.database_url);
    let owner = database_pool_for(owner_url, 2).map_err(|e| format!("database settings: {e}"))?;
    app::database::MIGRATOR.run(&owner).await.map_err(|e| {
        format!(
            "could not apply migrations to {}: {e}",
            redact_password(owner_url)
        )
    })?;
    let serving_role = role_of(&settings.database_url)?;
    if serving_role != role_of(owner_url)? {
        app::database::grant_serving_role(&owner, &serving_role)
            .await
            .map_err(|e| format!("could not grant {serving_role} what serving needs: {e}"))?;
    } else if settings.migration_database_url.is_none() {
        tracing::warn!(
            "the server runs as the role that owns the schema; set CASCADE_MIGRATION_DATABASE_URL \
             to the owner's URL and DATABASE_URL to a role with fewer rights"
        );
    }
    owner.close().await;
    tracing::info!("migrations applied");
    Ok(())
}

#[expect(
    clippy::print_stdout,
    reason = "the key is this command's output, for a script"
)]
fn print_key(key: &str) -> ExitCode {
    println!("{key}");
    ExitCode::SUCCESS
}

/// Seals special-category values still in the clear or sealed with an older key: after this,
/// every one is sealed with the key CASCADE_DATA_KEY names first.
async fn seal_at_rest(settings: &Settings, pool: &sqlx::PgPool) -> Result<(), String> {
    let sealed = app::special_category::seal_at_rest(pool, &settings.data_keys)
        .await
        .map_err(|e| format!("could not seal special-category data with CASCADE_DATA_KEY: {e}"))?;
    if sealed > 0 {
        tracing::info!(
            sealed,
            key = settings.data_keys.current_id(),
            "special-category values sealed with the current data key"
        );
    }
    Ok(())
}

/// The user name in a PostgreSQL URL.
fn role_of(url: &str) -> Result<String, String> {
    use std::str::FromStr;
    sqlx::postgres::PgConnectOptions::from_str(url)
        .map(|options| options.get_username().to_string())
        .map_err(|e| format!("{} is not a PostgreSQL URL: {e}", redact_password(url)))
}

async fn seed(settings: &Settings, options: &[String]) -> Result<(), String> {
    use app::coaches::demo;
    let mut if_empty = false;
    let mut count = demo::DEMO_COACHES;
    let mut rest = options.iter();
    while let Some(option) = rest.next() {
        match option.as_str() {
            "--if-empty" => if_empty = true,
            "--coaches" => {
                count = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--coaches needs a number")?;
            }
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
    }
    migrate(settings).await?;
    let pool = database_pool(settings).map_err(|e| format!("database settings: {e}"))?;
    seal_at_rest(settings, &pool).await?;
    let failed = |e: sqlx::Error| format!("could not load the demo data: {e}");
    if if_empty && !demo::directory_is_empty(&pool).await.map_err(failed)? {
        tracing::info!("the directory already has coaches: no demo data loaded");
        return Ok(());
    }
    let today = app::clock::Clock::system().today();
    let added = demo::insert(&pool, &demo::coaches(count, today))
        .await
        .map_err(failed)?;
    demo::declare_whom_they_coach(&pool).await.map_err(failed)?;
    // Before the demo accounts, whose requests are played out on the worker's rules: the history
    // leaves the worker nothing to do, so they unfold as they would without it.
    let requests = app::reporting::demo::insert(&pool, app::clock::Clock::system().now())
        .await
        .map_err(|e| format!("could not add the demo history: {e}"))?;
    tracing::info!(requests, "demo history added");
    demo::mark_seeded(&pool).await.map_err(failed)?;
    tracing::info!(added, "demo data loaded");
    if settings.serves_https() {
        // Accounts with a published password have no place on a real site.
        eprintln!(
            "Demo data: {added} coaches added; no demo accounts, as CASCADE_PUBLIC_URL is https."
        );
    } else {
        app::accounts::demo::insert(
            &pool,
            &settings.public_url,
            settings.smtp_url.is_some(),
            app::clock::Clock::system().now(),
        )
        .await
        .map_err(|e| format!("could not add the demo accounts: {e}"))?;
        eprintln!(
            "Demo data: {added} coaches added; accounts {} and {} (password {}).",
            app::accounts::demo::DEMO_STAFF,
            app::accounts::demo::DEMO_COACH,
            app::accounts::demo::DEMO_PASSWORD
        );
    }
    Ok(())
}

/// `cascade admin create-staff EMAIL [--name NAME]`: how a deployment gets its first admin.
/// `cascade admin reset-two-step EMAIL`: how an admin locked out gets back in.
async fn admin(settings: &Settings, options: &[String]) -> Result<(), String> {
    let usage = || {
        format!(
            "usage: cascade admin create-staff EMAIL [--name NAME] | admin reset-two-step EMAIL\n\n{USAGE}"
        )
    };
    let (Some(command), Some(email)) = (options.first().map(String::as_str), options.get(1)) else {
        return Err(usage());
    };
    match command {
        "create-staff" => {}
        "reset-two-step" if options.len() == 2 => return reset_two_step(settings, email).await,
        _ => return Err(usage()),
    }
    let email = app::contact::EmailAddress::parse(email).map_err(|m| format!("{email:?}: {m}"))?;
    let name = match options.get(2..) {
        Some([flag, name]) if flag == "--name" => name.clone(),
        Some([]) | None => email
            .as_str()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_string(),
        Some(_) => return Err(usage()),
    };
    // The rule the site's forms apply to a person's name.
    let mut errors = app::forms::FieldErrors::new();
    let Some(name) = app::forms::required_text(
        &mut errors,
        "name",
        &name,
        100,
        "the name must be 1 to 100 characters, on one line",
    ) else {
        let message = errors.iter().next().map(|(_, m)| m.to_string());
        return Err(format!("--name: {}", message.unwrap_or_default()));
    };
    migrate(settings).await?;
    let pool = database_pool(settings).map_err(|e| format!("database settings: {e}"))?;
    let made = app::staff::decisions::create_staff_account(
        &pool,
        &name,
        &email,
        &settings.public_url,
        settings.smtp_url.is_some(),
        app::clock::Clock::system().now(),
    )
    .await
    .map_err(|e| format!("could not make the staff account: {e}"))?;
    use app::staff::decisions::StaffAccountMade;
    let lifetime = app::accounts::links::Purpose::Invitation.lifetime_in_words();
    match made {
        StaffAccountMade::Link(link) => say(&format!(
            "Staff account made for {email}. There is no mail server (CASCADE_SMTP_URL), so give \
             them this link to set their password; it works once, within {lifetime}:\n\n{link}",
            email = email.as_str()
        )),
        StaffAccountMade::Emailed => say(&format!(
            "Staff account made for {email}. The server (cascade serve) emails them a link to set \
             their password, which works once, within {lifetime} of being sent.",
            email = email.as_str()
        )),
        StaffAccountMade::AlreadyExists => {
            return Err(format!(
                "{} already has an account: nothing was made",
                email.as_str()
            ));
        }
    }
    Ok(())
}

async fn reset_two_step(settings: &Settings, email: &str) -> Result<(), String> {
    let email = app::contact::EmailAddress::parse(email).map_err(|m| format!("{email:?}: {m}"))?;
    migrate(settings).await?;
    let pool = database_pool(settings).map_err(|e| format!("database settings: {e}"))?;
    let reset = app::staff::team::db::reset_from_command_line(&pool, &email)
        .await
        .map_err(|e| format!("could not reset two-step sign-in: {e}"))?;
    if !reset {
        return Err(format!(
            "{} is not a staff member's address: nothing was changed",
            email.as_str()
        ));
    }
    say(&format!(
        "Two-step sign-in reset for {}: they are signed out everywhere, and set up an \
         authenticator app when they next sign in.",
        email.as_str()
    ));
    Ok(())
}

#[expect(
    clippy::print_stdout,
    reason = "what the command made is its output, for the person at the terminal"
)]
fn say(text: &str) {
    println!("{text}");
}

async fn serve(settings: &Settings) -> Result<(), String> {
    migrate(settings).await?;
    let pool = database_pool(settings).map_err(|e| format!("database settings: {e}"))?;
    seal_at_rest(settings, &pool).await?;
    let pool_for_work = pool.clone();
    let application = Application::build(settings, pool)
        .await
        .map_err(|e| format!("could not listen on {}: {e}", settings.address))?;
    let address = application.address().map_err(|e| e.to_string())?;
    match &settings.smtp_url {
        Some(url) => {
            let mailer = app::mail::delivery::Mailer::new(&app::mail::delivery::SmtpSettings {
                url: url.clone(),
                from: settings.mail_from.clone(),
            })?;
            app::mail::delivery::spawn(
                pool_for_work.clone(),
                mailer,
                settings.public_url.clone(),
                app::clock::Clock::system(),
            );
            tracing::info!("email is sent through the configured mail server");
        }
        None => {
            tracing::info!("no mail server configured: email waits in the outbox at /staff/outbox")
        }
    }
    // Reminders, expiries and passing requests on: safe to run in every server process.
    app::interest::due::spawn(
        pool_for_work,
        app::clock::Clock::system(),
        settings.public_url.clone(),
        settings.smtp_url.is_some(),
    );
    tracing::info!(%address, "Cascade is serving on http://{address}");
    application
        .run_until_stopped(shutdown_signal())
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

/// Ctrl-C or SIGTERM: stop taking requests and finish the ones in flight.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

//! Builds the application from settings: the database pool, the routes, the middleware.

use crate::configuration::Settings;
use crate::{assets, health, layers};
use app::clock::Clock;
use app::rate_limit::Limits;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

/// A bound, ready-to-run server. Binding happens in [`Application::build`], so tests can ask
/// for port 0 and read the real port before serving.
pub struct Application {
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    /// `/metrics` on its own address, when one is set.
    metrics: Option<(TcpListener, Router)>,
}

/// How long a request waits for a database connection before it is answered with 503.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// A pool that connects on first use: the server starts (and `/healthz` can say 503) even
/// while the database is down.
pub fn database_pool(settings: &Settings) -> Result<PgPool, sqlx::Error> {
    database_pool_for(&settings.database_url, settings.database_connections)
}

/// A lazy pool of at most `connections` to `url`.
pub fn database_pool_for(url: &str, connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(connections)
        // Long enough to wait for a busy pool; short enough that, with the database down, a
        // request is answered "try again in a minute" within seconds rather than held.
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_lazy(url)
}

impl Application {
    /// The application on the system clock.
    pub async fn build(settings: &Settings, pool: PgPool) -> std::io::Result<Application> {
        Application::build_with_clock(settings, pool, Clock::system()).await
    }

    /// The application reading the time from `clock` (tests set and move theirs).
    pub async fn build_with_clock(
        settings: &Settings,
        pool: PgPool,
        clock: Clock,
    ) -> std::io::Result<Application> {
        let listener = TcpListener::bind(settings.address).await?;
        app::special_category::install(settings.data_keys.clone());
        let mut settings = settings.clone();
        settings.address = listener.local_addr()?;
        // Read once: the banner appears on a server started after `cascade seed`.
        let demo = app::coaches::demo::is_seeded(&pool)
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "could not tell whether the demo data is loaded");
                false
            });
        let directory = app::coaches::cache::DirectoryCache::new();
        directory.listen(&pool);
        let state = AppState {
            leptos_options: settings.leptos_options(),
            directory,
            pool,
            limits: std::sync::Arc::new(Limits::new(settings.requests_per_address)),
            trust_forwarded_for: settings.trust_forwarded_for,
            public_url: settings.public_url.clone(),
            https: settings.serves_https(),
            mail_delivery: settings.smtp_url.is_some(),
            demo,
            shell: app::routes::page_shell,
            clock,
        };
        let metrics = match settings.metrics_address {
            Some(address) => {
                crate::metrics::recorder();
                let listener = TcpListener::bind(address).await?;
                Some((listener, crate::metrics::router(state.clone())))
            }
            None => None,
        };
        Ok(Application {
            listener,
            router: router(state, &settings),
            header_read_timeout: settings.header_read_timeout,
            metrics,
        })
    }

    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Where `/metrics` is served, if anywhere.
    pub fn metrics_address(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight (for at most
    /// [`SHUTDOWN_GRACE`]).
    ///
    /// hyper-util's server rather than `axum::serve`, which cannot time out a client that
    /// sends its headers slowly or never: such a connection is closed after the header-read
    /// timeout.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
        let Application {
            listener,
            router,
            header_read_timeout,
            metrics,
        } = self;
        if let Some((listener, metrics)) = metrics {
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, metrics).await {
                    tracing::error!(%error, "metrics stopped");
                }
            });
        }
        let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout);
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        tokio::pin!(shutdown);
        loop {
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors, say: wait rather than spin.
                        tracing::warn!(%error, "connection not accepted");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let router = router.clone();
            // What `into_make_service_with_connect_info` would do: handlers and the rate
            // limits read the peer's address from the request.
            let service = hyper::service::service_fn(
                move |mut request: axum::http::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    tower::ServiceExt::oneshot(router.clone(), request)
                },
            );
            let connection = builder
                .serve_connection_with_upgrades(TokioIo::new(stream), service)
                .into_owned();
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                if let Err(error) = connection.await {
                    tracing::debug!(%error, "connection ended with an error");
                }
            });
        }
        drop(listener);
        if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("requests still running after the grace period were abandoned");
        }
        Ok(())
    }
}

/// How long requests in flight may take to finish once the server is told to stop: within the
/// 10 s that docs/deploy.md gives the process manager (`TimeoutStopSec=10`), with two to spare.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);

pub fn router(state: AppState, settings: &Settings) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let context_state = state.clone();
    let provide_state = move || provide_context(context_state.clone());
    let page_shell = {
        let options = leptos_options.clone();
        move || shell(options.clone())
    };
    let not_found =
        leptos_axum::render_app_to_stream_with_context(provide_state.clone(), page_shell.clone());
    let mut router = Router::new();
    // Forms post to their own page's address (the page itself is a Leptos route, GET), each
    // behind its access rule.
    for action in app::routes::forms::routes()
        .into_iter()
        .chain(app::routes::forms::downloads())
    {
        let rule = (state.clone(), action.access);
        router = router.route(
            action.path,
            action
                .handler
                .route_layer(axum::middleware::from_fn_with_state(
                    rule,
                    app::routes::forms::enforce,
                )),
        );
    }
    let routes = router
        .leptos_routes_with_context(&state, routes, provide_state, page_shell)
        // Any other address renders the app, whose router shows the not-found page with a 404.
        .fallback(not_found)
        // The programme's numbers today, for every route above (see `settings`).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::settings::provide_terms,
        ))
        // Who is asking, for every route above.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::accounts::session::resolve_caller,
        ))
        // Added after that layer, so outside it: no session lookup for these, and the front end
        // stays cacheable for people who are signed in.
        .route("/healthz", get(health::healthz))
        .route("/livez", get(health::livez))
        .nest(
            "/pkg",
            assets::router(&settings.site_root, settings.front_end_version()),
        )
        .with_state(state);
    layers::apply(routes, settings)
}

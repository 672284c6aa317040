//! Builds the application from settings: the database pool, the routes, the middleware.

use crate::configuration::Settings;
use crate::{assets, health, layers};
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
}

/// A pool that connects on first use: the server starts (and `/healthz` can say 503) even
/// while the database is down.
pub fn database_pool(settings: &Settings) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(settings.database_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy(&settings.database_url)
}

impl Application {
    pub async fn build(settings: &Settings, pool: PgPool) -> std::io::Result<Application> {
        let listener = TcpListener::bind(settings.address).await?;
        let mut settings = settings.clone();
        settings.address = listener.local_addr()?;
        let state = AppState {
            leptos_options: settings.leptos_options(),
            pool,
            limits: std::sync::Arc::new(Limits::new(settings.requests_per_address)),
            trust_forwarded_for: settings.trust_forwarded_for,
            public_url: settings.public_url.clone(),
            mail_delivery: settings.smtp_url.is_some(),
        };
        Ok(Application {
            listener,
            router: router(state, &settings),
        })
    }

    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}

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
    for action in app::actions::routes() {
        let rule = (state.clone(), action.access);
        router = router.route(
            action.path,
            action
                .handler
                .route_layer(axum::middleware::from_fn_with_state(
                    rule,
                    app::actions::enforce,
                )),
        );
    }
    let routes = router
        .leptos_routes_with_context(&state, routes, provide_state, page_shell)
        // Any other address renders the app, whose router shows the not-found page with a 404.
        .fallback(not_found)
        // Who is asking, for every route above.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::accounts::session::resolve_caller,
        ))
        // Added after that layer, so outside it: no session lookup for these, and the front end
        // stays cacheable for people who are signed in.
        .route("/healthz", get(health::healthz))
        .nest("/pkg", assets::router(&settings.site_root))
        .with_state(state);
    layers::apply(routes, settings)
}

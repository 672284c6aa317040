//! The frame every page sits in: the HTML shell, header, navigation, footer, and the routes.

mod home;
mod not_found;
mod privacy;

use crate::accounts::pages::{ForgotPasswordPage, ResetPasswordPage, SignInPage, WelcomePage};
use crate::accounts::{Access, current_caller};
use crate::coaches::directory::DirectoryPage;
use crate::coaches::profile::CoachProfilePage;
use crate::eligibility::EligibilityPage;
use crate::error::AppError;
use crate::interest::pages::{AskPage, SentPage};
use crate::me::pages::{MePage, MyEngagementPage, MyProfilePage, MyRequestPage};
use crate::staff::pages::{
    AuditPage, BursariesPage, CoachesPage, InvitePage, ModerationPage, OutboxPage, RequestsPage,
    StaffHomePage,
};
use home::HomePage;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{A, FlatRoutes, Route, Router};
use leptos_router::{SsrMode, path};
pub use not_found::NotFound;
use privacy::PrivacyPage;

/// A teal tile with a white "C": inline, so it costs no request.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E\
%3Crect width='32' height='32' rx='6' fill='%2300594f'/%3E%3Cpath d='M21 10.5a8 8 0 1 0 0 11' fill='none' \
stroke='white' stroke-width='4' stroke-linecap='round'/%3E%3C/svg%3E";

/// The whole HTML document. Runs only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::provide_nonce_and_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href="/pkg/cascade.css" />
                <link rel="icon" href=FAVICON type="image/svg+xml" />
                <HydrationScripts options islands=true />
                // Client-side navigation between server-rendered pages: see the script's header.
                <script type="module" src="/pkg/navigation.js"></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // Every page's title passes through here, escaped: leptos_meta writes it raw.
        <Title formatter=|page: String| crate::ui::page_title(&page) />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to main content"
            </a>
            <DemoBanner />
            <SiteHeader />
            <main id="main" tabindex="-1">
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=|| HomePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/eligibility") view=|| EligibilityPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=|| PrivacyPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/coaches") view=|| DirectoryPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug") view=|| CoachProfilePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug/ask") view=|| AskPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug/ask/sent") view=|| SentPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=|| SignInPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/account/welcome") view=|| WelcomePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/account/forgot-password") view=|| ForgotPasswordPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/account/reset-password") view=|| ResetPasswordPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/me") view=|| MePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/me/profile") view=|| MyProfilePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/me/requests/:reference") view=|| MyRequestPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/me/engagements/:id") view=|| MyEngagementPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=|| StaffHomePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/moderation") view=|| ModerationPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/coaches") view=|| CoachesPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/invite") view=|| InvitePage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests") view=|| RequestsPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/bursaries") view=|| BursariesPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/outbox") view=|| OutboxPage().into_any() ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=|| AuditPage().into_any() ssr=SsrMode::Async />
                </FlatRoutes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// On a site holding the demo data: a note on every page that its people are made up.
#[component]
fn DemoBanner() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let demo = use_context::<crate::state::AppState>().is_some_and(|state| state.demo);
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    demo.then(|| {
        view! {
            <div class="demo-banner" data-testid="demo-banner">
                <p class="container">
                    <strong>"Demo data. "</strong>
                    "Every coach, organisation, request and account on this site is made up."
                </p>
            </div>
        }
    })
}

#[component]
fn SiteHeader() -> impl IntoView {
    let caller = current_caller();
    let coach = caller.is_coach();
    let staff = caller.is_staff();
    let signed_in = caller.account().is_some();
    view! {
        <header class="site-header">
            <div class="container site-header-inner">
                <a class="site-name" href="/">
                    "Cascade"
                    <span class="site-tagline">"Peer leadership coaching for the voluntary and community sector"</span>
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li>
                            <A href="/" exact=true>
                                "Home"
                            </A>
                        </li>
                        <li>
                            <A href="/eligibility">"Check eligibility"</A>
                        </li>
                        <li>
                            <A href="/coaches">"Find a coach"</A>
                        </li>
                        {coach.then(|| view! { <li><A href="/me">"Your coaching"</A></li> })}
                        {staff.then(|| view! { <li><A href="/staff">"Staff"</A></li> })}
                        {if signed_in {
                            leptos::either::Either::Left(view! {
                                <li>
                                    <form method="post" action="/sign-out" class="inline-form">
                                        <button type="submit" class="link-button">"Sign out"</button>
                                    </form>
                                </li>
                            })
                        } else {
                            leptos::either::Either::Right(view! { <li><A href="/sign-in">"Sign in"</A></li> })
                        }}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                <nav aria-label="Footer">
                    <ul class="nav-list">
                        <li>
                            <A href="/privacy">"Privacy notice"</A>
                        </li>
                    </ul>
                </nav>
                <p>
                    "Cascade is open-source software for peer leadership coaching in the UK voluntary and community sector."
                </p>
            </div>
        </footer>
    }
}

/// For pages only some may see: `None` when the caller may. Otherwise what to show instead: for
/// someone not signed in, a redirect to sign in (and back); for someone signed in, a 403 page.
pub fn refusal(access: Access) -> Option<AnyView> {
    let caller = current_caller();
    if caller.may(access) {
        return None;
    }
    if caller.account().is_none() {
        #[cfg(feature = "ssr")]
        {
            let here = use_context::<axum::http::request::Parts>()
                .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_string()))
                .unwrap_or_else(|| "/".to_string());
            // A plain 303 whatever the Accept header (leptos_axum::redirect would answer
            // 200 to anything that is not a browser).
            if let (Some(response), Ok(location)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                axum::http::HeaderValue::from_str(&format!("/sign-in?next={}", encode_path(&here))),
            ) {
                response.insert_header(axum::http::header::LOCATION, location);
                response.set_status(axum::http::StatusCode::SEE_OTHER);
            }
        }
        return Some(
            view! {
                <div class="container narrow">
                    <h1 id="main-heading" tabindex="-1">"Sign in to continue"</h1>
                    <p><a href="/sign-in">"Sign in"</a></p>
                </div>
            }
            .into_any(),
        );
    }
    set_status(403);
    Some(view! { <Forbidden /> }.into_any())
}

/// Percent-encodes a local path for use as a query value.
pub fn encode_path(path: &str) -> String {
    form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <Title text="No access" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"You do not have access to this page"</h1>
            <p>"Your account cannot see or change this. If you think it should, contact Cascade staff."</p>
            <p><a href="/">"Go to the home page"</a></p>
        </div>
    }
}

/// A whole page for a failure on our side, for pages that have no heading of their own yet.
#[component]
pub fn SomethingWentWrong(error: AppError) -> impl IntoView {
    set_status(error.status());
    view! {
        <Title text="Something went wrong" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Something went wrong"</h1>
            <p>{error.to_string()}</p>
        </div>
    }
}

/// What a page shows when loading its data failed, with the matching status code.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status());
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        other => view! {
            <Title text="Something went wrong" />
            <h1 id="main-heading" tabindex="-1">"Something went wrong"</h1>
            <p>{other.to_string()}</p>
        }
        .into_any(),
    }
}

/// A data table that scrolls sideways on a narrow screen rather than widening the page (reflow),
/// scrollable by keyboard, and named by `label` both as a region and as its caption.
#[component]
pub fn ScrollTable(#[prop(into)] label: String, children: Children) -> impl IntoView {
    let caption = label.clone();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                {children()}
            </table>
        </div>
    }
}

/// A page's data rendered by `render`, or the error page when loading it failed.
pub fn or_error_page<T, V: IntoView>(
    loaded: Result<T, AppError>,
    render: impl FnOnce(T) -> V,
) -> impl IntoView {
    match loaded {
        Ok(value) => leptos::either::Either::Left(render(value)),
        Err(error) => leptos::either::Either::Right(view! { <ErrorPage error /> }),
    }
}

/// Sets the response's status code, when rendering on the server (a no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Renders the page at the request's address with `context` provided, and answers with
/// `status`: how a form's POST handler shows the form again with what was typed and what went
/// wrong.
#[cfg(feature = "ssr")]
pub async fn render_page<C: Clone + Send + Sync + 'static>(
    state: crate::state::AppState,
    mut parts: axum::http::request::Parts,
    status: axum::http::StatusCode,
    context: C,
) -> axum::response::Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(context.clone());
        },
        move || shell(options.clone()),
    );
    parts.method = axum::http::Method::GET;
    let mut response = handler(axum::http::Request::from_parts(
        parts,
        axum::body::Body::empty(),
    ))
    .await;
    *response.status_mut() = status;
    response
}

#[cfg(feature = "ssr")]
mod security {
    use leptos::nonce::Nonce;
    use leptos::prelude::*;

    /// Gives this response a fresh nonce for Leptos' inline hydration script and a
    /// Content-Security-Policy that allows that script and nothing else inline.
    pub fn provide_nonce_and_policy() {
        let nonce = Nonce::new();
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            let policy = format!(
                "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
            );
            if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
                response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
        provide_context(nonce);
    }
}

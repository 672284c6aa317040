//! Every address Cascade answers, with who may use it next to it: the HTML document, the page
//! routes (each with its access rule), and the forms that change something (each with its
//! access rule, enforced before its handler runs). The only module that imports every feature.

use crate::access::Access;
use crate::accounts::pages::{ForgotPasswordPage, ResetPasswordPage, SignInPage, WelcomePage};
use crate::coaches::directory::DirectoryPage;
use crate::coaches::profile::CoachProfilePage;
use crate::eligibility::EligibilityPage;
use crate::interest::leader_page::LeaderRequestPage;
use crate::interest::pages::{AskPage, SentPage};
use crate::me::pages::{
    ConfirmAvailabilityPage, MePage, MyEngagementPage, MyProfilePage, MyRequestPage,
};
use crate::site::Frame;
use crate::site::home::HomePage;
use crate::site::privacy::PrivacyPage;
use crate::staff::pages::{
    AuditPage, BursariesPage, CoachesPage, EngagementsPage, InvitePage, ModerationPage, OutboxPage,
    RequestsPage, StaffHomePage,
};
use crate::ui::{NotFound, refusal};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{SsrMode, path};

/// A teal tile with a white "C": inline, so it costs no request.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E\
%3Crect width='32' height='32' rx='6' fill='%2300594f'/%3E%3Cpath d='M21 10.5a8 8 0 1 0 0 11' fill='none' \
stroke='white' stroke-width='4' stroke-linecap='round'/%3E%3C/svg%3E";

/// The whole HTML document. Runs only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::provide_nonce_and_policy();
    // The build's folder (named by its hash, so browsers may keep its files for good).
    let pkg = format!("/{}", options.site_pkg_dir);
    // For `ui::IslandScripts`, which only pages with an island render.
    provide_context(options);
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href=format!("{pkg}/cascade.css") />
                <link rel="icon" href=FAVICON type="image/svg+xml" />
                // Client-side navigation between server-rendered pages: see the script's header.
                <script type="module" src=format!("{pkg}/navigation.js")></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// [`shell`] as one type, for the server's state (forms render their page again through it).
pub fn page_shell(options: LeptosOptions) -> AnyView {
    shell(options).into_any()
}

/// `page`, if the caller may see it: otherwise a sign-in redirect or a 403 page.
fn only(access: Access, page: impl FnOnce() -> AnyView) -> AnyView {
    refusal(access).unwrap_or_else(page)
}

#[component]
pub fn App() -> impl IntoView {
    use Access::{Admin, Coach, Public, SignedIn, Staff};
    provide_meta_context();
    view! {
        // Every page's title passes through here, escaped: leptos_meta writes it raw.
        <Title formatter=|page: String| crate::ui::page_title(&page) />
        <Router>
            <Frame>
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=|| only(Public, || HomePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/eligibility") view=|| only(Public, || EligibilityPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=|| only(Public, || PrivacyPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/impact") view=|| only(Public, || crate::reporting::pages::ImpactPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/coaches") view=|| only(Public, || DirectoryPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/suggested-coaches") view=|| only(Public, || crate::matching::pages::SuggestionsPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug") view=|| only(Public, || CoachProfilePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug/ask") view=|| only(Public, || AskPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/coaches/:slug/ask/sent") view=|| only(Public, || SentPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/requests/:token") view=|| only(Public, || LeaderRequestPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/your-data-erased") view=|| only(Public, || crate::personal_data::pages::ErasedPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/requests/:token/your-data") view=|| only(Public, || crate::personal_data::pages::LeaderDataPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/questionnaires/:token/feedback") view=|| only(Public, || crate::feedback::pages::FeedbackPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/questionnaires/:token") view=|| only(Public, || crate::outcomes::pages::QuestionnairePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=|| only(Public, || SignInPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account/welcome") view=|| only(Public, || WelcomePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account/forgot-password") view=|| only(Public, || ForgotPasswordPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account/reset-password") view=|| only(Public, || ResetPasswordPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account/two-step") view=|| only(Public, || crate::accounts::second_factor::pages::TwoStepPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account/recovery-codes") view=|| only(Staff, || crate::accounts::second_factor::pages::RecoveryCodesPage().into_any()) />
                    <Route path=path!("/me") view=|| only(Coach, || MePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/confirm-availability") view=|| only(Public, || ConfirmAvailabilityPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/whom-you-coach") view=|| only(Coach, || crate::matching::pages::WhomYouCoachPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/profile") view=|| only(Coach, || MyProfilePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/people") view=|| only(Staff, || crate::personal_data::people_page::PeoplePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account") view=|| only(SignedIn, || crate::accounts::own::YourAccountPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/your-data") view=|| only(Coach, || crate::personal_data::pages::CoachDataPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/close-account") view=|| only(Coach, || crate::personal_data::pages::CloseAccountPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/account-closed") view=|| only(Public, || crate::personal_data::pages::AccountClosedPage().into_any()) />
                    <Route path=path!("/me/requests/:reference") view=|| only(Coach, || MyRequestPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/me/engagements/:id") view=|| only(Coach, || MyEngagementPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=|| only(Staff, || StaffHomePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/moderation") view=|| only(Staff, || ModerationPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/coaches") view=|| only(Staff, || CoachesPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/invite") view=|| only(Staff, || InvitePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/requests") view=|| only(Staff, || RequestsPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/engagements") view=|| only(Staff, || EngagementsPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/overview") view=|| only(Staff, || crate::reporting::pages::StaffOverviewPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/bursaries") view=|| only(Staff, || BursariesPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/bank-holidays") view=|| only(Staff, || crate::staff::bank_holidays::BankHolidaysPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/outbox") view=|| only(Staff, || OutboxPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=|| only(Staff, || AuditPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/readiness") view=|| only(Staff, || crate::readiness::pages::ReadinessPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/readiness/:coach") view=|| only(Staff, || crate::readiness::pages::CoachReadinessPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/supervision") view=|| only(SignedIn, || crate::readiness::pages::CaseloadPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/fees") view=|| only(Staff, || crate::fees::pages::FeesPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/fees/:engagement") view=|| only(Staff, || crate::fees::pages::FeePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/feedback") view=|| only(Staff, || crate::feedback::pages::StaffFeedbackPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/concerns") view=|| only(Staff, || crate::concerns::pages::ConcernsPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/concerns/:id") view=|| only(Staff, || crate::concerns::pages::ConcernPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/cascade") view=|| only(Staff, || crate::cascade::pages::CascadePage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/settings") view=|| only(Admin, || crate::settings::pages::SettingsPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/settings/:setting") view=|| only(Admin, || crate::settings::pages::SettingPage().into_any()) ssr=SsrMode::Async />
                    <Route path=path!("/staff/team") view=|| only(Admin, || crate::staff::team::TeamPage().into_any()) ssr=SsrMode::Async />
                </FlatRoutes>
            </Frame>
        </Router>
    }
}

#[cfg(feature = "ssr")]
pub mod forms;

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

//! The frame every page sits in, and the site's own content pages: the demo banner, header,
//! navigation and footer ([`Frame`]), the home page and the privacy notice. The document and
//! the routes are `routes`, which puts every page in this frame.

pub mod home;
pub mod privacy;

use crate::access::current_caller;
use leptos::prelude::*;
use leptos_router::components::A;

/// Everything around a page's `<main>`: the skip link, the demo banner, the header, and after
/// it the footer.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">
            "Skip to main content"
        </a>
        <DemoBanner />
        <SiteHeader />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
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
                            <A href="/impact">"Our impact"</A>
                        </li>
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

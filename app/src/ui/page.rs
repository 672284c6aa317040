//! Whole-page answers every part of the site shares: not found, no access, something went
//! wrong, sign in first; and the status code that goes with each.

use crate::access::{Access, current_caller};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

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

/// Shown for any address that is not a page, with a 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"Page not found"</h1>
            <p>"If you typed the web address, check it is correct. If you followed a link, it may be out of date."</p>
            <ul>
                <li>
                    <a href="/">"Go to the home page"</a>
                </li>
                <li>
                    <a href="/eligibility">"Check if you are eligible"</a>
                </li>
                <li>
                    <a href="/coaches">"Browse coaches"</a>
                </li>
            </ul>
        </div>
    }
    .into_any()
}

/// For someone signed in whose account may not see a page, with a 403 status.
#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    view! {
        <Title text="No access" />
        <div class="container narrow">
            <h1 id="main-heading" tabindex="-1">"You do not have access to this page"</h1>
            <p>"Your account cannot see or change this. If you think it should, contact Cascade staff."</p>
            <p><a href="/">"Go to the home page"</a></p>
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
            <div class="container narrow">
                <h1 id="main-heading" tabindex="-1">"Something went wrong"</h1>
                <p>{other.to_string()}</p>
            </div>
        }
        .into_any(),
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

/// `render` with the programme's numbers today (`settings::current_terms`), or the error page
/// when they cannot be read.
pub fn with_terms<V: IntoView>(render: impl FnOnce(crate::settings::Terms) -> V) -> impl IntoView {
    or_error_page(crate::settings::current_terms(), render)
}

/// For pages only some may see: `None` when the caller may. Otherwise what to show instead: for
/// someone not signed in, a redirect to sign in (and back); for someone signed in, a 403 page.
pub fn refusal(access: Access) -> Option<AnyView> {
    let caller = current_caller();
    if caller.may(access) {
        return None;
    }
    #[cfg(feature = "ssr")]
    if caller.account().is_none()
        && use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts
                .extensions
                .get::<crate::accounts::session::SessionUnresolved>()
                .is_some()
        })
    {
        // Signed in, perhaps, but the session could not be looked up (`SessionUnresolved`): not
        // a reason to sign in. Forms of a signed-in person are answered here too.
        set_status(503);
        return Some(
            view! {
                <div class="container narrow">
                    <h1 id="main-heading" tabindex="-1">"Try again in a minute"</h1>
                    <p>{crate::error::AppError::Unavailable.to_string()} "."</p>
                    <p>"Go back to the form, if you were sending one, to send it again: your browser usually keeps what you typed."</p>
                </div>
            }
            .into_any(),
        );
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
                axum::http::HeaderValue::from_str(&sign_in_and_back(&here)),
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
    Some(view! { <Forbidden /> }.into_any())
}

/// The sign-in page, bringing the person back to `here` (a local path) afterwards.
pub fn sign_in_and_back(here: &str) -> String {
    format!("/sign-in?next={}", encode_path(here))
}

/// Percent-encodes a local path for use as a query value.
pub fn encode_path(path: &str) -> String {
    form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

/// A form-wide problem (wrong password, too many attempts), read out when it appears.
#[component]
pub fn Notice(notice: Option<String>) -> impl IntoView {
    notice.map(|message| {
        view! {
            <div class="notice notice-problem" role="alert" tabindex="-1" data-nav-focus>
                <p>{message}</p>
            </div>
        }
    })
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

/// The script that fetches the WASM and hydrates the page's islands. Only a page with an island
/// renders it, so every other page loads no WASM at all. The shell provides the options.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>()
        .map(|options| view! { <HydrationScripts options islands=true /> })
}

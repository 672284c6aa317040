use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any address that is not a page, with a 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
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

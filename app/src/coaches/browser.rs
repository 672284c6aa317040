//! The coach browser on `/coaches`: the search form and its results, one island.
//!
//! Without JavaScript it is a plain GET form whose filters live in the address. Once hydrated,
//! a changed filter (and typing, after a pause) asks the server for the results
//! ([`coach_results`]: the same search, rendered by the same [`CoachCard`]s) and shows them in
//! place; the address follows every change, so Back and Forward walk the searches; the form is
//! never re-rendered, so focus stays where the leader is; and the count is a live region that
//! stays in place, so its changes are heard.
//!
//! The island's content is its children, rendered on the server only: the WASM holds only what
//! reacts (listening, asking, history), which keeps `/coaches` within its 120 KB budget.
//!
//! Below 640 px the filters (not the search box) fold behind a "Filter coaches" disclosure
//! that shows how many are active: a `<details>`, so it folds without JavaScript too.

#[cfg(feature = "ssr")]
use super::directory::search_coaches;
use super::directory::{Choice, CoachCard, DirectoryPage, DirectoryQuery, Matched, PER_PAGE};
use crate::error::AppError;
use crate::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long typing must pause before the results follow it.
#[cfg(feature = "hydrate")]
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(350);

/// What the count line says about a page of results (or a failed search).
pub fn count_text(query: &DirectoryQuery, page: Option<&DirectoryPage>) -> String {
    let Some(page) = page else {
        return "The directory could not be searched just now. Please try again.".to_string();
    };
    let count_text = match (page.total, page.coaches.len()) {
        (0, _) => "No coaches match your search".to_string(),
        (1, _) => "1 coach found".to_string(),
        (total, 0) => format!(
            "{total} coaches found, but there is no page {} of results",
            page.page
        ),
        (total, shown) => {
            let first = query.offset() + 1;
            let last = query.offset() + shown as u64;
            if total <= u64::from(PER_PAGE) {
                format!("{total} coaches found")
            } else {
                format!("{total} coaches found: showing {first} to {last}")
            }
        }
    };
    let typed = query.text.clone().unwrap_or_default();
    match page.matched {
        Matched::Exactly => count_text,
        Matched::StartOfWords => format!("{count_text} for words starting “{typed}”"),
        Matched::Closely if page.coaches.is_empty() => count_text,
        Matched::Closely => {
            format!("No exact matches for “{typed}”. Similar spellings: {count_text}")
        }
    }
}

/// The results of a search as the island shows them: the count line and the cards' HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsUpdate {
    pub total: u64,
    pub count_text: String,
    pub html: String,
}

/// The directory's results for `search`, a query string as in the page's address (read as the
/// page reads it), rendered as the page renders them. Public: it shows only what the directory
/// shows.
#[server(endpoint = "coach_results")]
pub async fn coach_results(search: String) -> Result<ResultsUpdate, AppError> {
    let query = DirectoryQuery::from_query_string(&search);
    let page = search_coaches(query.clone()).await?;
    Ok(ResultsUpdate {
        total: page.total,
        count_text: count_text(&query, Some(&page)),
        html: view! { <ResultList query page /> }.to_html(),
    })
}

/// The search form and its results (`children`, rendered on the server), made live. `search`
/// is the search on screen, as [`DirectoryQuery::to_query_string`] writes it.
///
/// The browser side works on query strings, not on [`DirectoryQuery`], and calls
/// [`coach_results`] with a plain `fetch`: Leptos's typed client and the query's parsing
/// would cost more WASM than all the rest of the island.
#[island]
pub fn CoachBrowser(search: String, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let ready = RwSignal::new(false);
    // The search on screen.
    let shown = StoredValue::new(search);
    // The latest search sent: an answer to an older one is dropped.
    let sent = StoredValue::new(0u64);
    let typing = StoredValue::new(None::<TimeoutHandle>);
    // Whether the address on screen was made by typing, so more typing replaces it: one
    // history entry for a run of typing, not one per pause.
    let typed_entry = StoredValue::new(false);
    let stop_typing = move || {
        if let Some(handle) = typing.get_value() {
            handle.clear();
        }
    };

    // Shows the results for `search`; then, for a search the leader made (not Back or Forward),
    // puts it in the address (`record`: whether to replace the current entry), so that the
    // address never names results that are not on screen.
    let show = move |search: String, record: Option<bool>| {
        #[cfg(not(feature = "hydrate"))]
        let _ = record;
        let id = sent.get_value() + 1;
        sent.set_value(id);
        shown.set_value(search.clone());
        #[cfg(feature = "hydrate")]
        if let Some(element) = root.get_untracked() {
            dom::searching(&element);
            leptos::task::spawn_local(async move {
                let update = dom::results(&search).await;
                if sent.get_value() == id {
                    let found = update.is_some();
                    dom::show(&element, update);
                    if let (true, Some(replace)) = (found, record) {
                        dom::record(&search, replace);
                    }
                }
            });
        }
    };
    // The form as it stands now, searched, with the address following (`typed`: by typing).
    let search_form = move |typed: bool| {
        stop_typing();
        #[cfg(feature = "hydrate")]
        if let Some(form) = root
            .get_untracked()
            // A page swapped out by navigation (a link clicked while typing): nothing to do.
            .filter(|r| r.is_connected())
            .and_then(|r| dom::form_in(&r))
        {
            let search = dom::search_in(&form);
            if shown.with_value(|s| *s == search) {
                return;
            }
            let replace = typed && typed_entry.get_value();
            typed_entry.set_value(typed);
            show(search, Some(replace));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (typed, show, typed_entry);
    };

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = root.get().and_then(|r| dom::form_in(&r)) {
            // Anything chosen or typed before the WASM arrived is in the form, not yet searched.
            if !shown.with_value(|s| *s == dom::search_in(&form)) {
                search_form(false);
            }
            ready.set(true);
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::popstate, move |_| {
            let Some(element) = root.get_untracked() else {
                return;
            };
            // A page swapped out by navigation keeps its listener: only the island on screen,
            // and only for this page's own searches.
            let Some(address) = dom::address_here() else {
                return;
            };
            if !element.is_connected() {
                return;
            }
            stop_typing();
            if let Some(form) = dom::form_in(&element) {
                dom::fill(&form, &address);
            }
            typed_entry.set_value(false);
            show(address, None);
        });
        on_cleanup(move || listener.remove());
    }

    let on_change = move |ev: leptos::ev::Event| {
        // Typing is searched when it pauses (below); a choice at once.
        if !is_text_entry(&ev) {
            search_form(false);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        if !is_text_entry(&ev) {
            return;
        }
        stop_typing();
        #[cfg(feature = "hydrate")]
        typing.set_value(set_timeout_with_handle(move || search_form(true), TYPING_PAUSE).ok());
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search_form(false);
    };

    view! {
        <div
            class="directory"
            node_ref=root
            data-owns-history="/coaches"
            data-ready=move || ready.get().to_string()
            on:change=on_change
            on:input=on_input
            on:submit=on_submit
        >
            {children()}
        </div>
    }
}

/// "Filter coaches (2 active)" after the toggle's name, or nothing.
pub fn active_text(active: usize) -> String {
    match active {
        0 => String::new(),
        n => format!(" ({n} active)"),
    }
}

/// The search box and the filters, as the address set them.
#[component]
pub fn FilterFields(query: DirectoryQuery) -> impl IntoView {
    let active = query.active_filters();
    view! {
        <h2 class="filters-heading">"Search and filter"</h2>
        <div class="field">
            <label for="q">"Search"</label>
            <p class="hint" id="q-hint">"A name, organisation, theme, community or language"</p>
            <input
                type="search"
                id="q"
                name="q"
                class="input"
                value=query.text.clone().unwrap_or_default()
                aria-describedby="q-hint"
                autocomplete="off"
            />
        </div>
        <details class="filters-fold">
            <summary class="filters-toggle" role="button" data-testid="filters-toggle">
                "Filter coaches"
                <span class="filters-active" data-active=active.to_string()>{active_text(active)}</span>
            </summary>
            <div class="filters-choices">
                <Choice name="region" label="Region" any="Any region" options=Region::ALL.iter().map(|r| (r.slug(), r.label())).collect() selected=query.region.map(Region::slug) />
                <Choice name="theme" label="Theme" any="Any theme" options=Theme::ALL.iter().map(|t| (t.slug(), t.label())).collect() selected=query.theme.map(Theme::slug) />
                <Choice name="community" label="Communities they know" any="Any community" options=Community::ALL.iter().map(|c| (c.slug(), c.label())).collect() selected=query.community.map(Community::slug) />
                <Choice name="language" label="Language" any="Any language" options=Language::ALL.iter().map(|l| (l.slug(), l.label())).collect() selected=query.language.map(Language::slug) />
                <Choice name="format" label="Sessions by" any="Video or phone" options=SessionFormat::ALL.iter().map(|f| (f.slug(), f.label())).collect() selected=query.format.map(SessionFormat::slug) />
                <div class="field checkbox">
                    <input type="checkbox" id="accepting" name="accepting" value="yes" checked=query.accepting_only />
                    <label for="accepting">"Only coaches accepting new leaders now"</label>
                </div>
            </div>
        </details>
        <div class="filter-actions">
            <button type="submit" class="button">"Search"</button>
            <a href="/coaches">"Clear filters"</a>
        </div>
    }
    .into_any()
}

fn is_text_entry(ev: &leptos::ev::Event) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "search" || input.type_() == "text")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

/// One page of coaches, and the links to the pages either side.
#[component]
pub fn ResultList(query: DirectoryQuery, page: DirectoryPage) -> impl IntoView {
    let last_page = page.last_page();
    let current = page.page;
    let previous = (current > 1).then(|| {
        format!(
            "/coaches?{}",
            query.to_query_string(current.min(last_page + 1) - 1)
        )
    });
    let next =
        (current < last_page).then(|| format!("/coaches?{}", query.to_query_string(current + 1)));
    let list = if page.coaches.is_empty() {
        Either::Left(view! {
            <div class="no-results">
                <p>"Try fewer filters or different words."</p>
                <p>
                    <a href="/coaches">"See all coaches"</a>
                </p>
            </div>
        })
    } else {
        Either::Right(view! {
            <ul class="coach-list">
                {page.coaches.into_iter().map(|coach| view! { <li><CoachCard coach /></li> }).collect_view()}
            </ul>
        })
    };
    view! {
        {list}
        {(last_page > 1 || current > 1)
            .then(|| {
                view! {
                    <nav class="pagination" aria-label="Pages of results">
                        {previous.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
                        <span class="pagination-status">{format!("Page {current} of {last_page}")}</span>
                        {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
                    </nav>
                }
            })}
    }
    .into_any()
}

#[cfg(feature = "hydrate")]
mod dom {
    use super::ResultsUpdate;
    use crate::coaches::directory::SEARCH_FIELDS;
    use wasm_bindgen::JsCast;

    pub fn form_in(root: &web_sys::HtmlDivElement) -> Option<web_sys::HtmlFormElement> {
        root.query_selector("form")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    }

    /// The form's search as a query string, as a GET submission would make it (less the empty
    /// fields, as `DirectoryQuery::to_query_string` leaves them out).
    pub fn search_in(form: &web_sys::HtmlFormElement) -> String {
        let Ok(params) = web_sys::UrlSearchParams::new() else {
            return String::new();
        };
        if let Ok(data) = web_sys::FormData::new_with_form(form) {
            for name in SEARCH_FIELDS {
                let value = data.get(name).as_string().unwrap_or_default();
                let value = if name == "q" {
                    value.trim().to_string()
                } else {
                    value
                };
                if !value.is_empty() {
                    params.append(name, &value);
                }
            }
        }
        params.to_string().into()
    }

    /// The address's query string, when the address is this page's.
    pub fn address_here() -> Option<String> {
        let location = web_sys::window()?.location();
        if location.pathname().ok()? != "/coaches" {
            return None;
        }
        Some(location.search().ok()?.trim_start_matches('?').to_string())
    }

    /// Puts the search in the address: a new history entry, or the current one replaced.
    pub fn record(search: &str, replace: bool) {
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let url = if search.is_empty() {
            "/coaches".to_string()
        } else {
            format!("/coaches?{search}")
        };
        let state = wasm_bindgen::JsValue::NULL;
        _ = if replace {
            history.replace_state_with_url(&state, "", Some(&url))
        } else {
            history.push_state_with_url(&state, "", Some(&url))
        };
    }

    /// Asks `coach_results` (its endpoint, as Leptos's client would, with the same encoding).
    pub async fn results(search: &str) -> Option<ResultsUpdate> {
        let body = web_sys::UrlSearchParams::new().ok()?;
        body.append("search", search);
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body.into());
        let headers = web_sys::Headers::new().ok()?;
        headers.set("Accept", "application/json").ok()?;
        init.set_headers(&headers.into());
        let request = web_sys::Request::new_with_str_and_init("/api/coach_results", &init).ok()?;
        let response =
            wasm_bindgen_futures::JsFuture::from(web_sys::window()?.fetch_with_request(&request))
                .await
                .ok()?
                .dyn_into::<web_sys::Response>()
                .ok()?;
        if !response.ok() {
            return None;
        }
        let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        serde_json::from_str(&text).ok()
    }

    fn element(root: &web_sys::HtmlDivElement, selector: &str) -> Option<web_sys::Element> {
        root.query_selector(selector).ok().flatten()
    }

    /// While a search is on its way: the results are marked busy and the filters' count is
    /// brought up to date at once.
    pub fn searching(root: &web_sys::HtmlDivElement) {
        if let Some(results) = element(root, ".directory-results") {
            _ = results.set_attribute("aria-busy", "true");
        }
        let active = form_in(root).map_or(0, |form| {
            let search = search_in(&form);
            form_urlencoded_keys(&search)
                .filter(|key| key != "q")
                .count()
        });
        if let Some(count) = element(root, ".filters-active") {
            count.set_text_content(Some(&super::active_text(active)));
            _ = count.set_attribute("data-active", &active.to_string());
        }
    }

    fn form_urlencoded_keys(search: &str) -> impl Iterator<Item = String> + '_ {
        search
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split('=').next().unwrap_or_default().to_string())
    }

    /// The answer on screen: the count (in its live region, which stays, so it is heard) and
    /// the cards, as the server rendered them (escaped there).
    pub fn show(root: &web_sys::HtmlDivElement, update: Option<ResultsUpdate>) {
        if let Some(results) = element(root, ".directory-results") {
            _ = results.remove_attribute("aria-busy");
        }
        let (Some(count), Some(list)) = (
            element(root, "#result-count"),
            element(root, "#directory-results"),
        ) else {
            return;
        };
        match update {
            Some(update) => {
                count.set_text_content(Some(&update.count_text));
                _ = count.set_attribute("data-count", &update.total.to_string());
                list.set_inner_html(&update.html);
            }
            None => count.set_text_content(Some(
                "The directory could not be searched just now. Check your connection, or try again.",
            )),
        }
    }

    /// Sets the form's fields to the search in `address` (after Back or Forward).
    pub fn fill(form: &web_sys::HtmlFormElement, address: &str) {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(address) else {
            return;
        };
        let elements = form.elements();
        for name in SEARCH_FIELDS {
            let value = params.get(name).unwrap_or_default();
            let Some(element) = elements.named_item(name) else {
                continue;
            };
            if let Ok(input) = element.clone().dyn_into::<web_sys::HtmlInputElement>() {
                if input.type_() == "checkbox" {
                    input.set_checked(!value.is_empty());
                } else {
                    input.set_value(&value);
                }
            } else if let Ok(select) = element.dyn_into::<web_sys::HtmlSelectElement>() {
                select.set_value(&value);
            }
        }
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    crate::ui::with_terms(|terms| view! {
        <Title text="" />
        <section class="hero">
            <div class="container">
                <h1 id="main-heading" tabindex="-1">"Leadership coaching from leaders who have been there"</h1>
                <p class="lead">
                    {format!(
                        "Leading a small health and wellbeing charity can be lonely. Cascade puts you in touch with an \
                         experienced leader from the voluntary and community sector, trained and supervised as a coach, \
                         for {}.",
                        terms.sessions_over_months("one-to-one ")
                    )}
                </p>
                <p class="hero-actions">
                    <a class="button button-large" href="/eligibility">
                        "Check if you are eligible"
                    </a>
                    <a class="button button-secondary" href="/coaches">
                        "Browse coaches"
                    </a>
                </p>
            </div>
        </section>
        <div class="container">
            <section aria-labelledby="who-heading">
                <h2 id="who-heading">"Who it is for"</h2>
                <p>
                    {format!(
                        "Leaders of voluntary and community sector organisations (charities, CIOs, community interest \
                         companies, community groups and social enterprises) working in health and wellbeing, with an \
                         annual income under {}.",
                        terms.eligibility_income_limit
                    )}
                </p>
            </section>
            <section aria-labelledby="how-heading">
                <h2 id="how-heading">"How it works"</h2>
                <ol class="steps">
                    <li>
                        <strong>"Check you are eligible."</strong>
                        " Five questions, answered instantly. You do not need an account."
                    </li>
                    <li>
                        <strong>"Choose a coach."</strong>
                        " Browse coaches by region, the themes they coach on, the communities they know and the \
                         languages they speak. You choose: nobody assigns you a coach."
                    </li>
                    <li>
                        <strong>"Ask them."</strong>
                        " Send an expression of interest. The coach replies to agree when to start."
                    </li>
                    <li>
                        <strong>"Meet remotely."</strong>
                        {format!(" {} by video or phone.", capitalised(&terms.sessions_over_months("")))}
                    </li>
                </ol>
            </section>
            <section aria-labelledby="cost-heading">
                <h2 id="cost-heading">"What it costs"</h2>
                <p>
                    {format!(
                        "The programme costs {}, paid to your coach's organisation. Your organisation can pay, or a \
                         funder: many grant-makers fund leadership development. Bursaries are there for organisations \
                         with an income under {}, working with ethnic-minority or other under-represented communities, \
                         or whose leader has never had leadership support. If you can pay, please do, so that \
                         bursaries reach those who cannot.",
                        terms.fee, terms.bursary_income_limit
                    )}
                </p>
            </section>
        </div>
    })
    .into_any()
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

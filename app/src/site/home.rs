use crate::eligibility::rules::{BURSARY_INCOME_LIMIT, ELIGIBILITY_INCOME_LIMIT, PROGRAMME_COST};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="" />
        <section class="hero">
            <div class="container">
                <h1 id="main-heading" tabindex="-1">"Leadership coaching from leaders who have been there"</h1>
                <p class="lead">
                    "Leading a small health and wellbeing charity can be lonely. Cascade puts you in touch with an \
                     experienced leader from the voluntary and community sector, trained and supervised as a coach, \
                     for about five one-to-one sessions over five to eight months."
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
                    "Leaders of voluntary and community sector organisations (charities, CIOs, community interest \
                     companies, community groups and social enterprises) working in health and wellbeing, with an \
                     annual income under " {ELIGIBILITY_INCOME_LIMIT.to_string()} "."
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
                        " About five sessions by video or phone, over five to eight months."
                    </li>
                </ol>
            </section>
            <section aria-labelledby="cost-heading">
                <h2 id="cost-heading">"What it costs"</h2>
                <p>
                    "The programme costs " {PROGRAMME_COST.to_string()}
                    ", paid to your coach's organisation. Your organisation can pay, or a funder: many grant-makers \
                     fund leadership development. Bursaries are there for organisations with an income under "
                    {BURSARY_INCOME_LIMIT.to_string()}
                    ", working with ethnic-minority or other under-represented communities, or whose leader has \
                     never had leadership support. If you can pay, please do, so that bursaries reach those who cannot."
                </p>
            </section>
        </div>
    }
    .into_any()
}

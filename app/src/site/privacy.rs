use leptos::prelude::*;
use leptos_meta::Title;

/// What Cascade keeps about people, why, who sees it and for how long. Linked from every page's
/// footer and from every form that collects personal data.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Title text="Privacy notice" />
        <div class="container narrow prose">
            <h1 id="main-heading" tabindex="-1">"Privacy notice"</h1>
            <p class="lead">
                "This notice explains what Cascade keeps about you, why, who can see it and for how long. \
                 The organisation running this Cascade site is the data controller for what it holds."
            </p>

            <h2 id="checker">"Checking eligibility"</h2>
            <p>
                "The eligibility checker works in your browser. What you enter is not sent to us or stored. \
                 If your browser has JavaScript turned off, your answers are sent to our server to work out the \
                 answer and are then forgotten: our logs record which page was visited, not your answers."
            </p>

            <h2 id="requests">"Asking a coach"</h2>
            <p>"When you send an expression of interest to a coach, we keep:"</p>
            <ul>
                <li>"your name, email address, phone number (if you give it) and role;"</li>
                <li>
                    "your organisation's name, type, charity or company number (if you give it), annual income, \
                     region and postcode;"
                </li>
                <li>"the communities your organisation serves, if you choose to tell us;"</li>
                <li>
                    "what you want from coaching, how it will be paid for, whether you have had leadership support \
                     before, and the other coaches you would accept."
                </li>
            </ul>
            <p>
                "We keep this to pass your request to the coach you chose, to help you find another coach if they \
                 cannot take you on, to decide bursaries fairly, and to report how the programme is used. \
                 Our lawful basis is our legitimate interest in running the programme you asked to join."
            </p>
            <h3>"Who sees it"</h3>
            <ul>
                <li>"The coach you asked. The names of other coaches you would accept are shown to them and to staff, not your request to those coaches."</li>
                <li>"Cascade staff who run the programme and decide bursaries."</li>
            </ul>
            <p>
                "Coaches' contact details are never published, and yours are never shown to the public. \
                 We do not sell or share your data with anyone else. Reports about take-up use totals, never names."
            </p>
            <h3>"How long we keep it"</h3>
            <ul>
                <li>"A request that does not lead to coaching: deleted 12 months after it was declined or withdrawn."</li>
                <li>
                    "Coaching that takes place: kept for 2 years after the last session, for reporting to funders, \
                     then deleted except for anonymous totals."
                </li>
            </ul>

            <h2 id="coaches">"Coaches and staff"</h2>
            <p>
                "Coaches' public profiles show what they choose to publish. Their email address and phone \
                 number are used only to send them requests and messages from Cascade. Signing in sets one cookie, \
                 which keeps you signed in and is deleted when you sign out or after a period of inactivity."
            </p>

            <h2 id="technical">"Cookies and logs"</h2>
            <p>
                "Leaders do not need cookies to use Cascade. We do not use analytics or advertising cookies. Our \
                 server keeps technical logs (the page visited, the time, and an error reference if something went \
                 wrong) for 30 days to keep the service working and secure. To stop abuse, we count recent requests \
                 per internet address in memory; those counts are not stored."
            </p>

            <h2 id="rights">"Your rights"</h2>
            <p>
                "You can ask for a copy of what we hold about you, ask us to correct it, ask us to delete it, or \
                 object to how we use it. Contact the organisation running this site. If you are unhappy with our \
                 answer you can complain to the Information Commissioner's Office (ICO) at ico.org.uk."
            </p>
        </div>
    }
    .into_any()
}

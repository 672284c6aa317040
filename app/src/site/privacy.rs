use crate::accounts::links::Purpose;
use crate::accounts::throttle::FORGET_AFTER_HOURS;
use crate::accounts::{SESSION_IDLE_MINUTES, SESSION_LONGEST_HOURS};
use crate::interest::leader::LINK_DAYS_AFTER_END;
use leptos::prelude::*;
use leptos_meta::Title;

/// This notice's version: raised with every change to what it says, and recorded with each
/// request as the version its leader agreed to.
pub const NOTICE_VERSION: i32 = 14;

/// Each version: its number, its date, and what changed.
pub const NOTICE_HISTORY: &[(i32, &str, &str)] = &[
    (
        1,
        "22 November 2026",
        "The first notice: checking eligibility, asking a coach, coaches' and staff's accounts.",
    ),
    (
        2,
        "2 December 2026",
        "Leaders' own request pages; coaches' and leaders' contact details only after a coach accepts.",
    ),
    (
        3,
        "2 December 2026",
        "Requests passed on to the coaches a leader named; coaches confirming their availability.",
    ),
    (
        4,
        "2 December 2026",
        "Questionnaires, and the independent evaluator's pseudonymised file.",
    ),
    (
        5,
        "2 December 2026",
        "Deletion on a schedule, with the table of how long things are kept; seeing, downloading and erasing what we hold about you from your request's page; this version history.",
    ),
    (
        6,
        "2 December 2026",
        "Correcting your name, role and organisation's name as well as your contact details; why we may use what we keep, for each purpose; who sees what; the communities an organisation serves and coaches' lived experience kept encrypted, and erased with your details; coaches seeing what we hold and closing their account from their area; the audit log keeping no personal details.",
    ),
    (
        7,
        "2 December 2026",
        "Suggested coaches, whose answers are not stored; coaches' conflicts of interest, the warning a leader sees, and the flag staff see on a request sent anyway.",
    ),
    (
        8,
        "3 December 2026",
        "Staff's two-step sign-in (the authenticator app's secret, kept encrypted, and recovery codes, kept only as hashes) and its cookie; admins, who see the staff team.",
    ),
    (
        9,
        "3 December 2026",
        "Coaches' training and supervision; supervisors, who see the leaders their coaches are coaching.",
    ),
    (
        10,
        "3 December 2026",
        "The funder who told you about Cascade, if you say; each coaching's fee, who pays it, and when it was invoiced and paid.",
    ),
    (
        11,
        "3 December 2026",
        "Anonymous feedback on your coaching when it closes, and who sees it.",
    ),
    (
        12,
        "3 December 2026",
        "Concerns a leader or a coach raises about their coaching: who reads them, what each side is told, and when they are erased.",
    ),
    (
        13,
        "3 December 2026",
        "Offering to train as a coach when your coaching closes; a coach's record of who coached them.",
    ),
    (
        14,
        "3 December 2026",
        "The periods for coaches' availability and supervision are the programme's settings in effect today; a coach is set to not accepting for not confirming their availability only 14 days or more after we asked.",
    ),
];

/// What Cascade keeps about people, why, who sees it and for how long. Linked from every page's
/// footer and from every form that collects personal data. Every sentence says what the code
/// does today, and every figure comes from the constant the code uses, or the programme's
/// setting in effect today.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    crate::ui::with_terms(|terms| view! {
        <Title text="Privacy notice" />
        <div class="container narrow prose">
            <h1 id="main-heading" tabindex="-1">"Privacy notice"</h1>
            <p data-testid="notice-version">
                {NOTICE_HISTORY
                    .iter()
                    .find(|(v, _, _)| *v == NOTICE_VERSION)
                    .map(|(v, date, _)| format!("Version {v}, {date}."))}
                " "
                <a href="#changes">"What changed"</a>
            </p>
            <p class="lead">
                "This notice explains what Cascade keeps about you, why, who can see it and for how long. \
                 The organisation running this Cascade site is the data controller for what it holds."
            </p>

            <h2 id="checker">"Checking eligibility"</h2>
            <p>
                "With JavaScript on, the eligibility checker works in your browser: what you enter is not sent \
                 to us. With JavaScript off, your answers are sent to our server in the page's address to work \
                 out the answer. They are not stored, and our logs record which page was visited, not the \
                 answers in its address."
            </p>

            <h2 id="suggestions">"Coaches who may suit you"</h2>
            <p>
                "To suggest coaches, we use what you tell us (what you would like help with, your \
                 organisation's postcode, language, format, the communities it serves, your stage as a \
                 leader, and your organisation's name and number). It is sent to our server in the page's \
                 address, used only to rank the coaches and to leave out any coach who has said they cannot \
                 coach people from your organisation, and not stored; our logs record which page was \
                 visited, not what its address carried."
            </p>

            <h2 id="requests">"Asking a coach"</h2>
            <p>"When you send an expression of interest to a coach, we keep:"</p>
            <ul>
                <li>"your name, email address, phone number (if you give it) and role;"</li>
                <li>
                    "your organisation's name, type, charity or company number (if you give it), annual income, \
                     region and postcode;"
                </li>
                <li>"the communities your organisation serves, if you choose to tell us: we keep this encrypted;"</li>
                <li>
                    "what you want from coaching, how it will be paid for, the funder who told you about Cascade \
                     (if you say), whether you have had leadership support before, the other coaches you would accept, and whether you agreed to us passing your \
                     request on to them;"
                </li>
                <li>
                    "what happens to it: each coach it goes to, their answers and the dates, the reminders we \
                     send them, and, if you withdraw it, when and any reason you give."
                </li>
            </ul>
            <p>
                "We keep this to pass your request to the coach you chose (and, if you agree, to the other \
                 coaches you named, one at a time), to email you about it, and so that \
                 Cascade staff can see every request and decide bursaries fairly. Our lawful basis is our \
                 legitimate interest in running the programme you asked to join (see "
                <a href="#lawful-basis">"why we may use it"</a>
                ")."
            </p>
            <p>
                {format!(
                    "We email you a confirmation with your reference and a private link to your request's own \
                     page; then the coach's answer, or that they did not answer in time, and where your \
                     request goes next; and, if you asked for a bursary, staff's decision on it. On that page you can see \
                     where your request stands, withdraw it, ask another coach, or correct your name, role, \
                     organisation's name, email address or phone number. Anyone with the link can do the same, so keep it to yourself. We keep \
                     only a scrambled form of it (a hash), and it stops working {LINK_DAYS_AFTER_END} days \
                     after your request ends."
                )}
            </p>
            <h3>"Who sees it"</h3>
            <p>"See "<a href="#who-sees-what">"who sees what"</a>", below."</p>
            <p>
                "Coaches' contact details are never published, and yours are never shown to the public. \
                 We do not sell your data, or share it with anyone but the programme's independent \
                 evaluator, as described under "
                <a href="#questionnaires">"questionnaires"</a>
                "."
            </p>
            <h3 id="questionnaires">"Questionnaires"</h3>
            <p>
                {format!(
                    "If a coach takes you on, we email you a short questionnaire as your coaching starts, \
                     another when it closes, and a last one {} months after that; your coach gets one at the \
                     close. Each comes with a private link that needs no account; we send one reminder {} days \
                     later if you have not sent your answers, and no more. The link works for {} days. You can skip any \
                     question. We keep your answers, saved part by part as you go, and the scores worked out \
                     from them when you send them.",
                    crate::outcomes::FOLLOW_UP_MONTHS,
                    crate::outcomes::REMINDER_AFTER_DAYS,
                    crate::outcomes::CLOSES_AFTER_DAYS,
                )}
            </p>
            <p>
                "Cascade's pages and downloads show the answers only as totals and averages, and any figure describing fewer than \
                 five leaders is shown as \"fewer than 5\", on staff pages, in downloads and on our public \
                 impact page alike. There are two exceptions. When you ask staff for everything we hold about you, they \
                 see it as it is, to give it to you, and that is recorded. And for the programme's independent evaluation, staff can download a \
                 pseudonymised file: a random code for each leader instead of their name, with no email \
                 address, phone number or organisation name, only the area part of the postcode (like \
                 \"CF\"), dates to the month and income as a band. Each download is recorded. A \
                 coach's questionnaire (their confidence as a coach, what they gained and the hours they \
                 gave) is kept with the coaching it was about; the evaluator's file has their answers \
                 but not their name, and staff see what coaches wrote in their own words without \
                 names, once five or more have answered."
            </p>
            <h3>"How long we keep it"</h3>
            <p>
                {format!(
                    "Your personal details are deleted on a schedule: {} months after a request ends \
                     without coaching, or {} years after your coaching closes (see ",
                    crate::retention::ENDED_REQUEST_MONTHS,
                    crate::retention::CLOSED_COACHING_YEARS,
                )}
                <a href="#retention">"how long we keep things"</a>
                "). You can ask the organisation running this site to delete them sooner (see "
                <a href="#rights">"your rights"</a>
                ")."
            </p>

            <h2 id="coaches">"Coaches and staff"</h2>
            <p>
                "Coaches' public profiles show what they choose to publish, once staff have approved it. A \
                 coach's email address is used to send them requests and messages from Cascade; their phone \
                 number, if they give it, is seen by Cascade staff, and by a leader once the coach accepts \
                 their request (we email it to them, and it is on their request's page)."
            </p>
            <p>
                "A coach may tell us which leaders they coach (new or emerging, experienced), which we use \
                 to suggest them; and the organisations whose leaders they must not coach and the postcode \
                 districts where their own organisation works locally, which are not published. A leader \
                 who gives the name or number of one of those organisations is not suggested that coach; a \
                 leader who asks the coach from one, or from one of those districts and serving the \
                 communities the coach knows, is told before sending that there may be a conflict of \
                 interest. If the leader sends it anyway, we keep that with the request, and staff see it. \
                 Closing a coach's account erases all three."
            </p>
            <p data-testid="readiness">
                {format!(
                    "Cascade staff record each coach's training (when, the cohort and who trained them) and \
                     each supervision session they attend (when, one to one or in a group, and who led it), \
                     never what was said. Staff choose each coach's supervisor, a coach or member of staff, \
                     who can record their supervision too. A coach with no supervision recorded for {} \
                     is shown as not accepting new leaders, and told why, until a session is \
                     recorded. A supervisor sees, for each coach they supervise, whether they are accepting \
                     new leaders, the leaders they are coaching now, their coaching sessions by month, and \
                     their supervision. Trainers' and supervisors' names are kept as typed in each coach's \
                     record, even after that person closes an account of their own. Closing a coach's account \
                     erases their training and supervision.",
                    terms.supervision_period()
                )}
            </p>
            <p>
                {format!(
                    "Invitation and password-reset links work once, and stop working {} and {} after they are \
                     sent. Signing in sets one cookie, which keeps you signed in: it stops working after {} \
                     minutes unused or {} hours after you signed in, and is deleted when you sign out.",
                    Purpose::Invitation.lifetime_in_words(),
                    Purpose::PasswordReset.lifetime_in_words(),
                    SESSION_IDLE_MINUTES,
                    SESSION_LONGEST_HOURS,
                )}
            </p>
            <p data-testid="two-step">
                {format!(
                    "Staff sign in in two steps: their password, then a code from an authenticator app, or \
                     one of {} recovery codes that each work once. We keep the secret their app shares with \
                     Cascade encrypted, and the time of the last code they used, so that each code works \
                     once; of each recovery code we keep only a hash, and whether it was used. Between the two \
                     steps the browser holds a second cookie, which stops working after {} minutes or {} \
                     wrong codes, and is deleted once they are signed in. Admins, who look after the staff \
                     team, see each staff member's name, email address and role, and whether they have set \
                     up two-step sign-in.",
                    crate::accounts::second_factor::RECOVERY_CODES,
                    crate::accounts::second_factor::CHALLENGE_MINUTES,
                    crate::accounts::second_factor::WRONG_CODES_ALLOWED,
                )}
            </p>
            <p>
                {format!(
                    "Every {} days we email each coach a link to confirm what the directory says about their \
                     availability; it works once, for {}. We keep when they last confirmed it, when we last \
                     asked, and, if we set them to not accepting new leaders (after {} days unconfirmed and at \
                     least {} days after we asked, or after {} requests in a row expired unanswered), when and why, until they next save \
                     their availability. These periods, and the supervision period above, are the \
                     programme's settings in effect today: admins may change them from a given day.",
                    terms.availability_confirm_days,
                    Purpose::ConfirmAvailability.lifetime_in_words(),
                    terms.availability_pause_days,
                    crate::interest::due::CONFIRM_GRACE_DAYS,
                    crate::interest::due::EXPIRIES_IN_A_ROW_TO_PAUSE,
                )}
            </p>

            <h2 id="lawful-basis">"Why we may use it"</h2>
            <ul>
                <li>"Asking a coach, your request's page and the emails about it, and passing it on if you agreed: our legitimate interest in running the programme you asked to join."</li>
                <li>"Bursaries: our legitimate interest in sharing a limited number of them fairly."</li>
                <li>"Your coaching (when it starts and closes, the sessions your coach records, our reminders): our legitimate interest in making sure coaching happens as agreed, and is supervised."</li>
                <li>"Coaches' training and supervision: our legitimate interest in making sure the programme's coaches are trained and supervised."</li>
                <li>"Questionnaires and the independent evaluation: our legitimate interest in showing whether the programme works. Answering is up to you, and you can skip any question."</li>
                <li>"The communities your organisation serves: your explicit consent, which you give by ticking them on the form. It is optional and does not affect your request. Erasing your details from your request's page withdraws it: they are erased too."</li>
                <li>"A coach's lived experience: their explicit consent, given by ticking the box under it on their profile. Unticking their lived experience and saving withdraws it at once, without waiting for staff."</li>
                <li>"Coaches' and staff's accounts, the record of staff decisions, sign-in security and our server logs: our legitimate interest in keeping Cascade secure and its decisions accountable."</li>
            </ul>
            <p>"The communities an organisation serves and a coach's lived experience can say something about health, ethnicity, religion or sexuality, so Cascade keeps them encrypted."</p>

            <h2 id="who-sees-what">"Who sees what"</h2>
            <h3>"The coach you ask, before they accept"</h3>
            <p>
                "They see your name and role; your organisation's name, type, charity or company number (if \
                 you gave it), annual income, region and the first half of its postcode (like \"CF10\"); the \
                 communities it serves, if you ticked any; what you want from coaching, how it will be paid \
                 for, whether you have had leadership support before, and the names of the other coaches you \
                 said you would accept. Not your email address, phone number or full postcode. If you agreed \
                 to us passing your request on, each coach it goes to, one at a time, sees the same. A coach \
                 who declines it, or does not answer in time, can still see it in their area, without your \
                 contact details, until your details are erased."
            </p>
            <h3>"The coach, once they accept"</h3>
            <p>
                "They also see your email address, phone number (if you gave it) and full postcode, and we \
                 email them your email address and phone number. You get theirs, by email and on your \
                 request's page."
            </p>
            <h3 id="feedback">"Your feedback on your coaching"</h3>
            <p>
                {format!(
                    "When your coaching closes, the email with your last questionnaire lets you rate it from 1 to \
                     5 and comment, if you wish. We keep the rating and comment with your coach and the year \
                     you gave them, not with your name or your coaching: we only note that your coaching had \
                     its feedback, so that it is given once. Your coach and Cascade staff see a coach's \
                     average rating and the comments only in whole groups of {n} answers, in the order they \
                     came, with the comments sorted, so that no answer shows on its own. Where a coach has had \
                     few leaders in a year, someone able to read Cascade's database could still guess whose \
                     rating is whose. Because we keep nothing that says which is yours, we cannot show it to \
                     you or erase it on its own, so leave out anything that would say who you are. Closing \
                     your coach's account erases the feedback about them.",
                    n = crate::feedback::SHOWN_FROM
                )}
            </p>
            <h3 id="offer-to-train">"Offering to train as a coach"</h3>
            <p>
                "Beside your feedback, you can offer to train as a coach. Unlike your feedback, the offer \
                 is kept with your coaching, so Cascade staff see it with your name, email address, \
                 organisation and who coached you, and may invite you. If you then coach with Cascade, \
                 your coach's record shows that they coached you, for the programme's picture of \
                 leaders who go on to coach. Your offer is erased with your request's other details."
            </p>
            <h3 id="concerns">"A concern about your coaching"</h3>
            <p>
                "A leader, from their request's page, or a coach, from their coaching's page, can raise a \
                 concern about the other. "
                {crate::concerns::POLICY}
                " Staff keep notes on it, which only staff see. A concern is erased with the coaching's \
                 other details: when the leader's details are erased, on request or on the schedule below, \
                 or when the coach closes their account."
            </p>
            <h3>"Your coach's supervisor"</h3>
            <p>
                "While your coaching is under way, your coach's supervisor sees your name, your \
                 organisation's name, when the coaching started and how many sessions were recorded, so \
                 that they can support your coach. Not your contact details, and nothing of what you \
                 talk about."
            </p>
            <h3>"Cascade staff"</h3>
            <p>
                "Staff who run the programme see every request (your name, your organisation's name, the \
                 coach, the region, how it will be paid for and what became of it), your organisation's \
                 income if you asked for a bursary, coaching under way and how many sessions were recorded, \
                 each coaching's fee (who pays it, the funder's name if a funder does, and when it was \
                 invoiced and paid), \
                 and the most recent emails Cascade has written. They approve coaches' profiles, so they see \
                 what coaches write, including any lived experience, and coaches' email addresses and phone \
                 numbers. They see questionnaire answers and the communities organisations serve only as \
                 totals and averages, except in the evaluator's file and when someone asks them for \
                 everything we hold about them. Every staff decision, every download and every time staff \
                 produce someone's data is recorded, in a record that keeps no personal details of its own: \
                 those are kept beside it, and deleted when that person's data is."
            </p>
            <h3>"The programme's independent evaluator"</h3>
            <p>
                "The evaluator sees only the pseudonymised file described under "
                <a href="#questionnaires">"questionnaires"</a>
                ": a random code for each leader instead of their name, the same in every file, with no \
                 name, email address, phone number, organisation name, charity number, goals or full \
                 postcode; the organisation's type and region, the communities it serves if you said, how \
                 the coaching was to be paid for, what became of the request and the coaching, questionnaire \
                 scores, and coaches' own answers without their names. Only Cascade holds the list that links \
                 each code to an email address."
            </p>

            <h2 id="retention">"How long we keep things"</h2>
            <p>"Cascade deletes these on its own, on the schedule below."</p>
            <table class="table" data-testid="retention-table">
                <caption class="visually-hidden">"What Cascade deletes, and when"</caption>
                <thead><tr><th scope="col">"What"</th><th scope="col">"How long we keep it"</th></tr></thead>
                <tbody>
                    {crate::retention::rules().into_iter().map(|rule| view! {
                        <tr><th scope="row">{rule.what}</th><td>{rule.kept}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>

            <h2 id="technical">"Cookies and logs"</h2>
            <p>
                "Leaders do not need cookies to use Cascade. We do not use analytics or advertising cookies. Our \
                 server writes technical logs (the page visited, without the key in a private link's address, the \
                 time, and an error reference if something went wrong) to keep the service working and secure; they do not record what you type into forms \
                 or searches. How long they are kept depends on the organisation running this site."
            </p>
            <p>
                {format!(
                    "To stop abuse, we count recent requests from each internet address in memory; those counts \
                     are not stored. To slow down password guessing, we store, for each account, a count of wrong \
                     passwords from each internet address. A count is deleted when the right password is given \
                     from that address, or at the first sign-in to Cascade more than {FORGET_AFTER_HOURS} hours \
                     after its last wrong password."
                )}
            </p>

            <h2 id="changes">"What changed"</h2>
            <p>"Each request records the version of this notice its leader agreed to."</p>
            <ul>
                {NOTICE_HISTORY.iter().rev().map(|(v, date, what)| view! {
                    <li>{format!("Version {v}, {date}: {what}")}</li>
                }).collect_view()}
            </ul>

            <h2 id="rights">"Your rights"</h2>
            <p>
                "If you asked for coaching, your request's own page shows everything we hold about you, \
                 with a file of it to download, lets you correct your name, role, organisation's name, email address and phone number, \
                 and lets you erase your details (what that keeps is said there). If you are a coach, \
                 your area shows everything we hold about you, with a file of it to download; you correct \
                 your profile there and your name under your account, and you can close your account, which erases your profile. \
                 You can also ask for a copy of what we hold about you, ask us to correct it, ask us to \
                 delete it, or object to how we use it: contact the organisation running this site. If you are unhappy with our \
                 answer you can complain to the Information Commissioner's Office (ICO) at ico.org.uk."
            </p>
        </div>
    })
    .into_any()
}

//! Email. Every message is written to the `outbox` table in the same transaction as what
//! caused it, so none is lost: with a mail server configured, [`delivery`] sends them and
//! retries failures; without one, they wait in the outbox, which staff read at `/staff/outbox`
//! so that every flow can be followed locally.

#[cfg(feature = "ssr")]
pub mod delivery;

use crate::accounts::links::Purpose;
use uuid::Uuid;

/// Stands in a queued email's body for a link made only when the email is sent (see
/// `accounts::links::for_email`): what staff see in the outbox instead of a working link.
pub const LINK_PLACEHOLDER: &str = "[a link, made when this email is sent]";

/// A link the delivery worker makes, in place of [`LINK_PLACEHOLDER`], as it sends the email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkToMake {
    /// A single-use link into an account (an invitation, a password reset, confirming
    /// availability).
    Account { account_id: Uuid, purpose: Purpose },
    /// A leader's private link to their request's own page.
    LeaderPage { leader_request_id: Uuid },
    /// A private link to a questionnaire.
    Questionnaire { questionnaire_id: Uuid },
}

crate::vocabulary::vocabulary! {
    /// What a message is about.
    Kind {
        Invitation => ("invitation", "Invitation"),
        StaffInvitation => ("staff_invitation", "Invitation, to a staff member"),
        PasswordReset => ("password_reset", "Password reset"),
        NewRequest => ("new_request", "New request to a coach"),
        RequestReceived => ("request_received", "Request received, to the leader"),
        RequestAlreadyOpen => ("request_already_open", "Request already open, to the leader"),
        RequestAccepted => ("request_accepted", "Request accepted"),
        LeaderContact => ("leader_contact", "A leader's contact details, to their new coach"),
        RequestDeclined => ("request_declined", "Request declined"),
        RequestWithdrawn => ("request_withdrawn", "Request withdrawn, to the coach"),
        AnswerReminder => ("answer_reminder", "Reminder to answer, to the coach"),
        RequestExpired => ("request_expired", "Request expired, to the leader"),
        RequestPassedOn => ("request_passed_on", "Request passed on, to the leader"),
        RequestNotPassedOn => ("request_not_passed_on", "No named coach left, to the leader"),
        RequestLapsed => ("request_lapsed", "Coach left the directory, to the leader"),
        ConfirmAvailability => ("confirm_availability", "Confirm availability, to a coach"),
        AvailabilityPaused => ("availability_paused", "Not accepting now, to a coach"),
        FirstSessionReminder => ("first_session_reminder", "No session yet, to a coach"),
        CloseEngagement => ("close_engagement", "Close the coaching, to a coach"),
        Questionnaire => ("questionnaire", "Questionnaire"),
        QuestionnaireReminder => ("questionnaire_reminder", "Questionnaire reminder"),
        BursaryDecided => ("bursary_decided", "Bursary decided, to the leader"),
        ProfileApproved => ("profile_approved", "Profile approved"),
        ProfileRejected => ("profile_rejected", "Profile sent back"),
        ConcernReceived => ("concern_received", "Concern received, to whoever raised it"),
        ConcernClosed => ("concern_closed", "Concern closed, to the leader and the coach"),
    }
}

/// What a leader whose coach did not take their request on is told happens next: it depends on
/// whether they agreed to it being passed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatNext {
    /// Passing it on (or saying why it could not be) follows in the same transaction.
    PassingOn,
    /// They did not agree: coaches they could ask, as (name, ask address) (those they named if
    /// any is left, else suggestions), and every coach accepting new leaders.
    AskAnother {
        coaches: Vec<(String, String)>,
        named: bool,
        directory: String,
    },
}

impl WhatNext {
    fn sentence(&self) -> String {
        match self {
            WhatNext::PassingOn => {
                "You agreed to us passing your request on, so we will email you again shortly about \
                 what happens next."
                    .to_string()
            }
            WhatNext::AskAnother {
                coaches,
                named,
                directory,
            } => {
                let list: Vec<String> = coaches
                    .iter()
                    .map(|(name, ask)| format!("{name}: {ask}"))
                    .collect();
                let whom = match (coaches.is_empty(), named) {
                    (true, _) => String::new(),
                    (false, true) => format!(
                        "You named other coaches you would accept. You can ask them here:\n\n{}\n\n",
                        list.join("\n")
                    ),
                    (false, false) => format!(
                        "These coaches are accepting new leaders now, and may suit you:\n\n{}\n\n",
                        list.join("\n")
                    ),
                };
                format!(
                    "You did not ask us to pass your request on, so we have not. {whom}From your \
                     request's page (the link is in our first email) you can ask another coach with your \
                     answers filled in. Every coach accepting new leaders is here:\n\n{directory}"
                )
            }
        }
    }
}

/// How to reach someone, as an email gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

impl Contact {
    fn lines(&self) -> String {
        match &self.phone {
            Some(phone) => format!("Email: {}\nPhone: {phone}", self.email),
            None => format!("Email: {}", self.email),
        }
    }
}

/// A message ready to send: plain text, written for its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub kind: Kind,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The link to make when it is sent, if its body holds [`LINK_PLACEHOLDER`].
    pub link: Option<LinkToMake>,
}

const SIGN_OFF: &str = "\n\nCascade: peer leadership coaching for the voluntary and community sector.\n\
    You are receiving this because of your part in the programme; reply to this email if it reached you by mistake.";

impl Email {
    pub fn invitation(to: &str, name: &str, link: &str) -> Email {
        Email {
            kind: Kind::Invitation,
            to: to.to_string(),
            link: None,
            subject: "You are invited to coach with Cascade".to_string(),
            body: format!(
                "Dear {name},\n\nYou have been invited to join Cascade as a coach. Use this link to set your \
                 password and start your profile:\n\n{link}\n\nThe link works once and expires {} after this email was sent.{SIGN_OFF}",
                Purpose::Invitation.lifetime_in_words()
            ),
        }
    }

    /// To a staff member whose account was made at the server's command line.
    pub fn staff_invitation(to: &str, name: &str, link: &str) -> Email {
        Email {
            kind: Kind::StaffInvitation,
            to: to.to_string(),
            link: None,
            subject: "Your Cascade staff account".to_string(),
            body: format!(
                "Dear {name},\n\nA Cascade staff account has been made for you. Use this link to set your \
                 password and sign in:\n\n{link}\n\nThe link works once and expires {} after this email was sent.{SIGN_OFF}",
                Purpose::Invitation.lifetime_in_words()
            ),
        }
    }

    pub fn password_reset(to: &str, name: &str, link: &str) -> Email {
        Email {
            kind: Kind::PasswordReset,
            to: to.to_string(),
            link: None,
            subject: "Reset your Cascade password".to_string(),
            body: format!(
                "Dear {name},\n\nSomeone (we hope you) asked to reset the password for your Cascade account. \
                 Use this link to choose a new one:\n\n{link}\n\nThe link works once and expires {} after this email \
                 was sent. If you did not ask, ignore this email: your password has not changed.{SIGN_OFF}",
                Purpose::PasswordReset.lifetime_in_words()
            ),
        }
    }

    /// To a coach, when a request reaches them (asked, or passed on): it must be answered by
    /// `deadline`, the last of the working days they have to answer.
    pub fn new_request(
        to: &str,
        coach: &str,
        leader: &str,
        organisation: &str,
        reference: &str,
        link: &str,
        deadline: &crate::interest::due::Deadline,
    ) -> Email {
        let due = deadline.due_on.format("%A %-d %B %Y");
        Email {
            kind: Kind::NewRequest,
            to: to.to_string(),
            link: None,
            subject: format!("New request from {leader} ({reference})"),
            body: format!(
                "Dear {coach},\n\n{leader} of {organisation} has asked you to be their coach. Read their \
                 request and accept or decline it here:\n\n{link}\n\nPlease answer by {due}, \
                 {} working days from now: we will remind you {}. If there is no answer by \
                 the end of that day, the request expires, and passes to another coach the leader named if \
                 they agreed to that.{SIGN_OFF}",
                deadline.working_days,
                deadline.reminders_in_words()
            ),
        }
    }

    /// To a coach whose answer falls due in `days_left` working days.
    pub fn answer_reminder(
        to: &str,
        coach: &str,
        leader: &str,
        reference: &str,
        due_on: chrono::NaiveDate,
        days_left: u32,
        link: &str,
    ) -> Email {
        let due = due_on.format("%A %-d %B %Y");
        let left = match days_left {
            0 => "the end of today".to_string(),
            1 => "1 working day from now".to_string(),
            n => format!("{n} working days from now"),
        };
        Email {
            kind: Kind::AnswerReminder,
            to: to.to_string(),
            link: None,
            subject: format!("Reminder: {leader} is waiting for your answer ({reference})"),
            body: format!(
                "Dear {coach},\n\n{leader} is waiting for your answer to their request, which is due by \
                 {due}: {left}. Please accept or decline it here:\n\n{link}\n\nIf there is no \
                 answer by the end of {due}, the request expires.{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, when their coach did not answer in time.
    pub fn request_expired(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        due_on: chrono::NaiveDate,
        next: &WhatNext,
    ) -> Email {
        Email {
            kind: Kind::RequestExpired,
            to: to.to_string(),
            link: None,
            subject: format!("{coach} did not answer in time ({reference})"),
            body: format!(
                "Dear {leader},\n\nWe are sorry: {coach} did not answer your request by {}, the \
                 deadline they had, so it has expired. {}{SIGN_OFF}",
                due_on.format("%A %-d %B %Y"),
                next.sentence()
            ),
        }
    }

    /// To the leader, when their coach left the directory while considering their request.
    pub fn request_lapsed(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        next: &WhatNext,
    ) -> Email {
        Email {
            kind: Kind::RequestLapsed,
            to: to.to_string(),
            link: None,
            subject: format!("{coach} cannot take on new leaders now ({reference})"),
            body: format!(
                "Dear {leader},\n\n{coach} is no longer in the directory, so your request to them has \
                 ended. {}{SIGN_OFF}",
                next.sentence()
            ),
        }
    }

    /// To the leader, when their request passes to the next coach they named.
    pub fn request_passed_on(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        deadline: &crate::interest::due::Deadline,
    ) -> Email {
        Email {
            kind: Kind::RequestPassedOn,
            to: to.to_string(),
            link: None,
            subject: format!("Your request has passed to {coach} ({reference})"),
            body: format!(
                "Dear {leader},\n\nAs you agreed on the form, we have passed your request to {coach}, the \
                 next coach you named. Its new reference is {reference}. {coach} has {} working days to \
                 answer, and we will email you when they do.{SIGN_OFF}",
                deadline.working_days
            ),
        }
    }

    /// To the leader, when their request could not be passed on because their answers no longer
    /// meet the programme's rules (they changed after the request was sent).
    pub fn request_no_longer_fits(to: &str, leader: &str, checker: &str) -> Email {
        Email {
            kind: Kind::RequestNotPassedOn,
            to: to.to_string(),
            link: None,
            subject: "We could not pass your request on".to_string(),
            body: format!(
                "Dear {leader},\n\nThe programme's rules have changed since you sent your request, and the \
                 answers you gave no longer meet them, so we have not passed it on. The eligibility \
                 checker shows where you stand now:\n\n{checker}{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, when no coach they named can take their request: coaches who may.
    pub fn request_not_passed_on(
        to: &str,
        leader: &str,
        suggestions: &[(String, String)],
        directory: &str,
    ) -> Email {
        let coaches = if suggestions.is_empty() {
            String::new()
        } else {
            let asks: Vec<String> = suggestions
                .iter()
                .map(|(name, ask)| format!("{name}: {ask}"))
                .collect();
            format!(
                "These coaches are accepting new leaders now, and may suit you:\n\n{}\n\n",
                asks.join("\n")
            )
        };
        Email {
            kind: Kind::RequestNotPassedOn,
            to: to.to_string(),
            link: None,
            subject: "Finding you another coach".to_string(),
            body: format!(
                "Dear {leader},\n\nNone of the coaches you named can take your request now, so we have \
                 not passed it on. {coaches}Every coach accepting new leaders is here:\n\n{directory}{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, once their request is stored: the reference, and what happens next.
    pub fn request_received(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        bursary: bool,
        page: Option<&str>,
    ) -> Email {
        let bursary = if bursary {
            "\n\nYou asked for a bursary. Cascade staff decide bursaries, and will email you their decision."
        } else {
            ""
        };
        let page = match page {
            Some(link) => format!(
                "\n\nYour own page for this request shows where it stands, and lets you withdraw it or \
                 correct your details:\n\n{link}\n\nKeep this link to yourself: \
                 anyone with it can see and change your request. It works until {} days after your \
                 request ends.",
                crate::interest::leader::LINK_DAYS_AFTER_END
            ),
            None => "\n\nYou can follow it on your request's own page, from the link in the first email \
                     we sent you about it."
                .to_string(),
        };
        Email {
            kind: Kind::RequestReceived,
            to: to.to_string(),
            link: None,
            subject: format!("Your request to {coach} ({reference})"),
            body: format!(
                "Dear {leader},\n\nThank you for asking {coach} to coach you. We have passed your request to \
                 them. Your reference is {reference}: quote it if you contact us.\n\nWe will email you at this \
                 address when {coach} accepts or declines.{bursary}{page}{SIGN_OFF}"
            ),
        }
    }

    /// To the holder of an address that asked a coach again while its first request waits.
    /// Whoever sent the second saw the ordinary confirmation; the name is the first request's.
    pub fn request_already_open(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        asked_on: &str,
    ) -> Email {
        Email {
            kind: Kind::RequestAlreadyOpen,
            to: to.to_string(),
            link: None,
            subject: format!("You have already asked {coach} ({reference})"),
            body: format!(
                "Dear {leader},\n\nSomeone asked {coach} for coaching again using this email address. You \
                 already have a request waiting for {coach}'s answer, sent on {asked_on} (reference \
                 {reference}), so we have not sent another.\n\nWe will email you when {coach} accepts or \
                 declines. If you did not send the second request, you need do nothing.{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, when the coach accepts: the coach's message and how to reach them.
    pub fn request_accepted(
        to: &str,
        leader: &str,
        coach: &Contact,
        reference: &str,
        message: &str,
    ) -> Email {
        let name = &coach.name;
        Email {
            kind: Kind::RequestAccepted,
            to: to.to_string(),
            link: None,
            subject: format!("{name} has accepted your request ({reference})"),
            body: format!(
                "Dear {leader},\n\n{name} has accepted your request for coaching. Their message to you:\n\n\
                 {message}\n\nYou can reach {name} at:\n\n{}\n\n{name} will be in touch to arrange your first \
                 session. Quote {reference} if you contact us.{SIGN_OFF}",
                coach.lines()
            ),
        }
    }

    /// To the coach, once they accept: how to reach the leader (kept from them until then).
    pub fn leader_contact(to: &str, coach: &str, leader: &Contact, reference: &str) -> Email {
        let name = &leader.name;
        Email {
            kind: Kind::LeaderContact,
            to: to.to_string(),
            link: None,
            subject: format!("How to reach {name} ({reference})"),
            body: format!(
                "Dear {coach},\n\nThank you for accepting {name}'s request. You can reach them at:\n\n{}\n\n\
                 We have sent them your message and your contact details.{SIGN_OFF}",
                leader.lines()
            ),
        }
    }

    /// To a coach considering a request that the leader has withdrawn.
    pub fn request_withdrawn(to: &str, coach: &str, leader: &str, reference: &str) -> Email {
        Email {
            kind: Kind::RequestWithdrawn,
            to: to.to_string(),
            link: None,
            subject: format!("{leader} has withdrawn their request ({reference})"),
            body: format!(
                "Dear {coach},\n\n{leader} has withdrawn their request for coaching, so there is nothing for \
                 you to answer. Thank you for considering it.{SIGN_OFF}"
            ),
        }
    }

    /// To a coach whose leader closed their coaching by having their details erased.
    pub fn coaching_ended_by_leader(to: &str, coach: &str, leader: &str, reference: &str) -> Email {
        Email {
            kind: Kind::RequestWithdrawn,
            to: to.to_string(),
            link: None,
            subject: format!("{leader} has ended their coaching ({reference})"),
            body: format!(
                "Dear {coach},\n\n{leader} has asked us to erase their details, so their coaching with \
                 you has ended, and your place is free for another leader. We will send you a short \
                 questionnaire about the coaching. Thank you for coaching them.{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, when the coach declines. `named` are the other coaches the leader said
    /// they would accept who are in the directory now, as (name, address of their ask page).
    pub fn request_declined(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        reason: &str,
        next: &WhatNext,
    ) -> Email {
        Email {
            kind: Kind::RequestDeclined,
            to: to.to_string(),
            link: None,
            subject: format!("{coach} cannot take on your request ({reference})"),
            body: format!(
                "Dear {leader},\n\n{coach} is not able to coach you. Their reason:\n\n{reason}\n\n{}{SIGN_OFF}",
                next.sentence()
            ),
        }
    }

    /// To a coach, every so many days (`terms`): is what the directory says about them still
    /// right?
    pub fn confirm_availability(
        to: &str,
        coach: &str,
        summary: &str,
        link: &str,
        terms: &crate::settings::Terms,
    ) -> Email {
        Email {
            kind: Kind::ConfirmAvailability,
            to: to.to_string(),
            link: None,
            subject: "Is your availability still right?".to_string(),
            body: format!(
                "Dear {coach},\n\nThe directory says: {summary}.\n\nIf that is still right, confirm it with \
                 one click: opening this link confirms it (it works once, for {}):\n\n{link}\n\nIf it has changed, \
                 sign in and change it: that confirms it too. We ask every {} days. \
                 If your availability is not confirmed for {} days, and for at least {} days after this \
                 email, the directory shows you as not accepting new leaders until you say otherwise.{SIGN_OFF}",
                crate::accounts::links::Purpose::ConfirmAvailability.lifetime_in_words(),
                terms.availability_confirm_days,
                terms.availability_pause_days,
                crate::interest::due::CONFIRM_GRACE_DAYS
            ),
        }
    }

    /// To a coach the directory now shows as not accepting, and why.
    pub fn availability_paused(to: &str, coach: &str, why: &str, link: &str) -> Email {
        Email {
            kind: Kind::AvailabilityPaused,
            to: to.to_string(),
            link: None,
            subject: "The directory now shows you as not accepting new leaders".to_string(),
            body: format!(
                "Dear {coach},\n\n{why} So that leaders are not left waiting, the directory now shows you as \
                 not accepting new leaders. When you are ready to accept leaders again, sign in and say so:\n\n\
                 {link}{SIGN_OFF}"
            ),
        }
    }

    /// To a coach with no session recorded three weeks into their coaching.
    pub fn first_session_reminder(to: &str, coach: &str, leader: &str, link: &str) -> Email {
        Email {
            kind: Kind::FirstSessionReminder,
            to: to.to_string(),
            link: None,
            subject: format!("Your first session with {leader}"),
            body: format!(
                "Dear {coach},\n\nIt is three weeks since you accepted {leader}'s request, and no session is \
                 recorded yet. If you have met, record the session here; if not, please get in touch with \
                 them to arrange one:\n\n{link}{SIGN_OFF}"
            ),
        }
    }

    /// To a coach whose coaching has been open for the longest expected (`terms`).
    pub fn close_engagement(
        to: &str,
        coach: &str,
        leader: &str,
        link: &str,
        months_open: u32,
        terms: &crate::settings::Terms,
    ) -> Email {
        Email {
            kind: Kind::CloseEngagement,
            to: to.to_string(),
            link: None,
            subject: format!("Is your coaching with {leader} finished?"),
            body: format!(
                "Dear {coach},\n\nYour coaching with {leader} started {} ago: the programme runs \
                 over {}. If it is finished, please close it here, which frees your place \
                 for another leader; Cascade staff can see that it is still open:\n\n{link}{SIGN_OFF}",
                crate::settings::SettingName::MonthsExpectedTo.shown(i64::from(months_open)),
                terms.months_expected()
            ),
        }
    }

    /// A questionnaire, to a leader (at the start of their coaching, at its close, six months
    /// on) or a coach (at its close), or its one reminder.
    pub fn questionnaire(
        to: &str,
        name: &str,
        moment: crate::outcomes::QuestionnaireKind,
        other: &str,
        link: &str,
        // For the reminder: the day the questionnaire was first sent.
        reminding_of: Option<chrono::NaiveDate>,
    ) -> Email {
        use crate::outcomes::{CLOSES_AFTER_DAYS, QuestionnaireKind as K};
        let reminder = reminding_of.is_some();
        let about = match moment {
            K::LeaderBaseline => format!(
                "As your coaching with {other} starts, we would like to know how things are for you now, so \
                 that at the end we can see what changed."
            ),
            K::LeaderEnd => format!(
                "Your coaching with {other} has closed. The same questions as at the start show what changed."
            ),
            K::LeaderFollowUp => format!(
                "It is six months since your coaching with {other} closed. The same questions once more show \
                 what lasted."
            ),
            K::CoachEnd => format!(
                "Your coaching with {other} has closed. Coaching helps those who give it too: tell us about \
                 your confidence as a coach, what you gained and the hours you gave."
            ),
        };
        let minutes = if moment.for_leader() { 10 } else { 3 };
        let subject = match (moment, reminder) {
            (K::CoachEnd, false) => format!("Your coaching with {other}: three questions"),
            (_, false) => "How are things for you? A short questionnaire".to_string(),
            (_, true) => "A reminder: your Cascade questionnaire".to_string(),
        };
        let reminded = reminding_of
            .map(|sent| {
                format!(
                    "On {} we sent you this questionnaire, and you have not sent your answers yet (they \
                     count once you press \"Send my answers\"); this is our one reminder. ",
                    crate::coaches::long_date(sent)
                )
            })
            .unwrap_or_default();
        Email {
            kind: if reminder {
                Kind::QuestionnaireReminder
            } else {
                Kind::Questionnaire
            },
            to: to.to_string(),
            link: None,
            subject,
            body: format!(
                "Dear {name},\n\n{reminded}{about} It takes about {minutes} minutes; you can skip any question, \
                 and your answers are saved part by part, so you can stop and come back with this private link \
                 (no account needed) until {CLOSES_AFTER_DAYS} days after we first sent it:\n\n{link}\n\n\
                 Your answers are used to show the programme's impact. Cascade shows them only in totals and \
                 averages, never a figure describing fewer than five people; the programme's independent \
                 evaluator may receive them under a random code, never with your name or contact \
                 details.{SIGN_OFF}"
            ),
        }
    }

    /// To the leader, when staff approve or decline the bursary they asked for.
    pub fn bursary_decided(
        to: &str,
        leader: &str,
        coach: &str,
        reference: &str,
        approved: bool,
        cost: crate::money::Money,
    ) -> Email {
        let (subject, decision) = if approved {
            (
                format!("Your bursary is approved ({reference})"),
                format!(
                    "Cascade staff have approved a bursary for your coaching with {coach}. The bursary pays the \
                     programme's {cost}, so neither you nor your organisation pays anything."
                ),
            )
        } else {
            (
                format!("Your bursary was not approved ({reference})"),
                format!(
                    "Cascade staff have not been able to approve a bursary for your coaching with {coach}. \
                     Your request to {coach} stays as it is. If your organisation or a funder can pay the \
                     programme's {cost}, tell {coach} when they reply."
                ),
            )
        };
        Email {
            kind: Kind::BursaryDecided,
            to: to.to_string(),
            link: None,
            subject,
            body: format!(
                "Dear {leader},\n\n{decision} Quote {reference} if you contact us.{SIGN_OFF}"
            ),
        }
    }

    pub fn profile_approved(to: &str, coach: &str, link: &str) -> Email {
        Email {
            kind: Kind::ProfileApproved,
            to: to.to_string(),
            link: None,
            subject: "Your Cascade profile is live".to_string(),
            body: format!(
                "Dear {coach},\n\nStaff have approved your profile, and leaders can now find it:\n\n{link}{SIGN_OFF}"
            ),
        }
    }

    /// To whoever raised a concern about their coaching with `other`.
    pub fn concern_received(to: &str, name: &str, other: &str, reference: &str) -> Email {
        Email {
            kind: Kind::ConcernReceived,
            to: to.to_string(),
            link: None,
            subject: format!("We have your concern ({reference})"),
            body: format!(
                "Dear {name},\n\nThank you for telling us your concern about your coaching with {other}. \
                 {}{SIGN_OFF}",
                crate::concerns::POLICY
            ),
        }
    }

    /// To the leader and the coach, when staff close a concern about their coaching.
    pub fn concern_closed(
        to: &str,
        name: &str,
        other: &str,
        reference: &str,
        outcome: &str,
    ) -> Email {
        Email {
            kind: Kind::ConcernClosed,
            to: to.to_string(),
            link: None,
            subject: format!("A concern about your coaching is closed ({reference})"),
            body: format!(
                "Dear {name},\n\nCascade staff have closed a concern raised about your coaching with \
                 {other}. What was decided:\n\n{outcome}\n\nIf you have questions, reply to this email.{SIGN_OFF}"
            ),
        }
    }

    pub fn profile_rejected(to: &str, coach: &str, reason: &str, link: &str) -> Email {
        Email {
            kind: Kind::ProfileRejected,
            to: to.to_string(),
            link: None,
            subject: "Your Cascade profile needs changes".to_string(),
            body: format!(
                "Dear {coach},\n\nStaff have looked at your profile and sent it back with this note:\n\n{reason}\n\n\
                 Make the changes and send it again here:\n\n{link}{SIGN_OFF}"
            ),
        }
    }
}

impl Email {
    /// The same email, with the link its body's placeholder stands for.
    pub fn with_link(self, link: Option<LinkToMake>) -> Email {
        Email { link, ..self }
    }
}

/// Writes `email` to the outbox, in the caller's transaction.
#[cfg(feature = "ssr")]
pub async fn enqueue(tx: &mut sqlx::PgConnection, email: &Email) -> Result<(), sqlx::Error> {
    // A leader whose details were erased is nobody to write to, whatever step asks.
    if email.to == crate::retention::ERASED_EMAIL {
        tracing::debug!(kind = email.kind.slug(), "no email to an erased leader");
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO outbox (kind, to_address, subject, body, link_account_id, link_purpose,
                             link_leader_request_id, link_questionnaire_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(email.kind.slug())
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(match email.link {
        Some(LinkToMake::Account { account_id, .. }) => Some(account_id),
        _ => None,
    })
    .bind(match email.link {
        Some(LinkToMake::Account { purpose, .. }) => Some(purpose),
        _ => None,
    })
    .bind(match email.link {
        Some(LinkToMake::LeaderPage { leader_request_id }) => Some(leader_request_id),
        _ => None,
    })
    .bind(match email.link {
        Some(LinkToMake::Questionnaire { questionnaire_id }) => Some(questionnaire_id),
        _ => None,
    })
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_slug() {
        for &kind in Kind::ALL {
            assert_eq!(Kind::from_slug(kind.slug()), Some(kind));
        }
    }

    #[test]
    fn messages_carry_their_links_and_references() {
        let email = Email::new_request(
            "a@example.org",
            "Amara",
            "Jo",
            "Hollowmere Carers",
            "CL-2026-000001",
            "https://x/me/requests/CL-2026-000001",
            &crate::interest::due::Deadline::for_request(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default(),
                10,
                &Default::default(),
            ),
        );
        assert!(
            email
                .body
                .contains("Please answer by Monday 21 December 2026")
        );
        assert!(email.subject.contains("CL-2026-000001"));
        assert!(email.body.contains("https://x/me/requests/CL-2026-000001"));
        assert!(
            Email::invitation(
                "a@example.org",
                "Amara",
                "https://x/account/welcome?token=t"
            )
            .body
            .contains("token=t")
        );
    }
}

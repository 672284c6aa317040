//! Every form that changes something, with the access it requires: the server registers
//! exactly these, each behind [`enforce`], so a form cannot exist without a rule. Forms post
//! to their own page's address (see `forms::post`).

use crate::access::{Access, Caller};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};

/// One form's POST handler and who may use it.
pub struct ActionRoute {
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

fn route(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> ActionRoute {
    ActionRoute {
        path,
        access,
        handler,
    }
}

/// The forms that never change a coach (asking one, answering a questionnaire, signing in and
/// out, passwords): a server keeps the directory it holds after them. After any other form
/// it drops it at once (see [`enforce`]). Asking a coach is the form sent most often, and the
/// directory kept in memory is what answers while the database is down.
pub const CHANGE_NO_COACH: [&str; 10] = [
    "/coaches/{slug}/ask",
    "/questionnaires/{token}",
    "/sign-in",
    "/sign-out",
    "/account/forgot-password",
    "/account/reset-password",
    "/account/two-step",
    "/account/recovery-codes",
    "/questionnaires/{token}/feedback",
    "/questionnaires/{token}/train",
];

/// Every form that changes something, with its access rule. The server registers exactly
/// these, each behind [`enforce`]: a form cannot exist without a rule.
pub fn routes() -> Vec<ActionRoute> {
    use crate::{accounts, interest, me, outcomes, staff};
    vec![
        route(
            "/coaches/{slug}/ask",
            Access::Public,
            post(interest::action::ask),
        ),
        route(
            "/requests/{token}",
            Access::Public,
            post(interest::action::leader),
        ),
        route(
            "/questionnaires/{token}",
            Access::Public,
            post(outcomes::action::answer),
        ),
        route(
            "/questionnaires/{token}/feedback",
            Access::Public,
            post(crate::feedback::actions::give),
        ),
        route("/sign-in", Access::Public, post(accounts::actions::sign_in)),
        route(
            "/sign-out",
            Access::SignedIn,
            post(accounts::actions::sign_out),
        ),
        route(
            "/account/welcome",
            Access::Public,
            post(accounts::actions::accept_invitation),
        ),
        route(
            "/account/forgot-password",
            Access::Public,
            post(accounts::actions::forgot_password),
        ),
        route(
            "/account/reset-password",
            Access::Public,
            post(accounts::actions::reset_password),
        ),
        route(
            "/account/two-step",
            Access::Public,
            post(accounts::second_factor::actions::answer),
        ),
        route(
            "/account/recovery-codes",
            Access::Staff,
            post(accounts::second_factor::actions::new_recovery_codes),
        ),
        route(
            "/staff/readiness/{coach}",
            Access::Staff,
            post(crate::readiness::actions::staff_record),
        ),
        route(
            "/supervision/{coach}",
            Access::SignedIn,
            post(crate::readiness::actions::supervisor_record),
        ),
        route(
            "/staff/cascade/{engagement}",
            Access::Staff,
            post(crate::cascade::actions::invite),
        ),
        route(
            "/questionnaires/{token}/train",
            Access::Public,
            post(crate::cascade::actions::offer),
        ),
        route(
            "/staff/concerns/{id}",
            Access::Staff,
            post(crate::concerns::actions::handle),
        ),
        route(
            "/staff/fees/{engagement}",
            Access::Staff,
            post(crate::fees::actions::change),
        ),
        route(
            "/staff/settings/{setting}",
            Access::Admin,
            post(crate::settings::actions::change),
        ),
        route(
            "/staff/team",
            Access::Admin,
            post(staff::team::action::invite),
        ),
        route(
            "/staff/team/{account}",
            Access::Admin,
            post(staff::team::action::change),
        ),
        route(
            "/me/profile",
            Access::Coach,
            post(me::actions::save_profile),
        ),
        route("/me", Access::Coach, post(me::actions::save_availability)),
        route(
            "/me/whom-you-coach",
            Access::Coach,
            post(crate::matching::action::save_declarations),
        ),
        route(
            "/account",
            Access::SignedIn,
            post(crate::accounts::own::save_name),
        ),
        route(
            "/me/close-account",
            Access::Coach,
            post(crate::personal_data::action::close_account),
        ),
        route(
            "/me/requests/{reference}",
            Access::Coach,
            post(me::actions::answer_request),
        ),
        route(
            "/me/engagements/{id}",
            Access::Coach,
            post(me::actions::update_engagement),
        ),
        route(
            "/staff/moderation/{coach}",
            Access::Staff,
            post(staff::actions::moderate),
        ),
        route(
            "/staff/coaches/{coach}",
            Access::Staff,
            post(staff::actions::change_coach_status),
        ),
        route(
            "/staff/people",
            Access::Staff,
            post(crate::personal_data::action::erase_person),
        ),
        route(
            "/staff/invite",
            Access::Staff,
            post(staff::actions::invite_coach),
        ),
        route(
            "/staff/bursaries",
            Access::Staff,
            post(staff::actions::bursaries),
        ),
        route(
            "/staff/bank-holidays",
            Access::Staff,
            post(staff::bank_holidays::action::change),
        ),
    ]
}

/// Every download (a GET that is not a page), with its access rule, behind [`enforce`] too.
pub fn downloads() -> Vec<ActionRoute> {
    vec![
        route(
            "/staff/overview/{file}",
            Access::Staff,
            axum::routing::get(crate::reporting::export::download),
        ),
        // The private link is the key.
        route(
            "/requests/{token}/your-data.json",
            Access::Public,
            axum::routing::get(crate::personal_data::download::leader),
        ),
        route(
            "/staff/fees.csv",
            Access::Staff,
            axum::routing::get(crate::fees::actions::download),
        ),
        route(
            "/staff/people/data.json",
            Access::Staff,
            axum::routing::get(crate::personal_data::download::person),
        ),
        route(
            "/me/your-data.json",
            Access::Coach,
            axum::routing::get(crate::personal_data::download::coach),
        ),
    ]
}

/// Refuses callers the route's access rule does not admit: anonymous people are sent to sign
/// in (and brought back), signed-in people who may not are told so with a 403 page.
pub async fn enforce(
    State((state, access)): State<(AppState, Access)>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let caller = request
        .extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or_default();
    if caller.may(access) {
        let may_change_a_coach = request.method() == axum::http::Method::POST
            && request
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .is_none_or(|path| !CHANGE_NO_COACH.contains(&path.as_str()));
        let response = next.run(request).await;
        // A form that was done may have changed a coach. This process forgets the directory it
        // kept at once, so that the next page shows the change; the others hear of it from
        // PostgreSQL moments later (see `coaches::cache`).
        if may_change_a_coach && response.status().is_redirection() {
            state.directory.forget();
        }
        return response;
    }
    let (parts, _) = request.into_parts();
    // Signed in, perhaps, but the database could not say: the page says to try again (see
    // `ui::refusal`), with a 503, rather than asking them to sign in.
    if parts
        .extensions
        .get::<crate::accounts::session::SessionUnresolved>()
        .is_some()
    {
        return crate::forms::post::render_page(state, parts, StatusCode::SERVICE_UNAVAILABLE, ())
            .await;
    }
    if caller.account().is_none() {
        // Forms post to their own page, so this brings the person back to it.
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        return Redirect::to(&crate::ui::sign_in_and_back(&next)).into_response();
    }
    // The page itself refuses the caller (`ui::refusal`), with the 403 set here.
    crate::forms::post::render_page(state, parts, StatusCode::FORBIDDEN, ()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_has_a_path_and_no_path_twice() {
        let routes = routes();
        let mut paths: Vec<_> = routes.iter().map(|r| r.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), routes.len());
    }

    #[test]
    fn the_forms_that_keep_the_directory_are_forms() {
        let paths: Vec<_> = routes().iter().map(|r| r.path).collect();
        for path in CHANGE_NO_COACH {
            assert!(paths.contains(&path), "{path}");
        }
    }
}

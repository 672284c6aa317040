//! Forms that change something post to their own page's address. This module is the table of
//! every such form with the access it requires ([`routes`]), the middleware that enforces it,
//! and [`FormPost`], which hands a handler the caller and the fields and answers with a
//! redirect (303: a refresh does not send the form again) or the page again ([`FormPost::again`]).

use crate::accounts::{Access, Caller};
use crate::forms::{FieldErrors, Submitted};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};
use std::net::SocketAddr;

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

/// Every form that changes something, with its access rule. The server registers exactly
/// these, each behind [`enforce`]: a form cannot exist without a rule.
pub fn routes() -> Vec<ActionRoute> {
    use crate::{accounts, interest, me, staff};
    vec![
        route(
            "/coaches/{slug}/ask",
            Access::Public,
            post(interest::action::ask),
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
            "/me/profile",
            Access::Coach,
            post(me::actions::save_profile),
        ),
        route("/me", Access::Coach, post(me::actions::save_availability)),
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
            "/staff/invite",
            Access::Staff,
            post(staff::actions::invite_coach),
        ),
        route(
            "/staff/bursaries",
            Access::Staff,
            post(staff::actions::bursaries),
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
        return next.run(request).await;
    }
    let (parts, _) = request.into_parts();
    if caller.account().is_none() {
        // Forms post to their own page, so this brings the person back to it.
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let to = format!("/sign-in?next={}", crate::site::encode_path(&next));
        return Redirect::to(&to).into_response();
    }
    // The page itself refuses the caller (`site::refusal`), with the 403 set here.
    crate::site::render_page(state, parts, StatusCode::FORBIDDEN, ()).await
}

/// The path and query of a same-site address (a full URL or a path), for sending someone back
/// there; `None` for anything that could lead off the site.
pub fn local_path(url: &str) -> Option<String> {
    let path = match url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        Some(rest) => &rest[rest.find('/')?..],
        None => url,
    };
    crate::accounts::safe_next(path).map(str::to_string)
}

/// A form post, read: who sent it, from where, and the fields.
pub struct FormPost {
    pub state: AppState,
    pub parts: Parts,
    pub caller: Caller,
    pub fields: Vec<(String, String)>,
    pub client_ip: String,
}

impl FromRequest<AppState> for FormPost {
    type Rejection = Response;

    async fn from_request(
        request: Request<Body>,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the form as application/x-www-form-urlencoded\n",
            )
                .into_response());
        }
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let fields: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default();
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0)
            .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
        let client_ip = crate::state::client_ip(&parts.headers, peer, state.trust_forwarded_for);
        Ok(FormPost {
            state: state.clone(),
            parts,
            caller,
            fields,
            client_ip,
        })
    }
}

impl FormPost {
    /// The first value of `name`, trimmed of nothing, or empty.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn https(&self) -> bool {
        self.state.https
    }

    pub fn request_id(&self) -> String {
        crate::error::request_id_of(&self.parts.headers)
    }

    /// Renders answers on `page` rather than the address posted to (for a form whose address
    /// names one item of a list page, like `/staff/coaches/{id}`).
    pub fn on_page(mut self, page: &str) -> FormPost {
        if let Ok(uri) = page.parse() {
            self.parts.uri = uri;
        }
        self
    }

    /// The page again, with everything typed, `errors` by their fields and `notice` above.
    pub async fn again(
        self,
        status: StatusCode,
        form: &'static str,
        errors: FieldErrors,
        notice: Option<String>,
    ) -> Response {
        let submitted = Submitted {
            form,
            fields: self.fields,
            errors,
            notice,
        };
        crate::site::render_page(self.state, self.parts, status, submitted).await
    }

    /// Something failed on our side: logged with the request id, which the person sees.
    pub async fn failed(self, form: &'static str, cause: impl std::fmt::Display) -> Response {
        let error = crate::error::AppError::internal_for(&self.request_id(), cause);
        self.again(
            StatusCode::INTERNAL_SERVER_ERROR,
            form,
            FieldErrors::new(),
            Some(error.to_string()),
        )
        .await
    }

    /// The page again with a 404, for something that does not exist or is not the caller's.
    pub async fn not_found(self) -> Response {
        // The page finds nothing to show and says so; the status is set here.
        crate::site::render_page(self.state, self.parts, StatusCode::NOT_FOUND, ()).await
    }
}

/// Done: go to `to` (303, so a refresh does not send the form again).
pub fn done(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Done, and the response sets (or clears) the session cookie.
pub fn done_with_cookie(to: &str, cookie: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_used_to_send_people_back() {
        assert_eq!(
            local_path("https://cascade.example.org/me?x=1").as_deref(),
            Some("/me?x=1")
        );
        assert_eq!(local_path("/staff").as_deref(), Some("/staff"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("/\\evil.example"), None);
        assert_eq!(local_path("https://cascade.example.org"), None);
        assert_eq!(
            local_path("/coaches?q=a://b/c").as_deref(),
            Some("/coaches?q=a://b/c")
        );
        assert_eq!(
            crate::site::encode_path("/me/requests/CL-2026-000001?a=b"),
            "%2Fme%2Frequests%2FCL-2026-000001%3Fa%3Db"
        );
    }

    #[test]
    fn every_form_has_a_path_and_no_path_twice() {
        let routes = routes();
        let mut paths: Vec<_> = routes.iter().map(|r| r.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), routes.len());
    }
}

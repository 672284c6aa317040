//! Reading a form's POST and answering it, the same way for every form.
//!
//! Forms that change something post to their own page's address. [`FormPost`] hands the
//! handler who sent it, from where, and the fields decoded into the form's own type; the
//! handler answers with [`done`] (a 303 redirect, so that a refresh does not send the form
//! again) or with the page again, everything typed kept and each problem by its field
//! ([`FormPost::invalid`], [`FormPost::refuse`]).

use super::{FieldErrors, Submitted};
use crate::access::Caller;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;

/// A form's POST, read: who sent it, from where, and its fields, as the form's type `T` (whose
/// fields default when missing, so that only a body that is not a form at all is refused).
pub struct FormPost<T> {
    pub state: AppState,
    pub parts: Parts,
    pub caller: Caller,
    /// The sender's address as limits count it (see `state::client_ip`).
    pub client_ip: String,
    pub fields: T,
    /// The fields as sent, to show the form again with everything kept.
    sent: Vec<(String, String)>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for FormPost<T> {
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
        // The body limit layer has already refused anything too big.
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let not_a_form = || {
            (
                StatusCode::BAD_REQUEST,
                "Cascade could not read that form: send it again from its page\n",
            )
                .into_response()
        };
        let sent: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| not_a_form())?;
        let fields: T = serde_html_form::from_bytes(&bytes).map_err(|_| not_a_form())?;
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
            client_ip,
            fields,
            sent,
        })
    }
}

impl<T> FormPost<T> {
    pub fn https(&self) -> bool {
        self.state.https
    }

    /// The fields as sent, in order: for a form whose fields are not known until it is read
    /// (a questionnaire's items).
    pub fn sent(&self) -> &[(String, String)] {
        &self.sent
    }

    /// The programme's numbers today (`settings::provide_terms` put them on the request):
    /// `Unavailable` when they could not be read.
    pub fn terms(&self) -> Result<crate::settings::Terms, crate::error::AppError> {
        self.parts
            .extensions
            .get::<crate::settings::Terms>()
            .copied()
            .ok_or(crate::error::AppError::Unavailable)
    }

    pub fn request_id(&self) -> String {
        crate::error::request_id_of(&self.parts.headers)
    }

    /// Renders answers on `page` rather than the address posted to (for a form whose address
    /// names one item of a list page, like `/staff/coaches/{id}`).
    pub fn on_page(mut self, page: &str) -> FormPost<T> {
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
            fields: self.sent,
            errors,
            notice,
        };
        render_page(self.state, self.parts, status, submitted).await
    }

    /// Some fields need fixing: the page again with a 422 and each message by its field.
    pub async fn invalid(self, form: &'static str, errors: FieldErrors) -> Response {
        self.again(StatusCode::UNPROCESSABLE_ENTITY, form, errors, None)
            .await
    }

    /// The form cannot be done as sent, for a reason that belongs to the whole form: the page
    /// again with `status` and `notice` above the form.
    pub async fn refuse(
        self,
        status: StatusCode,
        form: &'static str,
        notice: impl Into<String>,
    ) -> Response {
        self.again(status, form, FieldErrors::new(), Some(notice.into()))
            .await
    }

    /// Something failed on our side: logged with the request id, which the person sees. When
    /// the database could not be reached, nothing was done and the person is asked to try
    /// again in a minute (503, with `Retry-After`), with everything they typed kept.
    pub async fn failed(
        self,
        form: &'static str,
        cause: impl std::fmt::Display + 'static,
    ) -> Response {
        use crate::error::AppError;
        let request_id = self.request_id();
        // Most causes are database errors; the others (hashing a password, say) are ours.
        let cause_as_any: &dyn std::any::Any = &cause;
        let error = match (
            cause_as_any.downcast_ref::<sqlx::Error>(),
            cause_as_any.downcast_ref::<AppError>(),
        ) {
            (Some(database), _) => AppError::database_for(&request_id, database),
            (_, Some(AppError::Unavailable)) => AppError::Unavailable,
            _ => AppError::internal_for(&request_id, cause),
        };
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self.refuse(status, form, error.to_string()).await
    }

    /// The page again with a 404, for something that does not exist or is not the caller's.
    pub async fn not_found(self) -> Response {
        // The page finds nothing to show and says so; the status is set here.
        render_page(self.state, self.parts, StatusCode::NOT_FOUND, ()).await
    }

    /// The page again with `status` and `context` provided, for a page that reads a context of
    /// its own (the ask form shows its parsed fields, not the raw ones).
    pub async fn render<C: Clone + Send + Sync + 'static>(
        self,
        status: StatusCode,
        context: C,
    ) -> Response {
        render_page(self.state, self.parts, status, context).await
    }
}

/// A form with no fields of its own (a sign-out button).
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}

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
    crate::access::safe_next(path).map(str::to_string)
}

/// Renders the page at the request's address with `context` provided, and answers with
/// `status`: how a form's POST handler shows the form again. The page comes from the app's
/// shell, which the server puts in the state (so that forms need not know the routes).
pub async fn render_page<C: Clone + Send + Sync + 'static>(
    state: AppState,
    mut parts: Parts,
    status: StatusCode,
    context: C,
) -> Response {
    use leptos::prelude::provide_context;
    let options = state.leptos_options.clone();
    let shell = state.shell;
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(context.clone());
        },
        move || shell(options.clone()),
    );
    parts.method = axum::http::Method::GET;
    let mut response = handler(axum::http::Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
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
    }
}

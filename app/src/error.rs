//! The one error type server functions return.
//!
//! Use [`AppError`] for every server function and every page that loads data. Its `Display`
//! text is written for the person using Cascade and is safe to show: internal causes (SQL, I/O,
//! panics) are logged on the server with the request id by [`AppError::internal`], and only that
//! id reaches the browser, so the person can quote it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The request itself was malformed (not something a person typed).
    #[error("Cascade could not understand that request")]
    BadRequest,
    #[error("Sign in to continue")]
    Unauthenticated,
    #[error("You do not have permission to do that")]
    Forbidden,
    #[error("We could not find that")]
    NotFound,
    #[error(
        "Something went wrong on our side. If it keeps happening, contact us quoting reference {request_id}"
    )]
    Internal { request_id: String },
    /// The database could not be reached (it is restarting, say): the same request should work
    /// again shortly. Answered with 503 and `Retry-After`.
    #[error("Cascade cannot reach its records just now. Please try again in a minute")]
    Unavailable,
    /// Only ever made in the browser, when the server could not be reached.
    #[error("Cascade could not be reached: check your connection and try again")]
    Unreachable,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Internal { .. } => 500,
            AppError::Unavailable | AppError::Unreachable => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Encodes the error for the wire, and, on the server, gives the response this error's
    /// status code (server_fn would otherwise answer every error with 500).
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if let (Some(response), Ok(status)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(self.status()),
        ) {
            response.set_status(status);
        }
        <JsonEncoding as leptos::server_fn::Encodes<Self>>::encode(self)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(br#""BadRequest""#))
    }

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            other => {
                #[cfg(feature = "ssr")]
                {
                    AppError::internal(other)
                }
                #[cfg(not(feature = "ssr"))]
                {
                    let _ = other;
                    AppError::Internal {
                        request_id: String::new(),
                    }
                }
            }
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;
    use leptos::prelude::use_context;

    /// The header carrying the id given to each request by the server's middleware.
    pub const REQUEST_ID_HEADER: &str = "x-request-id";

    impl AppError {
        /// Logs `cause` with the current request's id and returns an error that shows only the id.
        #[track_caller]
        pub fn internal(cause: impl std::fmt::Display) -> Self {
            AppError::internal_for(&current_request_id(), cause)
        }

        /// The same, outside Leptos (in a plain axum handler), given the request's id.
        #[track_caller]
        pub fn internal_for(request_id: &str, cause: impl std::fmt::Display) -> Self {
            let location = std::panic::Location::caller();
            tracing::error!(%request_id, %cause, %location, "internal error");
            AppError::Internal {
                request_id: request_id.to_string(),
            }
        }
    }

    /// The request id the middleware put in these headers, or `-`.
    pub fn request_id_of(headers: &axum::http::HeaderMap) -> String {
        headers
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_string()
    }

    impl AppError {
        /// A database error, for the person: `Unavailable` when the database could not be
        /// reached (try again in a minute), else `Internal`, logged with `request_id`.
        #[track_caller]
        pub fn database_for(request_id: &str, error: &sqlx::Error) -> Self {
            if crate::database::is_unavailable(error) {
                tracing::warn!(%request_id, %error, "database unavailable");
                return AppError::Unavailable;
            }
            AppError::internal_for(request_id, error)
        }
    }

    impl From<sqlx::Error> for AppError {
        #[track_caller]
        fn from(error: sqlx::Error) -> Self {
            AppError::database_for(&current_request_id(), &error)
        }
    }

    /// The id of the request being handled, or `-` outside a request.
    pub fn current_request_id() -> String {
        use_context::<axum::http::request::Parts>()
            .map(|parts| request_id_of(&parts.headers))
            .unwrap_or_else(|| "-".to_string())
    }
}

#[cfg(feature = "ssr")]
pub use server::{REQUEST_ID_HEADER, current_request_id, request_id_of};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_carry_internal_detail() {
        let error = AppError::Internal {
            request_id: "abc-123".into(),
        };
        assert_eq!(
            error.to_string(),
            "Something went wrong on our side. If it keeps happening, contact us quoting reference abc-123"
        );
        assert_eq!(error.status(), 500);
    }

    #[test]
    fn round_trips_through_the_wire_encoding() {
        for error in [
            AppError::NotFound,
            AppError::Forbidden,
            AppError::Internal {
                request_id: "abc-123".into(),
            },
        ] {
            assert_eq!(AppError::de(error.ser()), error);
        }
    }
}

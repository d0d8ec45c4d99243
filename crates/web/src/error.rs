//! One error type for every handler. It becomes a response with the right status and carries the
//! error along; the router of each channel then renders it (an HTML page in the reader's language,
//! a JSON body, an Open311 error list).

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use lianxin_app::{AppError, FieldError};
use serde_json::json;

/// What a failed handler hands to the channel's renderer.
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub code: &'static str,
    pub key: &'static str,
    pub field: Option<&'static str>,
    /// A rule's reasons for refusing, with their numbers (put in words by the renderer).
    pub reasons: Vec<lianxin_core::rules::Reason>,
}

#[derive(Debug)]
pub struct WebError(pub AppError);

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError(e)
    }
}

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::NotFound | AppError::Missing { .. } => StatusCode::NOT_FOUND,
        AppError::Forbidden | AppError::Refused { .. } => StatusCode::FORBIDDEN,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Invalid { .. } | AppError::Rule { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Logs an internal error with its whole source chain; the reader is shown only that it happened.
pub fn log_internal(e: &AppError) {
    if let AppError::Internal(_) = e {
        tracing::error!(cause = %e.chain(), "internal error");
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        log_internal(&self.0);
        let info = ErrorInfo { status, code: self.0.code(), key: self.0.key(), field: self.0.field(), reasons: self.0.reasons().to_vec() };
        let fields: Vec<_> =
            self.0.fields().iter().map(|FieldError { field, key }| json!({ "field": field, "message_key": key })).collect();
        // A plain JSON body by default; the HTML router replaces it with a page.
        let mut r =
            (status, Json(json!({ "error": { "code": info.code, "message_key": info.key, "field": info.field, "fields": fields } })))
                .into_response();
        r.extensions_mut().insert(info);
        r
    }
}

pub type WebResult<T> = Result<T, WebError>;

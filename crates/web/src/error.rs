//! One error type for every handler. It becomes a response with the right status and carries the
//! error along; the router of each channel then renders it (an HTML page in the reader's language,
//! or a JSON body).

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use lianxin_app::AppError;
use serde_json::json;

/// What a failed handler hands to the channel's renderer.
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub code: &'static str,
    pub key: &'static str,
    pub field: Option<&'static str>,
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
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        if let AppError::Internal(cause) = &self.0 {
            tracing::error!(cause = %cause, "internal error");
        }
        let info = ErrorInfo { status, code: self.0.code(), key: self.0.key(), field: self.0.field() };
        // A plain JSON body by default; the HTML router replaces it with a page.
        let mut r = (status, Json(json!({ "error": { "code": info.code, "message_key": info.key, "field": info.field } }))).into_response();
        r.extensions_mut().insert(info);
        r
    }
}

pub type WebResult<T> = Result<T, WebError>;

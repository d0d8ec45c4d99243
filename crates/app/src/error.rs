//! The one error type of the use cases. Every kind carries an i18n key; the web layer renders it in
//! the channel's format (HTML page, JSON) and the reader's language.

use chrono::{DateTime, Utc};
use lianxin_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    Unauthenticated,
    /// A field of the input is invalid; nothing was changed.
    #[error("invalid {field}: {key}")]
    Invalid { field: &'static str, key: &'static str },
    /// The input clashes with existing data (a taken name or code).
    #[error("conflict on {field}: {key}")]
    Conflict { field: &'static str, key: &'static str },
    #[error("locked until {until}")]
    Locked { until: DateTime<Utc> },
    #[error("bad request: {key}")]
    BadRequest { key: &'static str },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &'static str, key: &'static str) -> Self {
        AppError::Invalid { field, key }
    }

    /// The i18n message key of this error.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated => "error-login-required",
            AppError::Invalid { key, .. } | AppError::Conflict { key, .. } | AppError::BadRequest { key } => key,
            AppError::Locked { .. } => "error-locked",
            AppError::Internal(_) => "error-internal",
        }
    }

    /// A stable machine-readable code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Invalid { .. } => "invalid",
            AppError::Conflict { .. } => "conflict",
            AppError::Locked { .. } => "locked",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid { field, .. } | AppError::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<lianxin_store::DbErr> for AppError {
    fn from(e: lianxin_store::DbErr) -> Self {
        AppError::Internal(e.to_string())
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

//! The one error type of the use cases. Every kind carries an i18n key; the web layer renders it in
//! the channel's format (HTML page, JSON, Open311) and the reader's language.

use std::error::Error as StdError;

use chrono::{DateTime, Utc};
use lianxin_store::StoreError;

/// A cause kept whole: logged with its source chain, never shown to the reader.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// One field at fault and why, as an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Something named in the request does not exist, with the reason (an unknown service code).
    #[error("not found: {key}")]
    Missing { key: &'static str },
    #[error("forbidden")]
    Forbidden,
    /// Refused for a reason the caller can act on (an API key that may not file for a village).
    #[error("refused: {key}")]
    Refused { key: &'static str },
    #[error("login required")]
    Unauthenticated,
    /// Fields of the input are invalid (every one found, first first); nothing was changed.
    #[error("invalid {}", .fields.iter().map(|f| format!("{}: {}", f.field, f.key)).collect::<Vec<_>>().join(", "))]
    Invalid { fields: Vec<FieldError> },
    /// A rule refused the input: its key, the field at fault and the rule's reasons with their
    /// numbers (a vote without quorum: present, needed, the base). Nothing was changed.
    #[error("refused by rule on {field}: {key}")]
    Rule { field: &'static str, key: &'static str, reasons: Vec<lianxin_core::rules::Reason> },
    /// The input clashes with existing data (a taken name or code).
    #[error("conflict on {field}: {key}")]
    Conflict { field: &'static str, key: &'static str },
    #[error("locked until {until}")]
    Locked { until: DateTime<Utc> },
    #[error("bad request: {key}")]
    BadRequest { key: &'static str },
    #[error("internal error: {0}")]
    Internal(#[source] Cause),
}

impl AppError {
    pub fn invalid(field: &'static str, key: &'static str) -> Self {
        AppError::Invalid { fields: vec![FieldError { field, key }] }
    }

    /// The reasons of a rule that refused the input (none for other errors).
    pub fn reasons(&self) -> &[lianxin_core::rules::Reason] {
        match self {
            AppError::Rule { reasons, .. } => reasons,
            _ => &[],
        }
    }

    /// An internal failure, keeping its cause (and the cause's own sources) for the log.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        AppError::Internal(cause.into())
    }

    /// Maps a store failure: a violation of the unique constraint `constraint` becomes a conflict
    /// on `field` explained by `key`; anything else stays internal. For `map_err`.
    pub fn on_unique(constraint: &'static str, field: &'static str, key: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |e| match lianxin_store::unique_violation(&e) {
            Some(c) if c == constraint => AppError::Conflict { field, key },
            _ => e.into(),
        }
    }

    /// Maps a store failure: any unique violation becomes a conflict on `field` explained by
    /// `key` (the one unique key the statement can break); anything else stays internal.
    pub fn on_unique_any(field: &'static str, key: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |e| match lianxin_store::unique_violation(&e) {
            Some(_) => AppError::Conflict { field, key },
            None => e.into(),
        }
    }

    /// The i18n message key of this error (of its first field, for several).
    pub fn key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated => "error-login-required",
            AppError::Invalid { fields } => fields.first().map_or("error-bad-form", |f| f.key),
            AppError::Rule { key, .. } => key,
            AppError::Conflict { key, .. } | AppError::BadRequest { key } | AppError::Missing { key } | AppError::Refused { key } => key,
            AppError::Locked { .. } => "error-locked",
            AppError::Internal(_) => "error-internal",
        }
    }

    /// A stable machine-readable code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound | AppError::Missing { .. } => "not_found",
            AppError::Forbidden | AppError::Refused { .. } => "forbidden",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Invalid { .. } | AppError::Rule { .. } => "invalid",
            AppError::Conflict { .. } => "conflict",
            AppError::Locked { .. } => "locked",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Internal(_) => "internal",
        }
    }

    /// The field at fault (the first, for several).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid { fields } => fields.first().map(|f| f.field),
            AppError::Conflict { field, .. } | AppError::Rule { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Every field at fault with its reason.
    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid { fields } => fields.clone(),
            AppError::Conflict { field, key } | AppError::Rule { field, key, .. } => vec![FieldError { field, key }],
            _ => Vec::new(),
        }
    }

    /// The whole cause of an internal error, its sources joined by ": ", for the log.
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        // An internal error's message already shows its cause: go on from the cause's source.
        let mut next = match self {
            AppError::Internal(cause) => cause.source(),
            e => StdError::source(e),
        };
        while let Some(e) = next {
            out.push_str(": ");
            out.push_str(&e.to_string());
            next = e.source();
        }
        out
    }
}

/// Collects every field error of an input before refusing it, so a form shows them all at once.
#[derive(Debug, Default)]
pub struct Checks {
    fields: Vec<FieldError>,
}

impl Checks {
    /// Keeps the value, or notes its field's error and gives `None`.
    pub fn take<T>(&mut self, r: Result<T, AppError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                let found = e.fields();
                if found.is_empty() {
                    // Not about a field: kept as a form-wide error on no field.
                    self.fields.push(FieldError { field: "", key: e.key() });
                }
                self.fields.extend(found);
                None
            }
        }
    }

    /// Notes `key` against `field` when `bad`.
    pub fn check(&mut self, bad: bool, field: &'static str, key: &'static str) {
        if bad {
            self.fields.push(FieldError { field, key });
        }
    }

    /// Every error found, or nothing.
    pub fn finish(self) -> Result<(), AppError> {
        if self.fields.is_empty() { Ok(()) } else { Err(AppError::Invalid { fields: self.fields }) }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Internal(Box::new(e))
    }
}

impl From<lianxin_store::DbErr> for AppError {
    fn from(e: lianxin_store::DbErr) -> Self {
        AppError::Internal(Box::new(e))
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn internal_keeps_its_source_chain() {
        let e = AppError::internal(Outer(std::io::Error::other("disk full")));
        assert_eq!(e.chain(), "internal error: outer: disk full");
        assert_eq!(e.key(), "error-internal", "the reader sees no internals");
    }

    #[test]
    fn checks_gather_every_field() {
        let mut c = Checks::default();
        assert_eq!(c.take::<u8>(Err(AppError::invalid("name", "error-required"))), None);
        assert_eq!(c.take(Ok(3)), Some(3));
        c.check(true, "kind", "error-choose");
        c.check(false, "note", "error-too-long");
        let e = c.finish().unwrap_err();
        assert_eq!(
            e.fields(),
            vec![FieldError { field: "name", key: "error-required" }, FieldError { field: "kind", key: "error-choose" }]
        );
        assert_eq!(e.field(), Some("name"));
        assert!(Checks::default().finish().is_ok());
    }
}

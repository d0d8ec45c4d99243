//! One form template for every form: each field labelled, with its help text and its error next to
//! it, so a form with a mistake comes back filled in and explained.

use askama::Template;
use axum::{http::StatusCode, response::Response};
use lianxin_app::AppError;

use super::{Base, page_with};

/// One input of a form.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// `text`, `password`, `date`, `number`, `textarea`, `select`, `checkboxes`, `hidden`.
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String, bool)>,
    pub required: bool,
    pub help: String,
    pub error: String,
    pub autocomplete: &'static str,
}

impl Field {
    pub fn new(name: &'static str, label: String, kind: &'static str) -> Self {
        Self {
            name,
            label,
            kind,
            value: String::new(),
            options: Vec::new(),
            required: false,
            help: String::new(),
            error: String::new(),
            autocomplete: "off",
        }
    }

    pub fn text(name: &'static str, label: String) -> Self {
        Self::new(name, label, "text")
    }

    /// What the field shows back (see [`super::printable`]).
    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = super::printable(&v.into());
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn help(mut self, h: String) -> Self {
        self.help = h;
        self
    }

    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = a;
        self
    }

    /// Choices as (value, label); the ones equal to the current value, or listed in it (comma
    /// separated, for checkboxes), are selected.
    pub fn options(mut self, opts: Vec<(String, String)>) -> Self {
        let chosen: Vec<&str> = self.value.split(',').collect();
        self.options = opts
            .into_iter()
            .map(|(v, l)| {
                let sel = chosen.contains(&v.as_str());
                (v, l, sel)
            })
            .collect();
        self
    }
}

/// A page holding one form.
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub b: Base,
    pub intro: String,
    pub action: String,
    pub fields: Vec<Field>,
    pub submit: String,
    /// A message about the whole form (shown above the fields).
    pub error: String,
    pub cancel: String,
    pub danger: bool,
}

impl FormPage {
    pub fn new(b: Base, action: impl Into<String>, fields: Vec<Field>, submit: String) -> Self {
        Self { b, intro: String::new(), action: action.into(), fields, submit, error: String::new(), cancel: String::new(), danger: false }
    }

    /// Puts an error next to its field (or above the form) and renders with the matching status.
    pub fn with_error(mut self, e: &AppError) -> Response {
        let tr = self.b.tr;
        let fields = e.fields();
        if fields.is_empty() {
            self.error = tr.t(e.key());
        }
        // Every field at fault shows its own message; one not on this form goes above it.
        for f in fields {
            match self.fields.iter_mut().find(|x| x.name == f.field) {
                Some(field) if field.error.is_empty() => field.error = tr.t(f.key),
                Some(_) => {}
                None if self.error.is_empty() => self.error = tr.t(f.key),
                None => {}
            }
        }
        page_with(crate::error::status_of(e), &self)
    }

    pub fn render_ok(&self) -> Response {
        page_with(StatusCode::OK, self)
    }
}

/// Whether an error is the user's to fix on the form (rather than a page-level failure).
pub fn is_form_error(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid { .. }
            | AppError::Rule { .. }
            | AppError::Conflict { .. }
            | AppError::BadRequest { .. }
            | AppError::Locked { .. }
    )
}

/// The status a hand-written form page answers with: 200, or its error's.
pub fn shown(error: Option<&AppError>) -> StatusCode {
    error.map_or(StatusCode::OK, crate::error::status_of)
}

/// What a hand-written form page says of its error, if any.
pub fn said(tr: &crate::i18n::Tr, error: Option<&AppError>) -> String {
    error.map(|e| super::error_text(tr, e)).unwrap_or_default()
}

/// A date field as a form sends it (`2026-05-12`), `None` when empty or not a date.
pub fn date(raw: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// A stored value in words: the key `{prefix}-{value}` with `_` written as `-`.
pub fn word(tr: &crate::i18n::Tr, prefix: &str, value: &str) -> String {
    tr.t(&format!("{prefix}-{}", value.replace('_', "-")))
}

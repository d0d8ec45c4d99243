//! Input every capability parses the same way, turned into the use cases' errors: free text as
//! people type it (see [`lianxin_core::text::clean`]) and tree paths as the database stores them.

use lianxin_core::tree::TreePath;

use crate::{AppError, Result};

/// Trims and checks a free-text field named `field`.
pub(crate) fn clean(field: &'static str, s: &str, max: usize, required: bool) -> Result<Option<String>> {
    lianxin_core::text::clean(s, max, required).map_err(|e| AppError::invalid(field, e.key()))
}

/// Checks text written in paragraphs (an agenda, minutes), keeping its line breaks.
pub(crate) fn paragraphs(field: &'static str, s: &str, max: usize, required: bool) -> Result<Option<String>> {
    lianxin_core::text::paragraphs(s, max, required).map_err(|e| AppError::invalid(field, e.key()))
}

/// Trims and checks a name or title named `field` (see [`lianxin_core::text::name`]).
pub(crate) fn name(field: &'static str, s: &str, max: usize, required: bool) -> Result<Option<String>> {
    lianxin_core::text::name(s, max, required).map_err(|e| AppError::invalid(field, e.key()))
}

/// A path read from the database (a malformed one is an internal error, not the user's).
pub(crate) fn path(stored: &str) -> Result<TreePath> {
    TreePath::parse(stored).ok_or_else(|| AppError::internal(format!("malformed stored path {stored:?}")))
}

//! Spreadsheets in and out. Reads the .xlsx and .csv files staff keep (CSV as Excel saves it: GBK/GB18030,
//! UTF-8 with BOM, or "Unicode text") into plain rows of text, and writes .xlsx and .csv back with every cell
//! as text, so ID numbers and phone numbers keep every digit and their leading zeros.
//!
//! Numbers and dates read from .xlsx become text the way Excel shows them (see [`read`]); the callers parse
//! that text into domain types.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, Dimensions, Reader, SheetType, SheetVisible, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

mod columns;
mod csv;
mod typed;
mod write;
mod xlsx;

use columns::*;
pub use columns::{Column, ColumnMap, map_columns};
use csv::*;
pub use typed::{Cell, write_typed_xlsx};
pub use write::{error_report_csv, error_report_xlsx, write_xlsx};
use xlsx::*;

/// How much a file may hold before it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Size of the uploaded file. An .xlsx may also unpack to at most 16 times this.
    pub max_bytes: usize,
    /// Data rows, not counting the header row or empty rows.
    pub max_rows: usize,
    /// Columns, counted from column A to the last one holding a value.
    pub max_columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_bytes: 20 * 1024 * 1024, max_rows: 200_000, max_columns: 100 }
    }
}

/// One table read from a file: the header row and the non-empty rows below it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The worksheet read; for CSV, the file name without its extension (as Excel names the tab).
    pub name: String,
    /// Header texts, normalized (see [`read`]); an empty string for a column without a header.
    pub headers: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// A data row. `cells` has no trailing empty cells, so it may be shorter (or longer) than the headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number as Excel shows it, empty rows included.
    pub line: usize,
    pub cells: Vec<String>,
}

/// Why a file cannot be used. [`SheetError::key`] and [`SheetError::args`] give the message to show.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SheetError {
    #[error("the file holds no data")]
    Empty,
    #[error("the file is not a spreadsheet")]
    NotASpreadsheet,
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("the file has more than {max} data rows")]
    TooManyRows { max: usize },
    #[error("the file has more than {max} columns")]
    TooManyColumns { max: usize },
    #[error("the header row has merged cells {cells}")]
    MergedHeader { cells: String },
    #[error("cell {cell} holds a formula")]
    Formula { cell: String },
    #[error("cell {cell} holds an error value such as #N/A")]
    CellError { cell: String },
    #[error("missing columns: {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("the column {0} appears more than once")]
    DuplicateColumn(String),
    /// A detail in English, for the log and as the `reason` argument.
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
}

impl SheetError {
    /// The i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Empty => "error-sheet-empty",
            Self::NotASpreadsheet => "error-sheet-not-spreadsheet",
            Self::TooLarge { .. } => "error-sheet-too-large",
            Self::TooManyRows { .. } => "error-sheet-too-many-rows",
            Self::TooManyColumns { .. } => "error-sheet-too-many-columns",
            Self::MergedHeader { .. } => "error-sheet-merged-header",
            Self::Formula { .. } => "error-sheet-formula",
            Self::CellError { .. } => "error-sheet-cell-error",
            Self::MissingColumns(_) => "error-sheet-missing-columns",
            Self::DuplicateColumn(_) => "error-sheet-duplicate-column",
            Self::Unreadable(_) => "error-sheet-unreadable",
        }
    }

    /// The Fluent arguments of the message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Empty | Self::NotASpreadsheet => Vec::new(),
            Self::TooLarge { max_bytes } => {
                vec![("max", format!("{} MB", max_bytes.div_ceil(1024 * 1024))), ("max_bytes", max_bytes.to_string())]
            }
            Self::TooManyRows { max } | Self::TooManyColumns { max } => vec![("max", max.to_string())],
            Self::MergedHeader { cells } => vec![("cells", cells.clone())],
            Self::Formula { cell } | Self::CellError { cell } => vec![("cell", cell.clone())],
            Self::MissingColumns(columns) => vec![("columns", columns.join("、"))],
            Self::DuplicateColumn(column) => vec![("column", column.clone())],
            Self::Unreadable(reason) => vec![("reason", reason.clone())],
        }
    }
}

/// A problem found in one cell, for the error report a user downloads (kept as JSON while an import runs).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/// Reads the first table of a file, whatever its name says it is.
///
/// - .xlsx (a zip): the first visible worksheet holding a value (hidden sheets, often lists behind drop-downs,
///   only when no visible one has data). Refused when the header row touches a merged region, when any cell
///   holds a formula or an error value such as `#N/A`. Legacy .xls, .xlsb, .ods and password-protected
///   workbooks are refused as [`SheetError::Unreadable`] with the reason (save as .xlsx).
/// - Anything else is read as CSV text: UTF-8 (BOM or not), UTF-16 with BOM (Excel's "Unicode text"), else
///   GB18030 (which covers GBK). Comma-separated, or tab-separated when the header line has tabs and no commas.
///   RFC 4180 quoting, including line breaks inside quotes. `="0123"` (how some systems keep leading zeros in
///   CSV) becomes `0123`.
///
/// The header row is the first non-empty row. Header texts lose surrounding spaces, full-width spaces, line
/// breaks and "required" markers (`*姓名`, `姓名*`, `姓名（必填）`). Cells are trimmed; empty rows are skipped but
/// `line` keeps counting them.
///
/// Cell values from .xlsx: text as typed; numbers as Excel shows them in General format, at most 15
/// significant digits, never in scientific notation (`13800138000`, `3`, `0.3`). Excel itself keeps only 15
/// digits of a number, so an 18-digit ID typed as a number comes back with zeros from the 16th digit on
/// (`110101199001011000`): the digits are lost in the file, and the caller's check digit test must reject it.
/// Dates and date-times become `YYYY-MM-DD` (the time of day is dropped), times alone `HH:MM:SS`; booleans
/// `TRUE`/`FALSE`. Values from CSV are the text Excel wrote, e.g. `1990/1/1` or `1.10101E+17`.
pub fn read(bytes: &[u8], filename: &str, limits: Limits) -> Result<Sheet, SheetError> {
    if bytes.len() > limits.max_bytes {
        return Err(SheetError::TooLarge { max_bytes: limits.max_bytes });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SheetError::Empty);
    }
    if is_zip(bytes) {
        return read_xlsx(bytes, limits);
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(SheetError::Unreadable(ole_reason(bytes).into()));
    }
    if BINARY_MAGICS.iter().any(|m| bytes.starts_with(m)) {
        return Err(SheetError::NotASpreadsheet);
    }
    read_csv(bytes, file_stem(filename), limits)
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Files people upload by mistake that may hold no NUL byte early enough to tell: PDF, images, archives.
const BINARY_MAGICS: &[&[u8]] = &[b"%PDF", b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"Rar!", b"7z\xBC\xAF", b"\x1F\x8B", b"BM", b"{\\rtf"];

/// An .xlsx unpacks to at most this many times the limit on the file itself (typical sheets: 5 to 10).
const MAX_UNPACKED_RATIO: u64 = 16;

fn is_zip(bytes: &[u8]) -> bool {
    [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"].iter().any(|m| bytes.starts_with(*m))
}

/// OLE compound files are legacy .xls, or any Office file with a password (the package is encrypted inside).
fn ole_reason(bytes: &[u8]) -> &'static str {
    let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(encrypted.len()).any(|w| w == encrypted.as_slice()) {
        "the workbook is protected by a password; remove the password and save it again as .xlsx"
    } else {
        "legacy Excel 97-2003 (.xls) files are not supported; open it in Excel or WPS and save it as .xlsx"
    }
}

fn file_stem(filename: &str) -> &str {
    let base = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

#[cfg(test)]
mod tests;

//! Spreadsheets in and out. Reads the .xlsx and .csv files staff keep (CSV as Excel saves it: GBK/GB18030,
//! UTF-8 with BOM, or "Unicode text") into plain rows of text, and writes .xlsx and .csv back with every cell
//! as text, so ID numbers and phone numbers keep every digit and their leading zeros.
//!
//! Numbers and dates read from .xlsx become text the way Excel shows them (see [`read`]); the callers parse
//! that text into domain types.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, Dimensions, Reader, SheetType, SheetVisible, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

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

// ----- .xlsx

fn read_xlsx(bytes: &[u8], limits: Limits) -> Result<Sheet, SheetError> {
    let entries = zip_entries(bytes).ok_or_else(|| SheetError::Unreadable("the zip structure is damaged".into()))?;
    let has = |name: &str| entries.iter().any(|e| e.name.eq_ignore_ascii_case(name));
    if !has("xl/workbook.xml") {
        return Err(if has("xl/workbook.bin") {
            SheetError::Unreadable("binary .xlsb workbooks are not supported; save it as .xlsx".into())
        } else if has("content.xml") && has("mimetype") {
            SheetError::Unreadable("OpenDocument (.ods) files are not supported; save it as .xlsx".into())
        } else {
            SheetError::NotASpreadsheet
        });
    }
    // Declared sizes bound what the zip reader will inflate, so this stops zip bombs before they expand.
    let unpacked = entries.iter().fold(0u64, |sum, e| sum.saturating_add(e.size));
    if unpacked > (limits.max_bytes as u64).saturating_mul(MAX_UNPACKED_RATIO) {
        return Err(SheetError::TooLarge { max_bytes: limits.max_bytes });
    }
    check_shared_strings(bytes, &entries)?;
    // The parser must not take the server down over a malformed file; a panic in it means "unreadable".
    catch_unwind(AssertUnwindSafe(|| read_workbook(bytes, limits)))
        .unwrap_or_else(|_| Err(SheetError::Unreadable("the workbook is malformed".into())))
}

fn unreadable(e: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable(e.to_string())
}

/// Non-empty cells of a worksheet by row: `row -> [(column, text)]`, both 0-based.
type Grid = BTreeMap<u32, Vec<(u32, String)>>;

fn read_workbook(bytes: &[u8], limits: Limits) -> Result<Sheet, SheetError> {
    let mut book: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut order: Vec<(bool, String)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.visible != SheetVisible::Visible, s.name.clone()))
        .collect();
    order.sort_by_key(|(hidden, _)| *hidden);
    for (_, name) in order {
        let grid = scan_worksheet(&mut book, &name, limits)?;
        let Some(&header_row) = grid.keys().next() else { continue };
        let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;
        if let Some(region) = merged.iter().find(|d| d.start.0 <= header_row && header_row <= d.end.0) {
            return Err(SheetError::MergedHeader { cells: range_ref(region) });
        }
        return Ok(sheet_from_rows(name, grid.into_iter().map(|(row, cells)| (row as usize + 1, row_from_cells(cells)))));
    }
    Err(SheetError::Empty)
}

/// Streams one worksheet, refusing formulas, error values and oversize sheets as soon as they appear.
fn scan_worksheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str, limits: Limits) -> Result<Grid, SheetError> {
    let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut grid = Grid::new();
    while let Some(cell) = cells.next_cell_with_formula_metadata().map_err(unreadable)? {
        let (row, col) = cell.pos;
        if cell.formula.is_some() {
            return Err(SheetError::Formula { cell: cell_ref(row, col) });
        }
        let text = cell_text(&cell.value).ok_or_else(|| SheetError::CellError { cell: cell_ref(row, col) })?;
        if text.is_empty() {
            continue;
        }
        if col as usize >= limits.max_columns {
            return Err(SheetError::TooManyColumns { max: limits.max_columns });
        }
        grid.entry(row).or_default().push((col, text));
        if grid.len() > limits.max_rows.saturating_add(1) {
            return Err(SheetError::TooManyRows { max: limits.max_rows });
        }
    }
    Ok(grid)
}

/// A row of cells from its non-empty `(column, text)` pairs; the last one decides the length.
fn row_from_cells(cells: Vec<(u32, String)>) -> Vec<String> {
    let width = cells.iter().map(|(col, _)| *col as usize + 1).max().unwrap_or(0);
    let mut row = vec![String::new(); width];
    for (col, text) in cells {
        if let Some(slot) = row.get_mut(col as usize) {
            *slot = text;
        }
    }
    row
}

/// The text of a cell as Excel shows it; `None` for an error value such as `#N/A`.
fn cell_text(value: &DataRef<'_>) -> Option<String> {
    Some(match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => clean(s).to_owned(),
        DataRef::SharedString(s) => clean(s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::DateTimeIso(s) => iso_date_text(s),
        DataRef::DurationIso(s) => clean(s).to_owned(),
        DataRef::Error(_) => return None,
    })
}

/// A number as Excel's General format shows it: at most 15 significant digits (what Excel keeps; it also
/// hides binary noise such as 0.30000000000000004) and never in scientific notation.
fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    // `Display` for f64 writes all digits, without an exponent.
    let text = rounded.to_string();
    if text == "-0" { "0".to_owned() } else { text }
}

fn datetime_text(dt: &calamine::ExcelDateTime) -> String {
    let serial = dt.as_f64();
    // Excel's dates end at 9999-12-31 (serial 2958465); outside that, chrono's conversion would panic.
    if dt.is_duration() || !(0.0..2_958_466.0).contains(&serial) {
        return number_text(serial);
    }
    match dt.as_datetime() {
        Some(t) if (0.0..1.0).contains(&serial) => t.format("%H:%M:%S").to_string(),
        Some(t) => t.format("%Y-%m-%d").to_string(),
        None => number_text(serial),
    }
}

/// `2024-03-05T08:00:00` (cells of type `d`) to `2024-03-05`.
fn iso_date_text(s: &str) -> String {
    let s = clean(s);
    let is_date =
        |d: &[u8]| d.len() == 10 && d.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    match s.get(..10) {
        Some(date) if is_date(date.as_bytes()) => date.to_owned(),
        _ => s.to_owned(),
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Trims spaces of every kind (full-width, no-break) and the zero-width characters copied in from web pages.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// `A1`-style reference of a 0-based cell.
fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn range_ref(d: &Dimensions) -> String {
    let start = cell_ref(d.start.0, d.start.1);
    if d.start == d.end { start } else { format!("{start}:{}", cell_ref(d.end.0, d.end.1)) }
}

/// Header row and data rows from the non-empty rows of a table, in order, with their 1-based line numbers.
fn sheet_from_rows(name: String, rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Sheet {
    let mut rows = rows.into_iter();
    let mut headers: Vec<String> = rows.next().map(|(_, cells)| cells).unwrap_or_default();
    for h in &mut headers {
        *h = normalize_header(h);
    }
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    Sheet { name, headers, rows: rows.map(|(line, cells)| SheetRow { line, cells }).collect() }
}

// ----- zip directory

struct ZipEntry {
    name: String,
    /// Declared uncompressed size.
    size: u64,
    method: u16,
    /// Where its local header starts.
    offset: u64,
}

/// Upper bound on entries; a workbook has a few dozen.
const MAX_ZIP_ENTRIES: u64 = 10_000;

fn zip_slice(bytes: &[u8], start: usize, len: usize) -> Option<&[u8]> {
    bytes.get(start..start.checked_add(len)?)
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(zip_slice(bytes, at, 2)?.try_into().ok()?))
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(zip_slice(bytes, at, 4)?.try_into().ok()?))
}

fn le64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(zip_slice(bytes, at, 8)?.try_into().ok()?))
}

/// The central directory (zip64 included), found the way the zip reader finds it.
fn zip_entries(bytes: &[u8]) -> Option<Vec<ZipEntry>> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(u16::MAX as usize);
    let eocd = (first..=last).rev().find(|&i| zip_slice(bytes, i, 4) == Some(b"PK\x05\x06"))?;
    let mut count = u64::from(le16(bytes, eocd + 10)?);
    let mut offset = u64::from(le32(bytes, eocd + 16)?);
    if let Some(locator) = eocd.checked_sub(20).filter(|&at| zip_slice(bytes, at, 4) == Some(b"PK\x06\x07")) {
        let record = usize::try_from(le64(bytes, locator + 8)?).ok()?;
        if zip_slice(bytes, record, 4)? != b"PK\x06\x06" {
            return None;
        }
        count = le64(bytes, record + 32)?;
        offset = le64(bytes, record + 48)?;
    }
    if count > MAX_ZIP_ENTRIES {
        return None;
    }
    let mut at = usize::try_from(offset).ok()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        if zip_slice(bytes, at, 4)? != b"PK\x01\x02" {
            return None;
        }
        let method = le16(bytes, at + 10)?;
        let small = [le32(bytes, at + 24)?, le32(bytes, at + 20)?, le32(bytes, at + 42)?];
        let name_len = usize::from(le16(bytes, at + 28)?);
        let extra_len = usize::from(le16(bytes, at + 30)?);
        let comment_len = usize::from(le16(bytes, at + 32)?);
        let name = zip_slice(bytes, at + 46, name_len)?;
        let extra = zip_slice(bytes, at + 46 + name_len, extra_len)?;
        let [size, _, offset] = zip64_fields(extra, small)?;
        entries.push(ZipEntry { name: String::from_utf8_lossy(name).into_owned(), size, method, offset });
        at = at.checked_add(46 + name_len + extra_len + comment_len)?;
    }
    Some(entries)
}

/// Uncompressed size, compressed size and header offset: the 32-bit values, or for each saturated one its
/// 64-bit value from the zip64 extra field, where they appear in that order.
fn zip64_fields(extra: &[u8], small: [u32; 3]) -> Option<[u64; 3]> {
    let mut values = small.map(u64::from);
    if !small.contains(&u32::MAX) {
        return Some(values);
    }
    let mut at = 0;
    loop {
        let id = le16(extra, at)?;
        let len = usize::from(le16(extra, at + 2)?);
        if id == 1 {
            let mut field = at + 4;
            for (value, raw) in values.iter_mut().zip(small) {
                if raw == u32::MAX {
                    *value = le64(extra, field)?;
                    field += 8;
                }
            }
            return Some(values);
        }
        at += 4 + len;
    }
}

/// The first `limit` bytes of an entry, uncompressed (stored or deflated entries only).
fn zip_entry_prefix(bytes: &[u8], entry: &ZipEntry, limit: usize) -> Option<Vec<u8>> {
    let at = usize::try_from(entry.offset).ok()?;
    if zip_slice(bytes, at, 4)? != b"PK\x03\x04" {
        return None;
    }
    let start = at.checked_add(30 + usize::from(le16(bytes, at + 26)?) + usize::from(le16(bytes, at + 28)?))?;
    let data = bytes.get(start..)?;
    let limit = limit.min(usize::try_from(entry.size).unwrap_or(usize::MAX));
    match entry.method {
        0 => Some(data.get(..limit.min(data.len()))?.to_vec()),
        8 => inflate_prefix(data, limit),
        _ => None,
    }
}

/// How much of the shared strings table is read to find its declared count.
const SST_PEEK: usize = 64 * 1024;

/// The zip reader reserves memory for the string count a workbook declares before reading any string, so a
/// tiny file declaring billions of strings would abort the whole process. A string takes at least 5 bytes
/// (`<si/>`), so a count above a fifth of the table's size is a lie.
fn check_shared_strings(bytes: &[u8], entries: &[ZipEntry]) -> Result<(), SheetError> {
    let damaged = || SheetError::Unreadable("the shared strings table is damaged".into());
    for entry in entries.iter().filter(|e| e.name.to_ascii_lowercase().ends_with("sharedstrings.xml")) {
        let head = zip_entry_prefix(bytes, entry, SST_PEEK).ok_or_else(damaged)?;
        let declared = sst_unique_count(&String::from_utf8_lossy(&head)).ok_or_else(damaged)?;
        if declared > entry.size / 5 {
            return Err(damaged());
        }
    }
    Ok(())
}

/// The largest `uniqueCount` on the `<sst>` element, 0 without one. `None` when anything but the XML
/// declaration, processing instructions, comments and spaces comes before it (nothing else may).
fn sst_unique_count(xml: &str) -> Option<u64> {
    let mut rest = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let name_end = tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
    let (name, mut attrs) = tag.split_at(name_end);
    if name.rsplit(':').next()? != "sst" {
        return None;
    }
    let mut declared = 0u64;
    loop {
        attrs = attrs.trim_start();
        if attrs.starts_with('>') || attrs.starts_with("/>") {
            return Some(declared);
        }
        let eq = attrs.find('=')?;
        let key = attrs[..eq].trim();
        let value = attrs[eq + 1..].trim_start();
        let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let close = value[1..].find(quote)? + 1;
        if key.rsplit(':').next() == Some("uniqueCount") {
            let digits = value[1..close].trim().trim_start_matches('+');
            let digits = &digits[..digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len())];
            declared = declared.max(digits.parse().unwrap_or(if digits.is_empty() { 0 } else { u64::MAX }));
        }
        attrs = &value[close + 1..];
    }
}

/// Reads bits of a DEFLATE stream, least significant first.
struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
    buffer: u32,
    count: u32,
}

impl BitReader<'_> {
    /// The next `n` (at most 16) bits; `None` at the end of the data.
    fn bits(&mut self, n: u32) -> Option<u32> {
        while self.count < n {
            self.buffer |= u32::from(*self.data.get(self.pos)?) << self.count;
            self.pos += 1;
            self.count += 8;
        }
        let value = self.buffer & ((1u32 << n) - 1);
        self.buffer = self.buffer.checked_shr(n).unwrap_or(0);
        self.count -= n;
        Some(value)
    }
}

/// A canonical Huffman code: how many codes have each length, and the symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// `None` when the lengths describe more codes than fit (incomplete codes are allowed, as zlib does).
    fn new(lengths: &[u8]) -> Option<Self> {
        let mut counts = [0u16; 16];
        for &len in lengths {
            *counts.get_mut(usize::from(len))? += 1;
        }
        let mut left: i32 = 1;
        for &count in &counts[1..] {
            left = (left << 1) - i32::from(count);
            if left < 0 {
                return None;
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &len) in lengths.iter().enumerate() {
            if len != 0 {
                let slot = &mut offsets[usize::from(len)];
                *symbols.get_mut(usize::from(*slot))? = u16::try_from(symbol).ok()?;
                *slot += 1;
            }
        }
        Some(Self { counts, symbols })
    }

    fn decode(&self, bits: &mut BitReader<'_>) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= i32::try_from(bits.bits(1)?).ok()?;
            let count = i32::from(count);
            if code - first < count {
                return self.symbols.get(usize::try_from(index + code - first).ok()?).copied();
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
    24577,
];
const DISTANCE_EXTRA: [u8; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// The first `limit` bytes of a raw DEFLATE stream (RFC 1951); `None` if it is malformed before that.
/// Only to peek at an entry without a decompression crate: the workbook itself is read by calamine.
fn inflate_prefix(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut bits = BitReader { data, pos: 0, buffer: 0, count: 0 };
    let mut out = Vec::new();
    loop {
        let last = bits.bits(1)? == 1;
        match bits.bits(2)? {
            0 => {
                // A stored block starts at the next byte; fewer than 8 bits are ever buffered.
                (bits.buffer, bits.count) = (0, 0);
                let len = usize::from(le16(data, bits.pos)?);
                if le16(data, bits.pos + 2)? != !(len as u16) {
                    return None;
                }
                out.extend_from_slice(zip_slice(data, bits.pos + 4, len)?);
                bits.pos += 4 + len;
            }
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                inflate_block(&mut bits, &Huffman::new(&lengths)?, &Huffman::new(&[5; 30])?, &mut out, limit)?;
            }
            2 => {
                let (literals, distances) = dynamic_codes(&mut bits)?;
                inflate_block(&mut bits, &literals, &distances, &mut out, limit)?;
            }
            _ => return None,
        }
        if last || out.len() >= limit {
            out.truncate(limit);
            return Some(out);
        }
    }
}

fn dynamic_codes(bits: &mut BitReader<'_>) -> Option<(Huffman, Huffman)> {
    let literal_count = bits.bits(5)? as usize + 257;
    let distance_count = bits.bits(5)? as usize + 1;
    let code_count = bits.bits(4)? as usize + 4;
    if literal_count > 286 || distance_count > 30 {
        return None;
    }
    let mut code_lengths = [0u8; 19];
    for &i in &CODE_LENGTH_ORDER[..code_count] {
        code_lengths[i] = bits.bits(3)? as u8;
    }
    let code_lengths = Huffman::new(&code_lengths)?;
    let mut lengths = Vec::with_capacity(literal_count + distance_count);
    while lengths.len() < literal_count + distance_count {
        let (value, repeat) = match code_lengths.decode(bits)? {
            symbol @ 0..=15 => (symbol as u8, 1),
            16 => (*lengths.last()?, 3 + bits.bits(2)?),
            17 => (0, 3 + bits.bits(3)?),
            18 => (0, 11 + bits.bits(7)?),
            _ => return None,
        };
        for _ in 0..repeat {
            lengths.push(value);
        }
    }
    if lengths.len() != literal_count + distance_count || lengths[256] == 0 {
        return None;
    }
    Some((Huffman::new(&lengths[..literal_count])?, Huffman::new(&lengths[literal_count..])?))
}

fn inflate_block(bits: &mut BitReader<'_>, literals: &Huffman, distances: &Huffman, out: &mut Vec<u8>, limit: usize) -> Option<()> {
    while out.len() < limit {
        let symbol = usize::from(literals.decode(bits)?);
        if symbol < 256 {
            out.push(symbol as u8);
            continue;
        }
        if symbol == 256 {
            return Some(());
        }
        let i = symbol - 257;
        let len = usize::from(*LENGTH_BASE.get(i)?) + bits.bits(u32::from(LENGTH_EXTRA[i]))? as usize;
        let d = usize::from(distances.decode(bits)?);
        let distance = usize::from(*DISTANCE_BASE.get(d)?) + bits.bits(u32::from(DISTANCE_EXTRA[d]))? as usize;
        let from = out.len().checked_sub(distance)?;
        for k in 0..len {
            let byte = out[from + k];
            out.push(byte);
        }
    }
    Some(())
}

// ----- CSV

fn read_csv(bytes: &[u8], name: &str, limits: Limits) -> Result<Sheet, SheetError> {
    let text = decode_text(bytes)?;
    if looks_like_markup(&text) {
        return Err(SheetError::Unreadable(
            "the file is a web page or XML export, not a real spreadsheet; open it in Excel and save it as .xlsx".into(),
        ));
    }
    let header_line = text.lines().find(|l| !clean(l).is_empty()).unwrap_or("");
    let delimiter = if header_line.contains('\t') && !header_line.contains(',') { '\t' } else { ',' };
    let records = parse_csv(&text, delimiter, limits)?;
    if records.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(sheet_from_rows(name.to_owned(), records))
}

/// Text of a CSV file in the encodings Excel writes. Refuses binary data: NUL bytes, or more than a tiny
/// share of undecodable bytes and control characters.
fn decode_text(bytes: &[u8]) -> Result<String, SheetError> {
    use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        UTF_16LE.decode_without_bom_handling(rest).0
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        UTF_16BE.decode_without_bom_handling(rest).0
    } else if bytes.contains(&0) {
        return Err(SheetError::NotASpreadsheet);
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        as_utf8(rest).unwrap_or_else(|| String::from_utf8_lossy(rest))
    } else {
        as_utf8(bytes).unwrap_or_else(|| GB18030.decode_without_bom_handling(bytes).0)
    };
    // A DOS end-of-file mark is harmless.
    let text = text.trim_end_matches('\u{1A}');
    let mut total = 0usize;
    let mut suspicious = 0usize;
    for c in text.chars() {
        total += 1;
        match c {
            '\0' => return Err(SheetError::NotASpreadsheet),
            '\t' | '\n' | '\r' => {}
            '\u{FFFD}' => suspicious += 1,
            c if c.is_control() => suspicious += 1,
            _ => {}
        }
    }
    if suspicious > total / 200 {
        return Err(SheetError::NotASpreadsheet);
    }
    Ok(text.to_owned())
}

/// The text if it is UTF-8: valid, cut in the middle of its last character (the cut character is dropped),
/// or with a few broken bytes (kept as U+FFFD). Text in GBK is almost never valid UTF-8 beyond a character
/// or two, so only in UTF-8 do valid multi-byte characters far outnumber broken bytes.
fn as_utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Cow::Borrowed(text)),
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok().map(Cow::Borrowed),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let broken = text.chars().filter(|c| *c == '\u{FFFD}').count();
            let wide = text.chars().filter(|c| !c.is_ascii() && *c != '\u{FFFD}').count();
            (wide > 20 * broken).then_some(text)
        }
    }
}

fn looks_like_markup(text: &str) -> bool {
    let start: String = clean(text).chars().take(16).flat_map(char::to_lowercase).collect();
    ["<html", "<!doctype", "<?xml", "<table", "<head", "<body"].iter().any(|m| start.starts_with(m))
}

/// Non-empty records of CSV text, each with its 1-based record number (the row Excel shows). RFC 4180:
/// a field starting with `"` runs to the next lone `"`, and `""` inside it is one quote; line breaks inside
/// quotes belong to the field. Like Excel it is lenient: text after a closing quote is kept, and an
/// unterminated quote runs to the end of the file.
fn parse_csv(text: &str, delimiter: char, limits: Limits) -> Result<Vec<(usize, Vec<String>)>, SheetError> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut column = 0usize;
    let mut field = String::new();
    let mut line = 1usize;
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c != '"' {
                field.push(c);
            } else if chars.peek() == Some(&'"') {
                chars.next();
                field.push('"');
            } else {
                in_quotes = false;
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push_field(&mut record, &mut column, &mut field, limits)?;
                push_record(&mut records, &mut record, &mut column, line, limits)?;
                line += 1;
                at_field_start = true;
            }
            c if c == delimiter => {
                push_field(&mut record, &mut column, &mut field, limits)?;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if column > 0 || !at_field_start {
        push_field(&mut record, &mut column, &mut field, limits)?;
        push_record(&mut records, &mut record, &mut column, line, limits)?;
    }
    Ok(records)
}

/// Ends a field. Empty fields are not stored until a later one needs the padding, so a record never holds
/// trailing empty cells and a line of ten million commas costs nothing.
fn push_field(record: &mut Vec<String>, column: &mut usize, field: &mut String, limits: Limits) -> Result<(), SheetError> {
    let value = csv_value(&std::mem::take(field));
    if !value.is_empty() {
        if *column >= limits.max_columns {
            return Err(SheetError::TooManyColumns { max: limits.max_columns });
        }
        record.resize(*column, String::new());
        record.push(value);
    }
    *column += 1;
    Ok(())
}

fn push_record(
    records: &mut Vec<(usize, Vec<String>)>,
    record: &mut Vec<String>,
    column: &mut usize,
    line: usize,
    limits: Limits,
) -> Result<(), SheetError> {
    *column = 0;
    if record.is_empty() {
        return Ok(());
    }
    records.push((line, std::mem::take(record)));
    if records.len() > limits.max_rows.saturating_add(1) {
        return Err(SheetError::TooManyRows { max: limits.max_rows });
    }
    Ok(())
}

/// A trimmed CSV value; `="0123"` becomes `0123`.
fn csv_value(raw: &str) -> String {
    let value = clean(raw);
    match value.strip_prefix("=\"").and_then(|v| v.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => clean(inner).to_owned(),
        _ => value.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Columns

/// A column the caller expects, under any of its header names (first one: how it is shown when missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// Where each expected column is in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    found: Vec<FoundColumn>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct FoundColumn {
    key: &'static str,
    index: usize,
    header: String,
}

impl ColumnMap {
    /// The cell of `key` in `row`; `""` when the column or the cell is absent.
    pub fn get<'a>(&self, row: &'a SheetRow, key: &str) -> &'a str {
        self.index(key).and_then(|i| row.cells.get(i)).map_or("", String::as_str)
    }

    /// Whether the file has the column.
    pub fn has(&self, key: &str) -> bool {
        self.index(key).is_some()
    }

    /// The header text the file uses for the column.
    pub fn header(&self, key: &str) -> Option<&str> {
        self.found.iter().find(|f| f.key == key).map(|f| f.header.as_str())
    }

    /// The 0-based position of the column in the file.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.found.iter().find(|f| f.key == key).map(|f| f.index)
    }
}

/// Finds the expected columns among a file's headers, ignoring case, spacing, full-width letters and
/// "required" markers. Unknown columns are ignored; an expected column found twice (under the same or two
/// different names) is [`SheetError::DuplicateColumn`] with the file's names joined by `、`; missing required
/// columns are [`SheetError::MissingColumns`] under their first header name.
pub fn map_columns(headers: &[String], columns: &[Column]) -> Result<ColumnMap, SheetError> {
    let wanted: Vec<(&Column, Vec<String>)> =
        columns.iter().map(|c| (c, c.headers.iter().chain([&c.key]).map(|h| match_key(h)).collect())).collect();
    let mut found: Vec<FoundColumn> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = match_key(header);
        if key.is_empty() {
            continue;
        }
        let Some((column, _)) = wanted.iter().find(|(_, names)| names.contains(&key)) else { continue };
        let header = normalize_header(header);
        if let Some(first) = found.iter().find(|f| f.key == column.key) {
            let names = if first.header == header { header } else { format!("{}、{header}", first.header) };
            return Err(SheetError::DuplicateColumn(names));
        }
        found.push(FoundColumn { key: column.key, index, header });
    }
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !found.iter().any(|f| f.key == c.key))
        .map(|c| c.headers.first().copied().unwrap_or(c.key).to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(SheetError::MissingColumns(missing));
    }
    Ok(ColumnMap { found })
}

/// Header text without line breaks, full-width or invisible spaces and "required"/"optional" markers.
fn normalize_header(raw: &str) -> String {
    const SUFFIXES: &[&str] = &["*", "＊", "（必填）", "(必填)", "（选填）", "(选填)"];
    const PREFIXES: &[&str] = &["*", "＊"];
    let text: String = raw.chars().filter(|c| !matches!(c, '\u{3000}' | '\r' | '\n') && !is_invisible(*c)).collect();
    let mut t = clean(&text);
    loop {
        let before = t;
        for m in SUFFIXES {
            t = t.strip_suffix(m).map_or(t, clean);
        }
        for m in PREFIXES {
            t = t.strip_prefix(m).map_or(t, clean);
        }
        if t == before {
            return t.to_owned();
        }
    }
}

/// What two headers must share to name the same column.
fn match_key(header: &str) -> String {
    normalize_header(header)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Full-width ASCII (（, ）, Ａ...) to ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/// Excel's limits: rows per sheet (header included), columns, UTF-16 units per cell, sheet name length.
const XLSX_MAX_ROWS: usize = 1_048_576;
const XLSX_MAX_COLUMNS: usize = 16_384;
const XLSX_MAX_CELL: usize = 32_767;
const XLSX_MAX_SHEET_NAME: usize = 31;
const MAX_COLUMN_WIDTH: usize = 50;

/// An .xlsx with one sheet: a bold, frozen header row with an autofilter, columns as wide as their content
/// (a CJK character counts double, at most 50), and every cell written as text in text-formatted columns, so
/// IDs and phone numbers keep all digits, also when someone types new rows. A cell longer than Excel's
/// 32,767 characters is cut there. [`SheetError::TooManyRows`] / [`SheetError::TooManyColumns`] past Excel's
/// limits; [`SheetError::Unreadable`] if the writer fails otherwise (not expected).
pub fn write_xlsx(sheet_name: &str, headers: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name(safe_sheet_name(sheet_name)).map_err(unreadable)?;
    let column =
        |i: usize| u16::try_from(i).ok().filter(|_| i < XLSX_MAX_COLUMNS).ok_or(SheetError::TooManyColumns { max: XLSX_MAX_COLUMNS });
    let mut widths: Vec<usize> = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column(i)?, excel_text(header), &bold).map_err(unreadable)?;
        widths.push(display_width(header));
    }
    let mut last_row = 0u32;
    for (i, row) in rows.into_iter().enumerate() {
        let r = u32::try_from(i + 1).ok().filter(|_| i + 1 < XLSX_MAX_ROWS).ok_or(SheetError::TooManyRows { max: XLSX_MAX_ROWS - 1 })?;
        for (c, value) in row.iter().enumerate() {
            let col = column(c)?;
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            if value.is_empty() {
                continue;
            }
            sheet.write_string_with_format(r, col, excel_text(value), &text).map_err(unreadable)?;
            widths[c] = widths[c].max(display_width(value));
        }
        last_row = r;
    }
    for (c, width) in widths.iter().enumerate() {
        let col = column(c)?;
        sheet.set_column_format(col, &text).map_err(unreadable)?;
        sheet.set_column_width(col, (width + 2).clamp(6, MAX_COLUMN_WIDTH) as f64).map_err(unreadable)?;
    }
    if !headers.is_empty() {
        sheet.set_freeze_panes(1, 0).map_err(unreadable)?;
        sheet.autofilter(0, 0, last_row, column(widths.len() - 1)?).map_err(unreadable)?;
    }
    book.save_to_buffer().map_err(unreadable)
}

/// A valid worksheet name: no `[]:*?/\`, no quote at either end, at most 31 characters, not blank.
fn safe_sheet_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    let mut out = String::new();
    for c in cleaned.trim().trim_matches('\'').chars() {
        if out.encode_utf16().count() + c.len_utf16() > XLSX_MAX_SHEET_NAME {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('\'').to_owned();
    if out.is_empty() || out.eq_ignore_ascii_case("history") { format!("{out}Sheet1") } else { out }
}

/// The text cut to what an Excel cell holds.
fn excel_text(value: &str) -> &str {
    if value.len() <= XLSX_MAX_CELL {
        return value;
    }
    let mut units = 0;
    for (at, c) in value.char_indices() {
        units += c.len_utf16();
        if units > XLSX_MAX_CELL {
            return &value[..at];
        }
    }
    value
}

/// Width in Excel character units of the longest line; wide (CJK) characters count double.
fn display_width(value: &str) -> usize {
    value.lines().map(|l| l.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()).max().unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Rows at most in an error report (Excel's limit below the header).
const MAX_REPORT_ROWS: usize = XLSX_MAX_ROWS - 1;

fn report_row(e: &RowError) -> Vec<String> {
    vec![e.line.to_string(), e.column.clone(), e.value.clone(), e.reason.clone()]
}

/// The row errors as an .xlsx (see [`write_xlsx`]), headers in the user's language; past Excel's
/// 1,048,575 rows the rest is left out.
pub fn error_report_xlsx(errors: &[RowError], headers: &[&str; 4]) -> Vec<u8> {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    match write_xlsx("Sheet1", &headers, errors.iter().take(MAX_REPORT_ROWS).map(report_row)) {
        Ok(bytes) => bytes,
        Err(e) => {
            // Not expected: every limit the writer has is respected above.
            tracing::error!(error = %e, "error report could not be written");
            Vec::new()
        }
    }
}

/// The row errors as CSV that Excel opens correctly: UTF-8 with BOM, CRLF, RFC 4180 quoting. Values that
/// Excel would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading `'`.
pub fn error_report_csv(errors: &[RowError], headers: &[&str; 4]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    push_csv_record(&mut out, headers.iter().copied());
    for e in errors {
        let row = report_row(e);
        push_csv_record(&mut out, row.iter().map(String::as_str));
    }
    out.into_bytes()
}

fn push_csv_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let defused = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{field}") } else { field.to_owned() };
        if defused.contains([',', '"', '\r', '\n']) || defused.starts_with(char::is_whitespace) || defused.ends_with(char::is_whitespace) {
            out.push('"');
            out.push_str(&defused.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&defused);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime as XwDate, Worksheet};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    /// An .xlsx built with rust_xlsxwriter; `fill` writes the first sheet.
    fn xlsx(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
        let mut book = Workbook::new();
        fill(book.add_worksheet());
        book.save_to_buffer().unwrap()
    }

    fn read_ok(bytes: &[u8]) -> Sheet {
        read(bytes, "roster.xlsx", Limits::default()).unwrap()
    }

    fn lines(sheet: &Sheet) -> Vec<usize> {
        sheet.rows.iter().map(|r| r.line).collect()
    }

    /// Deterministic bytes (xorshift), so failures reproduce.
    fn noise(len: usize, mut seed: u64) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// A zip of stored (uncompressed) files, written by hand to build odd archives.
    fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            let (crc, len, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
            out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            for v in [crc, len, len] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            for v in [crc, len, len] {
                central.extend_from_slice(&v.to_le_bytes());
            }
            central.extend_from_slice(&name_len.to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let (cd_offset, cd_len, count) = (out.len() as u32, central.len() as u32, files.len() as u16);
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&cd_len.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// A minimal .xlsx around raw sheet XML (`<sheetData>` content), for cells rust_xlsxwriter cannot write.
    fn raw_xlsx_with(sheet_data: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        let mut files: Vec<(&str, &[u8])> = vec![
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        files.extend_from_slice(more);
        stored_zip(&files)
    }

    fn raw_xlsx(sheet_data: &str) -> Vec<u8> {
        raw_xlsx_with(sheet_data, &[])
    }

    // ----- xlsx

    #[test]
    fn xlsx_header_row_with_merged_cells_is_refused() {
        let bytes = xlsx(|ws| {
            ws.merge_range(0, 0, 0, 2, "某村花名册", &Format::new()).unwrap();
            ws.write_string(1, 0, "姓名").unwrap();
            ws.write_string(2, 0, "张三").unwrap();
        });
        let err = read(&bytes, "a.xlsx", Limits::default()).unwrap_err();
        assert_eq!(err, SheetError::MergedHeader { cells: "A1:C1".into() });
        assert_eq!(err.args(), vec![("cells", "A1:C1".to_owned())]);
    }

    #[test]
    fn xlsx_merged_cells_below_the_header_are_allowed() {
        let bytes = xlsx(|ws| {
            ws.write_string(0, 0, "户号").unwrap();
            ws.write_string(0, 1, "姓名").unwrap();
            ws.merge_range(1, 0, 2, 0, "H1", &Format::new()).unwrap();
            ws.write_string(1, 1, "张三").unwrap();
            ws.write_string(2, 1, "李四").unwrap();
        });
        let sheet = read_ok(&bytes);
        assert_eq!(sheet.rows[0].cells, strings(&["H1", "张三"]));
        assert_eq!(sheet.rows[1].cells, strings(&["", "李四"]));
    }

    #[test]
    fn xlsx_formula_cell_is_refused_with_its_reference() {
        let bytes = xlsx(|ws| {
            for (c, h) in ["姓名", "年龄", "性别", "合计"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for r in 1..8 {
                ws.write_string(r, 0, "张三").unwrap();
            }
            ws.write_formula(6, 3, "=1+1").unwrap();
        });
        let err = read(&bytes, "a.xlsx", Limits::default()).unwrap_err();
        assert_eq!(err, SheetError::Formula { cell: "D7".into() });
        assert_eq!(err.key(), "error-sheet-formula");
        assert_eq!(err.args(), vec![("cell", "D7".to_owned())]);
    }

    #[test]
    fn xlsx_dates_become_iso_dates_whatever_their_format() {
        let bytes = xlsx(|ws| {
            ws.write_string(0, 0, "出生日期").unwrap();
            let date = XwDate::from_ymd(1990, 3, 5).unwrap();
            let formats = ["yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "yyyy/m/d", "m/d/yy h:mm"];
            for (i, f) in formats.iter().enumerate() {
                ws.write_datetime_with_format(i as u32 + 1, 0, &date, &Format::new().set_num_format(*f)).unwrap();
            }
            let with_time = XwDate::from_ymd(2024, 12, 31).unwrap().and_hms(23, 59, 0).unwrap();
            ws.write_datetime_with_format(5, 0, &with_time, &Format::new().set_num_format("yyyy-mm-dd hh:mm")).unwrap();
            ws.write_datetime_with_format(6, 0, XwDate::from_hms(8, 30, 0).unwrap(), &Format::new().set_num_format("hh:mm")).unwrap();
            ws.write_datetime_with_format(7, 0, XwDate::from_ymd(1900, 1, 1).unwrap(), &Format::new().set_num_format("yyyy-mm-dd"))
                .unwrap();
        });
        let values: Vec<String> = read_ok(&bytes).rows.into_iter().map(|r| r.cells[0].clone()).collect();
        assert_eq!(values, ["1990-03-05", "1990-03-05", "1990-03-05", "1990-03-05", "2024-12-31", "08:30:00", "1900-01-01"]);
    }

    #[test]
    fn xlsx_iso_date_cells_keep_the_date() {
        let sheet = read_ok(&raw_xlsx(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row><row r="2"><c r="A2" t="d"><v>2024-03-05T08:00:00</v></c></row>"#,
        ));
        assert_eq!(sheet.rows[0].cells, ["2024-03-05"]);
    }

    #[test]
    fn xlsx_numbers_read_as_excel_shows_them_never_in_scientific_notation() {
        let bytes = xlsx(|ws| {
            ws.write_string(0, 0, "值").unwrap();
            let numbers = [110101199001011234.0, 13800138000.0, 3.0, 0.1 + 0.2, -2.5, 1e20, 0.000001, -0.0, 123456789012345.0];
            for (i, n) in numbers.iter().enumerate() {
                ws.write_number(i as u32 + 1, 0, *n).unwrap();
            }
        });
        let values: Vec<String> = read_ok(&bytes).rows.into_iter().map(|r| r.cells[0].clone()).collect();
        // The 18-digit ID lost its last digits in the file (Excel keeps 15); what remains is returned.
        assert_eq!(
            values,
            ["110101199001011000", "13800138000", "3", "0.3", "-2.5", "100000000000000000000", "0.000001", "0", "123456789012345"]
        );
    }

    #[test]
    fn xlsx_booleans_and_text_cells() {
        let bytes = xlsx(|ws| {
            ws.write_string(0, 0, "流动党员").unwrap();
            ws.write_string(0, 1, "身份证号").unwrap();
            ws.write_boolean(1, 0, true).unwrap();
            ws.write_string(1, 1, "  11010119900101123X\u{3000}").unwrap();
            ws.write_boolean(2, 0, false).unwrap();
            ws.write_string(2, 1, "011").unwrap();
        });
        let sheet = read_ok(&bytes);
        assert_eq!(sheet.rows[0].cells, strings(&["TRUE", "11010119900101123X"]));
        assert_eq!(sheet.rows[1].cells, strings(&["FALSE", "011"]));
    }

    #[test]
    fn xlsx_error_values_are_refused_with_their_cell() {
        let bytes = raw_xlsx(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>电话</t></is></c></row><row r="2"><c r="B2" t="e"><v>#N/A</v></c></row>"#,
        );
        assert_eq!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::CellError { cell: "B2".into() }));
    }

    #[test]
    fn xlsx_empty_first_sheet_is_skipped_and_the_used_sheet_named() {
        let mut book = Workbook::new();
        book.add_worksheet().set_name("说明").unwrap();
        let ws = book.add_worksheet().set_name("花名册").unwrap();
        ws.write_string(0, 0, "姓名").unwrap();
        ws.write_string(1, 0, "张三").unwrap();
        let sheet = read_ok(&book.save_to_buffer().unwrap());
        assert_eq!(sheet.name, "花名册");
        assert_eq!(sheet.headers, ["姓名"]);
    }

    #[test]
    fn xlsx_hidden_sheets_come_after_visible_ones() {
        let mut book = Workbook::new();
        let lists = book.add_worksheet().set_name("lists").unwrap();
        lists.write_string(0, 0, "男").unwrap();
        lists.set_hidden(true);
        let ws = book.add_worksheet().set_name("data").unwrap();
        ws.write_string(0, 0, "姓名").unwrap();
        ws.set_active(true);
        assert_eq!(read_ok(&book.save_to_buffer().unwrap()).name, "data");
    }

    #[test]
    fn xlsx_with_no_values_is_empty() {
        let mut book = Workbook::new();
        book.add_worksheet();
        book.add_worksheet().write_string(3, 3, "   ").unwrap();
        assert_eq!(read(&book.save_to_buffer().unwrap(), "a.xlsx", Limits::default()), Err(SheetError::Empty));
    }

    #[test]
    fn xlsx_empty_rows_are_skipped_but_lines_stay_true() {
        let bytes = xlsx(|ws| {
            ws.write_string(1, 1, "姓名").unwrap();
            ws.write_string(2, 1, "张三").unwrap();
            ws.write_string(5, 1, "李四").unwrap();
            ws.write_string(6, 3, "").unwrap();
            ws.write_string(7, 2, "备注").unwrap();
        });
        let sheet = read_ok(&bytes);
        assert_eq!(sheet.headers, ["", "姓名"]);
        assert_eq!(lines(&sheet), [3, 6, 8]);
        assert_eq!(sheet.rows[2].cells, strings(&["", "", "备注"]));
    }

    #[test]
    fn headers_lose_markers_spaces_and_line_breaks() {
        let bytes = xlsx(|ws| {
            for (c, h) in ["姓名*", " *身份证号 ", "联系\n电话（必填）", "民　族", "住址(选填)", ""].iter().enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "张三").unwrap();
        });
        assert_eq!(read_ok(&bytes).headers, ["姓名", "身份证号", "联系电话", "民族", "住址"]);
    }

    #[test]
    fn write_xlsx_round_trips_every_value_as_text() {
        let headers = strings(&["姓名", "公民身份号码", "电话", "备注"]);
        let rows = vec![
            strings(&["张三", "110101199001011234", "013800138000", "多行\n备注"]),
            strings(&["李四", "11010119900101123X", "", ""]),
            strings(&["", "", "", "only, the \"last\""]),
            strings(&["王五", "0012", "1.50", "1e5", "额外"]),
        ];
        let bytes = write_xlsx("花名册", &headers, rows.clone()).unwrap();
        let sheet = read_ok(&bytes);
        assert_eq!(sheet.name, "花名册");
        assert_eq!(sheet.headers, headers);
        assert_eq!(lines(&sheet), [2, 3, 4, 5]);
        assert_eq!(sheet.rows[0].cells, rows[0]);
        assert_eq!(sheet.rows[1].cells, strings(&["李四", "11010119900101123X"]));
        assert_eq!(sheet.rows[2].cells, rows[2]);
        assert_eq!(sheet.rows[3].cells, rows[3]);
    }

    #[test]
    fn write_xlsx_handles_odd_sheet_names_and_empty_input() {
        for name in ["", "a/b:c*d?[e]", "'quoted'", "History", "一个非常非常非常非常非常非常非常非常长的工作表名称超过三十一个字符"]
        {
            let bytes = write_xlsx(name, &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
            let sheet = read_ok(&bytes);
            assert!(!sheet.name.is_empty() && sheet.name.chars().count() <= 31, "{name} -> {}", sheet.name);
        }
        let bytes = write_xlsx("x", &[], Vec::<Vec<String>>::new()).unwrap();
        assert_eq!(read(&bytes, "x.xlsx", Limits::default()), Err(SheetError::Empty));
    }

    #[test]
    fn write_xlsx_cuts_cells_longer_than_excel_allows() {
        let long = "长".repeat(40_000);
        let bytes = write_xlsx("x", &strings(&["备注"]), [vec![long]]).unwrap();
        assert_eq!(read_ok(&bytes).rows[0].cells[0].chars().count(), XLSX_MAX_CELL);
    }

    #[test]
    fn column_widths_count_cjk_double_and_are_capped() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("张三"), 4);
        assert_eq!(display_width("ab\n张三李四"), 8);
        assert_eq!((display_width(&"长".repeat(100)) + 2).clamp(6, MAX_COLUMN_WIDTH), 50);
    }

    // ----- CSV

    #[test]
    fn csv_utf8_with_bom() {
        let bytes = "\u{FEFF}姓名,身份证号\r\n张三,11010119900101123X\r\n".as_bytes();
        let sheet = read(bytes, "roster.csv", Limits::default()).unwrap();
        assert_eq!(sheet.name, "roster");
        assert_eq!(sheet.headers, ["姓名", "身份证号"]);
        assert_eq!(sheet.rows, [SheetRow { line: 2, cells: strings(&["张三", "11010119900101123X"]) }]);
    }

    #[test]
    fn csv_gb18030_as_excel_saves_it_in_china() {
        let text = "姓名,民族,住址\r\n张三,汉族,北京市东城区\r\n䶮𠀀,维吾尔族,\r\n";
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let sheet = read(&bytes, r"C:\Users\a\名单.csv", Limits::default()).unwrap();
        assert_eq!(sheet.name, "名单");
        assert_eq!(sheet.headers, ["姓名", "民族", "住址"]);
        assert_eq!(sheet.rows[0].cells, strings(&["张三", "汉族", "北京市东城区"]));
        assert_eq!(sheet.rows[1].cells, strings(&["䶮𠀀", "维吾尔族"]));
    }

    #[test]
    fn csv_utf8_cut_short_or_slightly_broken_is_still_utf8() {
        let text = "姓名,住址\n张三,北京市东城区东华门街道\n李四,上海市黄浦区南京东路街道\n王五,广州市越秀区北京街道\n";
        let cut = &text.as_bytes()[..text.len() - 2];
        let sheet = read(cut, "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["姓名", "住址"]);
        assert_eq!(sheet.rows[2].cells, strings(&["王五", "广州市越秀区北京街"]));
        // One broken byte among many characters stays UTF-8 (and is then judged by the share of broken ones).
        let mut bytes = text.repeat(20).into_bytes();
        bytes[40] = 0xFF;
        assert_eq!(read(&bytes, "a.csv", Limits::default()).unwrap().headers, ["姓名", "住址"]);
        // The same text in GBK is not mistaken for UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(read(&gbk, "a.csv", Limits::default()).unwrap().rows[0].cells, strings(&["张三", "北京市东城区东华门街道"]));
    }

    #[test]
    fn csv_utf16_unicode_text_from_excel() {
        let text = "姓名\t电话\r\n张三\t13800138000\r\n";
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let sheet = read(&bytes, "a.txt", Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["姓名", "电话"]);
        assert_eq!(sheet.rows[0].cells, strings(&["张三", "13800138000"]));
    }

    #[test]
    fn csv_quotes_commas_and_line_breaks() {
        let text = "姓名,住址,备注\n\"张三\",\"北京市,东城区\",\"他说\"\"好\"\"\"\n李四,\"第一行\r\n第二行\",x\n\n王五,,\"\"\n";
        let sheet = read(text.as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.rows[0].cells, strings(&["张三", "北京市,东城区", "他说\"好\""]));
        assert_eq!(sheet.rows[1].cells, strings(&["李四", "第一行\r\n第二行", "x"]));
        assert_eq!(sheet.rows[2].cells, strings(&["王五"]));
        // Lines are rows as Excel shows them: the quoted line break does not start a row; the empty line does.
        assert_eq!(lines(&sheet), [2, 3, 5]);
    }

    #[test]
    fn csv_lenient_quotes_and_excel_text_wrappers() {
        let text = "a,b,c\n\"x\"y,=\"0012\",\"=\"\"0345\"\"\"\n\"unterminated,1\n2";
        let sheet = read(text.as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.rows[0].cells, strings(&["xy", "0012", "0345"]));
        assert_eq!(sheet.rows[1].cells, strings(&["unterminated,1\n2"]));
    }

    #[test]
    fn csv_tab_separated_when_the_header_has_tabs_and_no_commas() {
        let sheet = read("\n姓名\t住址\n张三\t北京市,东城区\n".as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["姓名", "住址"]);
        assert_eq!(sheet.rows, [SheetRow { line: 3, cells: strings(&["张三", "北京市,东城区"]) }]);
        let comma = read("姓名,住址\t2\n张三,x\ty".as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(comma.headers, ["姓名", "住址\t2"]);
    }

    #[test]
    fn csv_without_final_line_break_and_with_trailing_columns() {
        let sheet = read("姓名,,,\n张三,,,".as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["姓名"]);
        assert_eq!(sheet.rows[0].cells, ["张三"]);
    }

    #[test]
    fn blank_files_are_empty() {
        for bytes in [&b""[..], b"  \r\n ", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF,,,\r\n,\r\n"] {
            assert_eq!(read(bytes, "a.csv", Limits::default()), Err(SheetError::Empty), "{bytes:?}");
        }
    }

    #[test]
    fn random_bytes_are_not_a_spreadsheet() {
        let bytes = noise(10 * 1024 * 1024, 0x9E37_79B9_7F4A_7C15);
        assert_eq!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::NotASpreadsheet));
        // Without NUL bytes, the undecodable and control characters give it away.
        let no_nul: Vec<u8> = noise(100_000, 7).into_iter().map(|b| b.max(1)).collect();
        assert_eq!(read(&no_nul, "a.csv", Limits::default()), Err(SheetError::NotASpreadsheet));
        assert_eq!(read(b"%PDF-1.4 text only", "a.csv", Limits::default()), Err(SheetError::NotASpreadsheet));
    }

    #[test]
    fn web_pages_saved_as_xls_are_explained() {
        let err = read(b"\xEF\xBB\xBF<html><table><tr><td>1</td></tr></table></html>", "a.xls", Limits::default()).unwrap_err();
        assert!(matches!(err, SheetError::Unreadable(ref r) if r.contains("web page")), "{err:?}");
    }

    #[test]
    fn legacy_xls_and_encrypted_workbooks_are_refused_with_a_reason() {
        let mut xls = OLE_MAGIC.to_vec();
        xls.extend(noise(4096, 3));
        assert!(matches!(read(&xls, "a.xls", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains(".xls")));
        xls.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(read(&xls, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains("password")));
    }

    // ----- broken and hostile zips

    #[test]
    fn zip_that_is_not_a_workbook() {
        let zip = stored_zip(&[("hello.txt", b"hello")]);
        assert_eq!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::NotASpreadsheet));
        let ods = stored_zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
        assert!(matches!(read(&ods, "a.ods", Limits::default()), Err(SheetError::Unreadable(_))));
        let fake = stored_zip(&[("xl/workbook.xml", b"not xml at all")]);
        assert!(matches!(read(&fake, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
    }

    #[test]
    fn damaged_xlsx_is_unreadable_without_panicking() {
        let good = write_xlsx("x", &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
        for cut in [4, 100, good.len() / 2, good.len() - 10] {
            assert!(matches!(read(&good[..cut], "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))), "cut at {cut}");
        }
        let mut junk = b"PK\x03\x04".to_vec();
        junk.extend(noise(10_000, 11));
        assert!(matches!(read(&junk, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
        // Flipped bytes anywhere: any error is fine, a panic is not.
        let raw = raw_xlsx(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>"#);
        for (i, flip) in noise(400, 5).chunks(2).enumerate() {
            let mut bytes = raw.clone();
            let at = (usize::from(flip[0]) * 256 + usize::from(flip[1]) + i * 7) % bytes.len();
            bytes[at] ^= flip[1] | 1;
            let _ = read(&bytes, "a.xlsx", Limits::default());
        }
    }

    #[test]
    fn zip_declaring_a_huge_unpacked_size_is_too_large() {
        let mut zip = raw_xlsx(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>"#);
        let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        zip[central + 24..central + 28].copy_from_slice(&u32::MAX.to_le_bytes());
        // A saturated size without its zip64 field is a damaged directory.
        assert!(matches!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
        zip[central + 24..central + 28].copy_from_slice(&(400 * 1024 * 1024u32).to_le_bytes());
        assert_eq!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::TooLarge { max_bytes: 20 * 1024 * 1024 }));
    }

    #[test]
    fn inflate_reproduces_every_entry_of_a_real_workbook() {
        let rows: Vec<Vec<String>> = (0..3000)
            .map(|i| vec![format!("姓名{i}"), format!("{:018}", i * 7919), format!("备注 {}", "天地玄黄".repeat(i % 7))])
            .collect();
        let bytes = write_xlsx("x", &strings(&["姓名", "身份证号", "备注"]), rows).unwrap();
        let entries = zip_entries(&bytes).unwrap();
        assert!(entries.iter().any(|e| e.method == 8));
        // Checksums from the central directory (local headers may defer them to a data descriptor).
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        let mut at = central;
        for entry in &entries {
            let data = zip_entry_prefix(&bytes, entry, usize::MAX).unwrap();
            assert_eq!(data.len() as u64, entry.size, "{}", entry.name);
            assert_eq!(crc32(&data), le32(&bytes, at + 16).unwrap(), "{}", entry.name);
            let lens: usize = [28, 30, 32].iter().map(|o| usize::from(le16(&bytes, at + o).unwrap())).sum();
            at += 46 + lens;
        }
        let strings_entry = entries.iter().find(|e| e.name == "xl/sharedStrings.xml").unwrap();
        let head = zip_entry_prefix(&bytes, strings_entry, SST_PEEK).unwrap();
        assert_eq!(sst_unique_count(&String::from_utf8_lossy(&head)), Some(3 + 3000 + 3000 + 7));
    }

    #[test]
    fn inflate_survives_garbage() {
        for seed in 1..300 {
            let _ = inflate_prefix(&noise(2000, seed), 1 << 20);
        }
        let bytes = write_xlsx("x", &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
        let entries = zip_entries(&bytes).unwrap();
        let sheet = entries.iter().find(|e| e.name.ends_with("sheet1.xml")).unwrap();
        for seed in 1..300 {
            let mut broken = bytes.clone();
            let r = noise(2, seed);
            let at = sheet.offset as usize + 60 + usize::from(r[0]) % 200;
            broken[at] ^= r[1] | 1;
            let _ = zip_entry_prefix(&broken, sheet, 1 << 20);
        }
    }

    #[test]
    fn shared_strings_declaring_billions_of_strings_are_refused_before_parsing() {
        let bomb = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="100000000000"><si><t>x</t></si></sst>"#;
        let bytes = raw_xlsx_with(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[("xl/sharedStrings.xml", bomb)]);
        assert!(matches!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains("shared strings")));
        let fine = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>姓名</t></si></sst>"#;
        let bytes = raw_xlsx_with(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[("xl/sharedStrings.xml", fine.as_bytes())]);
        assert_eq!(read_ok(&bytes).headers, ["姓名"]);
    }

    #[test]
    fn shared_strings_count_is_read_strictly() {
        assert_eq!(sst_unique_count(r#"<sst count="5" uniqueCount="3">"#), Some(3));
        assert_eq!(
            sst_unique_count("\u{FEFF}<?xml version='1.0'?>\n<!-- uniqueCount=\"1\" --><x:sst x:uniqueCount = '42' a=\">\"/>"),
            Some(42)
        );
        assert_eq!(sst_unique_count(r#"<sst fooUniqueCount="1" uniqueCount="99999999999999999999999">"#), Some(u64::MAX));
        assert_eq!(sst_unique_count(r#"<sst xmlns="x"><si/></sst>"#), Some(0));
        assert_eq!(sst_unique_count(r#"<other/><sst uniqueCount="9">"#), None);
        assert_eq!(sst_unique_count(r#"<!DOCTYPE sst><sst uniqueCount="9">"#), None);
        assert_eq!(sst_unique_count(r#"<sst uniqueCount="9""#), None);
    }

    #[test]
    fn dates_outside_excel_range_stay_numbers() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        assert_eq!(datetime_text(&ExcelDateTime::new(-1e300, ExcelDateTimeType::DateTime, false)).len(), 302);
        assert_eq!(datetime_text(&ExcelDateTime::new(3e6, ExcelDateTimeType::DateTime, true)), "3000000");
        assert_eq!(datetime_text(&ExcelDateTime::new(2_958_465.0, ExcelDateTimeType::DateTime, false)), "9999-12-31");
        assert_eq!(datetime_text(&ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)), "1.5");
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 3), "D7");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
    }

    // ----- limits

    #[test]
    fn limits_on_bytes_rows_and_columns() {
        let small = Limits { max_bytes: 10, ..Limits::default() };
        assert_eq!(read(b"name\nalice\n", "a.csv", small), Err(SheetError::TooLarge { max_bytes: 10 }));

        let three_rows = Limits { max_rows: 3, ..Limits::default() };
        let csv = "姓名\n1\n\n2\n3\n";
        assert_eq!(read(csv.as_bytes(), "a.csv", three_rows).unwrap().rows.len(), 3);
        let csv = "姓名\n1\n2\n3\n4\n";
        assert_eq!(read(csv.as_bytes(), "a.csv", three_rows), Err(SheetError::TooManyRows { max: 3 }));
        let rows: Vec<Vec<String>> = (0..4).map(|i| vec![i.to_string()]).collect();
        let bytes = write_xlsx("x", &strings(&["姓名"]), rows).unwrap();
        assert_eq!(read(&bytes, "a.xlsx", three_rows), Err(SheetError::TooManyRows { max: 3 }));

        let two_cols = Limits { max_columns: 2, ..Limits::default() };
        assert_eq!(read("a,b,,,,\n1,2,,,\n".as_bytes(), "a.csv", two_cols).unwrap().headers, ["a", "b"]);
        assert_eq!(read("a,b\n1,2,3\n".as_bytes(), "a.csv", two_cols), Err(SheetError::TooManyColumns { max: 2 }));
        let bytes = write_xlsx("x", &strings(&["a", "b"]), [strings(&["1", "2", "3"])]).unwrap();
        assert_eq!(read(&bytes, "a.xlsx", two_cols), Err(SheetError::TooManyColumns { max: 2 }));
        assert_eq!(SheetError::TooManyRows { max: 200_000 }.args(), vec![("max", "200000".to_owned())]);
    }

    #[test]
    fn a_line_of_commas_costs_nothing() {
        let mut csv = "姓名\n张三".to_owned();
        csv.push_str(&",".repeat(5_000_000));
        let sheet = read(csv.as_bytes(), "a.csv", Limits::default()).unwrap();
        assert_eq!(sheet.rows[0].cells, ["张三"]);
    }

    // ----- columns

    const COLS: &[Column] = &[
        Column { key: "name", headers: &["姓名", "name"], required: true },
        Column { key: "id_number", headers: &["身份证号", "公民身份号码", "身份证号码", "id_number"], required: false },
        Column { key: "area_code", headers: &["区划代码", "村（组）代码"], required: true },
    ];

    #[test]
    fn map_columns_finds_columns_by_any_name() {
        let headers = strings(&["序号", "NAME", "公民身份号码", "村(组)代码 ", "备注"]);
        let map = map_columns(&headers, COLS).unwrap();
        let row = SheetRow { line: 2, cells: strings(&["1", "张三", "11010119900101123X"]) };
        assert_eq!(map.get(&row, "name"), "张三");
        assert_eq!(map.get(&row, "id_number"), "11010119900101123X");
        assert_eq!(map.get(&row, "area_code"), "");
        assert_eq!(map.get(&row, "unknown"), "");
        assert!(map.has("area_code") && !map.has("unknown"));
        assert_eq!(map.header("id_number"), Some("公民身份号码"));
        assert_eq!(map.index("area_code"), Some(3));
        assert!(map_columns(&strings(&["姓 名*", "区划代码（必填）"]), COLS).is_ok());
    }

    #[test]
    fn map_columns_reports_missing_and_duplicate_columns() {
        let err = map_columns(&strings(&["身份证号", "备注"]), COLS).unwrap_err();
        assert_eq!(err, SheetError::MissingColumns(strings(&["姓名", "区划代码"])));
        assert_eq!(err.key(), "error-sheet-missing-columns");
        assert_eq!(err.args(), vec![("columns", "姓名、区划代码".to_owned())]);

        let twice = map_columns(&strings(&["姓名", "区划代码", "姓名"]), COLS).unwrap_err();
        assert_eq!(twice, SheetError::DuplicateColumn("姓名".into()));
        let aliases = map_columns(&strings(&["姓名", "区划代码", "身份证号", "公民身份号码"]), COLS).unwrap_err();
        assert_eq!(aliases, SheetError::DuplicateColumn("身份证号、公民身份号码".into()));
        // Unknown columns may repeat.
        assert!(map_columns(&strings(&["姓名", "区划代码", "备注", "备注", "", ""]), COLS).is_ok());
    }

    // ----- error reports

    fn sample_errors() -> Vec<RowError> {
        vec![
            RowError { line: 3, column: "身份证号".into(), value: "110101********123X".into(), reason: "校验位不符".into() },
            RowError { line: 7, column: "住址".into(), value: "北京市,\"东城\"\n区".into(), reason: "过长".into() },
            RowError { line: 9, column: "备注".into(), value: "=HYPERLINK(\"x\")".into(), reason: "r".into() },
        ]
    }

    #[test]
    fn error_report_csv_is_excel_friendly_and_parses_back() {
        let bytes = error_report_csv(&sample_errors(), &["行号", "列", "值", "原因"]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF\xE8\xA1\x8C"));
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.contains("\r\n7,住址,\"北京市,\"\"东城\"\"\n区\",过长\r\n"));
        let sheet = read(&bytes, "errors.csv", Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["行号", "列", "值", "原因"]);
        assert_eq!(sheet.rows[0].cells, strings(&["3", "身份证号", "110101********123X", "校验位不符"]));
        assert_eq!(sheet.rows[1].cells, strings(&["7", "住址", "北京市,\"东城\"\n区", "过长"]));
        assert_eq!(sheet.rows[2].cells[2], "'=HYPERLINK(\"x\")");
    }

    #[test]
    fn error_report_xlsx_parses_back() {
        let bytes = error_report_xlsx(&sample_errors(), &["行号", "列", "值", "原因"]);
        let sheet = read_ok(&bytes);
        assert_eq!(sheet.headers, ["行号", "列", "值", "原因"]);
        let expected: Vec<Vec<String>> = sample_errors().iter().map(report_row).collect();
        assert_eq!(sheet.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(), expected);
        assert!(!error_report_xlsx(&[], &["行号", "列", "值", "原因"]).is_empty());
    }

    #[test]
    fn every_error_has_a_key() {
        let all = [
            SheetError::Empty,
            SheetError::NotASpreadsheet,
            SheetError::TooLarge { max_bytes: 20 * 1024 * 1024 },
            SheetError::TooManyRows { max: 1 },
            SheetError::TooManyColumns { max: 1 },
            SheetError::MergedHeader { cells: "A1:C1".into() },
            SheetError::Formula { cell: "D7".into() },
            SheetError::CellError { cell: "B2".into() },
            SheetError::MissingColumns(vec!["姓名".into()]),
            SheetError::DuplicateColumn("姓名".into()),
            SheetError::Unreadable("x".into()),
        ];
        let keys: std::collections::BTreeSet<&str> = all.iter().map(SheetError::key).collect();
        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|k| k.starts_with("error-sheet-")));
        assert_eq!(all[2].args(), vec![("max", "20 MB".to_owned()), ("max_bytes", "20971520".to_owned())]);
    }
}

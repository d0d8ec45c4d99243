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
    let (mut archive, entries) = zip_entries(bytes).ok_or_else(|| SheetError::Unreadable("the zip structure is damaged".into()))?;
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
    check_shared_strings(&mut archive, &entries)?;
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

/// Upper bound on entries; a workbook has a few dozen.
const MAX_ZIP_ENTRIES: usize = 10_000;

/// An entry of the central directory: its name and declared uncompressed size.
struct ZipEntry {
    name: String,
    size: u64,
    index: usize,
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The archive and its central directory (zip64 included); `None` when the directory is damaged.
fn zip_entries(bytes: &[u8]) -> Option<(Archive<'_>, Vec<ZipEntry>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return None;
    }
    let mut entries = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let file = archive.by_index_raw(index).ok()?;
        // The 32-bit size saturated is the zip64 marker; still there, its zip64 field was missing.
        if file.size() == u64::from(u32::MAX) {
            return None;
        }
        entries.push(ZipEntry { name: String::from_utf8_lossy(file.name_raw()).into_owned(), size: file.size(), index });
    }
    Some((archive, entries))
}

/// The first `limit` bytes of an entry, uncompressed (stored or deflated entries only).
fn zip_entry_prefix(archive: &mut Archive<'_>, entry: &ZipEntry, limit: usize) -> Option<Vec<u8>> {
    let file = archive.by_index(entry.index).ok()?;
    let mut out = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX)).read_to_end(&mut out).ok()?;
    Some(out)
}

/// How much of the shared strings table is read to find its declared count.
const SST_PEEK: usize = 64 * 1024;

/// The zip reader reserves memory for the string count a workbook declares before reading any string, so a
/// tiny file declaring billions of strings would abort the whole process. A string takes at least 5 bytes
/// (`<si/>`), so a count above a fifth of the table's size is a lie.
fn check_shared_strings(archive: &mut Archive<'_>, entries: &[ZipEntry]) -> Result<(), SheetError> {
    let damaged = || SheetError::Unreadable("the shared strings table is damaged".into());
    for entry in entries.iter().filter(|e| e.name.to_ascii_lowercase().ends_with("sharedstrings.xml")) {
        let head = zip_entry_prefix(archive, entry, SST_PEEK).ok_or_else(damaged)?;
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
mod tests;

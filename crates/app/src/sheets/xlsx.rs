//! Reading .xlsx workbooks through calamine, after checking their zip directory for what would
//! take the server down: zip bombs and shared-string tables that declare billions of strings.

use super::*;

pub(super) fn read_xlsx(bytes: &[u8], limits: Limits) -> Result<Sheet, SheetError> {
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

pub(super) fn unreadable(e: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable(e.to_string())
}

/// Non-empty cells of a worksheet by row: `row -> [(column, text)]`, both 0-based.
pub(super) type Grid = BTreeMap<u32, Vec<(u32, String)>>;

pub(super) fn read_workbook(bytes: &[u8], limits: Limits) -> Result<Sheet, SheetError> {
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
pub(super) fn scan_worksheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str, limits: Limits) -> Result<Grid, SheetError> {
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
pub(super) fn row_from_cells(cells: Vec<(u32, String)>) -> Vec<String> {
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
pub(super) fn cell_text(value: &DataRef<'_>) -> Option<String> {
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
pub(super) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    // `Display` for f64 writes all digits, without an exponent.
    let text = rounded.to_string();
    if text == "-0" { "0".to_owned() } else { text }
}

pub(super) fn datetime_text(dt: &calamine::ExcelDateTime) -> String {
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
pub(super) fn iso_date_text(s: &str) -> String {
    let s = clean(s);
    let is_date =
        |d: &[u8]| d.len() == 10 && d.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    match s.get(..10) {
        Some(date) if is_date(date.as_bytes()) => date.to_owned(),
        _ => s.to_owned(),
    }
}

pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Trims spaces of every kind (full-width, no-break) and the zero-width characters copied in from web pages.
pub(super) fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// `A1`-style reference of a 0-based cell.
pub(super) fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

pub(super) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

pub(super) fn range_ref(d: &Dimensions) -> String {
    let start = cell_ref(d.start.0, d.start.1);
    if d.start == d.end { start } else { format!("{start}:{}", cell_ref(d.end.0, d.end.1)) }
}

/// Header row and data rows from the non-empty rows of a table, in order, with their 1-based line numbers.
pub(super) fn sheet_from_rows(name: String, rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Sheet {
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
pub(super) const MAX_ZIP_ENTRIES: usize = 10_000;

/// An entry of the central directory: its name and declared uncompressed size.
pub(super) struct ZipEntry {
    pub(super) name: String,
    pub(super) size: u64,
    index: usize,
}

pub(super) type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The archive and its central directory (zip64 included); `None` when the directory is damaged.
pub(super) fn zip_entries(bytes: &[u8]) -> Option<(Archive<'_>, Vec<ZipEntry>)> {
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
pub(super) fn zip_entry_prefix(archive: &mut Archive<'_>, entry: &ZipEntry, limit: usize) -> Option<Vec<u8>> {
    let file = archive.by_index(entry.index).ok()?;
    let mut out = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX)).read_to_end(&mut out).ok()?;
    Some(out)
}

/// How much of the shared strings table is read to find its declared count.
pub(super) const SST_PEEK: usize = 64 * 1024;

/// The zip reader reserves memory for the string count a workbook declares before reading any string, so a
/// tiny file declaring billions of strings would abort the whole process. A string takes at least 5 bytes
/// (`<si/>`), so a count above a fifth of the table's size is a lie.
pub(super) fn check_shared_strings(archive: &mut Archive<'_>, entries: &[ZipEntry]) -> Result<(), SheetError> {
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
pub(super) fn sst_unique_count(xml: &str) -> Option<u64> {
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

//! Writing .xlsx and CSV with every cell as text, and the row-by-row error reports of an import.

use super::*;

/// Excel's limits: rows per sheet (header included), columns, UTF-16 units per cell, sheet name length.
pub(super) const XLSX_MAX_ROWS: usize = 1_048_576;
pub(super) const XLSX_MAX_COLUMNS: usize = 16_384;
pub(super) const XLSX_MAX_CELL: usize = 32_767;
pub(super) const XLSX_MAX_SHEET_NAME: usize = 31;
pub(super) const MAX_COLUMN_WIDTH: usize = 50;

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
pub(super) fn safe_sheet_name(name: &str) -> String {
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
pub(super) fn excel_text(value: &str) -> &str {
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
pub(super) fn display_width(value: &str) -> usize {
    value.lines().map(|l| l.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()).max().unwrap_or(0)
}

pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Rows at most in an error report (Excel's limit below the header).
pub(super) const MAX_REPORT_ROWS: usize = XLSX_MAX_ROWS - 1;

pub(super) fn report_row(e: &RowError) -> Vec<String> {
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

pub(super) fn push_csv_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
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

//! Reading CSV text as Excel and other systems save it: GB18030, UTF-8, UTF-16, RFC 4180 quoting.

use super::*;

pub(super) fn read_csv(bytes: &[u8], name: &str, limits: Limits) -> Result<Sheet, SheetError> {
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
pub(super) fn decode_text(bytes: &[u8]) -> Result<String, SheetError> {
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
pub(super) fn as_utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
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

pub(super) fn looks_like_markup(text: &str) -> bool {
    let start: String = clean(text).chars().take(16).flat_map(char::to_lowercase).collect();
    ["<html", "<!doctype", "<?xml", "<table", "<head", "<body"].iter().any(|m| start.starts_with(m))
}

/// Non-empty records of CSV text, each with its 1-based record number (the row Excel shows). RFC 4180:
/// a field starting with `"` runs to the next lone `"`, and `""` inside it is one quote; line breaks inside
/// quotes belong to the field. Like Excel it is lenient: text after a closing quote is kept, and an
/// unterminated quote runs to the end of the file.
pub(super) fn parse_csv(text: &str, delimiter: char, limits: Limits) -> Result<Vec<(usize, Vec<String>)>, SheetError> {
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
pub(super) fn push_field(record: &mut Vec<String>, column: &mut usize, field: &mut String, limits: Limits) -> Result<(), SheetError> {
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

pub(super) fn push_record(
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
pub(super) fn csv_value(raw: &str) -> String {
    let value = clean(raw);
    match value.strip_prefix("=\"").and_then(|v| v.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => clean(inner).to_owned(),
        _ => value.to_owned(),
    }
}
